// Package mailtest runs a real SMTP server in the test process
// (github.com/emersion/go-smtp) that keeps every message it accepts, so tests
// send through the same code and protocol production does instead of
// through a mock. It can be stopped and started again on the same port, and
// told to refuse mail, to play an outage.
package mailtest

import (
	"encoding/base64"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/emersion/go-smtp"
)

// Received is one message the server accepted.
type Received struct {
	From   string
	To     []string
	Raw    string        // the message as sent: headers, blank line, body
	Header mail.Header   // its parsed headers
	Body   string        // its body, decoded from quoted-printable
	Msg    *mail.Message // the parsed message
}

// Server is an SMTP server on 127.0.0.1 that records what it receives.
type Server struct {
	t    testing.TB
	addr string

	mu       sync.Mutex
	srv      *smtp.Server
	l        net.Listener
	received []Received
	refuse   bool
}

// Start starts a server on a free port and stops it when the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	s := &Server{t: t}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("mailtest: listen: %v", err)
	}
	s.addr = l.Addr().String()
	s.serve(l)
	t.Cleanup(s.Stop)
	return s
}

func (s *Server) serve(l net.Listener) {
	srv := smtp.NewServer(&backend{s})
	srv.Domain = "mailtest.local"
	srv.AllowInsecureAuth = true
	srv.ErrorLog = discard{}
	s.mu.Lock()
	s.srv, s.l = srv, l
	s.mu.Unlock()
	go srv.Serve(l)
}

// Host is the server's host, for a mail.Config.
func (s *Server) Host() string { h, _, _ := net.SplitHostPort(s.addr); return h }

// Port is the server's port, for a mail.Config.
func (s *Server) Port() int {
	_, p, _ := net.SplitHostPort(s.addr)
	n, _ := strconv.Atoi(p)
	return n
}

// Stop stops the server: connections are refused until Restart.
func (s *Server) Stop() {
	s.mu.Lock()
	srv, l := s.srv, s.l
	s.srv, s.l = nil, nil
	s.mu.Unlock()
	if srv != nil {
		// Close the listener ourselves too: srv.Close only closes the
		// listeners Serve has registered, and Serve runs in a goroutine
		// that may not have started yet.
		l.Close()
		srv.Close()
	}
}

// Restart starts the server again on the same port.
func (s *Server) Restart() {
	s.t.Helper()
	l, err := net.Listen("tcp", s.addr)
	if err != nil {
		s.t.Fatalf("mailtest: listen again on %s: %v", s.addr, err)
	}
	s.serve(l)
}

// Refuse makes the server answer every message with a temporary failure
// (451), as a mail server does when its disk is full or it is overloaded.
func (s *Server) Refuse(refuse bool) {
	s.mu.Lock()
	s.refuse = refuse
	s.mu.Unlock()
}

// Messages returns what the server has accepted so far.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.received...)
}

type backend struct{ s *Server }

func (b *backend) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{s: b.s}, nil }

type session struct {
	s    *Server
	from string
	to   []string
}

var errRefused = &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "mailtest: refusing mail for now"}

func (x *session) Mail(from string, _ *smtp.MailOptions) error {
	x.s.mu.Lock()
	refuse := x.s.refuse
	x.s.mu.Unlock()
	if refuse {
		return errRefused
	}
	x.from = from
	return nil
}

func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	x.to = append(x.to, to)
	return nil
}

func (x *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	rec := Received{From: x.from, To: x.to, Raw: string(raw)}
	msg, err := mail.ReadMessage(strings.NewReader(rec.Raw))
	if err != nil {
		return &smtp.SMTPError{Code: 554, Message: "mailtest: unparsable message: " + err.Error()}
	}
	rec.Msg, rec.Header = msg, msg.Header
	body, err := decodeBody(msg)
	if err != nil {
		return &smtp.SMTPError{Code: 554, Message: "mailtest: unreadable body: " + err.Error()}
	}
	rec.Body = body
	x.s.mu.Lock()
	x.s.received = append(x.s.received, rec)
	x.s.mu.Unlock()
	return nil
}

func (x *session) Reset()        { x.from, x.to = "", nil }
func (x *session) Logout() error { return nil }

type discard struct{}

func (discard) Printf(string, ...any) {}
func (discard) Println(...any)        {}

// Subject returns the decoded Subject of m.
func (m Received) Subject() string {
	s, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		return m.Header.Get("Subject")
	}
	return s
}

// decodeBody reads a single-part message's body, undoing its transfer
// encoding.
func decodeBody(m *mail.Message) (string, error) {
	var r io.Reader = m.Body
	switch strings.ToLower(m.Header.Get("Content-Transfer-Encoding")) {
	case "quoted-printable":
		r = quotedprintable.NewReader(r)
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, r)
	}
	b, err := io.ReadAll(r)
	return strings.ReplaceAll(string(b), "\r\n", "\n"), err
}
