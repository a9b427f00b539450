package web_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// confirmHidden is a hidden field of a confirmation's form.
var confirmHidden = regexp.MustCompile(`<input type="hidden" name="([a-z_]+)" value="([^"]*)">`)

// confirmedExtension is what the confirmation before extending the whole
// round (page) posts when its button op is pressed: "confirm" (Xác nhận
// gia hạn) or "back" (Quay lại sửa).
func confirmedExtension(t *testing.T, page, op string) url.Values {
	t.Helper()
	i := strings.Index(page, `<article id="extend-confirm"`)
	if i < 0 {
		t.Fatalf("the page is not the confirmation:\n%s", page)
	}
	f := url.Values{}
	for _, m := range confirmHidden.FindAllStringSubmatch(page[i:], -1) {
		f.Set(m[1], html.UnescapeString(m[2]))
	}
	f.Set("op", op)
	return f
}

// "Gia hạn cho cả đợt" asks first. The confirmation says in sentences
// what the extension will do: the deadline from and to, how many units
// still owing are told, that a unit with a later deadline of its own keeps
// it and one with an earlier follows the new, that the locked round is
// unlocked, the reason. Nothing is written until it is confirmed. "Quay
// lại sửa" gives the form back as typed, nothing changed; asked again and
// confirmed, the round is extended and unlocked, and the units told.
func TestRoundExtendAsksFirst(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	c := x.login("vanphong")
	path := fmt.Sprintf("/rounds/%d/extend", x.round.ID)
	old := x.round.Deadline.In(tiendo.Zone)
	day := old.AddDate(0, 0, 7)
	want := day // at the old deadline's time of day
	office := store.Actor{UserID: x.userID("vanphong")}
	officeUser := &tiendo.User{Role: tiendo.RoleOffice}
	// Công an huyện keeps a later deadline of its own; Phòng Nội vụ's is
	// earlier than the new one, which it will follow.
	if _, err := x.st.ExtendUnitDeadline(ctx, office, officeUser, x.round.ID, x.b.ID, want.AddDate(0, 0, 3), ""); err != nil {
		t.Fatal(err)
	}
	if _, err := x.st.ExtendUnitDeadline(ctx, office, officeUser, x.round.ID, x.a.ID, want.AddDate(0, 0, -2), ""); err != nil {
		t.Fatal(err)
	}
	if err := x.st.LockRound(ctx, office, x.round.ID, true); err != nil {
		t.Fatal(err)
	}
	before := x.storedRound(x.round.ID)
	notes := func() int {
		n, _, err := x.st.Notifications(ctx, &tiendo.User{ID: x.userID("pnv")}, 100)
		if err != nil {
			t.Fatal(err)
		}
		return len(n)
	}
	notesBefore := notes()

	typed, reason := day.Format("02/01/2006"), "Chờ số liệu \"quyết toán\" <Kho bạc>\r\ncủa huyện"
	code, _, page := read(x.post(c, path, url.Values{"deadline": {typed}, "reason": {reason}}))
	if code != http.StatusOK {
		t.Fatalf("pressing “Gia hạn cho cả đợt”: %d, want 200 with the confirmation\n%s", code, page)
	}
	for _, want := range []string{
		`<h1 id="extend-confirm-h">Xác nhận gia hạn cho cả đợt</h1>`,
		"Hạn gửi báo cáo của cả đợt sẽ đổi từ “<strong>" + deadlineText(old) + "</strong>” thành “<strong>" + deadlineText(want) + "</strong>”.",
		"<strong>1 đơn vị</strong> chưa gửi báo cáo (kể cả đơn vị có báo cáo bị trả lại để bổ sung) sẽ nhận thông báo hạn mới trong ứng dụng; máy chủ chưa được cấu hình gửi thư nên không gửi e-mail.",
		"1 đơn vị đang có hạn riêng không sớm hơn hạn mới: giữ hạn riêng của mình và không nhận thông báo.",
		"1 đơn vị đang có hạn riêng sớm hơn hạn mới: từ nay theo hạn mới của đợt",
		"<strong>Đợt đang khóa</strong>",
		"gia hạn sẽ mở khóa để mọi đơn vị chưa gửi gửi được báo cáo đến hạn mới.",
		"Lý do gửi kèm thông báo: “Chờ số liệu &#34;quyết toán&#34; &lt;Kho bạc&gt;\ncủa huyện”.</li>",
		`<button type="submit" form="extend-confirm-form" name="op" value="back" class="secondary" id="extend-back" autofocus>Quay lại sửa</button>`,
		`<button type="submit" form="extend-confirm-form" name="op" value="confirm" id="extend-go">Xác nhận gia hạn</button>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the confirmation lacks %q", want)
		}
	}
	hidden := confirmedExtension(t, page, "")
	if hidden.Get("deadline") != typed || hidden.Get("reason") != reason || hidden.Get("locked") != "1" || hidden.Get("from") == "" {
		t.Errorf("the confirmation carries %v; want the day and reason as typed, and the deadline and lock it was checked against", hidden)
	}
	if strings.Contains(page, "<script") && !strings.Contains(page, `<script src=`) {
		t.Error("the confirmation needs inline script")
	}
	// A reason that ends its own sentence gets no second full stop.
	if _, _, p := read(x.post(c, path, url.Values{"deadline": {typed}, "reason": {"Theo đề nghị của Phòng Nội vụ."}})); !strings.Contains(p, "“Theo đề nghị của Phòng Nội vụ.”</li>") {
		t.Errorf("the confirmation quotes a reason ending in a full stop as %q", grep(p, "confirm-reason"))
	}
	unchanged := func(when string) {
		t.Helper()
		got := x.storedRound(x.round.ID)
		if !got.Deadline.Equal(before.Deadline) || !got.OriginalDeadline.IsZero() || got.LockedAt.IsZero() {
			t.Errorf("%s: round deadline %v, original %v, locked %v; want it unchanged", when, got.Deadline, got.OriginalDeadline, got.LockedAt)
		}
		if n := notes(); n != notesBefore {
			t.Errorf("%s: pnv has %d notifications more", when, n-notesBefore)
		}
		if entries, _ := x.st.AuditSearch(ctx, store.AuditFilter{Entity: "round", EntityID: x.round.ID, Action: "extend"}); len(entries) != 2 {
			t.Errorf("%s: %d extend rows, want the two units' only", when, len(entries))
		}
	}
	unchanged("after the confirmation")

	// "Quay lại sửa": the form as typed, nothing changed.
	code, _, back := read(x.post(c, path, confirmedExtension(t, page, "back")))
	if code != http.StatusOK || strings.Contains(back, `id="extend-confirm"`) {
		t.Fatalf("Quay lại sửa: %d, want the form", code)
	}
	for _, want := range []string{`name="deadline" value="` + typed + `"`,
		`<textarea id="reason" name="reason" rows="3" aria-describedby="reason-hint">Chờ số liệu &#34;quyết toán&#34; &lt;Kho bạc&gt;` + "\r\n" + `của huyện</textarea>`,
		`<button type="submit" id="extend-round">Gia hạn cho cả đợt</button>`} {
		if !strings.Contains(back, want) {
			t.Errorf("the form after “Quay lại sửa” lacks %q", want)
		}
	}
	if strings.Contains(back, `role="alert"`) {
		t.Error("the form after “Quay lại sửa” shows an error")
	}
	unchanged("after “Quay lại sửa”")

	// Asked again from the form given back, and confirmed.
	code, _, page = read(x.post(c, path, url.Values{"deadline": {typed}, "reason": {reason}}))
	if code != http.StatusOK {
		t.Fatalf("asked again: %d", code)
	}
	resp := x.post(c, path, confirmedExtension(t, page, "confirm"))
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || loc != fmt.Sprintf("/rounds/%d?ok=extended", x.round.ID) {
		t.Fatalf("Xác nhận gia hạn: %d %q, want 303 to the round", resp.StatusCode, loc)
	}
	got := x.storedRound(x.round.ID)
	if got.Deadline.Sub(want).Abs() >= time.Microsecond || !got.LockedAt.IsZero() {
		t.Errorf("round after the confirmed extension: deadline %v, locked %v; want %v, unlocked", got.Deadline, got.LockedAt, want)
	}
	n, _, err := x.st.Notifications(ctx, &tiendo.User{ID: x.userID("pnv")}, 1)
	if err != nil || len(n) != 1 || !strings.Contains(n[0].Title, "được gia hạn đến "+deadlineText(want)+`. Lý do: Chờ số liệu "quyết toán" <Kho bạc> của huyện`) {
		t.Errorf("pnv's newest notification: %+v, %v; want the extension with the reason", n, err)
	}
}

// A day the form cannot read, or one the store refuses, comes back on the
// form (422) before any confirmation. Between the confirmation and the
// confirm another office user extends the round: the confirm is refused
// on the form (422) with what changed, what was typed kept, and the round
// keeps the other user's deadline. A confirm that does not say what it
// was checked against asks again, and does not extend.
func TestRoundExtendConfirmedAfterAnotherExtension(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	c := x.login("vanphong")
	path := fmt.Sprintf("/rounds/%d/extend", x.round.ID)
	old := x.round.Deadline.In(tiendo.Zone)
	earlier := old.AddDate(0, 0, -1).Format("02/01/2006")
	if code, _, body := read(x.post(c, path, url.Values{"deadline": {earlier}, "reason": {"Lý do"}})); code != http.StatusUnprocessableEntity ||
		!strings.Contains(body, "Hạn mới phải sau hạn hiện tại") || strings.Contains(body, `id="extend-confirm"`) {
		t.Errorf("an earlier day: %d, want the form with the store's refusal, no confirmation", code)
	}

	typed := old.AddDate(0, 0, 5).Format("02/01/2006")
	code, _, page := read(x.post(c, path, url.Values{"deadline": {typed}, "reason": {"Chờ số liệu"}}))
	if code != http.StatusOK {
		t.Fatalf("pressing “Gia hạn cho cả đợt”: %d", code)
	}
	// Without what it was checked against: asked again, not extended.
	noFrom := confirmedExtension(t, page, "confirm")
	noFrom.Del("from")
	if code, _, body := read(x.post(c, path, noFrom)); code != http.StatusOK || !strings.Contains(body, `id="extend-confirm"`) {
		t.Errorf("a confirm without the deadline it was checked against: %d, want the confirmation again", code)
	}
	if got := x.storedRound(x.round.ID); !got.OriginalDeadline.IsZero() {
		t.Fatalf("a confirm without the deadline it was checked against extended the round to %v", got.Deadline)
	}

	other := old.AddDate(0, 0, 2)
	if err := x.st.ExtendDeadline(ctx, store.Actor{}, &tiendo.User{Role: tiendo.RoleOffice}, x.round.ID, other, ""); err != nil {
		t.Fatal(err)
	}
	code, _, body := read(x.post(c, path, confirmedExtension(t, page, "confirm")))
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("confirmed after another extension: %d, want 422 on the form\n%s", code, body)
	}
	for _, want := range []string{
		"Trong lúc đồng chí xác nhận, hạn gửi của đợt đã được đổi thành " + deadlineText(other),
		`id="deadline-err"`, `name="deadline" value="` + typed + `"`, ">Chờ số liệu</textarea>",
		"hạn hiện tại: " + deadlineText(other),
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the form after a refused confirm lacks %q", want)
		}
	}
	if got := x.storedRound(x.round.ID); got.Deadline.Sub(other).Abs() >= time.Microsecond {
		t.Errorf("round after a refused confirm: %v, want the other user's %v", got.Deadline, other)
	}
}
