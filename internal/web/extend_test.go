package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// The office opens the extension form from an open round's page, types a
// later day and a reason, and is sent back to the round, which says it was
// extended and shows the deadline it was published with. The time of day of
// the deadline is kept. Whoever may not manage rounds sees no link, and a
// draft offers none.
func TestRoundExtend(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	path := fmt.Sprintf("/rounds/%d", x.round.ID)
	c := x.login("vanphong")

	code, body := x.get(c, path)
	if code != 200 || !strings.Contains(body, `href="`+path+`/extend"`) || !strings.Contains(body, ">Gia hạn</a>") || strings.Contains(body, "đã gia hạn") {
		t.Errorf("open round's page for the office: %d, want a link “Gia hạn” to %s/extend and no extension yet", code, path)
	}
	for _, who := range []string{"lanhdao", "pnv"} {
		if _, body := x.get(x.login(who), path); strings.Contains(body, path+"/extend") {
			t.Errorf("the round page offers the extension to %s, who may not manage rounds", who)
		}
	}
	if _, body := x.get(c, fmt.Sprintf("/rounds/%d", x.draft.ID)); strings.Contains(body, "/extend\"") {
		t.Error("a draft's page offers the extension")
	}

	old := x.round.Deadline.In(tiendo.Zone)
	// The test round is due at a time of day (now + 72 h), which the page
	// writes: "trước 14:05 ngày 08/12/2026".
	before := func(t time.Time) string {
		if t.Hour() == 0 && t.Minute() == 0 {
			return "trước ngày " + t.Format("02/01/2006")
		}
		return "trước " + t.Format("15:04") + " ngày " + t.Format("02/01/2006")
	}
	code, body = x.get(c, path+"/extend")
	for _, want := range []string{`action="` + path + `/extend"`, "hạn hiện tại: " + before(old), `name="deadline"`,
		`placeholder="dd/mm/yyyy"`, `name="reason"`, "giữ nguyên đánh giá đúng hạn hoặc quá hạn"} {
		if code != 200 || !strings.Contains(body, want) {
			t.Errorf("extension form: %d, missing %q", code, want)
		}
	}

	day := old.AddDate(0, 0, 7)
	typed := day.Format("02/01/2006")
	// The press asks first; the confirmation's button extends.
	code, _, page := read(x.post(c, path+"/extend", url.Values{"deadline": {typed}, "reason": {"Chờ số liệu quyết toán của Kho bạc"}}))
	if code != http.StatusOK || !strings.Contains(page, `id="extend-confirm"`) {
		t.Fatalf("pressing “Gia hạn cho cả đợt”: %d, want the confirmation", code)
	}
	resp := x.post(c, path+"/extend", confirmedExtension(t, page, "confirm"))
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || loc != path+"?ok=extended" {
		t.Fatalf("saving the extension: %d %q, want 303 to %s?ok=extended", resp.StatusCode, loc, path)
	}
	_, body = x.get(c, loc)
	for _, want := range []string{"Đã gia hạn gửi báo cáo", "Hạn gửi: " + before(day),
		"(đã gia hạn, hạn ban đầu " + before(old) + ")"} {
		if !strings.Contains(body, want) {
			t.Errorf("the round page after the extension lacks %q", want)
		}
	}
	got := x.storedRound(x.round.ID)
	if want := day; got.Deadline.Sub(want).Abs() >= time.Microsecond || got.OriginalDeadline.Sub(old).Abs() >= time.Microsecond {
		t.Errorf("stored deadline %v, original %v; want %v (the day typed, at the old time of day) and %v", got.Deadline, got.OriginalDeadline, want, old)
	}
	// The audit page names the act and its reason in Vietnamese.
	_, body = x.get(x.login("admin"), "/admin/audit?action=extend")
	for _, want := range []string{`title="extend" data-label="Thao tác">Gia hạn gửi báo cáo</td>`,
		`<span class="audit-field">Lý do gia hạn:</span> <span class="audit-value">Chờ số liệu quyết toán của Kho bạc</span>`} {
		if !strings.Contains(body, want) {
			t.Errorf("the audit page lacks %q", want)
		}
	}
	notes, _, err := x.st.Notifications(context.Background(), &tiendo.User{ID: x.userID("pnv")}, 10)
	if err != nil || len(notes) == 0 || notes[0].Kind != store.KindDeadlineExtended || !strings.Contains(notes[0].Title, "Lý do: Chờ số liệu quyết toán") {
		t.Errorf("unit a's notifications: %+v, %v; want the extension first", notes, err)
	}
}

// userID is the id of the user named username.
func (x *app) userID(username string) int64 {
	x.t.Helper()
	u, err := x.st.UserByUsername(context.Background(), username)
	if err != nil {
		x.t.Fatal(err)
	}
	return u.ID
}

// A day that cannot be read, or one that is not later than the deadline,
// shows the form again (422) with what was typed, the field marked and the
// reason in Vietnamese; nothing changes. A draft has no extension form.
func TestRoundExtendBadInputKeepsTyped(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	path := fmt.Sprintf("/rounds/%d/extend", x.round.ID)
	c := x.login("vanphong")
	before := x.storedRound(x.round.ID) // as stored: to the microsecond, where x.round has nanoseconds
	earlier := x.round.Deadline.In(tiendo.Zone).AddDate(0, 0, -1).Format("02/01/2006")
	for _, tc := range []struct {
		name, deadline, want string
	}{
		{"impossible day", "31/02/2099", "Không có ngày 31/02/2099: hãy kiểm tra lại ngày và tháng."},
		{"empty day", "", "Hãy nhập hạn gửi báo cáo, ví dụ 07/06/2026."},
		{"earlier day", earlier, "Hạn mới phải sau hạn hiện tại"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := x.post(c, path, url.Values{"deadline": {tc.deadline}, "reason": {"Lý do <gấp> & rõ"}})
			body := bodyOf(resp)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422\n%s", resp.StatusCode, body)
			}
			for _, want := range []string{tc.want, `value="` + tc.deadline + `"`, ">Lý do &lt;gấp&gt; &amp; rõ</textarea>", `aria-invalid="true"`, `role="alert"`} {
				if !strings.Contains(body, want) {
					t.Errorf("the form again is missing %q", want)
				}
			}
		})
	}
	if got := x.storedRound(x.round.ID); !got.Deadline.Equal(before.Deadline) || !got.OriginalDeadline.IsZero() {
		t.Errorf("round after refused extensions: deadline %v, original %v", got.Deadline, got.OriginalDeadline)
	}
	if code, body := x.get(c, fmt.Sprintf("/rounds/%d/extend", x.draft.ID)); code != http.StatusConflict || !strings.Contains(body, "Sửa đợt báo cáo") {
		t.Errorf("a draft's extension form: %d, want 409 pointing to the edit form", code)
	}
}
