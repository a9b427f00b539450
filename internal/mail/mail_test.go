package mail_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"tiendo/internal/mail"
	"tiendo/internal/mail/mailtest"
)

var ctx = context.Background()

func newMailer(t *testing.T, srv *mailtest.Server) *mail.Mailer {
	t.Helper()
	m, err := mail.New(mail.Config{Host: srv.Host(), Port: srv.Port(), TLS: mail.TLSNone,
		From: "Văn phòng HĐND và UBND huyện <vanphong@huulung.example>"})
	if err != nil {
		t.Fatalf("mail.New: %v", err)
	}
	return m
}

func TestSendVietnamese(t *testing.T) {
	srv := mailtest.Start(t)
	m := newMailer(t, srv)
	msg := mail.Message{
		To:        "Phòng Nội vụ <pnv@huulung.example>",
		Subject:   "Nhắc gửi báo cáo: Báo cáo 6 tháng đầu năm 2022 — còn 3 ngày",
		Body:      "Kính gửi: Phòng Nội vụ,\n\nĐề nghị gửi báo cáo trước ngày 07/6/2022.",
		MessageID: "outbox-1.remind-1-2@tiendo",
	}
	if errs := m.Send(ctx, msg); errs[0] != nil {
		t.Fatalf("Send: %v", errs[0])
	}
	got := srv.Messages()
	if len(got) != 1 {
		t.Fatalf("server received %d messages, want 1", len(got))
	}
	r := got[0]
	if len(r.To) != 1 || r.To[0] != "pnv@huulung.example" {
		t.Errorf("envelope recipients %v, want [pnv@huulung.example]", r.To)
	}
	if r.From != "vanphong@huulung.example" {
		t.Errorf("envelope sender %q, want vanphong@huulung.example", r.From)
	}
	if got, want := r.Subject(), msg.Subject; got != want {
		t.Errorf("subject %q, want %q", got, want)
	}
	if !strings.Contains(r.Body, "trước ngày 07/6/2022") || !strings.Contains(r.Body, "Kính gửi: Phòng Nội vụ") {
		t.Errorf("body %q lacks the Vietnamese text", r.Body)
	}
	if got, want := r.Header.Get("Message-Id"), "<outbox-1.remind-1-2@tiendo>"; got != want {
		t.Errorf("Message-ID %q, want %q", got, want)
	}
}

// A subject is one header line whatever it holds: a line break in a round's
// title must not become a second header, and must not add a recipient.
func TestHeaderInjection(t *testing.T) {
	srv := mailtest.Start(t)
	m := newMailer(t, srv)
	tests := []struct {
		name, subject string
	}{
		{"CRLF", "Báo cáo quý\r\nBcc: ke-xau@evil.example"},
		{"LF", "Báo cáo quý\nBcc: ke-xau@evil.example"},
		{"CR", "Báo cáo quý\rBcc: ke-xau@evil.example"},
		{"encoded CRLF after a non-ASCII word", "Đợt\r\n\r\nBcc: ke-xau@evil.example"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if errs := m.Send(ctx, mail.Message{To: "pnv@huulung.example", Subject: tt.subject, Body: "x"}); errs[0] != nil {
				t.Fatalf("Send: %v", errs[0])
			}
			r := srv.Messages()[i]
			if len(r.To) != 1 || r.To[0] != "pnv@huulung.example" {
				t.Errorf("recipients %v, want only pnv@huulung.example", r.To)
			}
			if b := r.Header.Get("Bcc"); b != "" {
				t.Errorf("a Bcc header %q was injected", b)
			}
			head := r.Raw[:strings.Index(r.Raw, "\r\n\r\n")]
			if strings.Contains(strings.ToLower(head), "\r\nbcc:") {
				t.Errorf("raw headers contain a Bcc line:\n%s", head)
			}
			if got := r.Subject(); strings.ContainsAny(got, "\r\n") || !strings.Contains(got, "Bcc: ke-xau@evil.example") {
				t.Errorf("subject %q: want the text kept on one line", got)
			}
		})
	}
}

func TestInvalidAddressIsPermanent(t *testing.T) {
	srv := mailtest.Start(t)
	m := newMailer(t, srv)
	for _, to := range []string{"", "không phải địa chỉ", "a@b.example\r\nBcc: c@d.example", "a@b.example\nRCPT TO:<c@d.example>"} {
		errs := m.Send(ctx, mail.Message{To: to, Subject: "x", Body: "x"})
		if !errors.Is(errs[0], mail.ErrInvalid) {
			t.Errorf("Send to %q: %v, want ErrInvalid", to, errs[0])
		}
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("server received %d messages, want 0", n)
	}
}

// One bad message in a batch does not stop the others.
func TestBatch(t *testing.T) {
	srv := mailtest.Start(t)
	m := newMailer(t, srv)
	errs := m.Send(ctx,
		mail.Message{To: "a@huulung.example", Subject: "một", Body: "1"},
		mail.Message{To: "sai địa chỉ", Subject: "hai", Body: "2"},
		mail.Message{To: "c@huulung.example", Subject: "ba", Body: "3"},
	)
	if errs[0] != nil || errs[2] != nil || !errors.Is(errs[1], mail.ErrInvalid) {
		t.Errorf("errors %v, want nil, ErrInvalid, nil", errs)
	}
	if n := len(srv.Messages()); n != 2 {
		t.Errorf("server received %d messages, want 2", n)
	}
}

func TestOutage(t *testing.T) {
	srv := mailtest.Start(t)
	m := newMailer(t, srv)
	msg := mail.Message{To: "pnv@huulung.example", Subject: "x", Body: "x"}

	srv.Refuse(true)
	if errs := m.Send(ctx, msg); errs[0] == nil || errors.Is(errs[0], mail.ErrInvalid) {
		t.Errorf("Send to a refusing server: %v, want a temporary error", errs[0])
	}
	srv.Refuse(false)
	srv.Stop()
	if errs := m.Send(ctx, msg); errs[0] == nil || errors.Is(errs[0], mail.ErrInvalid) {
		t.Errorf("Send to a stopped server: %v, want a temporary error", errs[0])
	}
	srv.Restart()
	if errs := m.Send(ctx, msg); errs[0] != nil {
		t.Errorf("Send after restart: %v", errs[0])
	}
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("server received %d messages, want 1", n)
	}
}

func TestConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  mail.Config
		ok   bool
	}{
		{"complete", mail.Config{Host: "smtp.example", From: "a@example"}, true},
		{"no host", mail.Config{From: "a@example"}, false},
		{"no sender", mail.Config{Host: "smtp.example"}, false},
		{"sender with a line break", mail.Config{Host: "smtp.example", From: "a@example\r\nBcc: b@example"}, false},
		{"unknown TLS policy", mail.Config{Host: "smtp.example", From: "a@example", TLS: "sometimes"}, false},
	}
	for _, tt := range tests {
		_, err := mail.New(tt.cfg)
		if got := err == nil; got != tt.ok {
			t.Errorf("%s: New error %v, want ok=%v", tt.name, err, tt.ok)
		}
	}
	m, _ := mail.New(mail.Config{Host: "smtp.example", From: "a@example", TLS: mail.TLSImplicit})
	if got, want := m.Addr(), "smtp.example:465"; got != want {
		t.Errorf("implicit TLS address %q, want %q", got, want)
	}
	m, _ = mail.New(mail.Config{Host: "smtp.example", From: "a@example"})
	if got, want := m.Addr(), "smtp.example:587"; got != want {
		t.Errorf("default address %q, want %q", got, want)
	}
}

func TestCleanHeader(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Báo cáo 6 tháng", "Báo cáo 6 tháng"},
		{"  Báo cáo\r\n6 tháng\t ", "Báo cáo 6 tháng"},
		{"a\x00b\u2028c", "a b c"},
	}
	for _, tt := range tests {
		if got := mail.CleanHeader(tt.in); got != tt.want {
			t.Errorf("CleanHeader(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
