package web_test

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"tiendo"
	"tiendo/internal/store"
)

// intakeDirective is a draft công văn whose day is blank, whose subject
// follows "V/v" in lower case, and which numbers two tasks 12.
const intakeDirective = `ỦY BAN NHÂN DÂN HUYỆN AN BÌNH
Số: /UBND-VP
An Bình, ngày    tháng 6 năm 2031
V/v báo cáo kết quả thực hiện nhiệm vụ trọng tâm

Kính gửi: Phòng Nội vụ; Công an huyện.

UBND huyện yêu cầu các cơ quan, đơn vị báo cáo cụ thể như sau:

1. Giao Phòng Nội vụ xây dựng: Báo cáo việc nâng Chỉ số cải cách hành chính, xếp loại tốt (nhiệm vụ 12).

2. Giao Công an huyện xây dựng: Báo cáo việc giảm tai nạn giao thông, tỷ lệ khám phá án đạt 85% (nhiệm vụ 12).

Báo cáo gửi về UBND huyện trước ngày 10/7/2031.
`

// postIntake pastes text into the intake form and returns the preview.
func (x *app) postIntake(c *http.Client, text string) (int, string) {
	x.t.Helper()
	body, ct := multipartForm(url.Values{"text": {text}}, "", nil)
	resp := x.postBody(c, "/rounds/new", ct, body)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// taskFieldsets splits a preview into its tasks' fieldsets, in order.
func taskFieldsets(body string) []string {
	parts := strings.Split(body, `<fieldset class="task"`)[1:]
	for i, p := range parts {
		if k := strings.Index(p, `<fieldset class="task"`); k >= 0 {
			parts[i] = p[:k]
		}
	}
	return parts
}

const duplicateWarning = "Hai nhiệm vụ cùng mang số hiệu"

func TestIntakePreviewProposal(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("vanphong")
	code, body := x.postIntake(c, intakeDirective)
	if code != http.StatusOK {
		t.Fatalf("preview: %d\n%s", code, body)
	}
	page := html.UnescapeString(body)
	// The proposed name starts with a capital, the subject stays as written.
	if !strings.Contains(page, `name="title" rows="1" class="one-line" required>Báo cáo kết quả thực hiện nhiệm vụ trọng tâm</textarea>`) {
		t.Errorf("title not proposed as \"Báo cáo kết quả…\":\n%s", grep(page, `name="title"`))
	}
	if !strings.Contains(page, `>báo cáo kết quả thực hiện nhiệm vụ trọng tâm</textarea>`) {
		t.Errorf("subject changed:\n%s", grep(page, `name="subject"`))
	}
	// The date the Vietnamese way: month and year, the day being blank.
	if !strings.Contains(page, `name="doc_date" value="06/2031" placeholder="dd/mm/yyyy"`) || strings.Contains(page, "YYYY-MM-DD") {
		t.Errorf("date field:\n%s", grep(page, `name="doc_date"`))
	}
	// No unit has units under it: no empty "every unit under" picker.
	if strings.Contains(page, `id="tree"`) || strings.Contains(page, `id="add-tree"`) {
		t.Errorf("the unit picker shows for a flat registry:\n%s", grep(page, `tree`))
	}
	// The repeated 12 is flagged beside both tasks, naming how each begins.
	tasks := taskFieldsets(page)
	if len(tasks) != 2 {
		t.Fatalf("preview shows %d tasks, want 2", len(tasks))
	}
	for i, task := range tasks {
		if !strings.Contains(task, `value="12"`) {
			t.Errorf("task %d renumbered:\n%s", i, grep(task, `.label"`))
		}
		if !strings.Contains(task, duplicateWarning+` “12”`) || !strings.Contains(task, `“Báo cáo việc nâng Chỉ số cải cách hành chính`) ||
			!strings.Contains(task, `“Báo cáo việc giảm tai nạn giao thông`) {
			t.Errorf("task %d lacks the duplicate-number warning naming both tasks:\n%s", i, grep(task, "ul class=\"warn\""))
		}
	}
	if strings.Count(page, duplicateWarning) != 2 {
		t.Errorf("duplicate warning shown %d times, want once beside each task", strings.Count(page, duplicateWarning))
	}
}

// intakeForm is a preview form as the browser sends it back: two tasks.
func (x *app) intakeForm(label0, label1 string) url.Values {
	return url.Values{"source": {intakeDirective}, "title": {"Báo cáo nhiệm vụ trọng tâm"}, "deadline_date": {"2031-07-10"},
		"deadline_relation": {"before"}, "recipients": {strconv.FormatInt(x.a.ID, 10), strconv.FormatInt(x.b.ID, 10)},
		"tasks":    {"2"},
		"t0.label": {label0}, "t0.text": {"Nâng Chỉ số cải cách hành chính"}, "t0.lead": {strconv.FormatInt(x.a.ID, 10)}, "t0.line": {"10"}, "t0.targets": {"0"},
		"t1.label": {label1}, "t1.text": {"Giảm tai nạn giao thông"}, "t1.lead": {strconv.FormatInt(x.b.ID, 10)}, "t1.line": {"12"}, "t1.targets": {"0"}}
}

// The warning follows the numbers as the office corrects them, not the
// source text, which still says 12 twice.
func TestIntakePreviewDuplicateFollowsEdits(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("vanphong")
	for _, tc := range []struct {
		label0, label1 string
		want           int
	}{
		{"12", "12", 2},
		{"12", " 12 ", 2},
		{"12", "13", 0},
		{"", "", 0},
	} {
		form := x.intakeForm(tc.label0, tc.label1)
		form.Set("op", "add-target:0")
		resp := x.post(c, "/rounds/preview", form)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		page := html.UnescapeString(string(b))
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%q/%q: %d", tc.label0, tc.label1, resp.StatusCode)
		}
		if got := strings.Count(page, duplicateWarning); got != tc.want {
			t.Errorf("labels %q, %q: duplicate warning shown %d times, want %d", tc.label0, tc.label1, got, tc.want)
		}
	}
}

// The date of the directive is typed dd/mm/yyyy (mm/yyyy for a draft
// without a day); the ISO forms the field used to hold still work; what is
// not a date is refused with the field marked and the input kept.
func TestIntakeDocDate(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("vanphong")
	office, err := x.st.UserByUsername(context.Background(), "vanphong")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ in, want string }{
		{"07/06/2022", "2022-06-07"},
		{"7/6/2022", "2022-06-07"},
		{"20.7.2020", "2020-07-20"},
		{"ngày 05 tháng 6 năm 2022", "2022-06-05"},
		{"06/2022", "2022-06"},
		{"tháng 6/2022", "2022-06"},
		{"ngày   tháng 6 năm 2022", "2022-06"},
		{"2022-06-07", "2022-06-07"},
		{"2022-06", "2022-06"},
		{"", ""},
	} {
		form := x.intakeForm("1", "2")
		form.Set("doc_date", tc.in)
		form.Set("op", "create")
		resp := x.post(c, "/rounds/preview", form)
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther {
			t.Errorf("doc_date %q: %d, want 303", tc.in, resp.StatusCode)
			continue
		}
		id, _ := strconv.ParseInt(strings.TrimPrefix(resp.Header.Get("Location"), "/rounds/"), 10, 64)
		r, err := x.st.Round(context.Background(), office, id)
		if err != nil {
			t.Fatal(err)
		}
		if r.DocDate != tc.want {
			t.Errorf("doc_date %q stored as %q, want %q", tc.in, r.DocDate, tc.want)
		}
	}
	for _, in := range []string{"31/02/2022", "13/2022", "2022-13-01", "hôm qua"} {
		form := x.intakeForm("1", "2")
		form.Set("doc_date", in)
		form.Set("op", "create")
		resp := x.post(c, "/rounds/preview", form)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		page := html.UnescapeString(string(b))
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("doc_date %q: %d, want 422", in, resp.StatusCode)
			continue
		}
		want := "Ngày văn bản chưa đúng"
		if in == "31/02/2022" { // written right, but February has no 31st
			want = "Không có ngày 31/02/2022: hãy kiểm tra lại ngày và tháng."
		}
		if !strings.Contains(page, `name="doc_date" value="`+in+`"`) || !strings.Contains(grep(page, `name="doc_date"`), `aria-invalid="true"`) ||
			!strings.Contains(page, want) {
			t.Errorf("doc_date %q: field not kept and marked:\n%s", in, grep(page, `doc_date`))
		}
	}
}

// With units under units, the picker offers each parent and how many
// units it would ask.
func TestIntakePreviewTreePicker(t *testing.T) {
	t.Parallel()
	x := newTreeApp(t)
	c := x.login("vanphong")
	code, body := x.postIntake(c, intakeDirective)
	if code != http.StatusOK {
		t.Fatalf("preview: %d", code)
	}
	page := html.UnescapeString(body)
	if !strings.Contains(page, `<label for="tree">`) || !regexp.MustCompile(`<option value="\d+">[^<]*\(\d+ đơn vị\)</option>`).MatchString(page) ||
		!strings.Contains(page, `id="add-tree"`) {
		t.Errorf("tree picker:\n%s", grep(page, "tree"))
	}
}

// grep returns the lines of s that contain sub, for failure messages.
func grep(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// The preview says at the top what to check: a deadline already past, units
// that could never send when the head must approve, and which tasks carry
// warnings beside them. The two choices the directive implies (short
// reports, the head's approval) reach the round; a draft whose deadline has
// passed is published only once the office confirms it.
func TestIntakeWarningsAndChoices(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("vanphong")
	form := x.intakeForm("12", "12")
	form.Set("deadline_date", "2020-01-10")
	form.Set("head_approval", "1")
	form.Set("brief", "1")
	form.Set("op", "add-target:0")
	resp := x.post(c, "/rounds/preview", form)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	page := html.UnescapeString(string(b))
	top := grep(page, "Cần kiểm tra")
	if i := strings.Index(page, `<aside class="warnings"`); i >= 0 {
		top = page[i:min(len(page), i+3000)]
		top = top[:strings.Index(top, "</aside>")]
	} else {
		t.Fatalf("no warnings box:\n%s", top)
	}
	for _, want := range []string{
		"Hạn gửi (trước ngày 10/01/2020) đã qua",
		"2 đơn vị chưa có tài khoản lãnh đạo đơn vị", "Công an huyện; Phòng Nội vụ",
		`<a href="#task-0">nhiệm vụ 12 ở dòng 10</a>`, `<a href="#task-1">nhiệm vụ 12 ở dòng 12</a>`,
	} {
		if !strings.Contains(top, want) {
			t.Errorf("the box at the top lacks %q:\n%s", want, top)
		}
	}
	for _, name := range []string{"brief", "head_approval"} {
		if !strings.Contains(page, `name="`+name+`" value="1" checked`) {
			t.Errorf("%s not kept ticked:\n%s", name, grep(page, `name="`+name+`"`))
		}
	}

	// A unit head for one unit: the warning names only the other.
	ctx := context.Background()
	if err := x.st.CreateUser(ctx, store.Actor{}, &tiendo.User{Username: "tpnv", Role: tiendo.RoleUnitHead, UnitID: x.a.ID}, pw); err != nil {
		t.Fatal(err)
	}
	resp = x.post(c, "/rounds/preview", form)
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if page := html.UnescapeString(string(b)); !strings.Contains(page, "1 đơn vị chưa có tài khoản lãnh đạo đơn vị nên sẽ không gửi được báo cáo khi cần lãnh đạo duyệt: Công an huyện.") {
		t.Errorf("the head warning should name only Công an huyện:\n%s", grep(page, "lãnh đạo đơn vị"))
	}

	form.Set("op", "create")
	resp = x.post(c, "/rounds/preview", form)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", resp.StatusCode)
	}
	loc := resp.Header.Get("Location")
	id, err := strconv.ParseInt(strings.TrimPrefix(loc, "/rounds/"), 10, 64)
	if err != nil {
		t.Fatalf("create went to %q", loc)
	}
	office, err := x.st.UserByUsername(ctx, "vanphong")
	if err != nil {
		t.Fatal(err)
	}
	round, err := x.st.Round(ctx, office, id)
	if err != nil {
		t.Fatal(err)
	}
	if !round.HeadApproval || !round.Brief {
		t.Errorf("round head approval %v, brief %v; want both", round.HeadApproval, round.Brief)
	}

	// Publishing asks first, and publishes nothing until confirmed.
	resp = x.post(c, loc+"/publish", url.Values{})
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(html.UnescapeString(string(b)), "Hạn gửi của đợt này đã qua") {
		t.Fatalf("publish past the deadline: %d, no confirmation:\n%s", resp.StatusCode, b)
	}
	// The way out it offers first is to correct the deadline.
	if want := `href="` + loc + `/edit"`; !strings.Contains(string(b), want) {
		t.Errorf("the confirmation has no link to correct the deadline (%s)", want)
	}
	if round, _ = x.st.Round(ctx, office, id); round.Status != tiendo.RoundDraft {
		t.Fatalf("published before confirming: %s", round.Status)
	}
	resp = x.post(c, loc+"/publish", url.Values{"confirm": {"past-deadline"}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirmed publish: %d", resp.StatusCode)
	}
	if round, _ = x.st.Round(ctx, office, id); round.Status != tiendo.RoundOpen {
		t.Errorf("confirmed publish left the round %s", round.Status)
	}
	// A deadline still ahead publishes at once, as before.
	resp = x.post(c, fmt.Sprintf("/rounds/%d/publish", x.draft.ID), url.Values{})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("publish of a round still open: %d", resp.StatusCode)
	}
}

// The office deletes a draft round it created by mistake; a published one
// is refused with a message that says what to do instead.
func TestDeleteDraftRoundPage(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("vanphong")
	for _, r := range []struct {
		id    int64
		offer bool
	}{{x.draft.ID, true}, {x.round.ID, false}} {
		resp, err := c.Get(fmt.Sprintf("%s/rounds/%d", x.srv.URL, r.id))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if got := strings.Contains(string(b), fmt.Sprintf(`action="/rounds/%d/delete"`, r.id)); got != r.offer {
			t.Errorf("round %d offers deletion: %v, want %v", r.id, got, r.offer)
		}
	}
	resp := x.post(c, fmt.Sprintf("/rounds/%d/delete", x.round.ID), url.Values{})
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusConflict || !strings.Contains(html.UnescapeString(string(b)), "hãy đóng đợt") {
		t.Errorf("deleting a published round: %d\n%s", resp.StatusCode, grep(string(b), "alert"))
	}
	resp = x.post(c, fmt.Sprintf("/rounds/%d/delete", x.draft.ID), url.Values{})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/rounds?ok=deleted" {
		t.Fatalf("deleting the draft: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, list := x.get(c, "/rounds?ok=deleted"); !strings.Contains(list, "Đã xóa đợt báo cáo nháp.") {
		t.Errorf("the list of rounds does not say the draft was deleted")
	}
	resp, err := c.Get(fmt.Sprintf("%s/rounds/%d", x.srv.URL, x.draft.ID))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("the deleted draft's page: %d, want 404", resp.StatusCode)
	}
}

// The deadline is shown and typed day first, whatever the browser's
// language (a date input would show 07/10/2031 in an English browser), and
// a day that does not exist, or a month without its day, is refused in
// Vietnamese with what was typed kept.
func TestIntakeDeadlineDayFirst(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("vanphong")
	_, body := x.postIntake(c, intakeDirective)
	if page := html.UnescapeString(body); !strings.Contains(page, `name="deadline_date" value="10/07/2031" placeholder="dd/mm/yyyy"`) {
		t.Errorf("deadline field:\n%s", grep(page, `name="deadline_date"`))
	}
	for _, bad := range []string{"31/02/2031", "07/2031", "ngày mai"} {
		form := x.intakeForm("1", "2")
		form.Set("deadline_date", bad)
		form.Set("op", "create")
		resp := x.post(c, "/rounds/preview", form)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		page := html.UnescapeString(string(b))
		want := "Hạn gửi chưa đúng: viết ngày/tháng/năm như 07/06/2022."
		if bad == "31/02/2031" {
			want = "Hạn gửi: Không có ngày 31/02/2031: hãy kiểm tra lại ngày và tháng."
		}
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, want) ||
			!strings.Contains(page, `name="deadline_date" value="`+bad+`"`) {
			t.Errorf("deadline %q: %d\n%s", bad, resp.StatusCode, grep(page, "deadline_date"))
		}
	}
	form := x.intakeForm("1", "2")
	form.Set("deadline_date", "10/7/2031")
	form.Set("op", "create")
	resp := x.post(c, "/rounds/preview", form)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("deadline 10/7/2031: %d, want the round created", resp.StatusCode)
	}
}

// createFromPreview sends the preview form with "Tạo đợt báo cáo", which
// must answer with the new round's page, and reads that round back.
func (x *app) createFromPreview(c *http.Client, form url.Values) *tiendo.Round {
	x.t.Helper()
	form.Set("op", "create")
	resp := x.post(c, "/rounds/preview", form)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		x.t.Fatalf("create: %d, want 303", resp.StatusCode)
	}
	id, _ := strconv.ParseInt(strings.TrimPrefix(resp.Header.Get("Location"), "/rounds/"), 10, 64)
	r, err := x.st.Round(context.Background(), &tiendo.User{Role: tiendo.RoleOffice}, id)
	if err != nil {
		x.t.Fatal(err)
	}
	return r
}
