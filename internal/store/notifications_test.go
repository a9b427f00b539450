package store_test

import (
	"testing"

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

// "Đánh dấu tất cả là đã đọc" marks what the page showed, not a notice that
// came after it; without a bound it marks all, and never another user's.
func TestMarkNotificationsReadUpTo(t *testing.T) {
	f := newFixture(t)
	f.publishTo(t, "Đợt thứ nhất", f.a, f.b)
	f.publishTo(t, "Đợt thứ hai", f.a)
	shown, _ := f.notes(t, f.repA)
	newest := shown[0].ID
	f.publishTo(t, "Đợt đến sau", f.a) // while the page was open

	marked, err := f.s.MarkNotificationsReadUpTo(ctx, f.repA, newest)
	if err != nil || marked != 2 {
		t.Fatalf("MarkNotificationsReadUpTo = %d, %v; want the 2 shown", marked, err)
	}
	list, unread := f.notes(t, f.repA)
	if unread != 1 || len(list) != 3 || list[0].Read || list[0].ID <= newest {
		t.Errorf("after marking the shown ones: %+v, %d unread; want the later one alone unread", list, unread)
	}
	if _, unread := f.notes(t, f.repB); unread != 1 {
		t.Errorf("unit b has %d unread after unit a marked theirs, want 1", unread)
	}

	if marked, err := f.s.MarkNotificationsReadUpTo(ctx, f.repA, 0); err != nil || marked != 1 {
		t.Errorf("marking all: %d, %v; want the 1 left", marked, err)
	}
	if _, unread := f.notes(t, f.repA); unread != 0 {
		t.Errorf("%d unread after marking all", unread)
	}
	if marked, err := f.s.MarkNotificationsReadUpTo(ctx, f.repA, 0); err != nil || marked != 0 {
		t.Errorf("marking all again: %d, %v; want 0", marked, err)
	}
	if _, err := f.s.MarkNotificationsReadUpTo(ctx, f.repA, -1); tiendo.ErrorCode(err) != tiendo.EINVALID {
		t.Errorf("a negative bound: %v, want EINVALID", err)
	}
	if err := f.s.MarkNotificationsRead(ctx, f.repB); err != nil {
		t.Fatal(err)
	}
	if _, unread := f.notes(t, f.repB); unread != 0 {
		t.Errorf("MarkNotificationsRead left %d unread", unread)
	}
}
