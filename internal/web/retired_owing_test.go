package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// A unit that has not sent but stopped working before the round went out
// is not chased; the round page says so, by name, instead of leaving the
// button's count one short of the cards' "chưa gửi" without a word.
func TestRoundSaysRetiredUnitsAreNotChased(t *testing.T) {
	t.Parallel()
	base, st := demoStore(t)
	ctx := context.Background()
	live := liveRoundID(t, st)
	owing, err := st.Outstanding(ctx, live)
	if err != nil || len(owing) == 0 {
		t.Fatalf("the demo's live round owes nothing: %v", err)
	}
	gone := owing[len(owing)-1].Unit
	d := time.Now().In(tiendo.Zone).AddDate(0, 0, -60)
	if err := st.RetireUnit(ctx, store.Actor{}, gone.ID, time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, tiendo.Zone), "Sáp nhập"); err != nil {
		t.Fatal(err)
	}
	get, _ := officeSession(t, base)
	page := get(fmt.Sprintf("/rounds/%d", live))
	want := fmt.Sprintf("1 đơn vị chưa gửi đã ngừng hoạt động nên không được đôn đốc: %s (từ %s).", gone.Name, d.Format("02/01/2006"))
	if !strings.Contains(page, want) {
		t.Errorf("the round page does not say %q:\n%s", want, grep(page, "đôn đốc"))
	}
}
