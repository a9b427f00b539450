package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// publishTo publishes a new round asking units, which notifies their users,
// and returns the round.
func (f *fixture) publishTo(t *testing.T, title string, units ...*tiendo.Unit) *tiendo.Round {
	t.Helper()
	r := &tiendo.Round{Title: title, Deadline: tiendo.DeadlineBefore(2026, 12, 1)}
	for _, u := range units {
		r.UnitIDs = append(r.UnitIDs, u.ID)
	}
	if err := f.s.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	if err := f.s.PublishRound(ctx, store.Actor{UserID: f.office.ID}, r.ID); err != nil {
		t.Fatal(err)
	}
	return r
}

// notes lists u's notifications, newest first, and how many are unread,
// checking that the bell's count (UnreadCount) agrees.
func (f *fixture) notes(t *testing.T, u *tiendo.User) ([]store.Notification, int) {
	t.Helper()
	list, unread, err := f.s.Notifications(ctx, u, 100)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := f.s.UnreadCount(ctx, u); err != nil || n != unread {
		t.Errorf("UnreadCount = %d, %v; Notifications says %d", n, err, unread)
	}
	return list, unread
}

// Reading the list marks nothing read; following one notification marks
// that one alone, and only for its owner.
func TestMarkOneNotificationRead(t *testing.T) {
	f := newFixture(t)
	first := f.publishTo(t, "Đợt thứ nhất", f.a, f.b)
	f.publishTo(t, "Đợt thứ hai", f.a)

	list, unread := f.notes(t, f.repA)
	if len(list) != 2 || unread != 2 {
		t.Fatalf("unit a has %d notifications, %d unread; want 2 and 2", len(list), unread)
	}
	if _, unread := f.notes(t, f.repA); unread != 2 {
		t.Errorf("listing the notifications marked %d read; want none", 2-unread)
	}
	older := list[1]
	if older.Link != "/rounds/"+itoa(first.ID) {
		t.Fatalf("the older notification links to %q, want the first round", older.Link)
	}

	got, err := f.s.MarkNotificationRead(ctx, f.repA, older.ID)
	if err != nil || got.ID != older.ID || !got.Read || got.Link != older.Link || got.Title != older.Title {
		t.Fatalf("MarkNotificationRead = %+v, %v; want notification %d, read, with its link", got, err, older.ID)
	}
	list, unread = f.notes(t, f.repA)
	if unread != 1 || list[0].Read || !list[1].Read {
		t.Errorf("after reading the older one: %+v, %d unread; want only the older read", list, unread)
	}
	// Again: still read, no error (a link followed twice).
	if got, err := f.s.MarkNotificationRead(ctx, f.repA, older.ID); err != nil || !got.Read {
		t.Errorf("marking it read again = %+v, %v", got, err)
	}

	// Unit b's notification, asked for by unit a's reporter: not found, and
	// it stays unread.
	bList, _ := f.notes(t, f.repB)
	if len(bList) != 1 {
		t.Fatalf("unit b has %d notifications, want 1", len(bList))
	}
	if _, err := f.s.MarkNotificationRead(ctx, f.repA, bList[0].ID); tiendo.ErrorCode(err) != tiendo.ENOTFOUND {
		t.Errorf("another user's notification: %v, want ENOTFOUND", err)
	}
	if _, unread := f.notes(t, f.repB); unread != 1 {
		t.Errorf("unit b's notification was marked read by unit a's reporter")
	}
	if _, err := f.s.MarkNotificationRead(ctx, f.repA, 1<<40); tiendo.ErrorCode(err) != tiendo.ENOTFOUND {
		t.Errorf("no such notification: %v, want ENOTFOUND", err)
	}
}

// unreadIDs are the IDs of the unread notifications in list: what the page
// sends with "Đánh dấu tất cả là đã đọc".
func unreadIDs(list []store.Notification) []int64 {
	var ids []int64
	for _, n := range list {
		if !n.Read {
			ids = append(ids, n.ID)
		}
	}
	return ids
}

// "Đánh dấu tất cả là đã đọc" marks the notices the page showed, and no
// other: not one that came after it, not one whose lower ID became visible
// after the page was drawn (on PostgreSQL a transaction that took its ID
// first may commit last), never another user's.
func TestMarkNotificationsReadByID(t *testing.T) {
	f := newFixture(t)
	f.publishTo(t, "Đợt thứ nhất", f.a, f.b)
	list, _ := f.notes(t, f.repA)
	// Submission B takes the ID after submission A's and commits first.
	base := list[0].ID + 1000
	if err := f.s.AddNotification(ctx, f.repA.ID, base+2, "Báo cáo B", "/rounds/1"); err != nil {
		t.Fatal(err)
	}
	shown, unread := f.notes(t, f.repA) // the page, drawn now
	if unread != 2 || len(shown) != 2 || shown[0].ID != base+2 {
		t.Fatalf("the page shows %+v, %d unread; want B's notice and the round's", shown, unread)
	}
	// A commits: its notice has a lower ID than the newest shown.
	if err := f.s.AddNotification(ctx, f.repA.ID, base+1, "Báo cáo A", "/rounds/1"); err != nil {
		t.Fatal(err)
	}
	f.publishTo(t, "Đợt đến sau", f.a) // and a later one, while the page is open
	bList, _ := f.notes(t, f.repB)

	// The page's IDs, with unit b's notice slipped in: passed over.
	marked, err := f.s.MarkNotificationsReadByID(ctx, f.repA, append(unreadIDs(shown), bList[0].ID, shown[0].ID))
	if err != nil || marked != 2 {
		t.Fatalf("MarkNotificationsReadByID = %d, %v; want the 2 shown", marked, err)
	}
	list, unread = f.notes(t, f.repA)
	if unread != 2 || len(list) != 4 {
		t.Fatalf("after marking the shown ones: %+v, %d unread; want A's and the later round's unread", list, unread)
	}
	for _, n := range list {
		shownOne := n.ID == shown[0].ID || n.ID == shown[1].ID
		if n.Read != shownOne {
			t.Errorf("notification %d %q: read %v, want %v (read only if shown)", n.ID, n.Title, n.Read, shownOne)
		}
	}
	if _, unread := f.notes(t, f.repB); unread != 1 {
		t.Errorf("unit b has %d unread after unit a marked theirs, want 1", unread)
	}

	// Again, and with none: nothing to mark.
	for _, ids := range [][]int64{unreadIDs(shown), nil, {}} {
		if marked, err := f.s.MarkNotificationsReadByID(ctx, f.repA, ids); err != nil || marked != 0 {
			t.Errorf("MarkNotificationsReadByID(%v) = %d, %v; want 0", ids, marked, err)
		}
	}
	// IDs that cannot be: refused, and nothing marked.
	tooMany := make([]int64, 501)
	for i := range tooMany {
		tooMany[i] = base + 1
	}
	for _, ids := range [][]int64{{base + 1, 0}, {-1}, tooMany} {
		if _, err := f.s.MarkNotificationsReadByID(ctx, f.repA, ids); tiendo.ErrorCode(err) != tiendo.EINVALID {
			t.Errorf("MarkNotificationsReadByID with %d IDs (%d…): %v, want EINVALID", len(ids), ids[0], err)
		}
	}
	if _, unread := f.notes(t, f.repA); unread != 2 {
		t.Errorf("refused calls left %d unread, want 2", unread)
	}

	if marked, err := f.s.MarkAllNotificationsRead(ctx, f.repA); err != nil || marked != 2 {
		t.Errorf("MarkAllNotificationsRead = %d, %v; want the 2 left", marked, err)
	}
	if _, unread := f.notes(t, f.repA); unread != 0 {
		t.Errorf("%d unread after marking all", unread)
	}
	if marked, err := f.s.MarkAllNotificationsRead(ctx, f.repA); err != nil || marked != 0 {
		t.Errorf("marking all again: %d, %v; want 0", marked, err)
	}
	if _, unread := f.notes(t, f.repB); unread != 1 {
		t.Errorf("unit b has %d unread after unit a marked all, want 1", unread)
	}
}

// The list chooses unread notices before read ones, then shows them newest
// first: an unread notice older than a page of read ones still reaches the
// page, where it can be marked read.
func TestNotificationsListUnreadFirst(t *testing.T) {
	f := newFixture(t)
	for _, title := range []string{"Đợt 1", "Đợt 2", "Đợt 3", "Đợt 4", "Đợt 5"} {
		f.publishTo(t, title, f.a)
	}
	all, _ := f.notes(t, f.repA)
	if len(all) != 5 {
		t.Fatalf("%d notifications, want 5", len(all))
	}
	// The three newest are read.
	if _, err := f.s.MarkNotificationsReadByID(ctx, f.repA, []int64{all[0].ID, all[1].ID, all[2].ID}); err != nil {
		t.Fatal(err)
	}
	list, unread, err := f.s.Notifications(ctx, f.repA, 3)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range list {
		got = append(got, n.Title)
	}
	if want := []string{all[0].Title, all[3].Title, all[4].Title}; unread != 2 || !slices.Equal(got, want) {
		t.Errorf("3 of them: %q, %d unread; want %q (the 2 unread, then the newest read, newest first) and 2", got, unread, want)
	}
}

// Following a notice already read answers from the read pool: it does not
// wait for the writer (on SQLite, the single writer and an fsync), and still
// finds only the user's own notices.
func TestMarkReadNotificationWritesNothing(t *testing.T) {
	f := newFixture(t)
	f.publishTo(t, "Đợt thứ nhất", f.a, f.b)
	list, _ := f.notes(t, f.repA)
	bList, _ := f.notes(t, f.repB)
	n := list[0]
	if _, err := f.s.MarkNotificationRead(ctx, f.repA, n.ID); err != nil {
		t.Fatal(err)
	}

	release, err := f.s.HoldWrites(ctx)
	if err != nil {
		t.Fatal(err)
	}
	type answer struct {
		n   store.Notification
		err error
	}
	again, other := make(chan answer, 1), make(chan answer, 1)
	wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	go func() {
		got, err := f.s.MarkNotificationRead(wctx, f.repA, n.ID)
		again <- answer{got, err}
	}()
	go func() {
		got, err := f.s.MarkNotificationRead(wctx, f.repA, bList[0].ID)
		other <- answer{got, err}
	}()
	// Not a timing assertion: without the read first, both wait for the
	// writer until the guard runs out.
	guard := make(chan struct{})
	time.AfterFunc(10*time.Second, func() { close(guard) })
	for _, c := range []chan answer{again, other} {
		select {
		case a := <-c:
			if c == again && (a.err != nil || !a.n.Read || a.n.ID != n.ID || a.n.Link != n.Link) {
				t.Errorf("following a read notice again, with the writer busy: %+v, %v; want it, read", a.n, a.err)
			}
			if c == other && tiendo.ErrorCode(a.err) != tiendo.ENOTFOUND {
				t.Errorf("another user's notice, with the writer busy: %v, want ENOTFOUND", a.err)
			}
		case <-guard:
			t.Errorf("MarkNotificationRead of a notice already read waited for the writer")
		}
	}
	release()
	cancel()
}

// A draft round published by two clicks at once (or from two instances) is
// published once: its units are told of it once, and the second click is
// refused. On PostgreSQL both read the round a draft and both published it.
func TestPublishRoundAtOnce(t *testing.T) {
	f := newFixture(t)
	r := &tiendo.Round{Title: "Đợt phát hành một lần", Deadline: tiendo.DeadlineBefore(2026, 12, 1), UnitIDs: []int64{f.a.ID}}
	if err := f.s.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	won := race(t, "publish", func(int) error {
		return f.s.PublishRound(ctx, store.Actor{UserID: f.office.ID}, r.ID)
	})
	if list, _ := f.notes(t, f.repA); won != 1 || len(list) != 1 {
		t.Errorf("%d publications succeeded and unit a was told %d times, want 1 and 1", won, len(list))
	}
}
