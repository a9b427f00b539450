package web_test

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// A round made from an old directive whose deadline was moved but whose
// period was not is stopped before it goes out: the confirmation names the
// period and the deadline. A period that ends before its deadline, as every
// round's does, goes out at once.
func TestPublishAsksAboutAPeriodLongPast(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("vanphong")
	deadline := time.Now().Add(72 * time.Hour)
	draft := func(p tiendo.Period) int64 {
		r := &tiendo.Round{Title: "Báo cáo nhiệm vụ trọng tâm", Deadline: deadline, Period: p, UnitIDs: []int64{x.a.ID},
			Tasks: []*tiendo.Task{{Label: "1", Text: "Cải cách hành chính", Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}}}}}
		if err := x.st.CreateRound(context.Background(), store.Actor{}, r); err != nil {
			t.Fatal(err)
		}
		return r.ID
	}
	old := draft(tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: 2022, Index: 1})
	resp := x.post(c, fmt.Sprintf("/rounds/%d/publish", old), url.Values{})
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	page := html.UnescapeString(string(b))
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, "Kỳ báo cáo đã qua từ lâu") ||
		!strings.Contains(page, "Kỳ báo cáo là 06 tháng đầu năm 2022 (số liệu đến hết ngày 14/06/2022) nhưng hạn gửi là "+tiendo.DeadlineText(deadline)) {
		t.Fatalf("publishing a round of 2022's first half due %s: %d, want the confirmation naming the period:\n%s", deadline.Format("02/01/2006"), resp.StatusCode, grep(page, "Kỳ báo cáo"))
	}
	// Opened again (back and forward), the confirmation's address shows it
	// again, and publishes nothing.
	if code, again := x.get(c, fmt.Sprintf("/rounds/%d/publish", old)); code != http.StatusOK || !strings.Contains(html.UnescapeString(again), "Kỳ báo cáo đã qua từ lâu") {
		t.Errorf("GET the confirmation's address: %d, want the confirmation again", code)
	}
	if r, _ := x.st.Round(context.Background(), &tiendo.User{Role: tiendo.RoleOffice}, old); r.Status != tiendo.RoundDraft {
		t.Errorf("opening the confirmation published the round: %s", r.Status)
	}
	resp = x.post(c, fmt.Sprintf("/rounds/%d/publish", old), url.Values{"confirm": {"yes"}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("publishing anyway: %d, want 303", resp.StatusCode)
	}

	if code, _ := x.get(c, fmt.Sprintf("/rounds/%d/publish", old)); code != http.StatusSeeOther {
		t.Errorf("GET the confirmation of a round since published: %d, want 303 to its page", code)
	}

	now := time.Now().In(tiendo.Zone)
	current := draft(tiendo.Period{Kind: tiendo.PeriodYear, Year: now.Year()})
	resp = x.post(c, fmt.Sprintf("/rounds/%d/publish", current), url.Values{})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("publishing a round of this year: %d, want 303 with no question", resp.StatusCode)
	}
}
