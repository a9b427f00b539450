package web_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"tiendo/internal/mail"
	"tiendo/internal/store"
)

// A message the mail server would not take tells the office in Vietnamese
// what happened, what the system does next and what to do; the library's
// English text stays on the page for the administrator, folded away, never
// as the message. Failed messages come first, and the counts lead to a
// list of their status only.
func TestOutboxExplainsFailures(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	dial := fmt.Errorf("mail: 127.0.0.1:2: dial failed: %w", &net.OpError{Op: "dial", Net: "tcp", Addr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 2}, Err: syscall.ECONNREFUSED})
	queue := func(key, subject string) {
		t.Helper()
		if _, err := x.st.Enqueue(ctx, &store.Message{Kind: store.KindAdhoc, DedupeKey: key, RoundID: x.round.ID, UnitID: x.a.ID,
			Email: "vanthu.pnv@huulung.example", Subject: subject}); err != nil {
			t.Fatal(err)
		}
	}
	queue("t:skip", "Nhắc việc X1")
	queue("t:wait", "Nhắc việc X2")
	queue("t:fail", "Nhắc việc X3")
	claimed, err := x.st.ClaimMessages(ctx, "test", 10, time.Minute)
	if err != nil || len(claimed) != 3 {
		t.Fatalf("claim: %v, %d messages", err, len(claimed))
	}
	for _, m := range claimed {
		switch m.DedupeKey {
		case "t:skip":
			err = x.st.MarkSkipped(ctx, m.ID, "Chưa cấu hình máy chủ thư (SMTP); thư không được gửi.")
		case "t:wait":
			err = x.st.MarkFailed(ctx, m, mail.Record(dial), false, store.DefaultRetry)
		case "t:fail":
			err = x.st.MarkFailed(ctx, m, mail.Record(dial), true, store.DefaultRetry)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	var wait *store.Message
	for _, m := range claimed {
		if m.DedupeKey == "t:wait" {
			wait = m
		}
	}

	office := x.login("vanphong")
	code, page := x.get(office, "/outbox")
	if code != http.StatusOK {
		t.Fatalf("/outbox: %d", code)
	}
	rowOf := func(page, subject string) string {
		t.Helper()
		i := strings.Index(page, subject)
		if i < 0 {
			t.Fatalf("the page lacks %q", subject)
		}
		start := strings.LastIndex(page[:i], "<tr")
		end := strings.Index(page[i:], "</tr>")
		return page[start : i+end]
	}
	raw := "dial tcp 127.0.0.1:2: connection refused"
	for _, tc := range []struct {
		subject string
		want    []string
	}{
		{"Nhắc việc X2", []string{"Không kết nối được tới máy chủ thư.", "Hệ thống sẽ tự gửi lại lúc " + wait.NextAttemptAt.In(time.FixedZone("ICT", 7*3600)).Format("15:04"), "Nếu lỗi kéo dài, hãy báo quản trị hệ thống."}},
		{"Nhắc việc X3", []string{"Không kết nối được tới máy chủ thư.", "Hệ thống đã ngừng gửi sau 1 lần thử.", "báo quản trị hệ thống"}},
		{"Nhắc việc X1", []string{"Chưa cấu hình máy chủ thư (SMTP); thư không được gửi."}},
	} {
		row := rowOf(page, tc.subject)
		for _, want := range tc.want {
			if !strings.Contains(row, want) {
				t.Errorf("the row of %q lacks %q:\n%s", tc.subject, want, row)
			}
		}
		// The English text only inside the details for the administrator.
		if i := strings.Index(row, raw); i >= 0 && !strings.Contains(row[:i], "<details>") {
			t.Errorf("the row of %q shows the technical text as its message:\n%s", tc.subject, row)
		}
	}
	if row := rowOf(page, "Nhắc việc X3"); !strings.Contains(row, "<details>") || !strings.Contains(row, raw) {
		t.Errorf("the failed row does not keep the technical text for the administrator:\n%s", row)
	}
	if strings.Contains(page, "[unreachable]") {
		t.Errorf("the page shows the stored reason code")
	}
	// Failed first, then waiting, then skipped.
	fail, wt, skip := strings.Index(page, "Nhắc việc X3"), strings.Index(page, "Nhắc việc X2"), strings.Index(page, "Nhắc việc X1")
	if !(fail < wt && wt < skip) {
		t.Errorf("rows at %d (failed), %d (waiting), %d (skipped); want failed, waiting, skipped", fail, wt, skip)
	}

	// The count of waiting messages leads to them alone.
	if !strings.Contains(page, `href="/outbox?status=pending"`) {
		t.Errorf("the waiting count does not link to its list")
	}
	_, only := x.get(office, "/outbox?status=pending")
	if !strings.Contains(only, "Nhắc việc X2") || strings.Contains(only, "Nhắc việc X3") || strings.Contains(only, "Nhắc việc X1") {
		t.Errorf("?status=pending lists other messages too")
	}
}
