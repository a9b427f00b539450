package web_test

import (
	"context"
	"errors"
	"go/ast"
	"go/token"
	"html"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// row returns the table row of body that contains text, or fails.
func row(t *testing.T, body, text string) string {
	t.Helper()
	for _, r := range strings.Split(body, "<tr>") {
		if strings.Contains(r, text) {
			return r
		}
	}
	t.Fatalf("no row contains %q", text)
	return ""
}

var clockRE = regexp.MustCompile(`\d\d:\d\d \d\d/\d\d/\d{4}`)

// nextAttempt is the "Lần thử tới" cell of an outbox row (the row also
// shows when the message was made).
func nextAttempt(t *testing.T, row string) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)<td class="next-attempt">(.*?)</td>`).FindStringSubmatch(row)
	if m == nil {
		t.Fatalf("no next attempt cell in\n%s", row)
	}
	return m[1]
}

func TestOutboxPageSpeaksVietnamese(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	pnv, err := x.st.UserByUsername(ctx, "pnv")
	if err != nil {
		t.Fatal(err)
	}
	pnv.FullName = "Nguyễn Văn Nội"
	if err := x.st.UpdateUser(ctx, store.Actor{}, pnv); err != nil {
		t.Fatal(err)
	}
	cah, err := x.st.UserByUsername(ctx, "cah") // no full name: shown by username
	if err != nil {
		t.Fatal(err)
	}
	x.a.Email = "vanthu.pnv@huulung.example"
	if err := x.st.UpdateUnit(ctx, store.Actor{}, x.a); err != nil {
		t.Fatal(err)
	}
	msgs := []*store.Message{
		// A unit account without an e-mail address: skipped at once.
		{Kind: store.KindReminderBefore, DedupeKey: "t:1", RoundID: x.round.ID, UnitID: x.a.ID, UserID: pnv.ID, Subject: "Thư thử 1"},
		{Kind: store.KindReminderDue, DedupeKey: "t:2", RoundID: x.round.ID, UnitID: x.b.ID, UserID: cah.ID, Email: "cah@huulung.example", Subject: "Thư thử 2"},
		{Kind: store.KindReminderOverdue, DedupeKey: "t:3", RoundID: x.round.ID, UnitID: x.b.ID, UserID: cah.ID, Email: "cah@huulung.example", Subject: "Thư thử 3"},
		{Kind: store.KindAdhoc, DedupeKey: "t:4", RoundID: x.round.ID, UnitID: x.a.ID, Email: x.a.Email, Subject: "Thư thử 4"}, // the unit's mailbox
		{Kind: store.KindReportSubmitted, DedupeKey: "t:5", RoundID: x.round.ID, UnitID: x.a.ID, Email: "nobody@huulung.example", Subject: "Thư thử 5"},
		// Neither a user nor an address: nobody to name.
		{Kind: store.KindReportReturned, DedupeKey: "t:6", RoundID: x.round.ID, Subject: "Thư thử 6"},
		{Kind: store.KindReportHeadReturned, DedupeKey: "t:7", RoundID: x.round.ID, UnitID: x.a.ID, Email: "nobody@huulung.example", Subject: "Thư thử 7"},
		{Kind: store.KindReportForReview, DedupeKey: "t:8", RoundID: x.round.ID, UnitID: x.a.ID, Email: "nobody@huulung.example", Subject: "Thư thử 8"},
	}
	if _, err := x.st.Enqueue(ctx, msgs...); err != nil {
		t.Fatal(err)
	}
	code, body := x.get(x.login("admin"), "/outbox")
	if code != 200 {
		t.Fatalf("outbox page: %d, want 200\n%s", code, body)
	}
	for _, kind := range []struct{ code, label string }{
		{store.KindReminderBefore, "Nhắc trước hạn"},
		{store.KindReminderDue, "Nhắc ngày cuối hạn"},
		{store.KindReminderOverdue, "Nhắc quá hạn"},
		{store.KindAdhoc, "Văn phòng đôn đốc"},
		{store.KindReportSubmitted, "Thông báo có báo cáo gửi đến"},
		{store.KindReportReturned, "Thông báo Văn phòng trả lại báo cáo"},
		{store.KindReportHeadReturned, "Thông báo lãnh đạo đơn vị trả lại báo cáo"},
		{store.KindReportForReview, "Thông báo báo cáo chờ lãnh đạo đơn vị duyệt"},
	} {
		if want := `title="` + kind.code + `">` + kind.label + `</td>`; !strings.Contains(body, want) {
			t.Errorf("outbox page lacks %s, want the kind named in Vietnamese with its code in the title", want)
		}
		if strings.Contains(body, ">"+kind.code+"<") {
			t.Errorf("outbox page shows the code %q as text", kind.code)
		}
	}
	for _, st := range []string{"pending", "sending", "failed", "skipped", "expired"} {
		if strings.Contains(body, ">"+st+"<") {
			t.Errorf("outbox page shows the status code %q as text", st)
		}
	}
	for subject, want := range map[string]string{
		"Thư thử 1": "<td>Nguyễn Văn Nội</td>",
		"Thư thử 2": "<td>cah<br><small>cah@huulung.example</small></td>",
		"Thư thử 4": "<td>Phòng Nội vụ<br><small>vanthu.pnv@huulung.example</small></td>",
		"Thư thử 5": "<td>nobody@huulung.example</td>",
		"Thư thử 6": ">—</span></td>",
	} {
		if r := row(t, body, subject); !strings.Contains(r, want) {
			t.Errorf("recipient of %q: want %s in\n%s", subject, want, r)
		}
	}
	// A skipped message waits for nothing: no next attempt, and no retry
	// button, since the store refuses to retry a message without an address.
	skipped := row(t, body, "Thư thử 1")
	if !strings.Contains(skipped, "Bỏ qua") || clockRE.MatchString(nextAttempt(t, skipped)) || strings.Contains(skipped, "/retry") {
		t.Errorf("skipped message: want status Bỏ qua, no next attempt time and no retry button:\n%s", skipped)
	}
	if pending := row(t, body, "Thư thử 2"); !clockRE.MatchString(nextAttempt(t, pending)) {
		t.Errorf("pending message: want its next attempt time:\n%s", pending)
	}
}

func TestOutboxRetryButtonStaysOnOneLine(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	m := &store.Message{Kind: store.KindAdhoc, DedupeKey: "t:retry", RoundID: x.round.ID, UnitID: x.a.ID, Email: "a@huulung.example", Subject: "Thư hỏng"}
	if _, err := x.st.Enqueue(ctx, m); err != nil {
		t.Fatal(err)
	}
	claimed, err := x.st.ClaimMessages(ctx, "thử", 10, time.Minute)
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claim: %v, %d messages", err, len(claimed))
	}
	if err := x.st.MarkFailed(ctx, claimed[0], errors.New("550 hộp thư không có"), true, store.RetryPolicy{MaxAttempts: 1}); err != nil {
		t.Fatal(err)
	}
	_, body := x.get(x.login("admin"), "/outbox")
	r := row(t, body, "Thư hỏng")
	// The CSP forbids inline styles; a no-break space keeps the two words
	// together without one.
	if !strings.Contains(r, "/retry") || !strings.Contains(r, "Gửi&nbsp;lại</button>") {
		t.Errorf("failed message: want a one-line Gửi lại button:\n%s", r)
	}
	if clockRE.MatchString(nextAttempt(t, r)) {
		t.Errorf("failed message: it waits for no attempt, want no time:\n%s", r)
	}
}

func TestAuditPageSpeaksVietnamese(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	admin := x.login("admin")
	code, body := x.get(admin, "/admin/audit")
	if code != 200 {
		t.Fatalf("audit page: %d, want 200\n%s", code, body)
	}
	admins, err := x.st.UserByUsername(context.Background(), "admin")
	if err != nil {
		t.Fatal(err)
	}
	id := strconv.FormatInt(admins.ID, 10)
	for _, want := range []string{
		`<td title="login" data-label="Thao tác">Đăng nhập</td>`,
		`<td title="user #` + id + `"><a href="/admin/users/` + id + `">Người dùng: admin</a></td>`,
		`<td title="create" data-label="Thao tác">Tạo mới</td>`,
		`<td title="unit #` + strconv.FormatInt(x.a.ID, 10) + `"><a href="/admin/units/` + strconv.FormatInt(x.a.ID, 10) + `">Đơn vị: Phòng Nội vụ</a>`,
		`<td title="round #` + strconv.FormatInt(x.round.ID, 10) + `"><a href="/rounds/` + strconv.FormatInt(x.round.ID, 10) + `">Đợt báo cáo: Báo cáo nhiệm vụ trọng tâm năm nay</a>`,
		`<select name="action"><option value="">Tất cả</option>`,
		`<option value="login">Đăng nhập</option>`,
		`<select name="entity"><option value="">Tất cả</option>`,
		`<option value="unit_report">Báo cáo của đơn vị</option>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("audit page lacks %s", want)
		}
	}
	for _, code := range []string{"login", "create", "user", "unit", "round"} {
		if regexp.MustCompile(`<td[^>]*>` + code + `\b`).MatchString(body) {
			t.Errorf("audit page shows the code %q as cell text", code)
		}
	}
	if strings.Contains(body, `placeholder="create`) || strings.Contains(body, `placeholder="unit`) {
		t.Errorf("audit filters still ask for English codes")
	}

	// The lists filter by code, under the same query parameters as before.
	_, body = x.get(admin, "/admin/audit?action=login&entity=user")
	if !strings.Contains(body, `<option value="login" selected>Đăng nhập</option>`) || !strings.Contains(body, `<option value="user" selected>Người dùng</option>`) {
		t.Errorf("filtered audit page: want login and user selected")
	}
	if !strings.Contains(body, ">Đăng nhập</td>") || strings.Contains(body, ">Tạo mới</td>") {
		t.Errorf("filtered audit page: want only logins")
	}
	// A code the lists do not know (an old row's, a hand-made link) stays
	// selected rather than silently becoming "every action".
	_, body = x.get(admin, "/admin/audit?action=old_action")
	if !strings.Contains(body, `<option value="old_action" selected>old_action</option>`) {
		t.Errorf("unknown action: want it kept as the selected option")
	}
}

// TestAuditFilterNamesEveryStoreCode reads the store's audit calls and
// checks that the audit page's lists offer each action and entity they
// write, under a Vietnamese name: a new audit call without a name fails.
func TestAuditFilterNamesEveryStoreCode(t *testing.T) {
	t.Parallel()
	actions, entities := map[string]bool{}, map[string]bool{}
	for _, a := range []tiendo.ReportAction{tiendo.ReportSave, tiendo.ReportSendForReview, tiendo.ReportHeadReturn, tiendo.ReportSubmit, tiendo.ReportReturn, tiendo.ReportAccept} {
		actions[string(a)] = true // string(req.Action) in reports.go
	}
	for _, a := range []store.DocAction{store.DocSend, store.DocApprove, store.DocReturn} {
		actions[string(a)] = true // string(a) in documents.go
	}
	calls, _ := sourceCalls(t, "../store/*.go", 8, "audit")
	for _, call := range calls {
		literals(call.Args[3], actions)
		literals(call.Args[4], entities)
	}
	if len(calls) < 20 {
		t.Fatalf("found %d audit calls in the store, want the 30 or so it makes", len(calls))
	}
	x := newApp(t)
	_, body := x.get(x.login("admin"), "/admin/audit")
	for _, list := range []struct {
		param string
		codes map[string]bool
	}{{"action", actions}, {"entity", entities}} {
		start := strings.Index(body, `<select name="`+list.param+`">`)
		if start < 0 {
			t.Errorf("audit page has no list for %s", list.param)
			continue
		}
		end := start + strings.Index(body[start:], "</select>")
		offered := map[string]string{}
		for _, m := range optionRE.FindAllStringSubmatch(body[start:end], -1) {
			offered[html.UnescapeString(m[1])] = html.UnescapeString(m[2])
		}
		for _, code := range slices.Sorted(maps.Keys(list.codes)) {
			if label, ok := offered[code]; !ok || label == code {
				t.Errorf("the %s list offers %q as %q, want a Vietnamese name", list.param, code, label)
			}
		}
	}
}

var optionRE = regexp.MustCompile(`<option value="([^"]*)"(?: selected)?>([^<]*)</option>`)

// literals adds to set the string literals of e, leaving out the keys of a
// map literal ("u": "username" adds only "username").
func literals(e ast.Expr, set map[string]bool) {
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.KeyValueExpr:
			literals(n.Value, set)
			return false
		case *ast.BasicLit:
			if n.Kind == token.STRING {
				if s, err := strconv.Unquote(n.Value); err == nil {
					set[s] = true
				}
			}
		}
		return true
	})
}
