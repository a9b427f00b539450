package remind

import (
	"fmt"
	"strings"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// reportLink is the path of unit code's report in round roundID; the
// sender puts the configured base URL before it.
func reportLink(roundID int64, code string) string {
	return fmt.Sprintf("/rounds/%d/reports/%s", roundID, code)
}

// reminder builds the scheduled reminder of slot for one recipient of o.
func reminder(o *store.Outstanding, rc store.Recipient, slot Slot) *store.Message {
	var subject, when, ask string
	deadline := FormatDeadline(o.Deadline)
	switch slot.Kind {
	case store.KindReminderBefore:
		subject = fmt.Sprintf("Nhắc gửi báo cáo: %s (còn %d ngày, hạn %s)", o.RoundTitle, slot.Days, deadline)
		when = fmt.Sprintf("Hạn gửi báo cáo là %s, còn %d ngày.", deadline, slot.Days)
		ask = "Đề nghị đơn vị hoàn thiện và gửi báo cáo đúng hạn."
	case store.KindReminderDue:
		subject = fmt.Sprintf("Hôm nay là hạn cuối gửi báo cáo: %s", o.RoundTitle)
		when = fmt.Sprintf("Hạn gửi báo cáo là %s: hôm nay là ngày cuối cùng để gửi đúng hạn.", deadline)
		ask = "Đề nghị đơn vị gửi báo cáo trong ngày hôm nay."
	default:
		subject = fmt.Sprintf("Báo cáo đã quá hạn %d ngày: %s", slot.Days, o.RoundTitle)
		when = fmt.Sprintf("Hạn gửi báo cáo là %s; đến nay đã quá hạn %d ngày.", deadline, slot.Days)
		ask = "Đề nghị đơn vị khẩn trương gửi báo cáo."
	}
	return &store.Message{
		Kind:      slot.Kind,
		DedupeKey: fmt.Sprintf("remind:%d:%d:%s:%s", o.RoundID, o.Unit.ID, slotKey(o, slot), rc.RecipientKey()),
		RoundID:   o.RoundID,
		UnitID:    o.Unit.ID,
		UserID:    rc.UserID,
		Email:     rc.Email,
		Subject:   subject,
		Body:      body(o, rc, when, ask),
		Link:      reportLink(o.RoundID, o.Unit.Code),
		ExpiresAt: slot.Until,
		Notify:    true,
	}
}

// nudge builds the office's ad-hoc "đôn đốc" to one recipient of o, sent
// at now; key tells one click from another. The office's note, when there
// is one (CleanNote), goes into the body under its own heading, and on one
// line into the subject, which is also the in-app notification's title, as
// an extension's reason does (store.ExtendDeadline): a unit whose people
// have no e-mail address reads it in the app.
func nudge(o *store.Outstanding, rc store.Recipient, now time.Time, key, note string) *store.Message {
	deadline := FormatDeadline(o.Deadline)
	var when, ask string
	if now.Before(o.Deadline) {
		when = fmt.Sprintf("Hạn gửi báo cáo là %s (%s).", deadline, Countdown(now, o.Deadline))
		ask = "Văn phòng đề nghị đơn vị hoàn thiện và gửi báo cáo đúng hạn."
	} else {
		when = fmt.Sprintf("Hạn gửi báo cáo là %s; đến nay %s.", deadline, Countdown(now, o.Deadline))
		ask = "Văn phòng đề nghị đơn vị khẩn trương gửi báo cáo."
	}
	// The subject is also the notification's title, which the unit reads
	// without the body: it names the deadline, as a reminder's does.
	subject := fmt.Sprintf("Văn phòng đôn đốc gửi báo cáo: %s (%s, hạn %s)", o.RoundTitle, Countdown(now, o.Deadline), deadline)
	if note != "" {
		subject += ". Ghi chú: " + strings.Join(strings.Fields(note), " ")
		ask = "Ghi chú của Văn phòng: " + note + "\n\n" + ask
	}
	return &store.Message{
		Kind:      store.KindAdhoc,
		DedupeKey: fmt.Sprintf("adhoc:%d:%s:%d:%s", o.RoundID, key, o.Unit.ID, rc.RecipientKey()),
		RoundID:   o.RoundID,
		UnitID:    o.Unit.ID,
		UserID:    rc.UserID,
		Email:     rc.Email,
		Subject:   subject,
		Body:      body(o, rc, when, ask),
		Link:      reportLink(o.RoundID, o.Unit.Code),
		Notify:    true,
	}
}

// body is the text every reminder shares: whom it is for, what is owed,
// where the report stands and what to do.
func body(o *store.Outstanding, rc store.Recipient, when, ask string) string {
	name := rc.Name
	if strings.TrimSpace(name) == "" {
		name = "Anh/Chị"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Kính gửi: %s,\n\n", name)
	switch o.Status {
	case tiendo.ReportReturned:
		// Not "chưa gửi": the unit sent it, and the office asked for more.
		fmt.Fprintf(&b, "Báo cáo “%s” của %s đã được Văn phòng trả lại để bổ sung; đơn vị chưa gửi lại. %s\n", o.RoundTitle, unitName(o.Unit), when)
	case tiendo.ReportMissing:
		fmt.Fprintf(&b, "%s chưa gửi báo cáo “%s”. %s\n", unitName(o.Unit), o.RoundTitle, when)
	default:
		fmt.Fprintf(&b, "%s chưa gửi báo cáo “%s”. %s\n", unitName(o.Unit), o.RoundTitle, when)
		fmt.Fprintf(&b, "Báo cáo của đơn vị đang ở trạng thái “%s”.\n", o.Status.Label())
	}
	if o.Status == tiendo.ReportReview {
		b.WriteString("Báo cáo đang chờ lãnh đạo đơn vị duyệt trước khi gửi.\n")
	}
	fmt.Fprintf(&b, "\n%s", ask)
	return b.String()
}

func unitName(u tiendo.Unit) string {
	if u.Name != "" {
		return u.Name
	}
	return u.ShortName
}

// mailBody is what the recipient reads: the queued body, the direct link,
// and a line saying the message is automatic.
func mailBody(m *store.Message, baseURL string) string {
	var b strings.Builder
	b.WriteString(m.Body)
	if m.Link != "" {
		fmt.Fprintf(&b, "\n\nMở báo cáo: %s%s", strings.TrimRight(baseURL, "/"), m.Link)
	}
	b.WriteString("\n\n--\nThư này do hệ thống theo dõi nhiệm vụ trọng tâm gửi tự động; vui lòng không trả lời thư này.\n")
	return b.String()
}

// slotKey names a reminder's slot in its dedupe key: "before:2026-11-30".
// Once the deadline was extended it also names the deadline, or the new
// schedule's "còn 3 ngày" falling on the day and kind of the old one's "còn
// 1 ngày", which the extension expired, would never go. Rounds never
// extended keep the keys they always had.
func slotKey(o *store.Outstanding, slot Slot) string {
	if !o.Extended {
		return slot.key()
	}
	return slot.key() + "@" + o.Deadline.UTC().Format("20060102T1504Z")
}
