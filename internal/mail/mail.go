// Package mail sends tiendo's e-mails over SMTP, with github.com/wneessen/go-mail
// doing the protocol, TLS, authentication and MIME encoding.
//
// It knows nothing of the outbox: the reminder service claims messages from
// the store and hands them here. What this package adds is the configuration
// an operator gives (host, port, TLS policy, credentials, sender) and the
// guarantee that nothing a round's title or a user's record contains can
// add a header to a message.
package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	netmail "net/mail"
	"strings"
	"time"
	"unicode"

	gomail "github.com/wneessen/go-mail"
)

// TLS policies an operator can choose.
const (
	TLSMandatory     = "mandatory"     // STARTTLS required: refuse to send in clear (the default)
	TLSOpportunistic = "opportunistic" // STARTTLS when the server offers it
	TLSNone          = "none"          // plain text: only for a relay on the same host or a test server
	TLSImplicit      = "implicit"      // TLS from the first byte ("SMTPS", usually port 465)
)

// Config is how to reach the SMTP server.
type Config struct {
	Host     string // required
	Port     int    // 0: 587, or 465 with TLSImplicit
	Username string // empty: no authentication
	Password string
	TLS      string // one of the TLS policies; "" is TLSMandatory
	From     string // required: "Văn phòng UBND huyện <no-reply@huulung.gov.vn>"
	HELO     string // the name we greet the server with; "" lets go-mail choose

	// Timeout bounds connecting and each SMTP command; 0 is 15 seconds.
	Timeout time.Duration
	// TLSConfig overrides the TLS settings, for a server with a private CA.
	TLSConfig *tls.Config
}

// Message is one e-mail to one recipient, in plain text.
type Message struct {
	To      string // an address, optionally with a name: "Phòng Nội vụ <pnv@huulung.gov.vn>"
	Subject string
	Body    string
	// MessageID, when set, is used as the Message-ID (without angle
	// brackets), so a message sent twice can be recognised as one.
	MessageID string
}

// ErrInvalid marks a message that can never be sent as it is: a malformed
// address. Retrying it is pointless.
var ErrInvalid = errors.New("mail: invalid message")

// Mailer sends messages with one SMTP configuration. It is safe for
// concurrent use: each Send opens its own connection.
type Mailer struct {
	cfg  Config
	from *netmail.Address
}

// New checks cfg and returns a Mailer.
func New(cfg Config) (*Mailer, error) {
	if strings.TrimSpace(cfg.Host) == "" {
		return nil, errors.New("mail: no SMTP host")
	}
	switch cfg.TLS {
	case "":
		cfg.TLS = TLSMandatory
	case TLSMandatory, TLSOpportunistic, TLSNone, TLSImplicit:
	default:
		return nil, fmt.Errorf("mail: TLS policy %q: use %s, %s, %s or %s", cfg.TLS, TLSMandatory, TLSOpportunistic, TLSImplicit, TLSNone)
	}
	if cfg.Port == 0 {
		cfg.Port = gomail.DefaultPortTLS
		if cfg.TLS == TLSImplicit {
			cfg.Port = gomail.DefaultPortSSL
		}
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = gomail.DefaultTimeout
	}
	from, err := parseAddress(cfg.From)
	if err != nil {
		return nil, fmt.Errorf("mail: sender address: %w", err)
	}
	return &Mailer{cfg: cfg, from: from}, nil
}

// Addr is the server the mailer sends through, "host:port".
func (m *Mailer) Addr() string { return fmt.Sprintf("%s:%d", m.cfg.Host, m.cfg.Port) }

// parseAddress reads one address and refuses anything that could end a
// header line: net/mail rejects CR and LF, and we check again so the rule
// does not depend on its parser.
func parseAddress(s string) (*netmail.Address, error) {
	if strings.ContainsAny(s, "\r\n\x00") {
		return nil, fmt.Errorf("%w: address %q contains a line break", ErrInvalid, s)
	}
	a, err := netmail.ParseAddress(s)
	if err != nil {
		return nil, fmt.Errorf("%w: address %q: %v", ErrInvalid, s, err)
	}
	return a, nil
}

// CleanHeader makes s safe for one header line: every control character,
// CR and LF included, becomes a space, and runs of spaces become one. A
// title pasted from a directive may hold a line break; it must never start
// a new header.
func CleanHeader(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// Send sends msgs over one connection and returns one error per message,
// nil for each the server accepted. When the server cannot be reached every
// message gets that error. Errors wrapping ErrInvalid are permanent.
func (m *Mailer) Send(ctx context.Context, msgs ...Message) []error {
	errs := make([]error, len(msgs))
	var out []*gomail.Msg
	var index []int // out[i] is msgs[index[i]]
	for i, msg := range msgs {
		gm, err := m.build(msg)
		if err != nil {
			errs[i] = err
			continue
		}
		out = append(out, gm)
		index = append(index, i)
	}
	if len(out) == 0 {
		return errs
	}
	client, err := m.client()
	if err != nil {
		for _, i := range index {
			errs[i] = err
		}
		return errs
	}
	sendErr := client.DialAndSendWithContext(ctx, out...)
	for j, gm := range out {
		i := index[j]
		switch {
		case gm.IsDelivered():
		case gm.HasSendError():
			errs[i] = fmt.Errorf("mail: send to %s: %w", msgs[i].To, gm.SendError())
		case sendErr != nil:
			errs[i] = fmt.Errorf("mail: %s: %w", m.Addr(), sendErr)
		default:
			errs[i] = fmt.Errorf("mail: %s: message not delivered", m.Addr())
		}
	}
	return errs
}

// build turns msg into a go-mail message, refusing malformed addresses and
// cleaning the subject.
func (m *Mailer) build(msg Message) (*gomail.Msg, error) {
	to, err := parseAddress(msg.To)
	if err != nil {
		return nil, err
	}
	gm := gomail.NewMsg(gomail.WithCharset(gomail.CharsetUTF8), gomail.WithEncoding(gomail.EncodingQP), gomail.WithNoDefaultUserAgent())
	gm.FromMailAddress(m.from)
	gm.ToMailAddress(to)
	gm.Subject(CleanHeader(msg.Subject))
	if id := CleanHeader(msg.MessageID); id != "" && !strings.ContainsAny(id, "<> ") {
		gm.SetMessageIDWithValue(id)
	} else {
		gm.SetMessageID()
	}
	gm.SetDate()
	// Automatic mail: ask auto-responders not to answer it.
	gm.SetBulk()
	gm.SetBodyString(gomail.TypeTextPlain, strings.ReplaceAll(msg.Body, "\r\n", "\n"))
	return gm, nil
}

// client builds a go-mail client for one batch.
func (m *Mailer) client() (*gomail.Client, error) {
	opts := []gomail.Option{gomail.WithPort(m.cfg.Port), gomail.WithTimeout(m.cfg.Timeout)}
	switch m.cfg.TLS {
	case TLSMandatory:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case TLSOpportunistic:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	case TLSNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	case TLSImplicit:
		opts = append(opts, gomail.WithSSL())
	}
	if m.cfg.TLSConfig != nil {
		opts = append(opts, gomail.WithTLSConfig(m.cfg.TLSConfig))
	}
	if m.cfg.Username != "" {
		// Let go-mail pick the strongest mechanism the server offers; it
		// refuses plain-text mechanisms on an unencrypted connection.
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(m.cfg.Username), gomail.WithPassword(m.cfg.Password))
	}
	if m.cfg.HELO != "" {
		opts = append(opts, gomail.WithHELO(m.cfg.HELO))
	}
	c, err := gomail.NewClient(m.cfg.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("mail: client for %s: %w", m.Addr(), err)
	}
	return c, nil
}
