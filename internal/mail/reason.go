package mail

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"net/textproto"
	"os"
	"regexp"
	"strings"
	"syscall"

	gomail "github.com/wneessen/go-mail"
	gosmtp "github.com/wneessen/go-mail/smtp"
)

// Reason is why a message could not be sent, in the few kinds an office
// can act on: the technical text says which host, which command, which
// code, and is kept for the administrator; the reason says what it means.
type Reason string

// Reasons a send fails.
const (
	ReasonUnreachable Reason = "unreachable" // the mail server could not be reached: refused, no route, unknown host
	ReasonAuth        Reason = "auth"        // the server refused the login (user name, password, mechanism)
	ReasonRefused     Reason = "refused"     // the server refused the sender or recipient address for good, or the address is malformed
	ReasonBusy        Reason = "busy"        // the server refused for now (a 4xx answer: busy, full, greylisting)
	ReasonTimeout     Reason = "timeout"     // the server did not answer in time
	ReasonTLS         Reason = "tls"         // the encrypted connection failed: no STARTTLS, certificate, handshake
	ReasonOther       Reason = "other"       // anything else
)

// Classify says why err, an error Mailer.Send returned, happened. It reads
// the error's types and values first (go-mail's SendError and its reason,
// net and TLS errors, the SMTP reply code), and the text only for the few
// failures go-mail reports as plain text (no STARTTLS, no AUTH).
func Classify(err error) Reason {
	if err == nil {
		return ""
	}
	if errors.Is(err, ErrInvalid) {
		return ReasonRefused
	}
	// TLS before the network: a handshake error may wrap a net error.
	var (
		recordErr   tls.RecordHeaderError
		alertErr    tls.AlertError
		verifyErr   *tls.CertificateVerificationError
		unknownCA   x509.UnknownAuthorityError
		hostnameErr x509.HostnameError
		invalidCert x509.CertificateInvalidError
	)
	if errors.As(err, &recordErr) || errors.As(err, &alertErr) || errors.As(err, &verifyErr) ||
		errors.As(err, &unknownCA) || errors.As(err, &hostnameErr) || errors.As(err, &invalidCert) {
		return ReasonTLS
	}
	if errors.Is(err, gosmtp.ErrUnencrypted) || errors.Is(err, gomail.ErrNoSupportedAuthDiscovered) ||
		errors.Is(err, gomail.ErrPlainAuthNotSupported) || errors.Is(err, gomail.ErrLoginAuthNotSupported) ||
		errors.Is(err, gomail.ErrCramMD5AuthNotSupported) {
		return ReasonAuth
	}
	var sendErr *gomail.SendError
	if errors.As(err, &sendErr) {
		switch sendErr.Reason {
		case gomail.ErrSMTPMailFrom, gomail.ErrSMTPRcptTo, gomail.ErrGetSender, gomail.ErrGetRcpts:
			if sendErr.IsTemp() {
				return ReasonBusy
			}
			return ReasonRefused
		}
		if sendErr.IsTemp() {
			return ReasonBusy
		}
	}
	var reply *textproto.Error
	if errors.As(err, &reply) {
		switch {
		case reply.Code == 530 || reply.Code == 534 || reply.Code == 535 || reply.Code == 454 && strings.Contains(strings.ToLower(reply.Msg), "auth"):
			return ReasonAuth // RFC 4954: authentication required, too weak, credentials invalid
		case reply.Code >= 400 && reply.Code < 500:
			return ReasonBusy
		}
	}
	// A dial that timed out could not reach the server either; say so
	// rather than "timeout", which reads as a slow server.
	var opErr *net.OpError
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) || errors.As(err, &opErr) && opErr.Op == "dial" ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.EHOSTUNREACH) || errors.Is(err, syscall.ENETUNREACH) {
		return ReasonUnreachable
	}
	var netErr net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded) || errors.As(err, &netErr) && netErr.Timeout() {
		return ReasonTimeout
	}
	return classifyText(err.Error())
}

// classifyText reads the reason from an error's text: for what go-mail
// reports only as text, and for errors recorded before the reason was.
func classifyText(s string) Reason {
	s = strings.ToLower(s)
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(s, w) {
				return true
			}
		}
		return false
	}
	switch {
	case has("starttls", "tls:", "x509:", "certificate", "handshake"):
		return ReasonTLS
	case has("smtp auth", "authentication", "does not support smtp auth", " 535 ", ": 535", "535 5.7"):
		return ReasonAuth
	case has("dial failed", "connection refused", "no such host", "no route to host", "network is unreachable"):
		return ReasonUnreachable
	case has("timeout", "timed out", "deadline exceeded"):
		return ReasonTimeout
	case tempReply.MatchString(s):
		return ReasonBusy
	case has("invalid message", "rcpt to", "mail from"):
		return ReasonRefused
	}
	return ReasonOther
}

// tempReply finds an SMTP reply of temporary failure: "451 4.3.0 …".
var tempReply = regexp.MustCompile(`(^|[\s:])4\d\d[\s-]`)

// recordPrefix opens a recorded error: "[unreachable] mail: …".
const recordPrefix = "["

// Record is the text to store for err: its reason in brackets, then its
// technical text. The outbox keeps one text column for the last error; the
// reason goes with it so that the page can explain it without guessing
// from text written by libraries, in English, that change between versions.
func Record(err error) error {
	if err == nil {
		return nil
	}
	return &recorded{reason: Classify(err), err: err}
}

type recorded struct {
	reason Reason
	err    error
}

func (r *recorded) Error() string { return recordPrefix + string(r.reason) + "] " + r.err.Error() }
func (r *recorded) Unwrap() error { return r.err }

// Recorded reads back a text Record wrote: the reason and the technical
// text. A text written otherwise (before reasons were recorded, or by the
// store itself) gives the reason its words suggest when it is a mail
// error ("mail: …"), and "" when it is not one: the store's own notes
// ("Người nhận chưa có địa chỉ e-mail.") are already for people.
func Recorded(s string) (Reason, string) {
	if rest, ok := strings.CutPrefix(s, recordPrefix); ok {
		if code, text, ok := strings.Cut(rest, "] "); ok {
			switch r := Reason(code); r {
			case ReasonUnreachable, ReasonAuth, ReasonRefused, ReasonBusy, ReasonTimeout, ReasonTLS, ReasonOther:
				return r, text
			}
		}
	}
	if strings.HasPrefix(s, "mail:") || looksTechnical(s) {
		return classifyText(s), s
	}
	return "", s
}

// looksTechnical reports whether s reads like a library's error rather
// than a sentence for people: an SMTP reply ("451 4.3.0 …") or plain
// ASCII English with a colon.
func looksTechnical(s string) bool {
	if len(s) >= 4 && s[0] >= '2' && s[0] <= '5' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' && s[2] <= '9' && s[3] == ' ' {
		return true
	}
	for _, r := range s {
		if r > 127 {
			return false
		}
	}
	return strings.Contains(s, ": ")
}
