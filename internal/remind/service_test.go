package remind_test

import (
	"context"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/mail"
	"tiendo/internal/mail/mailtest"
	"tiendo/internal/remind"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

var ctx = context.Background()

// clock is the one clock of a test; every store of the test reads it.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

func (c *clock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func at(month time.Month, d, h, m int) time.Time {
	return time.Date(2026, month, d, h, m, 0, 0, tiendo.Zone)
}

const baseURL = "https://tiendo.huulung.example"

// fixture is a store with a round due "trước ngày 02/12/2026" asking two
// units, each with a reporter who has an e-mail address, an office user, an
// SMTP server, and a service sending to it.
type fixture struct {
	dsn        string
	s          *store.Store
	clock      *clock
	smtp       *mailtest.Server
	svc        *remind.Service
	a, b       *tiendo.Unit
	office     *tiendo.User
	repA, repB *tiendo.User
	round      *tiendo.Round
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{dsn: storetest.DSN(t), clock: &clock{t: at(11, 20, 9, 0)}}
	f.s = f.open(t)
	f.a = &tiendo.Unit{Code: "pnv", Name: "Phòng Nội vụ"}
	f.b = &tiendo.Unit{Code: "cah", Name: "Công an huyện"}
	for _, u := range []*tiendo.Unit{f.a, f.b} {
		if err := f.s.CreateUnit(ctx, store.Actor{}, u); err != nil {
			t.Fatal(err)
		}
	}
	f.office = &tiendo.User{Username: "vanphong", FullName: "Nguyễn Văn Phòng", Email: "vanphong@huulung.example", Role: tiendo.RoleOffice}
	f.repA = &tiendo.User{Username: "pnv", FullName: "Trần Thị Nội", Email: "pnv@huulung.example", Role: tiendo.RoleReporter, UnitID: f.a.ID}
	f.repB = &tiendo.User{Username: "cah", FullName: "Lê Văn An", Email: "cah@huulung.example", Role: tiendo.RoleReporter, UnitID: f.b.ID}
	for _, u := range []*tiendo.User{f.office, f.repA, f.repB} {
		if err := f.s.CreateUser(ctx, store.Actor{}, u, "mật khẩu dài đủ"); err != nil {
			t.Fatal(err)
		}
	}
	f.round = &tiendo.Round{
		Title: "Báo cáo kết quả thực hiện nhiệm vụ trọng tâm năm 2026", Deadline: tiendo.DeadlineBefore(2026, 12, 2),
		Period:  tiendo.Period{Kind: tiendo.PeriodYear, Year: 2026},
		UnitIDs: []int64{f.a.ID, f.b.ID},
		Tasks: []*tiendo.Task{{Label: "1", Text: "Cải cách hành chính", Assignees: []tiendo.Assignee{{UnitID: f.a.ID, Role: tiendo.Lead}}},
			{Label: "2", Text: "Bảo đảm an ninh trật tự", Assignees: []tiendo.Assignee{{UnitID: f.b.ID, Role: tiendo.Lead}}}},
	}
	if err := f.s.CreateRound(ctx, store.Actor{}, f.round); err != nil {
		t.Fatal(err)
	}
	if err := f.s.PublishRound(ctx, store.Actor{}, f.round.ID); err != nil {
		t.Fatal(err)
	}
	f.smtp = mailtest.Start(t)
	f.svc = f.service(t, f.s, "w1")
	return f
}

// open opens another store on the fixture's database: another app instance.
func (f *fixture) open(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(ctx, f.dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	s.Now = f.clock.Now
	return s
}

func (f *fixture) mailer(t *testing.T) *mail.Mailer {
	t.Helper()
	m, err := mail.New(mail.Config{Host: f.smtp.Host(), Port: f.smtp.Port(), TLS: mail.TLSNone, From: "Văn phòng HĐND và UBND <vanphong@huulung.example>"})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func (f *fixture) service(t *testing.T, s *store.Store, worker string) *remind.Service {
	t.Helper()
	return remind.New(s, f.mailer(t), remind.Config{BaseURL: baseURL, Worker: worker, Batch: 3,
		Retry: store.RetryPolicy{MaxAttempts: 5, Base: time.Minute, Max: 10 * time.Minute}},
		slog.New(slog.NewTextHandler(t.Output(), nil)))
}

// received returns "recipient subject" for each message the server got, in order.
func (f *fixture) received() []string {
	var out []string
	for _, m := range f.smtp.Messages() {
		out = append(out, strings.Join(m.To, ",")+" "+m.Subject())
	}
	return out
}

// submit makes unit a submit its report.
func (f *fixture) submitA(t *testing.T) {
	t.Helper()
	rep, err := f.s.Report(ctx, f.repA, f.round.ID, f.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, sec := range rep.Sections {
		sec.Status, sec.ResultVsPlan = "completed", "Hoàn thành kế hoạch"
	}
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.ActOnReport(ctx, store.Actor{UserID: f.repA.ID}, f.repA, f.round.ID, f.a.ID, store.ActRequest{Action: tiendo.ReportSubmit, Version: rep.Version}); err != nil {
		t.Fatal(err)
	}
}

// The schedule through a round: who is reminded of what, and when. Each
// step runs the service twice, as a planner ticking every minute would.
func TestScheduleThroughARound(t *testing.T) {
	f := newFixture(t)
	title := f.round.Title
	steps := []struct {
		name   string
		now    time.Time
		before func(t *testing.T)
		want   []string
	}{
		{name: "a week before: nothing", now: at(11, 25, 8, 0)},
		{name: "3 days before", now: at(11, 28, 8, 0), want: []string{
			"cah@huulung.example Nhắc gửi báo cáo: " + title + " (còn 3 ngày, hạn trước ngày 02/12/2026)",
			"pnv@huulung.example Nhắc gửi báo cáo: " + title + " (còn 3 ngày, hạn trước ngày 02/12/2026)",
		}},
		{name: "2 days before: nothing new", now: at(11, 29, 8, 0)},
		{name: "1 day before", now: at(11, 30, 8, 0), want: []string{
			"cah@huulung.example Nhắc gửi báo cáo: " + title + " (còn 1 ngày, hạn trước ngày 02/12/2026)",
			"pnv@huulung.example Nhắc gửi báo cáo: " + title + " (còn 1 ngày, hạn trước ngày 02/12/2026)",
		}},
		{name: "deadline day", now: at(12, 1, 8, 0), want: []string{
			"cah@huulung.example Hôm nay là hạn cuối gửi báo cáo: " + title,
			"pnv@huulung.example Hôm nay là hạn cuối gửi báo cáo: " + title,
		}},
		{name: "1 day overdue", now: at(12, 2, 8, 0), want: []string{
			"cah@huulung.example Báo cáo đã quá hạn 1 ngày: " + title,
			"pnv@huulung.example Báo cáo đã quá hạn 1 ngày: " + title,
		}},
		// Unit a submits late: the office hears of it, and a's reminders stop.
		{name: "a submits; 2 days overdue", now: at(12, 3, 8, 0), before: f.submitA, want: []string{
			"cah@huulung.example Báo cáo đã quá hạn 2 ngày: " + title,
			"vanphong@huulung.example Phòng Nội vụ đã gửi báo cáo: " + title,
		}},
		{name: "the round closes", now: at(12, 4, 8, 0), before: func(t *testing.T) {
			if err := f.s.CloseRound(ctx, store.Actor{}, f.round.ID); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "closed: nothing", now: at(12, 5, 8, 0)},
	}
	seen := 0
	for _, st := range steps {
		f.clock.Set(st.now.Add(-time.Minute))
		if st.before != nil {
			st.before(t)
		}
		f.clock.Set(st.now)
		f.svc.Tick(ctx)
		f.svc.Tick(ctx)
		all := f.received()
		got := all[seen:]
		seen = len(all)
		slices.Sort(got)
		if !slices.Equal(got, st.want) {
			t.Errorf("%s: received\n  %s\nwant\n  %s", st.name, strings.Join(got, "\n  "), strings.Join(st.want, "\n  "))
		}
	}
	// Each reminder also reached the bell, once.
	notes, _, _ := f.s.Notifications(ctx, f.repB, 100)
	var kinds []string
	for _, n := range notes {
		kinds = append(kinds, n.Kind)
	}
	slices.Sort(kinds)
	want := []string{"reminder_before", "reminder_before", "reminder_due", "reminder_overdue", "reminder_overdue", "round_published"}
	if !slices.Equal(kinds, want) {
		t.Errorf("unit b's notifications %v, want %v", kinds, want)
	}
}

// What a reminder says: Vietnamese, with the deadline, how late, and a
// direct link to the unit's report.
func TestReminderText(t *testing.T) {
	f := newFixture(t)
	f.clock.Set(at(12, 3, 8, 0))
	f.svc.Tick(ctx)
	msgs := f.smtp.Messages()
	i := slices.IndexFunc(msgs, func(m mailtest.Received) bool { return m.To[0] == "pnv@huulung.example" })
	if i < 0 {
		t.Fatalf("no reminder to unit a; received %v", f.received())
	}
	body := msgs[i].Body
	for _, want := range []string{
		"Kính gửi: Trần Thị Nội,",
		"Phòng Nội vụ chưa gửi báo cáo “Báo cáo kết quả thực hiện nhiệm vụ trọng tâm năm 2026”.",
		"Hạn gửi báo cáo là trước ngày 02/12/2026; đến nay đã quá hạn 2 ngày.",
		"Đề nghị đơn vị khẩn trương gửi báo cáo.",
		"Mở báo cáo: " + baseURL + "/rounds/" + itoa(f.round.ID) + "/reports/pnv",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}
	if id := msgs[i].Header.Get("Message-Id"); !strings.HasPrefix(id, "<remind.") || !strings.HasSuffix(id, "@tiendo.huulung.example>") {
		t.Errorf("Message-ID %q, want one derived from the dedupe key", id)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// Two app instances on one database plan and deliver at the same moments:
// every reminder arrives exactly once.
func TestTwoInstancesRace(t *testing.T) {
	f := newFixture(t)
	// Four more units and users, so that batches overlap.
	for _, code := range []string{"pnn", "ptc", "pyt", "pgd"} {
		u := &tiendo.Unit{Code: code, Name: "Phòng " + strings.ToUpper(code)}
		if err := f.s.CreateUnit(ctx, store.Actor{}, u); err != nil {
			t.Fatal(err)
		}
		for _, suffix := range []string{"1", "2"} {
			usr := &tiendo.User{Username: code + suffix, Email: code + suffix + "@huulung.example", Role: tiendo.RoleReporter, UnitID: u.ID}
			if err := f.s.CreateUser(ctx, store.Actor{}, usr, "mật khẩu dài đủ"); err != nil {
				t.Fatal(err)
			}
		}
		r := &tiendo.Round{Title: "Báo cáo quý IV", Deadline: tiendo.DeadlineBefore(2026, 12, 2), Status: tiendo.RoundOpen,
			UnitIDs: []int64{u.ID}, PublishedAt: at(11, 20, 9, 0)}
		if err := f.s.CreateRound(ctx, store.Actor{}, r); err != nil {
			t.Fatal(err)
		}
	}
	other := f.service(t, f.open(t), "w2")
	var wg sync.WaitGroup
	for _, now := range []time.Time{at(11, 28, 8, 0), at(11, 30, 8, 0), at(12, 1, 8, 0)} {
		f.clock.Set(now)
		for _, svc := range []*remind.Service{f.svc, other, f.svc, other} {
			wg.Go(func() { svc.Tick(ctx) })
		}
		wg.Wait()
	}
	// 3 moments x (2 units x 1 user + 4 units x 2 users) = 30 messages.
	got := f.smtp.Messages()
	if len(got) != 30 {
		t.Errorf("received %d messages, want 30", len(got))
	}
	ids := map[string]int{}
	for _, m := range got {
		ids[m.Header.Get("Message-Id")]++
	}
	for id, n := range ids {
		if n != 1 {
			t.Errorf("message %s arrived %d times", id, n)
		}
	}
	counts, _ := f.s.OutboxCounts(ctx)
	if counts[store.MessageSent] != 30 || counts[store.MessagePending]+counts[store.MessageSending] != 0 {
		t.Errorf("outbox counts %v, want 30 sent and nothing waiting", counts)
	}
}

// An instance crashes after claiming messages and before sending them: the
// messages wait for the lease to end, then go out once.
func TestCrashBetweenClaimAndSend(t *testing.T) {
	f := newFixture(t)
	f.clock.Set(at(11, 28, 8, 0))
	if n, err := f.svc.Plan(ctx); err != nil || n != 2 {
		t.Fatalf("Plan = %d, %v; want 2", n, err)
	}
	// The instance that crashes: it claims, then is gone.
	crashed := f.open(t)
	claimed, err := crashed.ClaimMessages(ctx, "crashed", 10, f.svc.Config().Lease)
	if err != nil || len(claimed) != 2 {
		t.Fatalf("claim = %d, %v; want 2", len(claimed), err)
	}
	f.clock.Add(f.svc.Config().Lease - time.Second)
	f.svc.Tick(ctx)
	if got := f.received(); len(got) != 0 {
		t.Errorf("sent %v while the crashed instance's lease held", got)
	}
	f.clock.Add(time.Second)
	f.svc.Tick(ctx)
	f.svc.Tick(ctx)
	if got := f.received(); len(got) != 2 {
		t.Errorf("after the lease: received %v, want the 2 reminders once", got)
	}
	// A restarted service plans the same moment again: nothing new.
	restarted := f.service(t, f.open(t), "w1-restarted")
	restarted.Tick(ctx)
	if got := f.received(); len(got) != 2 {
		t.Errorf("after a restart: received %d messages, want still 2", len(got))
	}
}

// An SMTP outage delays messages with backoff, shows them to the admin
// with their error, and loses none: they arrive when the server is back.
func TestSMTPOutage(t *testing.T) {
	for _, outage := range []string{"stopped", "refusing"} {
		t.Run(outage, func(t *testing.T) {
			f := newFixture(t)
			f.clock.Set(at(11, 28, 8, 0))
			if outage == "stopped" {
				f.smtp.Stop()
			} else {
				f.smtp.Refuse(true)
			}
			f.svc.Tick(ctx)
			waiting, err := f.s.Outbox(ctx, store.OutboxFilter{Statuses: []string{store.MessagePending}})
			if err != nil {
				t.Fatal(err)
			}
			if len(waiting) != 2 {
				t.Fatalf("after a failed attempt %d messages wait, want 2", len(waiting))
			}
			attempted := 0
			for _, m := range waiting {
				if m.Attempts == 1 {
					attempted++
					if m.LastError == "" || !m.NextAttemptAt.Equal(f.clock.Now().Add(time.Minute).UTC()) {
						t.Errorf("message %d: error %q, next attempt %v; want the error and a retry in 1 minute", m.ID, m.LastError, m.NextAttemptAt)
					}
				}
			}
			if attempted == 0 {
				t.Errorf("no message was attempted: %+v", waiting)
			}
			// Within the backoff nothing is tried again.
			f.clock.Add(30 * time.Second)
			f.svc.Tick(ctx)
			again, _ := f.s.Outbox(ctx, store.OutboxFilter{Statuses: []string{store.MessagePending}})
			for _, m := range again {
				if m.Attempts > 1 {
					t.Errorf("message %d tried %d times within its backoff", m.ID, m.Attempts)
				}
			}
			// The server comes back; the messages go out once each.
			if outage == "stopped" {
				f.smtp.Restart()
			} else {
				f.smtp.Refuse(false)
			}
			f.clock.Add(time.Minute)
			f.svc.Tick(ctx)
			f.svc.Tick(ctx)
			if got := f.received(); len(got) != 2 {
				t.Errorf("after the outage: received %v, want the 2 reminders", got)
			}
		})
	}
}

// A long outage exhausts the attempts: the messages end as failed, listed
// for the admin with their error, who retries them.
func TestFailuresVisibleAndRetried(t *testing.T) {
	f := newFixture(t)
	f.clock.Set(at(12, 2, 8, 0))
	f.smtp.Refuse(true)
	for range 6 {
		f.svc.Tick(ctx)
		f.clock.Add(10 * time.Minute)
	}
	failed, _ := f.s.Outbox(ctx, store.OutboxFilter{Statuses: []string{store.MessageFailed}})
	if len(failed) != 2 {
		t.Fatalf("failed = %d messages, want 2", len(failed))
	}
	for _, m := range failed {
		if m.Attempts != 5 || !strings.Contains(m.LastError, "451") {
			t.Errorf("failed message %+v: want 5 attempts and the server's 451", m)
		}
	}
	f.smtp.Refuse(false)
	for _, m := range failed {
		if err := f.s.RetryMessage(ctx, store.Actor{}, m.ID); err != nil {
			t.Fatal(err)
		}
	}
	f.svc.Tick(ctx)
	if got := f.received(); len(got) != 2 {
		t.Errorf("after retry: received %v, want 2", got)
	}
}

// The office's "đôn đốc": one message and one notification to each unit
// still owing, logged; a double click queues nothing twice, and a unit
// chased less than NudgeInterval ago is not chased again, whatever the key.
func TestNudge(t *testing.T) {
	f := newFixture(t)
	f.clock.Set(at(11, 29, 15, 0))
	f.submitA(t)
	if _, err := f.svc.Nudge(ctx, store.Actor{}, f.repB, f.round.ID, ""); tiendo.ErrorCode(err) != tiendo.EFORBIDDEN {
		t.Errorf("a reporter nudges: %v, want forbidden", err)
	}
	if _, err := f.svc.Nudge(ctx, store.Actor{}, f.office, f.round.ID, "bad key!"); tiendo.ErrorCode(err) != tiendo.EINVALID {
		t.Errorf("nudge with a malformed key: %v, want invalid", err)
	}
	actor := store.Actor{UserID: f.office.ID, Address: "10.0.0.5"}
	first := at(11, 29, 15, 0)
	sent := remind.Nudged{Units: 1, Messages: 1, Notices: 1, Emails: 1}
	left := remind.Nudged{Recent: 1, RecentAt: []time.Time{first}}
	for i, c := range []struct {
		key   string
		after time.Duration // since the first click
		want  remind.Nudged
	}{
		{"click1", 0, sent},
		{"click1", 0, left}, // the same form sent twice
		{"click2", 0, left}, // the page reloaded, pressed again
		{"click3", remind.NudgeInterval - time.Minute, left},
		{"click4", remind.NudgeInterval, sent},
		{"click4", remind.NudgeInterval + time.Minute, remind.Nudged{Recent: 1, RecentAt: []time.Time{first.Add(remind.NudgeInterval)}}},
	} {
		f.clock.Set(first.Add(c.after))
		got, err := f.svc.Nudge(ctx, actor, f.office, f.round.ID, c.key)
		if err != nil {
			t.Fatal(err)
		}
		if !sameNudged(got, c.want) {
			t.Errorf("nudge %d (%s, +%s) = %+v, want %+v", i+1, c.key, c.after, got, c.want)
		}
	}
	f.svc.Tick(ctx)
	var nudges []mailtest.Received
	for _, m := range f.smtp.Messages() {
		if strings.HasPrefix(m.Subject(), "Văn phòng đôn đốc") {
			nudges = append(nudges, m)
		}
	}
	if len(nudges) != 2 || nudges[0].To[0] != "cah@huulung.example" {
		t.Fatalf("nudges received %v, want 2 to unit b only", f.received())
	}
	if got, want := nudges[0].Subject(), "Văn phòng đôn đốc gửi báo cáo: "+f.round.Title+" (còn 2 ngày, hạn trước ngày 02/12/2026)"; got != want {
		t.Errorf("subject %q, want %q", got, want)
	}
	if !strings.Contains(nudges[0].Body, "Hạn gửi báo cáo là trước ngày 02/12/2026 (còn 2 ngày).") {
		t.Errorf("body lacks the deadline:\n%s", nudges[0].Body)
	}
	log, _ := f.s.AuditLog(ctx, "round", 10)
	var remindRows int
	for _, e := range log {
		if e.Action == "remind" && e.EntityID == f.round.ID && e.UserID == f.office.ID && e.Address == "10.0.0.5" {
			remindRows++
		}
	}
	if remindRows != 2 {
		t.Errorf("audit log has %d remind rows, want 2 (one per click that sent)", remindRows)
	}
	notes, _, _ := f.s.Notifications(ctx, f.repB, 10)
	adhoc := 0
	for _, n := range notes {
		if n.Kind == store.KindAdhoc {
			adhoc++
		}
	}
	if adhoc != 2 {
		t.Errorf("unit b has %d đôn đốc notifications, want 2", adhoc)
	}
	// When everyone has submitted there is no one to chase.
	if err := f.s.CloseRound(ctx, store.Actor{}, f.round.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Nudge(ctx, actor, f.office, f.round.ID, ""); tiendo.ErrorCode(err) != tiendo.ECONFLICT {
		t.Errorf("nudge a closed round: %v, want conflict", err)
	}
}

// sameNudged compares what two "đôn đốc" did; times by the instant.
func sameNudged(a, b remind.Nudged) bool {
	return a.Units == b.Units && a.Recent == b.Recent && a.Messages == b.Messages && a.Notices == b.Notices &&
		a.Emails == b.Emails && a.MailOff == b.MailOff && a.Unreached == b.Unreached && slices.EqualFunc(a.RecentAt, b.RecentAt, time.Time.Equal)
}

// A unit with no account and no e-mail address cannot be chased: the
// "đôn đốc" counts it apart instead of among the units it reached.
func TestNudgeUnreached(t *testing.T) {
	f := newFixture(t)
	c := &tiendo.Unit{Code: "xhl", Name: "UBND xã Hữu Liên"}
	if err := f.s.CreateUnit(ctx, store.Actor{}, c); err != nil {
		t.Fatal(err)
	}
	r := &tiendo.Round{
		Title: "Báo cáo tình hình chuẩn bị Tết", Deadline: tiendo.DeadlineBefore(2026, 12, 2),
		Period:  tiendo.Period{Kind: tiendo.PeriodYear, Year: 2026},
		UnitIDs: []int64{f.a.ID, c.ID},
		Tasks: []*tiendo.Task{{Label: "1", Text: "Chăm lo Tết cho hộ nghèo",
			Assignees: []tiendo.Assignee{{UnitID: f.a.ID, Role: tiendo.Lead}, {UnitID: c.ID, Role: tiendo.Lead}}}},
	}
	if err := f.s.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	if err := f.s.PublishRound(ctx, store.Actor{}, r.ID); err != nil {
		t.Fatal(err)
	}
	got, err := f.svc.Nudge(ctx, store.Actor{UserID: f.office.ID}, f.office, r.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if want := (remind.Nudged{Units: 1, Messages: 1, Notices: 1, Emails: 1, Unreached: 1}); !sameNudged(got, want) {
		t.Errorf("nudge = %+v, want %+v", got, want)
	}
}

// Users without an address, and a service without SMTP, send nothing and
// say why.
func TestSkipped(t *testing.T) {
	f := newFixture(t)
	f.repB.Email = ""
	if err := f.s.UpdateUser(ctx, store.Actor{}, f.repB); err != nil {
		t.Fatal(err)
	}
	noMail := remind.New(f.s, nil, remind.Config{BaseURL: baseURL}, slog.New(slog.NewTextHandler(t.Output(), nil)))
	f.clock.Set(at(11, 28, 8, 0))
	noMail.Tick(ctx)
	skipped, _ := f.s.Outbox(ctx, store.OutboxFilter{Statuses: []string{store.MessageSkipped}})
	reasons := map[string]bool{}
	for _, m := range skipped {
		reasons[m.LastError] = true
	}
	if len(skipped) != 2 || len(reasons) != 2 {
		t.Errorf("skipped = %+v, want 2 messages with 2 different reasons", skipped)
	}
	if got := f.received(); len(got) != 0 {
		t.Errorf("received %v, want nothing", got)
	}
	// The bell still rings for both.
	for _, u := range []*tiendo.User{f.repA, f.repB} {
		if _, n, _ := f.s.Notifications(ctx, u, 10); n != 2 { // the round's publication and the reminder
			t.Errorf("%s has %d unread notifications, want 2", u.Username, n)
		}
	}
}

func TestUpcoming(t *testing.T) {
	f := newFixture(t)
	f.clock.Set(at(11, 29, 10, 0))
	got, err := f.svc.Upcoming(ctx, f.round.ID, at(12, 2, 23, 0))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, p := range got {
		lines = append(lines, p.Unit.Code+" "+p.Slot.Kind+" "+p.Slot.At.Format("02/01 15:04"))
	}
	want := []string{
		"pnv reminder_before 30/11 08:00", "cah reminder_before 30/11 08:00",
		"pnv reminder_due 01/12 08:00", "cah reminder_due 01/12 08:00",
		"pnv reminder_overdue 02/12 08:00", "cah reminder_overdue 02/12 08:00",
	}
	if !slices.Equal(lines, want) {
		t.Errorf("Upcoming =\n  %s\nwant\n  %s", strings.Join(lines, "\n  "), strings.Join(want, "\n  "))
	}
}

// Run works until its context is cancelled, then returns.
func TestRunStops(t *testing.T) {
	f := newFixture(t)
	f.clock.Set(at(11, 28, 8, 0))
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan error)
	go func() { done <- f.svc.Run(ctx) }()
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run = %v, want nil after cancel", err)
	}
}
