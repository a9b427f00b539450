package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// searchWorld is a store holding what the search tests look for: units
// with Vietnamese names, an open round asking units a and b, a draft round
// asking a, a round asking only c, and reports by a and b.
type searchWorld struct {
	s                    *store.Store
	a, b, c              *tiendo.Unit
	open, draft, other   *tiendo.Round
	office, admin        *tiendo.User
	repA, repB           *tiendo.User
	landTask, roadTarget *tiendo.Task
}

func newSearchWorld(t *testing.T) *searchWorld {
	t.Helper()
	ctx := t.Context()
	w := &searchWorld{s: storetest.Open(t)}
	w.a = &tiendo.Unit{Code: "xadinh", Name: "UBND xã Đinh Xá", ShortName: "Xã Đinh Xá"}
	w.b = &tiendo.Unit{Code: "xahoabinh", Name: "UBND xã Hòa Bình", Aliases: []string{"Xã Hoà Bình cũ"}}
	w.c = &tiendo.Unit{Code: "pthuy", Name: "Phường Thuỷ Nguyên"}
	for _, u := range []*tiendo.Unit{w.a, w.b, w.c} {
		if err := w.s.CreateUnit(ctx, store.Actor{}, u); err != nil {
			t.Fatalf("CreateUnit(%s): %v", u.Code, err)
		}
	}
	w.office = &tiendo.User{Username: "vanphong", Role: tiendo.RoleOffice}
	w.admin = &tiendo.User{Username: "admin", Role: tiendo.RoleAdmin}
	w.repA = &tiendo.User{Username: "xadinh", Role: tiendo.RoleReporter, UnitID: w.a.ID}
	w.repB = &tiendo.User{Username: "xahoabinh", Role: tiendo.RoleReporter, UnitID: w.b.ID}
	for _, u := range []*tiendo.User{w.office, w.admin, w.repA, w.repB} {
		if err := w.s.CreateUser(ctx, store.Actor{}, u, "mật khẩu thử nghiệm"); err != nil {
			t.Fatalf("CreateUser(%s): %v", u.Username, err)
		}
	}
	lead := func(us ...*tiendo.Unit) []tiendo.Assignee {
		var as []tiendo.Assignee
		for _, u := range us {
			as = append(as, tiendo.Assignee{UnitID: u.ID, Role: tiendo.Lead})
		}
		return as
	}
	w.landTask = &tiendo.Task{Label: "1", Text: "Đẩy nhanh tiến độ giải phóng mặt bằng dự án đường ven biển", Assignees: lead(w.a, w.b)}
	w.roadTarget = &tiendo.Task{Label: "2", Text: "Phát triển giao thông nông thôn", Assignees: lead(w.a),
		Targets: []*tiendo.Target{{Text: "hoàn thành giải phóng 90% diện tích mặt bằng tuyến tránh", Comparator: tiendo.AtLeast, Value: 90, Unit: "%"}}}
	w.open = &tiendo.Round{Title: "Giải phóng mặt bằng các dự án trọng điểm năm 2025", Subject: "Về việc báo cáo kết quả", Status: tiendo.RoundOpen,
		Deadline: time.Now().Add(72 * time.Hour), Tasks: []*tiendo.Task{w.landTask, w.roadTarget,
			{Label: "3", Text: "Công tác mặt bằng sạch", Assignees: lead(w.b)}}}
	w.draft = &tiendo.Round{Title: "Đợt nháp về bồi thường", Deadline: time.Now().Add(240 * time.Hour),
		Tasks: []*tiendo.Task{{Label: "1", Text: "Bồi thường giải phóng mặt bằng khu công nghiệp", Assignees: lead(w.a)}}}
	w.other = &tiendo.Round{Title: "Chuyển đổi số phường", Subject: "Giải phóng mặt bằng hạ tầng số", Status: tiendo.RoundOpen,
		Deadline: time.Now().Add(72 * time.Hour), Tasks: []*tiendo.Task{{Label: "1", Text: "Hạ tầng số", Assignees: lead(w.c)}}}
	for _, r := range []*tiendo.Round{w.open, w.draft, w.other} {
		if err := w.s.CreateRound(ctx, store.Actor{}, r); err != nil {
			t.Fatalf("CreateRound(%s): %v", r.Title, err)
		}
	}
	w.write(t, w.repA, "Đã hoàn thành giải phóng mặt bằng 12 hộ dân; còn vướng 3 hộ chưa nhận tiền bồi thường.")
	w.write(t, w.repB, "Xã Hòa Bình đã giải phóng xong mặt bằng đoạn qua thôn Đông.")
	return w
}

// write saves text as the result of every task the user's unit leads in
// the open round.
func (w *searchWorld) write(t *testing.T, u *tiendo.User, text string) {
	t.Helper()
	rep, err := w.s.Report(t.Context(), u, w.open.ID, u.UnitID)
	if err != nil {
		t.Fatal(err)
	}
	for _, sec := range rep.Sections {
		sec.ResultVsPlan = text
	}
	if err := w.s.SaveReport(t.Context(), store.Actor{}, u, rep); err != nil {
		t.Fatal(err)
	}
}

// find searches as u and returns the results as "kind:title" with the
// matched parts in [brackets]; a task as "task:text", by its snippet, since
// its title is only its label and round (TestSearchTaskTitle).
func (w *searchWorld) find(t *testing.T, u *tiendo.User, q string) []string {
	t.Helper()
	res, err := w.s.Search(t.Context(), u, q, 0)
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	var out []string
	for _, r := range res {
		shown := r.Title
		if r.Kind == store.SearchTask {
			shown = r.Snippet
		}
		out = append(out, r.Kind+":"+store.Bracketed(shown))
	}
	return out
}

func TestSearchFolding(t *testing.T) {
	w := newSearchWorld(t)
	for _, tc := range []struct {
		q    string
		want string // a result that must be found, as find writes it
	}{
		{"dinh", "unit:UBND xã [Đinh] Xá"},
		{"ĐINH", "unit:UBND xã [Đinh] Xá"},
		{"đinh xa", "unit:UBND [xã Đinh Xá]"},
		{"Dinh", "unit:UBND xã [Đinh] Xá"},
		{"hoà", "unit:UBND xã [Hòa] Bình"},                            // new tone placement finds the old
		{"hòa binh", "unit:UBND xã [Hòa Bình]"},                       // two words, one run
		{"HOÀ", "unit:UBND xã [Hòa] Bình"},                            // upper case
		{"thủy", "unit:Phường [Thuỷ] Nguyên"},                         // old placement finds the new
		{"thuy nguyen", "unit:Phường [Thuỷ Nguyên]"},                  // no marks at all
		{"phuong", "unit:[Phường] Thuỷ Nguyên"},                       // ư, ờ
		{norm.NFD.String("Phường Thuỷ"), "unit:[Phường Thuỷ] Nguyên"}, // decomposed input
		{"pthuy", "unit:Phường Thuỷ Nguyên"},                          // the code, not shown in the title
		{"giai phong mat bang", "task:Đẩy nhanh tiến độ [giải phóng mặt bằng] dự án đường ven biển"},
		{"GIẢI PHÓNG MẶT BẰNG", "task:Đẩy nhanh tiến độ [giải phóng mặt bằng] dự án đường ven biển"},
		{"giải  phóng, mặt-bằng!", "task:Đẩy nhanh tiến độ [giải phóng mặt bằng] dự án đường ven biển"},
		{"giai pho", "task:Đẩy nhanh tiến độ [giải phóng] mặt bằng dự án đường ven biển"}, // the last word's prefix marks the whole word
		{"dien tich", "target:hoàn thành giải phóng 90% [diện tích] mặt bằng tuyến tránh"},
		{"ươm", ""}, // nothing has it: no error, no results
	} {
		got := w.find(t, w.office, tc.q)
		if tc.want == "" && len(got) != 0 || tc.want != "" && !slices.Contains(got, tc.want) {
			t.Errorf("Search(%q) = %q, want it to hold %q", tc.q, got, tc.want)
		}
	}
	// A query word must start a word of the text: "inh" is inside "Đinh".
	if got := w.find(t, w.office, "inh"); len(got) != 0 {
		t.Errorf(`Search("inh") = %q, want nothing`, got)
	}
	// Only the last word may be the start of a word: "gia" is a word of
	// its own, not the start of "giải".
	if got := w.find(t, w.office, "gia pho"); len(got) != 0 {
		t.Errorf(`Search("gia pho") = %q, want nothing`, got)
	}
	// Words are ANDed: "dinh" and "hoa" are never in one thing.
	if got := w.find(t, w.office, "dinh hoa"); len(got) != 0 {
		t.Errorf(`Search("dinh hoa") = %q, want nothing`, got)
	}
}

// A word typed with diacritics is that word, not every word that folds
// like it; one typed without them is any of those. Only the last word may
// be the start of a longer one.
func TestSearchDiacritics(t *testing.T) {
	w := newSearchWorld(t)
	for _, u := range []*tiendo.Unit{
		{Code: "ccthue", Name: "Chi cục Thuế khu vực I"},
		{Code: "ldtbxh", Name: "Phòng Lao động - Thương binh và Xã hội"},
		{Code: "ttgiong", Name: "Trung tâm Thử nghiệm giống cây trồng"},
		{Code: "todac", Name: "Tổ đo đạc thửa đất"},
	} {
		if err := w.s.CreateUnit(t.Context(), store.Actor{}, u); err != nil {
			t.Fatal(err)
		}
	}
	const (
		thue    = "Chi cục Thuế khu vực I"
		thuong  = "Phòng Lao động - Thương binh và Xã hội"
		thunghi = "Trung tâm Thử nghiệm giống cây trồng"
		thua    = "Tổ đo đạc thửa đất"
		thuy    = "Phường Thuỷ Nguyên"
	)
	// units finds the units' names, without the marks, in the order found.
	units := func(q string) []string {
		t.Helper()
		res, err := w.s.Search(t.Context(), w.office, q, 0)
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		var out []string
		for _, r := range res {
			if r.Kind == store.SearchUnit {
				out = append(out, store.SegmentsText(r.Title))
				if r.Context != "" {
					t.Errorf("Search(%q): unit %q with context %q, want none: its kind says it is a unit", q, store.SegmentsText(r.Title), r.Context)
				}
			}
		}
		slices.Sort(out)
		return out
	}
	for _, tc := range []struct {
		q    string
		want []string
	}{
		// Typed with diacritics: that word, and as the last word the start
		// of a word with the same diacritics ("thửa").
		{"thử", []string{thua, thunghi}},
		{"Thử", []string{thua, thunghi}},
		{"Thuế", []string{thue}},
		{"THUẾ", []string{thue}},
		{"thuê", nil}, // to rent, not the tax
		{"thương binh", []string{thuong}},
		{"thưởng", nil},
		{"thủy", []string{thuy}}, // either tone placement
		{norm.NFD.String("thử"), []string{thua, thunghi}},
		// Typed without: every word that folds alike.
		{"thu", []string{thue, thunghi, thua, thuy, thuong}},
		{"thue", []string{thue}},
		{"thuong binh", []string{thuong}},
		{"do dac thua", []string{thua}},
		// d for đ, with the tones typed.
		{"dạc thửa", []string{thua}},
		// Only the last word is a prefix; the others are whole words, with
		// or without diacritics.
		{"thu nghiem", []string{thunghi}},
		{"thử nghiệm", []string{thunghi}},
		{"thử ngh", []string{thunghi}},
		{"th nghiem", nil},
		{"trung t thu", nil},
	} {
		want := slices.Clone(tc.want)
		slices.Sort(want)
		if got := units(tc.q); !slices.Equal(got, want) {
			t.Errorf("Search(%q) finds units %q, want %q", tc.q, got, want)
		}
	}
	// The marks follow what was found.
	if got, want := w.find(t, w.office, "thử"), "unit:Tổ đo đạc [thửa] đất"; !slices.Contains(got, want) {
		t.Errorf(`Search("thử") = %q, want it to hold %q`, got, want)
	}
}

func TestSearchRejectsBadQueries(t *testing.T) {
	w := newSearchWorld(t)
	var many []string
	for i := range store.MaxSearchWords + 1 {
		many = append(many, fmt.Sprintf("từ%d", i))
	}
	for _, q := range []string{"", "   ", "?!…", strings.Repeat("a", store.MaxSearchQuery+1), strings.Join(many, " ")} {
		_, err := w.s.Search(t.Context(), w.office, q, 0)
		if tiendo.ErrorCode(err) != tiendo.EINVALID || !strings.ContainsAny(tiendo.ErrorMessage(err), "ãạảấ") {
			t.Errorf("Search(%.20q) error = %v, want EINVALID with a Vietnamese message", q, err)
		}
	}
}

func TestSearchRanking(t *testing.T) {
	w := newSearchWorld(t)
	got := w.find(t, w.office, "giai phong mat bang")
	want := []string{
		"round:[Giải phóng mặt bằng] các dự án trọng điểm năm 2025",
		// All four words in the title, as a phrase: the round, then the
		// tasks, the draft round's last.
		"task:Đẩy nhanh tiến độ [giải phóng mặt bằng] dự án đường ven biển",
		"task:Bồi thường [giải phóng mặt bằng] khu công nghiệp",
		// All four in the title, not as a phrase.
		"target:hoàn thành [giải phóng] 90% diện tích [mặt bằng] tuyến tránh",
		// More words in the title first: two in the title, two in the subject.
		"round:Chuyển đổi số phường",
		// Report text, which has no title: the phrase first.
		"section:Xã Đinh Xá",
		"section:Xã Đinh Xá",
		"section:UBND xã Hòa Bình",
		"section:UBND xã Hòa Bình",
	}
	if !slices.Equal(got, want) {
		t.Errorf("ranking:\n got %q\nwant %q", got, want)
	}
}

func TestSearchSnippetsAndLinks(t *testing.T) {
	w := newSearchWorld(t)
	res, err := w.s.Search(t.Context(), w.repA, "con vuong", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 {
		t.Fatalf("results = %+v, want unit a's two sections", res)
	}
	r := res[0]
	if got, want := store.Bracketed(r.Snippet), "Đã hoàn thành giải phóng mặt bằng 12 hộ dân; [còn vướng] 3 hộ chưa nhận tiền bồi thường."; got != want {
		t.Errorf("snippet = %q, want %q", got, want)
	}
	if want := fmt.Sprintf("/rounds/%d/reports/xadinh#task-%d", w.open.ID, r.TaskID); r.Link != want || r.UnitCode != "xadinh" || r.RoundID != w.open.ID {
		t.Errorf("link = %q, unit %q, round %d; want %q", r.Link, r.UnitCode, r.RoundID, want)
	}
	if !strings.Contains(r.Context, w.open.Title) {
		t.Errorf("context = %q, want the round's title", r.Context)
	}

	// A long text is cut around the matches.
	long := strings.Repeat("Nội dung không liên quan đến việc cần tìm. ", 30) + "Kết quả xử lý điểm nóng về môi trường tại thôn Đông." + strings.Repeat(" Phần sau cũng dài.", 30)
	w.write(t, w.repA, long)
	res, err = w.s.Search(t.Context(), w.repA, "diem nong moi truong", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) == 0 {
		t.Fatal("no results for a saved report")
	}
	snip := store.SegmentsText(res[0].Snippet)
	if n := len([]rune(snip)); n > 250 || !strings.HasPrefix(snip, "…") || !strings.HasSuffix(snip, "…") || !strings.Contains(store.Bracketed(res[0].Snippet), "[điểm nóng]") {
		t.Errorf("snippet of a long text (%d characters) = %q", n, store.Bracketed(res[0].Snippet))
	}

	// Units link to their page for those who manage them; for the office,
	// to the unit's report in the newest round it is asked in that is not
	// a draft (w.draft asks a too, and is newer); for a unit, to its own
	// report only.
	for _, tc := range []struct {
		u    *tiendo.User
		link string
	}{{w.admin, fmt.Sprintf("/admin/units/%d", w.a.ID)}, {w.office, fmt.Sprintf("/rounds/%d/reports/xadinh", w.open.ID)},
		{w.repA, fmt.Sprintf("/rounds/%d/reports/xadinh", w.open.ID)}, {w.repB, ""}} {
		res, err := w.s.Search(t.Context(), tc.u, "xadinh", 0)
		if err != nil || len(res) != 1 || res[0].Link != tc.link {
			t.Errorf("unit as %s: %+v %v, want link %q", tc.u.Role, res, err, tc.link)
		}
	}
}

func TestSearchRespectsRoles(t *testing.T) {
	w := newSearchWorld(t)
	kinds := func(u *tiendo.User, q string) map[string]int {
		res, err := w.s.Search(t.Context(), u, q, 0)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]int{}
		for _, r := range res {
			m[fmt.Sprintf("%s/%d/%s", r.Kind, r.RoundID, r.UnitCode)]++
		}
		return m
	}
	q := "giai phong mat bang"
	office := kinds(w.office, q)
	a := kinds(w.repA, q)
	b := kinds(w.repB, q)
	round := func(r *tiendo.Round) string { return fmt.Sprintf("round/%d/", r.ID) }
	task := func(r *tiendo.Round) string { return fmt.Sprintf("task/%d/", r.ID) }
	section := func(u *tiendo.Unit) string { return fmt.Sprintf("section/%d/%s", w.open.ID, u.Code) }
	for _, tc := range []struct {
		name string
		got  map[string]int
		key  string
		want bool
	}{
		{"office sees the draft round's task", office, task(w.draft), true},
		{"office sees a's report", office, section(w.a), true},
		{"office sees b's report", office, section(w.b), true},
		{"office sees the round asking c", office, round(w.other), true},
		{"a sees the open round", a, round(w.open), true},
		{"a sees its tasks", a, task(w.open), true},
		{"a sees its report", a, section(w.a), true},
		{"a does not see b's report", a, section(w.b), false},
		{"a does not see the draft", a, task(w.draft), false},
		{"a does not see the round asking c", a, round(w.other), false},
		{"b sees its report", b, section(w.b), true},
		{"b does not see a's report", b, section(w.a), false},
	} {
		if (tc.got[tc.key] > 0) != tc.want {
			t.Errorf("%s: %s in %v is %v, want %v", tc.name, tc.key, tc.got, !tc.want, tc.want)
		}
	}
	// Other units' names are not secret.
	if got := w.find(t, w.repA, "hoa binh"); !slices.Contains(got, "unit:UBND xã [Hòa Bình]") {
		t.Errorf("a searching b's name: %q", got)
	}
	// Once published, the draft's task shows to a.
	if err := w.s.PublishRound(t.Context(), store.Actor{}, w.draft.ID); err != nil {
		t.Fatal(err)
	}
	if got := kinds(w.repA, q); got[task(w.draft)] == 0 {
		t.Errorf("after publishing, a finds %v, want the draft's task", got)
	}
}

// The index follows changes made after it was built, through the store's
// ordinary writes.
func TestSearchFollowsChanges(t *testing.T) {
	w := newSearchWorld(t)
	if got := w.find(t, w.office, "lua nuoc"); len(got) != 0 {
		t.Fatalf("before: %q", got)
	}
	w.write(t, w.repB, "Chuyển đổi 20 ha đất lúa nước sang trồng cây ăn quả.")
	w.c.Name = "Phường Lúa Nước"
	if err := w.s.UpdateUnit(t.Context(), store.Actor{}, w.c); err != nil {
		t.Fatal(err)
	}
	got := w.find(t, w.office, "lua nuoc")
	want := []string{"unit:Phường [Lúa Nước]", "section:UBND xã Hòa Bình", "section:UBND xã Hòa Bình"}
	if !slices.Equal(got, want) {
		t.Errorf("after changes: %q, want %q", got, want)
	}
	if got := w.find(t, w.office, "thuy nguyen"); len(got) != 0 {
		t.Errorf("the unit's old name is still found: %q", got)
	}
	if got := w.find(t, w.office, "xong mat bang"); len(got) != 0 {
		t.Errorf("b's replaced text is still found: %q", got)
	}
	// Rebuilding from scratch finds the same.
	if err := w.s.RebuildSearch(t.Context()); err != nil {
		t.Fatal(err)
	}
	if again := w.find(t, w.office, "lua nuoc"); !slices.Equal(again, want) {
		t.Errorf("after rebuild: %q, want %q", again, want)
	}
}

// searchIssue is how the search tests issue documents: the register's
// series and a file for each, since only the number matters here.
func searchIssue(symbol, docType string) store.Issue {
	return store.Issue{Issuer: "UBND huyện Thử", Symbol: symbol, DocType: docType, Signer: "Nguyễn Văn A",
		Render: func(n int, at time.Time) (map[string][]byte, error) {
			return map[string][]byte{"docx": []byte(fmt.Sprintf("%02d", n))}, nil
		}}
}

// searchIssueDoc sends round roundID's document of kind for approval, has
// leader approve it and issues it with symbol.
func (w *searchWorld) issueDoc(t *testing.T, leader *tiendo.User, roundID int64, kind tiendo.DocKind, symbol, docType string) *tiendo.Document {
	t.Helper()
	ctx := t.Context()
	c, err := w.s.Doc(ctx, w.office, roundID, kind)
	if err != nil {
		t.Fatal(err)
	}
	if c, err = w.s.ActOnDoc(ctx, store.Actor{}, w.office, roundID, kind, store.DocSend, c.Version, ""); err != nil {
		t.Fatal(err)
	}
	if c, err = w.s.ActOnDoc(ctx, store.Actor{}, leader, roundID, kind, store.DocApprove, c.Version, ""); err != nil {
		t.Fatal(err)
	}
	if c, err = w.s.IssueDoc(ctx, store.Actor{}, w.office, roundID, kind, c.Version, searchIssue(symbol, docType)); err != nil {
		t.Fatal(err)
	}
	return c
}

// The documents the office drafts and issues are found by their number and
// symbol, subject and text, and link to their page. Each user finds a
// document exactly when Doc lets them read it: the office and leaders at
// every stage, readers once issued, a unit only the issued công văn of its
// round, never the consolidated report.
func TestSearchFindsDocuments(t *testing.T) {
	w := newSearchWorld(t)
	ctx := t.Context()
	leader := &tiendo.User{Username: "lanhdao", FullName: "Nguyễn Văn A", Role: tiendo.RoleLeader}
	reader := &tiendo.User{Username: "huyenuy", Role: tiendo.RoleReader}
	for _, u := range []*tiendo.User{leader, reader} {
		if err := w.s.CreateUser(ctx, store.Actor{}, u, "mật khẩu thử nghiệm"); err != nil {
			t.Fatal(err)
		}
	}
	report := &tiendo.Document{Kind: tiendo.DocReport, RoundID: w.open.ID, Subject: "Kết quả đền bù tuyến đường ven biển",
		Parts: []tiendo.ReportPart{{Key: "opening", Heading: "Mở đầu", Text: "Ủy ban nhân dân huyện báo cáo như sau."},
			{Key: "results", Heading: "Kết quả", Text: "Đã chi trả tiền bồi thường cho 40 hộ; còn vướng mắc tại đồi Đá Bạc."}}}
	cv := &tiendo.Document{Kind: tiendo.DocDirective, RoundID: w.open.ID, Subject: "V/v kiểm đếm đất đai",
		Parts: []tiendo.ReportPart{{Key: "opening", Text: "Các xã hoàn thành đo đạc trước ngày 30."}}}
	for _, c := range []*tiendo.Document{report, cv} {
		if err := w.s.CreateDoc(ctx, store.Actor{}, w.office, c); err != nil {
			t.Fatal(err)
		}
	}

	// finds reports whether u finds round w.open's document of kind by q.
	finds := func(u *tiendo.User, kind tiendo.DocKind, q string) bool {
		t.Helper()
		res, err := w.s.Search(ctx, u, q, 0)
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		want := map[tiendo.DocKind]string{tiendo.DocReport: "consolidated", tiendo.DocDirective: "directive"}[kind]
		for _, r := range res {
			if r.Kind == want && r.RoundID == w.open.ID {
				return true
			}
		}
		return false
	}
	users := map[string]*tiendo.User{"office": w.office, "leader": leader, "reader": reader, "admin": w.admin, "reporter": w.repA}
	// sameAsDoc checks that each user finds each document by q exactly
	// when Doc lets them read it.
	sameAsDoc := func(stage string, queries map[tiendo.DocKind]string) {
		t.Helper()
		for name, u := range users {
			for kind, q := range queries {
				_, err := w.s.Doc(ctx, u, w.open.ID, kind)
				if got, want := finds(u, kind, q), err == nil; got != want {
					t.Errorf("%s: %s searching %q finds the %s: %v, want %v (Doc: %v)", stage, name, q, kind, got, want, err)
				}
			}
		}
	}
	sameAsDoc("drafts", map[tiendo.DocKind]string{tiendo.DocReport: "da bac", tiendo.DocDirective: "do dac"})
	for _, tc := range []struct {
		name string
		u    *tiendo.User
		kind tiendo.DocKind
		want bool
	}{
		{"office, draft report", w.office, tiendo.DocReport, true},
		{"leader, draft công văn", leader, tiendo.DocDirective, true},
		{"reader, draft report", reader, tiendo.DocReport, false},
		{"reporter, draft report", w.repA, tiendo.DocReport, false},
		{"reporter, draft công văn", w.repA, tiendo.DocDirective, false},
	} {
		q := map[tiendo.DocKind]string{tiendo.DocReport: "đồi đá bạc", tiendo.DocDirective: "kiểm đếm"}[tc.kind]
		if got := finds(tc.u, tc.kind, q); got != tc.want {
			t.Errorf("%s: found %v, want %v", tc.name, got, tc.want)
		}
	}

	// An edit of a draft is followed: the old words are gone.
	cv.Parts = []tiendo.ReportPart{{Key: "opening", Text: "Các xã hoàn thành kiểm kê đất trước ngày 30."}}
	if err := w.s.UpdateDoc(ctx, store.Actor{}, w.office, cv); err != nil {
		t.Fatal(err)
	}
	if finds(w.office, tiendo.DocDirective, "do dac") || !finds(w.office, tiendo.DocDirective, "kiem ke") {
		t.Errorf("after the edit: %q", w.find(t, w.office, "do dac kiem ke"))
	}

	w.issueDoc(t, leader, w.open.ID, tiendo.DocReport, "BC-UBND", "BC")
	title := "Số 01/BC-UBND: Kết quả đền bù tuyến đường ven biển"
	for _, tc := range []struct{ q, want string }{
		{"01/BC-UBND", "consolidated:Số [01]/[BC]-[UBND]: Kết quả đền bù tuyến đường ven biển"},
		{"1/bc-ubnd", "consolidated:Số 01/[BC]-[UBND]: Kết quả đền bù tuyến đường ven biển"}, // the number as said, unpadded
		{"số 01", "consolidated:[Số 01]/BC-UBND: Kết quả đền bù tuyến đường ven biển"},
		{"đền bù", "consolidated:Số 01/BC-UBND: Kết quả [đền bù] tuyến đường ven biển"},
		{"den bu", "consolidated:Số 01/BC-UBND: Kết quả [đền bù] tuyến đường ven biển"},
		{"ĐỀN BÙ", "consolidated:Số 01/BC-UBND: Kết quả [đền bù] tuyến đường ven biển"},
		{"dồi dá bạc", "consolidated:" + title}, // d for đ in the text
		{"doi da bac", "consolidated:" + title},
		{"bao cao tong hop", "consolidated:" + title}, // the kind's name
	} {
		if got := w.find(t, w.office, tc.q); !slices.Contains(got, tc.want) {
			t.Errorf("Search(%q) = %q, want it to hold %q", tc.q, got, tc.want)
		}
	}
	res, err := w.s.Search(ctx, reader, "đồi Đá Bạc", 0)
	if err != nil || len(res) != 1 {
		t.Fatalf("reader searching the report's text: %+v, %v; want the report", res, err)
	}
	r := res[0]
	// "Đá", typed with its tone, is neither "dân" nor "Đã", which "da" begins.
	if got, want := store.Bracketed(r.Snippet), "Ủy ban nhân dân huyện báo cáo như sau. Đã chi trả tiền bồi thường cho 40 hộ; còn vướng mắc tại [đồi Đá Bạc]."; got != want {
		t.Errorf("snippet = %q, want %q", got, want)
	}
	if want := fmt.Sprintf("/rounds/%d/consolidated", w.open.ID); r.Link != want || r.Kind != "consolidated" {
		t.Errorf("kind %q, link %q; want consolidated, %q", r.Kind, r.Link, want)
	}
	if !strings.HasPrefix(r.Context, "Ban hành ngày ") || !strings.HasSuffix(r.Context, " · "+w.open.Title) {
		t.Errorf("context = %q, want the issue date and the round's title", r.Context)
	}
	if got := w.find(t, w.repA, "01/BC-UBND"); len(got) != 0 {
		t.Errorf("a reporter searching the report's number finds %q", got)
	}

	w.issueDoc(t, leader, w.open.ID, tiendo.DocDirective, "UBND-VP", "CV")
	if got, want := w.find(t, w.repA, "02/UBND-VP"), []string{"directive:Số [02]/[UBND]-[VP]: V/v kiểm đếm đất đai"}; !slices.Equal(got, want) {
		t.Errorf("a reporter searching the issued công văn: %q, want %q", got, want)
	}
	sameAsDoc("issued", map[tiendo.DocKind]string{tiendo.DocReport: "da bac", tiendo.DocDirective: "kiem ke"})

	// Rebuilding from scratch finds the same.
	queries := []string{"den bu", "doi da bac", "kiem ke", "02/UBND-VP"}
	var before [][]string
	for _, q := range queries {
		before = append(before, w.find(t, w.office, q))
	}
	if err := w.s.RebuildSearch(ctx); err != nil {
		t.Fatal(err)
	}
	for i, q := range queries {
		if after := w.find(t, w.office, q); len(after) == 0 || !slices.Equal(after, before[i]) {
			t.Errorf("after rebuild, %q finds %q, want %q", q, after, before[i])
		}
	}

	// A draft round deleted takes its công văn out of the index.
	draftCV := &tiendo.Document{Kind: tiendo.DocDirective, RoundID: w.draft.ID, Subject: "V/v chi trả tiền sử dụng đất"}
	if err := w.s.CreateDoc(ctx, store.Actor{}, w.office, draftCV); err != nil {
		t.Fatal(err)
	}
	if got := w.find(t, w.office, "tien su dung dat"); len(got) != 1 {
		t.Fatalf("the draft round's công văn: %q", got)
	}
	if err := w.s.DeleteDraftRound(ctx, store.Actor{}, w.draft.ID); err != nil {
		t.Fatal(err)
	}
	if got := w.find(t, w.office, "tien su dung dat"); len(got) != 0 {
		t.Errorf("after deleting its round, the công văn is still found: %q", got)
	}
}

// A document found by its number and symbol, or by what its title says,
// shows the start of its text under the title, not a window around an
// "UBND" or "01" deep in it that has nothing to do with the number; a word
// found only in the text shows where it is.
func TestSearchDocumentSnippet(t *testing.T) {
	w := newSearchWorld(t)
	ctx := t.Context()
	leader := &tiendo.User{Username: "lanhdao", FullName: "Nguyễn Văn A", Role: tiendo.RoleLeader}
	if err := w.s.CreateUser(ctx, store.Actor{}, leader, "mật khẩu thử nghiệm"); err != nil {
		t.Fatal(err)
	}
	filler := strings.Repeat("Công tác kiểm đếm, áp giá được thực hiện công khai, đúng trình tự. ", 6)
	start := "Ủy ban nhân dân huyện báo cáo kết quả đền bù tuyến đường ven biển như sau."
	report := &tiendo.Document{Kind: tiendo.DocReport, RoundID: w.open.ID, Subject: "Kết quả đền bù tuyến đường ven biển",
		Parts: []tiendo.ReportPart{{Key: "opening", Text: start + " " + filler + "Đến ngày 01/6, UBND các xã đã chi trả xong cho 40 hộ."}}}
	cv := &tiendo.Document{Kind: tiendo.DocDirective, RoundID: w.open.ID, Subject: "V/v kiểm đếm đất đai",
		Parts: []tiendo.ReportPart{{Key: "opening", Text: "Đề nghị các xã khẩn trương hoàn thành việc kiểm đếm. " + filler + "UBND các xã báo cáo trước ngày 02/7."}}}
	for _, c := range []*tiendo.Document{report, cv} {
		if err := w.s.CreateDoc(ctx, store.Actor{}, w.office, c); err != nil {
			t.Fatal(err)
		}
	}
	w.issueDoc(t, leader, w.open.ID, tiendo.DocReport, "BC-UBND", "BC")
	w.issueDoc(t, leader, w.open.ID, tiendo.DocDirective, "UBND-VP", "CV")

	// snippet returns the bracketed snippet of round w.open's document of
	// kind that u finds by q.
	snippet := func(u *tiendo.User, q, kind string) string {
		t.Helper()
		res, err := w.s.Search(ctx, u, q, 0)
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		for _, r := range res {
			if r.Kind == kind && r.RoundID == w.open.ID {
				return store.Bracketed(r.Snippet)
			}
		}
		t.Fatalf("Search(%q) does not find the %s: %+v", q, kind, res)
		return ""
	}
	for _, tc := range []struct {
		q, kind string
		u       *tiendo.User
	}{
		{"01/BC-UBND", store.SearchConsolidated, w.office},
		{"1/bc-ubnd", store.SearchConsolidated, w.office}, // the number as said
		{"Số 01", store.SearchConsolidated, w.office},
		{"den bu", store.SearchConsolidated, w.office},           // the subject, in the title
		{"bao cao tong hop", store.SearchConsolidated, w.office}, // the kind's name
		{"02/UBND-VP", store.SearchDirective, w.repA},
	} {
		got := snippet(tc.u, tc.q, tc.kind)
		want := start
		if tc.kind == store.SearchDirective {
			want = "Đề nghị các xã khẩn trương hoàn thành việc kiểm đếm."
		}
		if !strings.HasPrefix(got, want) || strings.Contains(got, "[") {
			t.Errorf("Search(%q): snippet = %q, want the start of the text, %q…, with nothing marked", tc.q, got, want)
		}
	}
	// A word the title does not hold is shown where the text has it; the
	// number's pieces are not marked there.
	got := snippet(w.office, "01/BC-UBND chi trả", store.SearchConsolidated)
	if !strings.Contains(got, "[chi trả] xong cho 40 hộ") || strings.Contains(got, "[UBND]") || strings.Contains(got, "[01]") || !strings.HasPrefix(got, "…") {
		t.Errorf("snippet = %q, want the window around “chi trả”, only it marked", got)
	}
}

// A consolidated report is found by the heading of one of its parts: the
// heading names the task, and the text under it may not repeat it.
func TestSearchDocumentHeading(t *testing.T) {
	w := newSearchWorld(t)
	report := &tiendo.Document{Kind: tiendo.DocReport, RoundID: w.open.ID, Subject: "Báo cáo kết quả 6 tháng",
		Parts: []tiendo.ReportPart{{Key: "task-1", Heading: "4. Công tác tái định cư vùng sạt lở", Text: "Đã bố trí 12 lô đất cho các hộ."}}}
	if err := w.s.CreateDoc(t.Context(), store.Actor{}, w.office, report); err != nil {
		t.Fatal(err)
	}
	if got := w.find(t, w.office, "tai dinh cu sat lo"); !slices.ContainsFunc(got, func(r string) bool { return strings.HasPrefix(r, store.SearchConsolidated+":") }) {
		t.Errorf("searching a part's heading finds %q, want the consolidated report", got)
	}
}

// A task is titled as people name it, by its label and round; its text,
// where the words were found, is the snippet.
func TestSearchTaskTitle(t *testing.T) {
	w := newSearchWorld(t)
	res, err := w.s.Search(t.Context(), w.repA, "duong ven bien", 0)
	if err != nil {
		t.Fatal(err)
	}
	var task *store.SearchResult
	for i := range res {
		if res[i].Kind == store.SearchTask {
			task = &res[i]
		}
	}
	if task == nil {
		t.Fatalf("results = %+v, want the task", res)
	}
	if got, want := store.Bracketed(task.Title), "Nhiệm vụ 1 · Giải phóng mặt bằng các dự án trọng điểm năm 2025"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if got, want := store.Bracketed(task.Snippet), "Đẩy nhanh tiến độ giải phóng mặt bằng dự án [đường ven biển]"; got != want {
		t.Errorf("snippet = %q, want %q", got, want)
	}
	if task.Context != "" {
		t.Errorf("context = %q, want none: the title says where the task belongs", task.Context)
	}
	if want := fmt.Sprintf("/rounds/%d#task-%d", w.open.ID, w.landTask.ID); task.Link != want || task.TaskID != w.landTask.ID {
		t.Errorf("link = %q, task %d; want %q, task %d", task.Link, task.TaskID, want, w.landTask.ID)
	}
	// Words of the round's title are marked in the title.
	res, err = w.s.Search(t.Context(), w.repA, "tien do giai phong", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Kind == store.SearchTask && r.TaskID == w.landTask.ID {
			if got, want := store.Bracketed(r.Title), "Nhiệm vụ 1 · [Giải phóng] mặt bằng các dự án trọng điểm năm 2025"; got != want {
				t.Errorf("title = %q, want %q", got, want)
			}
			if got, want := store.Bracketed(r.Snippet), "Đẩy nhanh [tiến độ giải phóng] mặt bằng dự án đường ven biển"; got != want {
				t.Errorf("snippet = %q, want %q", got, want)
			}
		}
	}
}

// Migration 0016 has the index built again, so that the documents written
// before search knew them are found after the upgrade.
func TestSearchIndexesEarlierDocuments(t *testing.T) {
	dsn := storetest.DSN(t)
	s, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	f := fixtureOn(t, s)
	r := f.newRound(t, time.Now().Add(time.Hour))
	c := &tiendo.Document{Kind: tiendo.DocReport, RoundID: r.ID, Subject: "Tình hình đê điều", Parts: []tiendo.ReportPart{{Key: "opening", Text: "Mở đầu"}}}
	if err := s.CreateDoc(ctx, store.Actor{}, f.office, c); err != nil {
		t.Fatal(err)
	}
	found := func(s *store.Store) int {
		t.Helper()
		res, err := s.Search(ctx, f.office, "de dieu", 0)
		if err != nil {
			t.Fatal(err)
		}
		return len(res)
	}
	if n := found(s); n != 1 {
		t.Fatalf("before: %d results, want the report", n)
	}
	// An index an earlier version built: without documents, and past
	// every change, the document's creation too.
	db, rebind := rawDB(t, dsn)
	for _, q := range []string{`DELETE FROM search_docs WHERE kind = 'consolidated'`, `UPDATE search_state SET audit_id = (SELECT MAX(id) FROM audit_log)`} {
		if _, err := db.ExecContext(ctx, rebind(q)); err != nil {
			t.Fatal(err)
		}
	}
	if n := found(s); n != 0 {
		t.Fatalf("an index without documents finds %d", n)
	}
	if _, err := db.ExecContext(ctx, rebind(`DELETE FROM schema_migrations WHERE name = ?`), "0016_search_documents.sql"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = store.Open(ctx, dsn) // runs 0016 again
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if n := found(s); n != 1 {
		t.Errorf("after the migration: %d results, want the report", n)
	}
}

// BenchmarkSearch searches 50,000 report sections: 1,000 units each
// reporting on 50 tasks of one round, written straight into the tables in
// batches (through the store it would take minutes), then indexed once.
func BenchmarkSearch(b *testing.B) {
	ctx := context.Background()
	dsn := storetest.DSN(b)
	st, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	const units, tasks = 1000, 50
	fillSections(b, dsn, units, tasks)
	start := time.Now()
	if err := st.RebuildSearch(ctx); err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: indexed %d sections in %v", st.Dialect(), units*tasks, time.Since(start).Round(time.Millisecond))
	office := &tiendo.User{ID: 1, Role: tiendo.RoleOffice}
	reporter := &tiendo.User{ID: 2, Role: tiendo.RoleReporter, UnitID: 7}
	for _, bc := range []struct {
		name, q string
		u       *tiendo.User
	}{
		{"phrase", "giai phong mat bang", office}, // 1 task in 50, all units
		{"common", "ket qua", office},             // every section
		{"rare", "dinh xa", office},               // one unit
		{"prefix", "d", office},                   // a one-letter prefix
		{"unit", "giai phong mat bang", reporter}, // as a unit's reporter
	} {
		b.Run(bc.name, func(b *testing.B) {
			var n int
			for b.Loop() {
				res, err := st.Search(ctx, bc.u, bc.q, 0)
				if err != nil {
					b.Fatal(err)
				}
				n = len(res)
			}
			if n == 0 {
				b.Fatalf("%q found nothing", bc.q)
			}
		})
	}
}

// fillSections writes units units, a round asking all of them with tasks
// tasks led by every unit, and a report of every unit with a section on
// every task, with SQL on a connection of its own.
func fillSections(b *testing.B, dsn string, units, tasks int) {
	b.Helper()
	driver, source, ph := "pgx", dsn, func(i int) string { return fmt.Sprintf("$%d", i) }
	if path, ok := strings.CutPrefix(dsn, "sqlite:"); ok {
		driver, source, ph = "sqlite", "file:"+path+"?"+url.Values{"_pragma": {"busy_timeout(10000)"}}.Encode(), func(int) string { return "?" }
	}
	db, err := sql.Open(driver, source)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	now := time.Now().UTC()
	// insert writes rows into table in statements of up to 200 rows, all in
	// one transaction.
	insert := func(table, cols string, n int, row func(i int) []any) {
		tx, err := db.Begin()
		if err != nil {
			b.Fatal(err)
		}
		defer tx.Rollback()
		width := strings.Count(cols, ",") + 1
		for lo := 0; lo < n; lo += 200 {
			hi := min(n, lo+200)
			var q strings.Builder
			fmt.Fprintf(&q, "INSERT INTO %s (%s) VALUES ", table, cols)
			var args []any
			for i := lo; i < hi; i++ {
				if i > lo {
					q.WriteString(", ")
				}
				q.WriteString("(")
				for j := range width {
					if j > 0 {
						q.WriteString(", ")
					}
					q.WriteString(ph(len(args) + j + 1))
				}
				q.WriteString(")")
				args = append(args, row(i)...)
			}
			if _, err := tx.Exec(q.String(), args...); err != nil {
				b.Fatalf("%s: %v", table, err)
			}
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	names := []string{"Đinh Xá", "Hòa Bình", "Thuỷ Nguyên", "Yên Lạc", "Đông Hưng", "Kim Sơn", "Phú Lương", "Tân Uyên"}
	insert("units", "id, code, name, created_at", units, func(i int) []any {
		return []any{i + 1, fmt.Sprintf("xa%04d", i+1), fmt.Sprintf("UBND xã %s %d", names[i%len(names)], i/len(names)+1), now}
	})
	insert("rounds", "id, title, deadline, status, created_at", 1, func(int) []any {
		return []any{1, "Báo cáo kết quả thực hiện nhiệm vụ trọng tâm năm 2025", now.Add(72 * time.Hour), "open", now}
	})
	insert("round_units", "round_id, unit_id", units, func(i int) []any { return []any{1, i + 1} })
	topics := []string{"giải phóng mặt bằng dự án đường ven biển", "xây dựng nông thôn mới nâng cao", "chuyển đổi số trong cơ quan nhà nước",
		"cải cách hành chính một cửa", "phòng chống thiên tai và tìm kiếm cứu nạn", "bảo vệ môi trường làng nghề", "an ninh trật tự cơ sở",
		"phát triển kinh tế tập thể, hợp tác xã", "chăm sóc sức khỏe ban đầu", "giáo dục và đào tạo"}
	insert("tasks", "id, round_id, position, label, text", tasks, func(i int) []any {
		return []any{i + 1, 1, i + 1, fmt.Sprint(i + 1), "Tập trung " + topics[i%len(topics)]}
	})
	insert("task_units", "task_id, unit_id, role", units*tasks, func(i int) []any { return []any{i/units + 1, i%units + 1, "lead"} })
	insert("unit_reports", "id, round_id, unit_id, status, version, updated_at", units, func(i int) []any {
		return []any{i + 1, 1, i + 1, "draft", 1, now}
	})
	insert("report_sections", "report_id, task_id, status, result_vs_plan, obstacles, next_steps", units*tasks, func(i int) []any {
		unit, task := i/tasks, i%tasks
		return []any{unit + 1, task + 1, "on_track",
			fmt.Sprintf("Kết quả: đơn vị đã triển khai %s đạt %d%% kế hoạch, %d hộ dân được hỗ trợ.", topics[task%len(topics)], 50+(i%50), i%300),
			fmt.Sprintf("Còn khó khăn về kinh phí và nhân lực (%s).", names[unit%len(names)]),
			"Tiếp tục đôn đốc, kiểm tra, báo cáo kịp thời."}
	})
	if os.Getenv(storetest.EnvDatabaseURL) != "" {
		// Identity columns were given explicit values: move them on.
		for _, t := range []string{"units", "rounds", "tasks", "unit_reports"} {
			if _, err := db.Exec(fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%s', 'id'), (SELECT MAX(id) FROM %[1]s))`, t)); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// A NUL character pasted into a document is dropped when the document is
// saved: PostgreSQL refuses it in a text column, and the index, which
// copies the text, would then fail every search for everyone.
func TestSearchSurvivesNULInADocument(t *testing.T) {
	w := newSearchWorld(t)
	ctx := t.Context()
	c := &tiendo.Document{Kind: tiendo.DocReport, RoundID: w.open.ID, Subject: "Báo cáo\x00 kết quả giải ngân",
		Parts: []tiendo.ReportPart{{Key: "opening", Heading: "Mở\x00 đầu", Text: "Giải ngân\x00 vốn đầu tư công đạt 80%."}}}
	if err := w.s.CreateDoc(ctx, store.Actor{}, w.office, c); err != nil {
		t.Fatal(err)
	}
	res, err := w.s.Search(ctx, w.office, "giai ngan von", 0)
	if err != nil {
		t.Fatalf("Search after a document with NUL: %v", err)
	}
	found := false
	for _, r := range res {
		found = found || r.Kind == store.SearchConsolidated
	}
	if !found {
		t.Errorf("the document is not found: %+v", res)
	}
	got, err := w.s.Doc(ctx, w.office, w.open.ID, tiendo.DocReport)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(got.Subject+got.Parts[0].Heading+got.Parts[0].Text, "\x00") {
		t.Errorf("the document kept its NUL: %q %+v", got.Subject, got.Parts)
	}
}

// The office finds units' drafts in search too, and is told they are
// drafts; once sent, the text is what was reported.
func TestSearchSaysADraftIsNotSent(t *testing.T) {
	f := newFixture(t)
	r := f.newRound(t, time.Now().Add(time.Hour))
	rep, err := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	fill(rep, "Đã rà soát thủ tục hành chính cấp huyện.", 72)
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
		t.Fatal(err)
	}
	section := func() string {
		t.Helper()
		res, err := f.s.Search(ctx, f.office, "ra soat thu tuc", 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range res {
			if x.Kind == store.SearchSection {
				return x.Context
			}
		}
		t.Fatalf("the office does not find unit a's text: %+v", res)
		return ""
	}
	if got := section(); !strings.HasSuffix(got, " · đang soạn, chưa gửi Văn phòng") {
		t.Errorf("a draft's result says %q, want it marked as not sent", got)
	}
	if _, err := f.s.ActOnReport(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, submit(rep.Version)); err != nil {
		t.Fatal(err)
	}
	if got := section(); strings.Contains(got, "chưa gửi") {
		t.Errorf("a sent report's result says %q", got)
	}
}
