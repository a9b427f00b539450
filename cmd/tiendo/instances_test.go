package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/mail/mailtest"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

const instancePassword = "mật khẩu thử nghiệm"

// instance is a `tiendo serve` child process.
type instance struct {
	name string
	base string // http://127.0.0.1:PORT
	out  *syncBuffer
}

// startInstance starts `tiendo serve` on dsn as a child process (the test
// binary running main(), see TestMain), sending mail to smtp, and stops it
// with SIGTERM when the test ends.
func startInstance(t *testing.T, name, dsn string, smtp *mailtest.Server) *instance {
	t.Helper()
	cmd := exec.Command(os.Args[0], "serve", "-addr", "127.0.0.1:0", "-database-url", dsn)
	cmd.Env = append(os.Environ(), "TIENDO_TEST_RUN_MAIN=1",
		"TIENDO_SMTP_HOST="+smtp.Host(), "TIENDO_SMTP_PORT="+strconv.Itoa(smtp.Port()), "TIENDO_SMTP_TLS=none",
		"TIENDO_SMTP_FROM=Văn phòng UBND <vanphong@huulung.example>", "TIENDO_BASE_URL=https://tiendo.huulung.example")
	in := &instance{name: name, out: &syncBuffer{}}
	cmd.Stdout, cmd.Stderr = in.out, in.out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("instance %s: exit after SIGTERM: %v\n%s", name, err, in.out.String())
			}
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
			t.Errorf("instance %s: no exit 20 s after SIGTERM", name)
		}
		if t.Failed() {
			t.Logf("instance %s log:\n%s", name, in.out.String())
		}
	})
	in.base = "http://" + waitAddr(t, in.out)
	return in
}

// call sends a request to the instance; body, when not nil, is sent as
// JSON. It returns the status and the body, or 0 after reporting an error
// (with Errorf, not Fatalf: it runs in goroutines too).
func (in *instance) call(t *testing.T, method, path, token, cookie string, body any) (int, []byte) {
	t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, in.base+path, r)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if cookie != "" {
		req.Header.Set("Cookie", "tiendo_session="+cookie)
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Errorf("%s %s on %s: %v", method, path, in.name, err)
		return 0, nil
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func (in *instance) token(t *testing.T, username string) string {
	t.Helper()
	code, b := in.call(t, "POST", "/api/v1/tokens", "", "", map[string]string{"username": username, "password": instancePassword})
	var out struct{ Token string }
	if json.Unmarshal(b, &out); code != http.StatusCreated || out.Token == "" {
		t.Fatalf("token for %s on %s: %d %s", username, in.name, code, b)
	}
	return out.Token
}

var noRedirect = &http.Client{Timeout: 60 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// Two `tiendo serve` processes share one PostgreSQL database with no
// sticky sessions: a login on one works on the other, both run the
// reminder service and every reminder arrives exactly once, and documents
// issued through both at once get unique, consecutive register numbers.
func TestTwoInstancesShareOnePostgreSQL(t *testing.T) {
	if os.Getenv(storetest.EnvDatabaseURL) == "" {
		t.Skipf("two instances need a shared PostgreSQL: set %s=postgres://... to run", storetest.EnvDatabaseURL)
	}
	ctx := context.Background()
	dsn := storetest.DSN(t)
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()

	// Six units, each with a mailbox and a reporter who has an address: 12
	// recipients of an overdue round's reminder.
	var unitIDs []int64
	for i := 1; i <= 6; i++ {
		u := &tiendo.Unit{Code: fmt.Sprintf("dv%d", i), Name: fmt.Sprintf("Phòng số %d", i), Email: fmt.Sprintf("dv%d@huulung.example", i)}
		if err := st.CreateUnit(ctx, store.Actor{}, u); err != nil {
			t.Fatal(err)
		}
		unitIDs = append(unitIDs, u.ID)
		rep := &tiendo.User{Username: u.Code, FullName: "Cán bộ " + u.Name, Email: fmt.Sprintf("canbo%d@huulung.example", i), Role: tiendo.RoleReporter, UnitID: u.ID}
		if err := st.CreateUser(ctx, store.Actor{}, rep, instancePassword); err != nil {
			t.Fatal(err)
		}
	}
	const reminderRecipients = 12
	for _, u := range []*tiendo.User{
		{Username: "vanphong", FullName: "Nguyễn Văn Phòng", Role: tiendo.RoleOffice},
		{Username: "lanhdao", FullName: "Hoàng Văn Minh", Role: tiendo.RoleLeader},
	} {
		if err := st.CreateUser(ctx, store.Actor{}, u, instancePassword); err != nil {
			t.Fatal(err)
		}
	}
	tasks := func() []*tiendo.Task {
		task := &tiendo.Task{Label: "1", Text: "Nâng cao chỉ số cải cách hành chính"}
		for _, id := range unitIDs {
			task.Assignees = append(task.Assignees, tiendo.Assignee{UnitID: id, Role: tiendo.Lead})
		}
		return []*tiendo.Task{task}
	}
	// A round published ten days ago whose deadline passed four days ago:
	// today's "quá hạn" reminder (or yesterday's, before 08:00) is due.
	now := time.Now().In(tiendo.Zone)
	st.Now = func() time.Time { return now.AddDate(0, 0, -10) }
	d := now.AddDate(0, 0, -4)
	overdue := &tiendo.Round{Title: "Báo cáo đã quá hạn", Deadline: tiendo.DeadlineBefore(d.Year(), d.Month(), d.Day()),
		Period: tiendo.Period{Kind: tiendo.PeriodYear, Year: now.Year()}, UnitIDs: unitIDs, Tasks: tasks()}
	if err := st.CreateRound(ctx, store.Actor{}, overdue); err != nil {
		t.Fatal(err)
	}
	if err := st.PublishRound(ctx, store.Actor{}, overdue.ID); err != nil {
		t.Fatal(err)
	}
	st.Now = time.Now
	// Rounds to consolidate and issue, due in a month (no reminder due yet).
	var docRounds []*tiendo.Round
	for i := range 6 {
		r := &tiendo.Round{Title: fmt.Sprintf("Báo cáo chuyên đề số %d", i+1), Status: tiendo.RoundOpen, Deadline: now.AddDate(0, 1, 0),
			Period: tiendo.Period{Kind: tiendo.PeriodYear, Year: now.Year()}, UnitIDs: unitIDs, Tasks: tasks()}
		if err := st.CreateRound(ctx, store.Actor{}, r); err != nil {
			t.Fatal(err)
		}
		docRounds = append(docRounds, r)
	}

	smtp := mailtest.Start(t)
	a := startInstance(t, "A", dsn, smtp)
	b := startInstance(t, "B", dsn, smtp)

	t.Run("no sticky sessions", func(t *testing.T) {
		form := url.Values{"username": {"vanphong"}, "password": {instancePassword}}
		req, _ := http.NewRequest("POST", a.base+"/login", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := noRedirect.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		var cookie string
		for _, c := range resp.Cookies() {
			if c.Name == "tiendo_session" {
				cookie = c.Value
			}
		}
		if resp.StatusCode != http.StatusSeeOther || cookie == "" {
			t.Fatalf("login on A: %d, cookie %q", resp.StatusCode, cookie)
		}
		if code, body := b.call(t, "GET", fmt.Sprintf("/rounds/%d", overdue.ID), "", cookie, nil); code != 200 || !strings.Contains(string(body), "Báo cáo đã quá hạn") {
			t.Errorf("A's session on B: round page %d, want 200 with the round's title", code)
		}
		if code, _ := b.call(t, "GET", fmt.Sprintf("/rounds/%d", overdue.ID), "", "", nil); code != http.StatusSeeOther {
			t.Errorf("B without a session: %d, want 303 to the login page (the check above proves nothing)", code)
		}
		token := a.token(t, "vanphong")
		code, body := b.call(t, "GET", "/api/v1/me", token, "", nil)
		if code != 200 || !strings.Contains(string(body), `"vanphong"`) {
			t.Errorf("A's API token on B: %d %s", code, body)
		}
		// Logging out on B ends the session on A too.
		code, _ = b.call(t, "POST", "/logout", "", cookie, nil)
		if code != http.StatusSeeOther {
			t.Errorf("logout on B: %d, want 303", code)
		}
		if code, _ := a.call(t, "GET", "/", "", cookie, nil); code != http.StatusSeeOther {
			t.Errorf("A after logout on B: %d, want 303 to the login page", code)
		}
	})

	t.Run("reminders exactly once", func(t *testing.T) {
		// Both instances plan and deliver as they start. Wait until the
		// queue is empty and the reminders are in.
		deadline := time.Now().Add(45 * time.Second)
		for {
			counts, err := st.OutboxCounts(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if counts["pending"]+counts["sending"] == 0 && countReminders(smtp.Messages()) >= reminderRecipients {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("reminders not delivered in 45 s: outbox %v, %d messages received", counts, len(smtp.Messages()))
			}
			time.Sleep(100 * time.Millisecond)
		}
		time.Sleep(time.Second) // a duplicate would arrive now
		msgs := smtp.Messages()
		counts, _ := st.OutboxCounts(ctx)
		if len(msgs) != counts["sent"] {
			t.Errorf("%d messages received, %d marked sent in the outbox", len(msgs), counts["sent"])
		}
		seen := map[string]int{}
		for _, m := range msgs {
			seen[m.Header.Get("Message-Id")+" to "+strings.Join(m.To, ",")]++
		}
		for k, n := range seen {
			if n > 1 {
				t.Errorf("message %s arrived %d times", k, n)
			}
		}
		if got := countReminders(msgs); got != reminderRecipients {
			t.Errorf("%d overdue reminders arrived, want %d (one per recipient)", got, reminderRecipients)
		}
		for _, in := range []*instance{a, b} {
			t.Logf("instance %s: %d log lines about reminders sent", in.name, strings.Count(in.out.String(), "msg=\"reminders sent\""))
		}
	})

	t.Run("register numbers", func(t *testing.T) {
		office := map[*instance]string{a: a.token(t, "vanphong"), b: b.token(t, "vanphong")}
		leader := b.token(t, "lanhdao")
		versions := make([]int, len(docRounds))
		for i, r := range docRounds {
			// Draft on one instance, send and approve on the other.
			in, other := a, b
			if i%2 == 1 {
				in, other = b, a
			}
			base := fmt.Sprintf("/api/v1/rounds/%d/consolidated", r.ID)
			code, body := in.call(t, "POST", base, office[in], "", nil)
			if code != http.StatusCreated {
				t.Fatalf("draft %d on %s: %d %s", i, in.name, code, body)
			}
			var doc struct{ Version int }
			json.Unmarshal(body, &doc)
			if code, body := other.call(t, "POST", base+"/send", office[other], "", map[string]any{"version": doc.Version}); code != 200 {
				t.Fatalf("send %d on %s: %d %s", i, other.name, code, body)
			}
			if code, body := b.call(t, "POST", base+"/approve", leader, "", map[string]any{"version": doc.Version + 1}); code != 200 {
				t.Fatalf("approve %d: %d %s", i, code, body)
			}
			versions[i] = doc.Version + 2
		}
		// Issue all at once, half through each instance.
		numbers := make([]int, len(docRounds))
		var wg sync.WaitGroup
		for i, r := range docRounds {
			in := []*instance{a, b}[i%2]
			wg.Go(func() {
				code, body := in.call(t, "POST", fmt.Sprintf("/api/v1/rounds/%d/consolidated/issue", r.ID), office[in], "", map[string]any{
					"version": versions[i],
					"signer":  map[string]any{"authority": []string{"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"}, "title": "PHÓ CHỦ TỊCH", "name": "Hoàng Văn Minh"}})
				var doc struct{ Number int }
				if json.Unmarshal(body, &doc); code != 200 {
					t.Errorf("issue %d on %s: %d %s", i, in.name, code, body)
				}
				numbers[i] = doc.Number
			})
		}
		wg.Wait()
		slices.Sort(numbers)
		want := []int{1, 2, 3, 4, 5, 6}
		if !slices.Equal(numbers, want) {
			t.Errorf("issued numbers %v, want %v", numbers, want)
		}
		reg, err := st.Register(ctx, "UBND", time.Now().In(tiendo.Zone).Year())
		if err != nil {
			t.Fatal(err)
		}
		var got []int
		for _, e := range reg {
			got = append(got, e.Number)
		}
		if !slices.Equal(got, want) {
			t.Errorf("register numbers %v, want %v", got, want)
		}
	})
}

// countReminders counts the overdue reminders among msgs: their Message-ID
// comes from the dedupe key, which names the slot ("overdue:2026-...").
func countReminders(msgs []mailtest.Received) int {
	n := 0
	for _, m := range msgs {
		if strings.Contains(m.Header.Get("Message-Id"), "overdue") {
			n++
		}
	}
	return n
}
