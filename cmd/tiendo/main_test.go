package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// TestMain lets a test run the real main() in a child process (the test
// binary itself), so SIGTERM can be sent to a real server process.
func TestMain(m *testing.M) {
	if os.Getenv("TIENDO_TEST_RUN_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	code := m.Run()
	if rushHTTP.close != nil {
		rushHTTP.close()
	}
	os.Exit(code)
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

var addrRE = regexp.MustCompile(`http://(127\.0\.0\.1:\d+)`)

// waitAddr waits for the server's address to be printed.
func waitAddr(t *testing.T, out interface{ String() string }) string {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if m := addrRE.FindStringSubmatch(out.String()); m != nil {
			return m[1]
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("server printed no address:\n%s", out.String())
	return ""
}

func runCmd(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, func(string) string { return "" }, strings.NewReader(stdin), &out, &errOut)
	return out.String() + errOut.String(), err
}

func TestUserCommands(t *testing.T) {
	dsn := storetest.DSN(t)
	if out, err := runCmd(t, "mật khẩu đủ dài\n", "user", "add", "-database-url", dsn, "-username", "vanphong", "-role", "office", "-name", "Nguyễn Văn A"); err != nil {
		t.Fatalf("user add: %v\n%s", err, out)
	}
	if out, err := runCmd(t, "ngắn\n", "user", "add", "-database-url", dsn, "-username", "x2", "-role", "office"); err == nil || !strings.Contains(err.Error(), "ít nhất") {
		t.Errorf("short password accepted: %v\n%s", err, out)
	}
	if out, err := runCmd(t, "", "user", "add", "-database-url", dsn, "-username", "x3", "-role", "reporter", "-unit", "khongco"); err == nil {
		t.Errorf("unknown unit accepted:\n%s", out)
	}
	if out, err := runCmd(t, "mật khẩu mới hơn\n", "user", "passwd", "-database-url", dsn, "-username", "vanphong"); err != nil {
		t.Fatalf("user passwd: %v\n%s", err, out)
	}
	out, err := runCmd(t, "", "user", "list", "-database-url", dsn)
	if err != nil || !strings.Contains(out, "vanphong") || !strings.Contains(out, "Nguyễn Văn A") {
		t.Errorf("user list: %v\n%s", err, out)
	}
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Authenticate(context.Background(), "vanphong", "mật khẩu mới hơn"); err != nil {
		t.Errorf("the new password does not work: %v", err)
	}
	if _, err := runCmd(t, "", "khong-co-lenh"); err == nil {
		t.Error("an unknown command succeeded")
	}
}

// Shutting down lets a request that is in flight finish, and what it wrote
// is there when the store is opened again.
func TestServeFinishesInFlightRequests(t *testing.T) {
	dsn := storetest.DSN(t)
	if out, err := runCmd(t, "mật khẩu đủ dài\n", "user", "add", "-database-url", dsn, "-username", "vanphong", "-role", "office"); err != nil {
		t.Fatalf("user add: %v\n%s", err, out)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "-addr", "127.0.0.1:0", "-database-url", dsn}, func(string) string { return "" }, nil, out, io.Discard)
	}()
	addr := waitAddr(t, out)

	// Start a login whose body arrives only after the shutdown has begun.
	body := url.Values{"username": {"vanphong"}, "password": {"mật khẩu đủ dài"}}.Encode()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /login HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\nSec-Fetch-Site: same-origin\r\n\r\n", addr, len(body))
	half := len(body) / 2
	conn.Write([]byte(body[:half]))
	time.Sleep(200 * time.Millisecond) // the server is reading the body
	cancel()                           // what SIGTERM does
	time.Sleep(200 * time.Millisecond)
	select {
	case err := <-done:
		t.Fatalf("server stopped before the in-flight request finished: %v", err)
	default:
	}
	conn.Write([]byte(body[half:]))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("in-flight request: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("in-flight login: status %d, want 303", resp.StatusCode)
	}
	var secret string
	for _, c := range resp.Cookies() {
		if c.Name == "tiendo_session" {
			secret = c.Value
		}
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not return after shutdown")
	}
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if u, err := st.SessionUser(context.Background(), secret); err != nil || u.Username != "vanphong" {
		t.Errorf("the session made during shutdown is lost after restart: %v, %v", u, err)
	}
}

// A real process stops cleanly on SIGTERM.
func TestSIGTERM(t *testing.T) {
	dsn := storetest.DSN(t)
	cmd := exec.Command(os.Args[0], "serve", "-addr", "127.0.0.1:0", "-database-url", dsn)
	cmd.Env = append(os.Environ(), "TIENDO_TEST_RUN_MAIN=1")
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	addr := waitAddr(t, out)
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("/healthz: %d", resp.StatusCode)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	errc := make(chan error, 1)
	go func() { errc <- cmd.Wait() }()
	select {
	case err := <-errc:
		if err != nil {
			t.Errorf("exit after SIGTERM: %v\n%s", err, out.String())
		}
	case <-time.After(15 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("no exit 15 s after SIGTERM:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "msg=stopped") {
		t.Errorf("no clean stop in the log:\n%s", out.String())
	}
}

func TestDemoCommand(t *testing.T) {
	dir := t.TempDir()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	done := make(chan error, 1)
	env := func(k string) string {
		if k == "TIENDO_DEMO_PASSWORD" {
			return "mật khẩu trình diễn"
		}
		return ""
	}
	go func() { done <- run(ctx, []string{"demo", "-addr", "127.0.0.1:0"}, env, nil, out, io.Discard) }()
	addr := waitAddr(t, out)
	// The banner is written a line at a time after the address: wait for
	// its last line before reading it.
	for end := time.Now().Add(15 * time.Second); !strings.Contains(out.String(), "Nhấn Ctrl+C để dừng.") && time.Now().Before(end); {
		time.Sleep(20 * time.Millisecond)
	}
	for _, want := range []string{"vanphong", "lanhdao", "huyenuy", "admin", "pnnptnt", "ld.pgddt", "Lãnh đạo đơn vị Phòng GD&ĐT", "mật khẩu trình diễn"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("demo banner lacks %q:\n%s", want, out.String())
		}
	}
	form := url.Values{"username": {"vanphong"}, "password": {"mật khẩu trình diễn"}}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, _ := http.NewRequest("POST", "http://"+addr+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("demo login: %d, want 303", resp.StatusCode)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir + "/tiendo-demo.db"); err != nil {
		t.Errorf("demo store not in the working directory: %v", err)
	}
}
