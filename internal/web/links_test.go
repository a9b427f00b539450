package web_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tiendo"
	"tiendo/internal/store"
)

// linkRounds adds last year's round of the same period and a new round
// "parsed from a directive" (created directly, no links), whose first task
// rephrases last year's first and whose second is new.
func linkRounds(t *testing.T, x *app) (old, cur *tiendo.Round) {
	t.Helper()
	ctx := context.Background()
	const issuer = "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG"
	old = &tiendo.Round{Title: "Báo cáo 6 tháng đầu năm 2022", Status: tiendo.RoundClosed, Issuer: issuer,
		Period: tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: 2022, Index: 1}, Deadline: tiendo.DeadlineBefore(2022, 6, 7),
		Tasks: []*tiendo.Task{
			{Label: "4", Text: "Tập trung đẩy nhanh tiến độ giải phóng mặt bằng các dự án trọng điểm; phấn đấu tỷ lệ GPMB đạt 70% trở lên.",
				Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}},
				Targets:   []*tiendo.Target{{Text: "tỷ lệ GPMB đạt 70% trở lên", Comparator: tiendo.AtLeast, Value: 70, Unit: "%"}}},
			{Label: "5", Text: "Tổ chức thi tuyển viên chức đúng quy định.", Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}}},
		}}
	cur = &tiendo.Round{Title: "Báo cáo 6 tháng đầu năm 2023", Status: tiendo.RoundDraft, Issuer: issuer,
		Period: tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: 2023, Index: 1}, Deadline: tiendo.DeadlineBefore(2023, 6, 7),
		Tasks: []*tiendo.Task{
			{Label: "3", Text: "Đẩy nhanh công tác giải phóng mặt bằng các dự án trọng điểm, phấn đấu tỷ lệ giải phóng mặt bằng đạt 80% trở lên.",
				Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}},
				Targets:   []*tiendo.Target{{Text: "tỷ lệ giải phóng mặt bằng đạt 80% trở lên", Comparator: tiendo.AtLeast, Value: 80, Unit: "%"}}},
			{Label: "7", Text: "Triển khai chuyển đổi số trong cơ quan nhà nước.", Assignees: []tiendo.Assignee{{UnitID: x.b.ID, Role: tiendo.Lead}}},
		}}
	for _, r := range []*tiendo.Round{old, cur} {
		if err := x.st.CreateRound(ctx, store.Actor{}, r); err != nil {
			t.Fatal(err)
		}
	}
	return old, cur
}

func TestRoundLinkSuggestions(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	old, cur := linkRounds(t, x)
	office := x.login("vanphong")
	path := fmt.Sprintf("/rounds/%d", cur.ID)
	code, body := x.get(office, path)
	value := fmt.Sprintf(`value="%d-%d" checked`, cur.Tasks[0].ID, old.Tasks[0].ID)
	pairs := fmt.Sprintf(`name="targets-%d" value="%d-%d"`, cur.Tasks[0].ID, cur.Tasks[0].Targets[0].ID, old.Tasks[0].Targets[0].ID)
	if code != 200 || !strings.Contains(body, "Liên kết với đợt trước") || !strings.Contains(body, value) || !strings.Contains(body, pairs) ||
		!strings.Contains(html.UnescapeString(body), "Cùng kỳ năm trước") {
		t.Fatalf("round page: %d, want the suggestion %s checked with its target pair:\n%s", code, value, body)
	}
	if strings.Contains(body, fmt.Sprintf(`value="%d-`, cur.Tasks[1].ID)) && strings.Contains(body, fmt.Sprintf(`value="%d-%d" checked`, cur.Tasks[1].ID, old.Tasks[1].ID)) {
		t.Errorf("the new task is checked for last year's unrelated one")
	}
	// The data window by the default cut-off, beside the deadline.
	if !strings.Contains(body, "Số liệu tính từ ngày 15/12/2022 đến hết ngày 14/06/2023; hạn gửi báo cáo: trước ngày 07/06/2023.") {
		t.Errorf("round page lacks the data window and the deadline")
	}
	// A unit sees the window too, never the suggestions.
	if _, unit := x.get(x.login("pnv"), fmt.Sprintf("/rounds/%d", x.round.ID)); strings.Contains(unit, "Liên kết với đợt trước") {
		t.Errorf("a unit sees the link suggestions")
	}

	// Refused forms come back (422) with a Vietnamese reason and the boxes as ticked.
	for _, tt := range []struct {
		name string
		form url.Values
		want string
	}{
		{"nothing ticked", url.Values{}, "Chưa chọn nhiệm vụ nào"},
		{"garbage", url.Values{"link": {"abc"}}, "Dữ liệu liên kết gửi lên không đúng"},
		{"bad target pairs", url.Values{"link": {fmt.Sprintf("%d-%d", cur.Tasks[0].ID, old.Tasks[0].ID)}, fmt.Sprintf("targets-%d", cur.Tasks[0].ID): {"1-x"}}, "Dữ liệu liên kết gửi lên không đúng"},
		{"a task of another round", url.Values{"link": {fmt.Sprintf("%d-%d", old.Tasks[0].ID, old.Tasks[1].ID)}}, "không thuộc đợt báo cáo này"},
		{"linked to its own round", url.Values{"link": {fmt.Sprintf("%d-%d", cur.Tasks[0].ID, cur.Tasks[1].ID)}}, "chỉ liên kết được với nhiệm vụ của đợt trước"},
		{"a target of another task", url.Values{"link": {fmt.Sprintf("%d-%d", cur.Tasks[0].ID, old.Tasks[0].ID)},
			fmt.Sprintf("targets-%d", cur.Tasks[0].ID): {fmt.Sprintf("%d-%d", x.round.Tasks[1].Targets[0].ID, old.Tasks[0].Targets[0].ID)}}, "không ghép được"},
	} {
		resp := x.post(office, path+"/links", tt.form)
		b := bodyOf(resp)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(html.UnescapeString(b), tt.want) {
			t.Errorf("%s: %d, want 422 with %q:\n%s", tt.name, resp.StatusCode, tt.want, b)
		}
		if tt.name == "nothing ticked" && strings.Contains(b, value) {
			t.Errorf("%s: the re-rendered form ticks what the office unticked", tt.name)
		}
	}
	if _, _, links, _ := x.st.LinkCandidates(context.Background(), &tiendo.User{Role: tiendo.RoleOffice}, cur.ID); len(links) != 0 {
		t.Fatalf("a refused form linked %v", links)
	}

	// Confirm: the link is saved, with its target pair, and audited.
	form := url.Values{"link": {fmt.Sprintf("%d-%d", cur.Tasks[0].ID, old.Tasks[0].ID)},
		fmt.Sprintf("targets-%d", cur.Tasks[0].ID): {fmt.Sprintf("%d-%d", cur.Tasks[0].Targets[0].ID, old.Tasks[0].Targets[0].ID)}}
	resp := x.post(office, path+"/links", form)
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || loc != path+"?linked=1#links" {
		t.Fatalf("confirm: %d %s", resp.StatusCode, loc)
	}
	_, _, links, err := x.st.LinkCandidates(context.Background(), &tiendo.User{Role: tiendo.RoleOffice}, cur.ID)
	if err != nil || links[cur.Tasks[0].ID] != old.Tasks[0].ID || len(links) != 1 {
		t.Errorf("links = %v, %v", links, err)
	}
	tg, points, err := x.st.Series(context.Background(), &tiendo.User{Role: tiendo.RoleOffice}, cur.Tasks[0].Targets[0].ID)
	if err != nil || tg.Value != 80 || len(points) != 2 || points[0].RoundID != old.ID {
		t.Errorf("series after the link = %+v, %v; want last year's round first", points, err)
	}
	audit, _ := x.st.AuditLog(context.Background(), "task", 5)
	if len(audit) == 0 || audit[0].Action != "link" || audit[0].EntityID != cur.Tasks[0].ID || audit[0].UserID == 0 {
		t.Errorf("audit = %+v, want the office's link of task %d", audit, cur.Tasks[0].ID)
	}
	_, body = x.get(office, path+"?linked=1")
	if !strings.Contains(body, "Đã liên kết 1 nhiệm vụ") || !strings.Contains(body, "1/2 nhiệm vụ của đợt này đã liên kết") ||
		strings.Contains(body, fmt.Sprintf(`value="%d-`, cur.Tasks[0].ID)) {
		t.Errorf("after confirming, the page does not say so or still suggests the linked task:\n%s", body)
	}
}

func TestCutoffSettingsPage(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	_, cur := linkRounds(t, x)
	admin := x.login("admin")
	code, body := x.get(admin, "/admin/cutoff")
	if code != 200 || !strings.Contains(body, "Mặc định (mọi cơ quan ban hành không có ngày riêng)") ||
		!strings.Contains(body, "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG") || !strings.Contains(body, "15/12/") {
		t.Fatalf("settings page: %d\n%s", code, body)
	}
	// Refused values come back as typed, with the reason.
	for _, tt := range []struct {
		form url.Values
		want string
	}{
		{url.Values{"issuer": {"ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG"}, "cutoff_day": {"mười lăm"}}, "phải là một số"},
		{url.Values{"issuer": {"ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG"}, "cutoff_day": {"31"}}, "không hợp lệ"},
		{url.Values{"issuer": {""}, "cutoff_day": {""}}, "Hãy chọn ngày chốt số liệu mặc định"},
		{url.Values{"new": {"1"}, "issuer": {""}, "cutoff_day": {"10"}}, "Hãy nhập tên cơ quan ban hành"},
	} {
		resp := x.post(admin, "/admin/cutoff", tt.form)
		b := html.UnescapeString(bodyOf(resp))
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(b, tt.want) ||
			!strings.Contains(b, `value="`+tt.form.Get("cutoff_day")+`"`) {
			t.Errorf("%v: %d, want 422 with %q and the value typed:\n%s", tt.form, resp.StatusCode, tt.want, b)
		}
	}
	// Calendar months for this issuer: its round page follows.
	resp := x.post(admin, "/admin/cutoff", url.Values{"issuer": {"ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG"}, "cutoff_day": {"1"}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", resp.StatusCode)
	}
	if _, body := x.get(admin, "/admin/cutoff?saved=1"); !strings.Contains(body, "Đã lưu") || !strings.Contains(body, "01/01/") {
		t.Errorf("after saving the page shows no notice or no calendar example")
	}
	_, body = x.get(x.login("vanphong"), fmt.Sprintf("/rounds/%d", cur.ID))
	if !strings.Contains(body, "Số liệu tính từ ngày 01/01/2023 đến hết ngày 30/06/2023") {
		t.Errorf("round page does not follow the issuer's cut-off day")
	}
	// The office may not change it.
	resp = x.post(x.login("vanphong"), "/admin/cutoff", url.Values{"issuer": {""}, "cutoff_day": {"20"}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("office sets the cut-off: %d, want 403", resp.StatusCode)
	}
}

func bodyOf(resp *http.Response) string {
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			return b.String()
		}
	}
}
