package remind

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"tiendo"
	"tiendo/internal/mail"
	"tiendo/internal/store"
	"tiendo/internal/vi"
)

// Config is how reminders are planned and delivered. The zero value of each
// field means its default.
type Config struct {
	// DaysBefore lists when to remind before the deadline day, in days
	// (default 3 and 1).
	DaysBefore []int
	// TimeOfDay is when reminders go out, after local midnight (default 8h:
	// 08:00 Asia/Ho_Chi_Minh).
	TimeOfDay time.Duration
	// MaxOverdueDays stops the daily reminders after the deadline once a unit
	// is that many days late; 0 reminds every day until the round closes.
	MaxOverdueDays int

	// BaseURL is put before a message's link: "https://tiendo.huulung.gov.vn".
	BaseURL string

	// Interval is how often Run plans and delivers (default 1 minute).
	Interval time.Duration
	// Batch is how many messages a worker claims at once (default 20).
	Batch int
	// Lease is how long a claim lasts (default 10 minutes). It must be longer
	// than sending a batch can take, or another instance may send the batch
	// again; a crashed worker's messages wait this long.
	Lease time.Duration
	// Retry says when failed messages are tried again (default store.DefaultRetry).
	Retry store.RetryPolicy
	// Worker names this instance in claims (default host name, process id
	// and a random suffix).
	Worker string
}

func (c Config) withDefaults() Config {
	if c.DaysBefore == nil {
		c.DaysBefore = []int{3, 1}
	}
	if c.TimeOfDay == 0 {
		c.TimeOfDay = 8 * time.Hour
	}
	if c.Interval <= 0 {
		c.Interval = time.Minute
	}
	if c.Batch <= 0 {
		c.Batch = 20
	}
	if c.Lease <= 0 {
		c.Lease = 10 * time.Minute
	}
	if c.Retry.MaxAttempts <= 0 {
		c.Retry = store.DefaultRetry
	}
	if c.Worker == "" {
		host, _ := os.Hostname()
		c.Worker = fmt.Sprintf("%s-%d-%s", host, os.Getpid(), rand.Text()[:6])
	}
	return c
}

// Service plans reminders and delivers the outbox. Several services, one
// per app instance, can share one database.
type Service struct {
	store  *store.Store
	mailer *mail.Mailer // nil: e-mail is off
	cfg    Config
	log    *slog.Logger
	domain string // for Message-IDs
}

// New returns a service over st that sends through mailer. A nil mailer
// turns e-mail off: reminders still reach the app's bell, and queued
// e-mails are marked skipped. A nil logger logs to slog.Default().
func New(st *store.Store, mailer *mail.Mailer, cfg Config, log *slog.Logger) *Service {
	if log == nil {
		log = slog.Default()
	}
	cfg = cfg.withDefaults()
	domain := "tiendo.invalid"
	if u, err := url.Parse(cfg.BaseURL); err == nil && u.Hostname() != "" {
		domain = u.Hostname()
	}
	return &Service{store: st, mailer: mailer, cfg: cfg, log: log.With("component", "remind", "worker", cfg.Worker), domain: domain}
}

// Config returns the service's configuration with its defaults filled in.
func (s *Service) Config() Config { return s.cfg }

// now is the store's clock, so that tests move one clock for both.
func (s *Service) now() time.Time { return s.store.Now().In(tiendo.Zone) }

// Run plans and delivers every Interval until ctx is cancelled, then
// returns nil. Errors are logged, not returned: a database or SMTP outage
// must not stop the loop, only delay the messages.
func (s *Service) Run(ctx context.Context) error {
	s.log.Info("reminders started", "interval", s.cfg.Interval, "email", s.mailer != nil)
	t := time.NewTicker(s.cfg.Interval)
	defer t.Stop()
	for {
		s.Tick(ctx)
		select {
		case <-ctx.Done():
			s.log.Info("reminders stopped")
			return nil
		case <-t.C:
		}
	}
}

// Tick does one round of work: plan the reminders now due, return crashed
// workers' claims to the queue, and deliver what is ready. It never panics.
func (s *Service) Tick(ctx context.Context) {
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("reminders: panic", "panic", p, "stack", string(debug.Stack()))
		}
	}()
	if n, err := s.Plan(ctx); err != nil {
		s.log.Error("reminders: plan", "err", err)
	} else if n > 0 {
		s.log.Info("reminders planned", "messages", n)
	}
	if _, err := s.Deliver(ctx); err != nil && ctx.Err() == nil {
		s.log.Error("reminders: deliver", "err", err)
	}
}

// Plan queues the reminders due now for every unit that still owes a
// report, with their in-app notifications. Reminders queued before are not
// queued again, so Plan may run as often as wanted, from every instance.
// It returns how many messages were new.
func (s *Service) Plan(ctx context.Context) (int, error) {
	now := s.now()
	owing, err := s.store.Outstanding(ctx, 0)
	if err != nil {
		return 0, fmt.Errorf("remind: plan: %w", err)
	}
	var msgs []*store.Message
	for _, o := range owing {
		slot, ok := s.cfg.Current(o.Deadline, o.PublishedAt, now)
		if !ok {
			continue
		}
		for _, rc := range o.Recipients {
			msgs = append(msgs, reminder(o, rc, slot))
		}
	}
	if len(msgs) == 0 {
		return 0, nil
	}
	n, err := s.store.Enqueue(ctx, msgs...)
	if err != nil {
		return n, fmt.Errorf("remind: plan: %w", err)
	}
	return n, nil
}

// Planned is a reminder the schedule will send, for the round page.
type Planned struct {
	Unit       tiendo.Unit
	Slot       Slot
	Recipients int
}

// Owing lists the units of round roundID that reminders and a "đôn đốc"
// reach now: those that have not sent their report, and those whose report
// the office returned for revision and that have not sent it again. The
// round page counts them on its "đôn đốc" button from this list, the one
// Nudge sends to and Schedule plans for, so the three agree.
func (s *Service) Owing(ctx context.Context, roundID int64) ([]*store.Outstanding, error) {
	owing, err := s.store.Outstanding(ctx, roundID)
	if err != nil {
		return nil, fmt.Errorf("remind: owing: %w", err)
	}
	return owing, nil
}

// Schedule lists the reminders the units owing (as Owing gives them) will
// be sent from now through the given time, in order of time.
func (s *Service) Schedule(owing []*store.Outstanding, through time.Time) []Planned {
	now := s.now()
	var out []Planned
	for _, o := range owing {
		for _, slot := range s.cfg.Slots(o.Deadline, o.PublishedAt, now, through) {
			out = append(out, Planned{Unit: o.Unit, Slot: slot, Recipients: len(o.Recipients)})
		}
	}
	sortPlanned(out)
	return out
}

// Next returns the first reminder the units owing (as Owing gives them)
// will be sent after the given time, and how many units it goes to then;
// false when none will go: no unit owes, or the daily reminders after the
// deadline have stopped (MaxOverdueDays). The round page says it when the
// week's schedule is empty, as after an extension (gia hạn) that pushed
// the reminders further away.
func (s *Service) Next(owing []*store.Outstanding, after time.Time) (Planned, int, bool) {
	var next Planned
	units, found := 0, false
	for _, o := range owing {
		// Every deadline has a reminder on the day after its deadline day,
		// unless MaxOverdueDays has passed, and after that one a daily one:
		// three days past the later of the two is always far enough.
		through := after
		if o.Deadline.After(through) {
			through = o.Deadline
		}
		slots := s.cfg.Slots(o.Deadline, o.PublishedAt, after.Add(time.Nanosecond), through.AddDate(0, 0, 3))
		if len(slots) == 0 {
			continue
		}
		switch sl := slots[0]; {
		case !found || sl.At.Before(next.Slot.At):
			next, units, found = Planned{Unit: o.Unit, Slot: sl, Recipients: len(o.Recipients)}, 1, true
		case sl.At.Equal(next.Slot.At):
			units++
		}
	}
	return next, units, found
}

// MailOn reports whether the service sends e-mail: without a mailer,
// queued e-mails are marked skipped and only the in-app notices reach
// anyone.
func (s *Service) MailOn() bool { return s.mailer != nil }

// Upcoming lists the reminders round roundID will send to its units that
// still owe their report, from now through the given time, in order of time.
func (s *Service) Upcoming(ctx context.Context, roundID int64, through time.Time) ([]Planned, error) {
	owing, err := s.Owing(ctx, roundID)
	if err != nil {
		return nil, err
	}
	return s.Schedule(owing, through), nil
}

// validKey is what an idempotency key from a form or an API client may
// hold: it ends up inside dedupe keys and Message-IDs.
var validKey = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// NudgeInterval is how long after a "đôn đốc" the button leaves a unit
// alone. The button is pressed by people, and people press it again when
// the page does not seem to react, or when a colleague pressed it minutes
// before: each press used to put one more identical message in every
// recipient's mailbox and bell. A unit chased within the hour has had the
// message; chasing it again is for later, when not answering has become
// news. The scheduled reminders are not affected.
const NudgeInterval = time.Hour

// Nudged is what one "đôn đốc" did.
type Nudged struct {
	// Units are the units it chased now, of those Owing lists (not sent, or
	// returned for revision and not sent again).
	Units int
	// Recent are the units of Owing it left alone because they were chased
	// less than NudgeInterval ago, and RecentAt when, earliest first
	// (usually one time: the last press).
	Recent   int
	RecentAt []time.Time
	// Messages are the messages queued, each with its in-app notification:
	// one per recipient of the units chased now.
	Messages int
	// Notices are the in-app notifications among them (a unit's shared
	// mailbox gets an e-mail only), and Emails those that will go out by
	// e-mail: the others have no address, and none goes while e-mail is off
	// (MailOff). The office is told, so that "đôn đốc" never reads as
	// mailed when it was not.
	Notices, Emails int
	MailOff         bool
	// Unreached are the units of Owing with no one to tell: no account and
	// no e-mail address (store.Outstanding.Recipients is empty). Nothing
	// can reach them, so they are not counted in Units; the office is told
	// to add a recipient instead.
	Unreached int

	// The units of each count above, in Owing's order, so that the office
	// is told which units were chased and which were not: ChasedIDs
	// (Units), RecentIDs (Recent), UnreachedIDs (Unreached).
	ChasedIDs, RecentIDs, UnreachedIDs []int64
	// Unpicked are the units of Owing the office did not tick
	// (NudgeRequest.Units): left alone by choice.
	Unpicked    int
	UnpickedIDs []int64
	// Gone are the units ticked that no longer owe their report: they sent
	// it (or stopped working) after the page was drawn. A unit whose
	// report was sent while the chase was being queued is here too,
	// ticked or not (store.Nudge.Sent).
	Gone []int64
}

// NudgeRequest is what one press of "đôn đốc" asks.
type NudgeRequest struct {
	// Key tells one click from another (see Nudge).
	Key string
	// Units are the units the office ticked: only those of them that owe
	// their report are chased. nil chases every unit that owes one; an
	// empty list is refused, since it can only be a form sent with every
	// box unticked.
	Units []int64
	// Note is the office's few words to the units, put into the e-mail and
	// the in-app notification: trimmed, in NFC, at most MaxNoteLen
	// characters (CleanNote).
	Note string
}

// MaxNoteLen bounds the note of a "đôn đốc", in characters: a sentence or
// two ("Đề nghị gửi trước 16 giờ để kịp tổng hợp trình lãnh đạo"), which
// the notification carries whole.
const MaxNoteLen = 300

// CleanNote is the note of a "đôn đốc" as it is sent: in NFC, trimmed,
// with Windows line ends made plain and control characters other than the
// line end dropped. A note longer than MaxNoteLen is refused with the
// field "note", and the length, so the office can shorten it.
func CleanNote(note string) (string, error) {
	note = strings.ReplaceAll(vi.NFC(note), "\r\n", "\n")
	note = strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t' || r == '\r':
			return ' '
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029':
			return -1
		}
		return r
	}, note)
	note = strings.TrimSpace(note)
	if n := utf8.RuneCountInString(note); n > MaxNoteLen {
		msg := fmt.Sprintf("Ghi chú dài %d ký tự; hãy rút gọn còn tối đa %d ký tự.", n, MaxNoteLen)
		return "", &tiendo.Error{Code: tiendo.EINVALID, Message: "Chưa đôn đốc: " + lowerFirst(msg), Fields: map[string]string{"note": msg}}
	}
	return note, nil
}

// lowerFirst puts a sentence after a colon.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// Nudge is the office's "đôn đốc" button: it queues, now, one message (and
// one in-app notification) to every recipient of every unit of round
// roundID that owes its report (Owing), and logs it in the audit log when
// it queued anything. Units chased less than NudgeInterval ago are left out, and the result
// says when they were (store.EnqueueNudge). key tells one click from
// another: a form sends the key it was rendered with, so a resent form
// queues nothing twice even after the interval; "" makes a fresh one.
func (s *Service) Nudge(ctx context.Context, actor store.Actor, u *tiendo.User, roundID int64, key string) (Nudged, error) {
	return s.NudgeWith(ctx, actor, u, roundID, NudgeRequest{Key: key})
}

// NudgeWith is Nudge for the units req ticks, with req's note: the units
// ticked that owe their report are chased, each at most once within
// NudgeInterval as Nudge does; the units not ticked, those ticked that no
// longer owe it, those chased lately and those nobody can be told of are
// counted apart, each by name, so the office can be told why.
func (s *Service) NudgeWith(ctx context.Context, actor store.Actor, u *tiendo.User, roundID int64, req NudgeRequest) (Nudged, error) {
	if !tiendo.Allowed(u, tiendo.ActionManageRounds, 0) {
		return Nudged{}, tiendo.Errorf(tiendo.EFORBIDDEN, "Chỉ Văn phòng được đôn đốc các đơn vị gửi báo cáo.")
	}
	key := req.Key
	if key == "" {
		key = strings.ToLower(rand.Text()[:16])
	} else if !validKey.MatchString(key) {
		return Nudged{}, tiendo.Errorf(tiendo.EINVALID, "Mã yêu cầu đôn đốc không hợp lệ; hãy tải lại trang rồi bấm lại.")
	}
	round, err := s.store.Round(ctx, u, roundID)
	if err != nil {
		return Nudged{}, err
	}
	if round.Status != tiendo.RoundOpen {
		return Nudged{}, tiendo.Errorf(tiendo.ECONFLICT, "Đợt báo cáo không còn mở; không cần đôn đốc.")
	}
	note, err := CleanNote(req.Note)
	if err != nil {
		return Nudged{}, err
	}
	if req.Units != nil && len(req.Units) == 0 {
		const msg = "Chưa chọn đơn vị nào; hãy đánh dấu ít nhất một đơn vị cần đôn đốc."
		return Nudged{}, &tiendo.Error{Code: tiendo.EINVALID, Message: "Chưa đôn đốc: " + lowerFirst(msg), Fields: map[string]string{"unit": msg}}
	}
	owing, err := s.Owing(ctx, roundID)
	if err != nil {
		return Nudged{}, fmt.Errorf("remind: nudge: %w", err)
	}
	if len(owing) == 0 {
		return Nudged{}, tiendo.Errorf(tiendo.ECONFLICT, "Tất cả các đơn vị đã gửi báo cáo (hoặc đợt đã khóa); không có đơn vị nào cần đôn đốc.")
	}
	var done Nudged
	now := s.now()
	// left are the units not chased now because they were chased lately,
	// with when.
	left := map[int64]time.Time{}
	if req.Units != nil {
		// Only the units ticked; those ticked that owe nothing now are
		// named apart, in the round's order, once each.
		picked := make(map[int64]bool, len(req.Units))
		for _, id := range req.Units {
			picked[id] = true
		}
		owes := make(map[int64]bool, len(owing))
		var chosen, unpicked []*store.Outstanding
		for _, o := range owing {
			owes[o.Unit.ID] = true
			if picked[o.Unit.ID] {
				chosen = append(chosen, o)
			} else {
				unpicked = append(unpicked, o)
			}
		}
		for _, id := range round.UnitIDs {
			if picked[id] && !owes[id] {
				done.Gone = append(done.Gone, id)
			}
		}
		// A unit not ticked because the form would not let it be (chased
		// lately, or nobody to tell) is counted for that reason, as it
		// would be ticked: the office did not choose to leave it alone.
		if len(unpicked) > 0 {
			recent, err := s.store.NudgedSince(ctx, roundID, now.Add(-NudgeInterval))
			if err != nil {
				return Nudged{}, fmt.Errorf("remind: nudge: %w", err)
			}
			for _, o := range unpicked {
				switch at, ok := recent[o.Unit.ID]; {
				case ok:
					left[o.Unit.ID] = at
					done.Recent++
					done.RecentIDs = append(done.RecentIDs, o.Unit.ID)
				case len(o.Recipients) == 0:
					done.Unreached++
					done.UnreachedIDs = append(done.UnreachedIDs, o.Unit.ID)
				default:
					done.Unpicked++
					done.UnpickedIDs = append(done.UnpickedIDs, o.Unit.ID)
				}
			}
		}
		owing = chosen
	}
	var msgs []*store.Message
	for _, o := range owing {
		for _, rc := range o.Recipients {
			msgs = append(msgs, nudge(o, rc, now, key, note))
		}
	}
	res, err := s.store.EnqueueNudge(ctx, actor, roundID, msgs, NudgeInterval)
	if err != nil {
		return Nudged{}, fmt.Errorf("remind: nudge: %w", err)
	}
	done.Messages, done.MailOff = res.Queued, s.mailer == nil
	for _, o := range owing {
		if slices.Contains(res.Sent, o.Unit.ID) {
			done.Gone = append(done.Gone, o.Unit.ID) // sent while this was asked
			continue
		}
		if at, ok := res.Recent[o.Unit.ID]; ok {
			left[o.Unit.ID] = at
			done.Recent++
			done.RecentIDs = append(done.RecentIDs, o.Unit.ID)
			continue
		}
		if len(o.Recipients) == 0 {
			done.Unreached++
			done.UnreachedIDs = append(done.UnreachedIDs, o.Unit.ID)
		} else {
			done.Units++
			done.ChasedIDs = append(done.ChasedIDs, o.Unit.ID)
		}
	}
	// Each list in Owing's order, whichever way its units were found.
	for _, ids := range [][]int64{done.ChasedIDs, done.RecentIDs, done.UnreachedIDs, done.UnpickedIDs, done.Gone} {
		slices.Sort(ids)
	}
	for _, at := range left {
		at = at.In(tiendo.Zone).Truncate(time.Minute)
		if !slices.ContainsFunc(done.RecentAt, at.Equal) {
			done.RecentAt = append(done.RecentAt, at)
		}
	}
	slices.SortFunc(done.RecentAt, time.Time.Compare)
	for _, m := range msgs {
		if m.ID == 0 {
			continue // left out, or queued by the same click before
		}
		if m.Notify && m.UserID != 0 {
			done.Notices++
		}
		if m.Email != "" && s.mailer != nil {
			done.Emails++
		}
	}
	return done, nil
}

// Deliver returns expired claims to the queue, then claims and sends
// batches until nothing is ready, the SMTP server is unreachable, or ctx is
// cancelled. It returns how many messages the server accepted.
func (s *Service) Deliver(ctx context.Context) (int, error) {
	if n, err := s.store.ReclaimExpired(ctx, s.cfg.Retry); err != nil {
		return 0, fmt.Errorf("remind: deliver: %w", err)
	} else if n > 0 {
		s.log.Warn("reminders: reclaimed messages whose worker stopped mid-send", "messages", n)
	}
	sent := 0
	for ctx.Err() == nil {
		msgs, err := s.store.ClaimMessages(ctx, s.cfg.Worker, s.cfg.Batch, s.cfg.Lease)
		if err != nil {
			return sent, fmt.Errorf("remind: deliver: %w", err)
		}
		if len(msgs) == 0 {
			break
		}
		ok, failed := s.send(ctx, msgs)
		sent += ok
		// A batch where nothing got through means the server is down or
		// refusing: leave the rest for their backoff instead of spending an
		// attempt of every queued message on the same outage.
		if len(msgs) < s.cfg.Batch || ok == 0 && failed > 0 {
			break
		}
	}
	return sent, nil
}

// send delivers claimed messages over one connection and marks each. Marks
// are written even if ctx was cancelled meanwhile: a message the server
// accepted must be recorded as sent, or it would go out again.
func (s *Service) send(ctx context.Context, msgs []*store.Message) (sent, failed int) {
	mark := context.WithoutCancel(ctx)
	var out []mail.Message
	var outMsgs []*store.Message
	for _, m := range msgs {
		switch {
		case m.Email == "":
			s.markSkipped(mark, m, "Người nhận chưa có địa chỉ e-mail.")
		case s.mailer == nil:
			s.markSkipped(mark, m, "Chưa cấu hình máy chủ thư (SMTP); thư không được gửi.")
		default:
			out = append(out, mail.Message{To: m.Email, Subject: m.Subject, Body: mailBody(m, s.cfg.BaseURL), MessageID: s.messageID(m)})
			outMsgs = append(outMsgs, m)
		}
	}
	if len(out) == 0 {
		return 0, 0
	}
	// Bound the batch well inside the lease, so no other instance reclaims
	// messages this one is still sending.
	sendCtx, cancel := context.WithTimeout(ctx, s.cfg.Lease/2)
	defer cancel()
	errs := s.mailer.Send(sendCtx, out...)
	for i, m := range outMsgs {
		if errs[i] == nil {
			if err := s.store.MarkSent(mark, m.ID); err != nil {
				s.log.Error("reminders: mark sent", "id", m.ID, "err", err)
			}
			sent++
			continue
		}
		failed++
		permanent := errors.Is(errs[i], mail.ErrInvalid)
		// The reason goes with the text, so the outbox page can tell the
		// office what happened in its words (mail.Recorded).
		if err := s.store.MarkFailed(mark, m, mail.Record(errs[i]), permanent, s.cfg.Retry); err != nil {
			s.log.Error("reminders: mark failed", "id", m.ID, "err", err)
			continue
		}
		s.log.Warn("reminders: message not sent", "id", m.ID, "kind", m.Kind, "attempt", m.Attempts,
			"status", m.Status, "next_attempt", m.NextAttemptAt, "err", errs[i])
	}
	if sent > 0 {
		s.log.Info("reminders sent", "messages", sent)
	}
	return sent, failed
}

func (s *Service) markSkipped(ctx context.Context, m *store.Message, why string) {
	if err := s.store.MarkSkipped(ctx, m.ID, why); err != nil {
		s.log.Error("reminders: mark skipped", "id", m.ID, "err", err)
	}
}

// messageID derives a message's Message-ID from its dedupe key, so that if
// a crash after the SMTP server accepted it makes us send it again, the
// receiving side sees the same message twice rather than two messages.
func (s *Service) messageID(m *store.Message) string {
	left := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '.'
	}, m.DedupeKey)
	return fmt.Sprintf("%s.%d@%s", left, m.ID, s.domain)
}
