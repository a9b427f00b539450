package mail_test

import (
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/textproto"
	"testing"
	"time"

	gomail "github.com/wneessen/go-mail"

	"tiendo/internal/mail"
	"tiendo/internal/mail/mailtest"
)

// Each usual failure, produced against a real server (or a real closed
// port, or one that never answers), is classified by what it means.
func TestClassifySendFailures(t *testing.T) {
	srv := mailtest.Start(t)
	send := func(t *testing.T, cfg mail.Config, to string) error {
		t.Helper()
		if cfg.From == "" {
			cfg.From = "vanphong@huulung.example"
		}
		m, err := mail.New(cfg)
		if err != nil {
			t.Fatalf("mail.New: %v", err)
		}
		err = m.Send(ctx, mail.Message{To: to, Subject: "Nhắc việc", Body: "x"})[0]
		if err == nil {
			t.Fatal("Send succeeded, want an error")
		}
		return err
	}
	// A port nothing listens on.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().(*net.TCPAddr).Port
	l.Close()
	// A server that accepts the connection and never says a word.
	mute, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { mute.Close() })
	go func() {
		for {
			c, err := mute.Accept()
			if err != nil {
				return
			}
			t.Cleanup(func() { c.Close() })
		}
	}()

	tests := []struct {
		name string
		run  func(t *testing.T) error
		want mail.Reason
	}{
		{"nothing listens", func(t *testing.T) error {
			return send(t, mail.Config{Host: "127.0.0.1", Port: closed, TLS: mail.TLSNone}, "pnv@huulung.example")
		}, mail.ReasonUnreachable},
		{"server never answers", func(t *testing.T) error {
			return send(t, mail.Config{Host: "127.0.0.1", Port: mute.Addr().(*net.TCPAddr).Port, TLS: mail.TLSNone, Timeout: 200 * time.Millisecond}, "pnv@huulung.example")
		}, mail.ReasonTimeout},
		{"server refuses for now", func(t *testing.T) error {
			srv.Refuse(true)
			defer srv.Refuse(false)
			return send(t, mail.Config{Host: srv.Host(), Port: srv.Port(), TLS: mail.TLSNone}, "pnv@huulung.example")
		}, mail.ReasonBusy},
		{"no STARTTLS though required", func(t *testing.T) error {
			return send(t, mail.Config{Host: srv.Host(), Port: srv.Port(), TLS: mail.TLSMandatory}, "pnv@huulung.example")
		}, mail.ReasonTLS},
		{"login asked, server has none", func(t *testing.T) error {
			return send(t, mail.Config{Host: srv.Host(), Port: srv.Port(), TLS: mail.TLSNone, Username: "vanphong", Password: "x"}, "pnv@huulung.example")
		}, mail.ReasonAuth},
		{"malformed address", func(t *testing.T) error {
			return send(t, mail.Config{Host: srv.Host(), Port: srv.Port(), TLS: mail.TLSNone}, "pnv@@huulung")
		}, mail.ReasonRefused},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.run(t)
			if got := mail.Classify(err); got != tt.want {
				t.Errorf("Classify(%v) = %q, want %q", err, got, tt.want)
			}
			// What the outbox stores reads back as the same reason, with
			// the technical text whole.
			rec := mail.Record(err)
			if !errors.Is(rec, err) {
				t.Errorf("Record(%v) does not wrap it", err)
			}
			reason, text := mail.Recorded(rec.Error())
			if reason != tt.want || text != err.Error() {
				t.Errorf("Recorded(%q) = %q, %q; want %q, %q", rec.Error(), reason, text, tt.want, err.Error())
			}
		})
	}
}

// Errors the library gives as types are classified by type, whatever
// their text says.
func TestClassifyByType(t *testing.T) {
	tests := []struct {
		err  error
		want mail.Reason
	}{
		{fmt.Errorf("mail: send: %w", &textproto.Error{Code: 535, Msg: "5.7.8 bad"}), mail.ReasonAuth},
		{fmt.Errorf("dial failed: %w", &net.DNSError{Err: "no such host", Name: "smtp.huulung.example"}), mail.ReasonUnreachable},
		{fmt.Errorf("mail: %w", x509.UnknownAuthorityError{}), mail.ReasonTLS},
		{fmt.Errorf("mail: send to x: %w", &gomail.SendError{Reason: gomail.ErrSMTPRcptTo}), mail.ReasonRefused},
		{fmt.Errorf("mail: %w", &textproto.Error{Code: 421, Msg: "4.7.0 try later"}), mail.ReasonBusy},
		{errors.New("mail: something new"), mail.ReasonOther},
	}
	for _, tt := range tests {
		if got := mail.Classify(tt.err); got != tt.want {
			t.Errorf("Classify(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

// Texts stored before reasons were recorded still read as a reason; the
// store's own notes, already in Vietnamese, are not mail errors.
func TestRecordedOldTexts(t *testing.T) {
	tests := []struct {
		text string
		want mail.Reason
	}{
		{"mail: 127.0.0.1:2: dial failed: dial tcp 127.0.0.1:2: connect: connection refused", mail.ReasonUnreachable},
		{"mail: smtp.huulung.example:587: dial failed: SMTP AUTH failed: 535 5.7.8 Authentication credentials invalid", mail.ReasonAuth},
		{"451 4.3.0 máy chủ bận", mail.ReasonBusy},
		{"Người nhận chưa có địa chỉ e-mail.", ""},
		{"Lần gửi trước bị gián đoạn (máy chủ ứng dụng dừng giữa chừng); sẽ gửi lại.", ""},
		{"[nonsense] mail: x", mail.ReasonOther},
	}
	for _, tt := range tests {
		if got, text := mail.Recorded(tt.text); got != tt.want || text != tt.text {
			t.Errorf("Recorded(%q) = %q, %q; want %q and the text", tt.text, got, text, tt.want)
		}
	}
}
