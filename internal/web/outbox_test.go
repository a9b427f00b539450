package web_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"tiendo/internal/store"
)

// The office chases the units, so it sees the outgoing mail queue as the
// admin does: a reminder that could not be sent shows there, and the
// office can send it again. The page's old address still leads to it.
func TestOfficeSeesAndRetriesTheOutbox(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	if _, err := x.st.Enqueue(ctx, &store.Message{Kind: store.KindAdhoc, DedupeKey: "t:office", RoundID: x.round.ID, UnitID: x.a.ID,
		Email: "vanthu.pnv@huulung.example", Subject: "Đôn đốc gửi báo cáo"}); err != nil {
		t.Fatal(err)
	}
	claimed, err := x.st.ClaimMessages(ctx, "test", 10, time.Minute)
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claim: %v, %d messages", err, len(claimed))
	}
	if err := x.st.MarkFailed(ctx, claimed[0], errors.New("550 hộp thư không tồn tại"), true, store.DefaultRetry); err != nil {
		t.Fatal(err)
	}

	office := x.login("vanphong")
	code, page := x.get(office, "/outbox")
	if code != http.StatusOK {
		t.Fatalf("the office's outbox: %d, want 200", code)
	}
	for _, want := range []string{`href="/outbox"`, "Đôn đốc gửi báo cáo", "550 hộp thư không tồn tại", `action="/outbox/` + itoa(claimed[0].ID) + `/retry"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the office's outbox page lacks %s", want)
		}
	}
	resp := x.post(office, "/outbox/"+itoa(claimed[0].ID)+"/retry", url.Values{})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/outbox" {
		t.Fatalf("retry: %d to %q, want 303 to /outbox", resp.StatusCode, resp.Header.Get("Location"))
	}
	msgs, err := x.st.Outbox(ctx, store.OutboxFilter{Statuses: []string{store.MessagePending}})
	if err != nil || len(msgs) != 1 || msgs[0].ID != claimed[0].ID {
		t.Fatalf("after the retry the message is not waiting again: %v %v", err, msgs)
	}

	// A reporter has no business there, and the menu does not offer it.
	reporter := x.login("pnv")
	if code, _ := x.get(reporter, "/outbox"); code != http.StatusForbidden {
		t.Errorf("a reporter's outbox: %d, want 403", code)
	}
	if _, home := x.get(reporter, "/"); strings.Contains(home, `href="/outbox"`) {
		t.Errorf("a reporter's menu links to the outbox")
	}

	noRedirect := *office
	noRedirect.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	old, err := noRedirect.Get(x.srv.URL + "/admin/outbox")
	if err != nil {
		t.Fatal(err)
	}
	old.Body.Close()
	if old.StatusCode != http.StatusMovedPermanently || old.Header.Get("Location") != "/outbox" {
		t.Errorf("the old address: %d to %q, want 301 to /outbox", old.StatusCode, old.Header.Get("Location"))
	}
}
