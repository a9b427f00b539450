package web

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"tiendo"
	"tiendo/internal/store"
)

// The store writes codes (an outbox message's kind, an audit row's action
// and entity); the admin reads Vietnamese. The code sets below give each
// code its name on screen. A code without a name is shown as it is, so a new
// one is never hidden; labels_test.go checks that every audit action and
// entity the store writes has a name here.

// codeLabel is one code and the Vietnamese name the pages show for it.
type codeLabel struct {
	Code, Label string
}

// codeSet is a list of codes with their names, in the order a select list
// shows them.
type codeSet []codeLabel

// Label returns the Vietnamese name of code, or code itself when it has
// none.
func (cs codeSet) Label(code string) string {
	for _, c := range cs {
		if c.Code == code {
			return c.Label
		}
	}
	return code
}

// codeOption is one <option> of a filter: its value is the code.
type codeOption struct {
	Code, Label string
	Selected    bool
}

// Options lists the set for a <select>, with selected marked. A selected
// code the set does not know (an old row's code, a hand-made link) is kept
// as an option of its own, so the filter still shows what it filters by.
func (cs codeSet) Options(selected string) []codeOption {
	out := make([]codeOption, 0, len(cs)+1)
	known := false
	for _, c := range cs {
		out = append(out, codeOption{c.Code, c.Label, c.Code == selected})
		known = known || c.Code == selected
	}
	if selected != "" && !known {
		out = append(out, codeOption{selected, selected, true})
	}
	return out
}

// byLabel sorts a set by its Vietnamese names in Vietnamese order ("Đ"
// after "D", as the store sorts names), so a long select list reads
// alphabetically.
func byLabel(cs codeSet) codeSet {
	c := collate.New(language.Vietnamese, collate.IgnoreCase)
	slices.SortStableFunc(cs, func(a, b codeLabel) int { return c.CompareString(a.Label, b.Label) })
	return cs
}

// messageKinds names the kinds of e-mail in the outbox (store.Kind*).
var messageKinds = codeSet{
	{store.KindReminderBefore, "Nhắc trước hạn"},
	{store.KindReminderDue, "Nhắc ngày cuối hạn"},
	{store.KindReminderOverdue, "Nhắc quá hạn"},
	{store.KindAdhoc, "Văn phòng đôn đốc"},
	{store.KindReportSubmitted, "Thông báo có báo cáo gửi đến"},
	{store.KindReportReturned, "Thông báo Văn phòng trả lại báo cáo"},
	{store.KindReportHeadReturned, "Thông báo lãnh đạo đơn vị trả lại báo cáo"},
	{store.KindReportForReview, "Thông báo báo cáo chờ lãnh đạo đơn vị duyệt"},
}

// auditActions names what an audit row records was done: the actions of
// the store's audit calls, the steps of a unit report (tiendo.Report*) and
// of a document (store.Doc*).
var auditActions = byLabel(codeSet{
	{"create", "Tạo mới"},
	{"update", "Sửa"},
	{"delete", "Xóa"},
	{"import", "Nhập hàng loạt từ tệp"},
	{"attach", "Đính kèm tệp"},
	{"detach", "Gỡ tệp đính kèm"},
	{"link", "Nối với nhiệm vụ kỳ trước"},
	{string(tiendo.ReportSave), "Lưu báo cáo"},
	{string(tiendo.ReportSendForReview), "Trình lãnh đạo đơn vị duyệt"},
	{string(tiendo.ReportHeadReturn), "Lãnh đạo đơn vị trả lại"},
	{string(tiendo.ReportSubmit), "Gửi báo cáo"},
	{string(tiendo.ReportReturn), "Trả lại"}, // a report to its unit, or a document to the office
	{string(tiendo.ReportAccept), "Tiếp nhận báo cáo"},
	{string(store.DocSend), "Trình lãnh đạo duyệt"},
	{string(store.DocApprove), "Duyệt"},
	{string(store.DocWithdraw), "Văn phòng rút lại văn bản để sửa"},
	{"issue", "Ban hành văn bản"},
	{"publish", "Phát hành đợt báo cáo"},
	{"close", "Đóng đợt báo cáo"},
	{"lock", "Khóa đợt báo cáo"},
	{"unlock", "Mở khóa đợt báo cáo"},
	{"reopen", "Mở lại cho đơn vị sửa báo cáo"},
	{"update_task", "Sửa nhiệm vụ"},
	{"remind", "Đôn đốc đơn vị"},
	{"retry", "Gửi lại thư"},
	{"login", "Đăng nhập"},
	{"login_locked", "Khóa đăng nhập (sai nhiều lần)"},
	{"login_unlock", "Mở khóa đăng nhập"},
	{"set_password", "Đặt mật khẩu"},
	{"logout_everywhere", "Đăng xuất khỏi mọi thiết bị"},
	{"end_session", "Đăng xuất một phiên"},
	{"create_token", "Cấp mã truy cập API"},
	{"revoke_token", "Thu hồi mã truy cập API"},
	{"prune", "Xóa bớt bản ghi cũ"},
})

// auditEntities names what an audit row is about.
var auditEntities = byLabel(codeSet{
	{"unit", "Đơn vị"},
	{"user", "Người dùng"},
	{"round", "Đợt báo cáo"},
	{"task", "Nhiệm vụ"},
	{"unit_report", "Báo cáo của đơn vị"},
	{"document", "Văn bản"},
	{"issuer_setting", "Ngày chốt số liệu"},
	{"bulk_upload", "Tệp nhập hàng loạt"},
	{"outbox", "Thư nhắc việc"},
	{"audit_log", "Nhật ký hệ thống"},
	{"username", "Tên đăng nhập"},
	{"address", "Địa chỉ truy cập"},
})

// codesOf returns the code set a template asks for by name:
// {{$kinds := codes "kind"}} ... {{$kinds.Label .Kind}}.
func codesOf(name string) (codeSet, error) {
	switch name {
	case "kind":
		return messageKinds, nil
	case "action":
		return auditActions, nil
	case "entity":
		return auditEntities, nil
	}
	return nil, fmt.Errorf("web: no code set %q", name)
}

// recipient is whom an outbox message is for, as the admin reads it: a
// person's or unit's name, and the address the message goes to. Both may be
// empty when the account has neither a name nor an address.
type recipient struct {
	Name, Email string
}

// outboxRecipients names the recipient of each message, keyed by message
// ID. A message keeps only the recipient's user (or, for a unit's shared
// mailbox, its unit) and address, and a unit account made without an
// e-mail address has none, so the names come from the users and units.
func (s *Server) outboxRecipients(ctx context.Context, msgs []*store.Message) (map[int64]recipient, error) {
	out := make(map[int64]recipient, len(msgs))
	if len(msgs) == 0 {
		return out, nil
	}
	users, err := s.store.Users(ctx)
	if err != nil {
		return nil, err
	}
	unitByID, _, err := s.unitMap(ctx)
	if err != nil {
		return nil, err
	}
	userName := make(map[int64]string, len(users))
	for _, u := range users {
		userName[u.ID] = cmp.Or(strings.TrimSpace(u.FullName), u.Username)
	}
	for _, m := range msgs {
		r := recipient{Email: m.Email}
		if m.UserID != 0 {
			r.Name = userName[m.UserID]
		} else if u := unitByID[m.UnitID]; u != nil && m.Email != "" && strings.EqualFold(m.Email, u.Email) {
			// The unit's own mailbox. A message whose user was deleted
			// also has no user, but keeps that user's address.
			r.Name = u.Name
		}
		out[m.ID] = r
	}
	return out, nil
}
