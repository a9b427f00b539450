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
	{store.KindDeadlineExtended, "Thông báo gia hạn gửi báo cáo"},
	{store.KindDeadlineWithdrawn, "Thông báo hủy hạn riêng của đơn vị"},
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
	{"retire", "Cho đơn vị ngừng hoạt động"},
	{"reactivate", "Cho đơn vị hoạt động trở lại"},
	{string(tiendo.ReportSave), "Lưu báo cáo"},
	{string(tiendo.ReportSendForReview), "Trình lãnh đạo đơn vị duyệt"},
	{string(tiendo.ReportHeadReturn), "Lãnh đạo đơn vị trả lại"},
	{string(tiendo.ReportWithdrawReview), "Cán bộ rút lại báo cáo đã trình"},
	{string(tiendo.ReportSubmit), "Gửi báo cáo"},
	{string(tiendo.ReportReturn), "Trả lại"}, // a report to its unit, or a document to the office
	{string(tiendo.ReportAccept), "Tiếp nhận báo cáo"},
	{string(store.DocSend), "Trình lãnh đạo duyệt"},
	{string(store.DocApprove), "Duyệt"},
	{string(store.DocWithdraw), "Văn phòng rút lại văn bản để sửa"},
	{"regenerate", "Tạo lại phần văn bản từ báo cáo của đơn vị"},
	{"issue", "Ban hành văn bản"},
	{"publish", "Phát hành đợt báo cáo"},
	{"close", "Đóng đợt báo cáo"},
	{"extend", "Gia hạn gửi báo cáo"},
	{"withdraw_extension", "Hủy hạn riêng của đơn vị"},
	{"lock", "Khóa đợt báo cáo"},
	{"unlock", "Mở khóa đợt báo cáo"},
	{"reopen", "Mở lại cho đơn vị sửa báo cáo"},
	{"update_task", "Sửa nhiệm vụ"},
	{"update_target", "Sửa chỉ tiêu"},
	{"set_reporters", "Đổi đơn vị báo cáo chỉ tiêu"},
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
	{"totp_enable", "Bật xác thực hai bước"},
	{"end_other_sessions", "Đăng xuất các phiên khác (khi bật xác thực hai bước)"},
	{"totp_disable", "Tắt xác thực hai bước"},
	{"totp_reset", "Quản trị viên tắt xác thực hai bước"},
	{"totp_recovery_used", "Đăng nhập bằng mã dự phòng"},
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
	{"own_issuer", "Cơ quan ban hành văn bản"},
	{"register", "Dòng sổ văn bản đi"},
	{"bulk_upload", "Tệp nhập hàng loạt"},
	{"outbox", "Thư nhắc việc"},
	{"audit_log", "Nhật ký hệ thống"},
	{"username", "Tên đăng nhập"},
	{"address", "Địa chỉ truy cập"},
})

// auditFields names the fields of an audit row's before and after values,
// by their JSON names, for the "Thay đổi" column of the audit page. A field
// is looked up as "action.field", then "parent.field" (parent: the list or
// object it sits in, such as "sections" or "attachment"), then
// "entity.field", then "field"; one without a name is shown by its JSON
// name, so a new field is never hidden. admin_audit_test.go checks that
// the values the store writes for its common changes are all named.
var auditFields = map[string]string{
	// Several kinds of thing.
	"status":       "Trạng thái",
	"version":      "Phiên bản",
	"comment":      "Ý kiến kèm theo",
	"subject":      "Trích yếu",
	"title":        "Tên đợt báo cáo",
	"name":         "Tên",
	"email":        "Thư điện tử",
	"code":         "Mã",
	"text":         "Nội dung",
	"label":        "Số hiệu nhiệm vụ",
	"position":     "Thứ tự",
	"created_at":   "Tạo lúc",
	"updated_at":   "Sửa lúc",
	"unit_id":      "Đơn vị",
	"task_id":      "Nhiệm vụ",
	"target_id":    "Chỉ tiêu",
	"key":          "Tên đăng nhập hoặc địa chỉ",
	"address":      "Địa chỉ truy cập",
	"user_agent":   "Trình duyệt",
	"late":         "Gửi muộn",
	"submitted_at": "Gửi lúc",

	// A unit.
	"unit.name":  "Tên đơn vị",
	"unit.code":  "Mã đơn vị",
	"short_name": "Tên ngắn",
	"aliases":    "Tên gọi khác trong văn bản",
	"parent_id":  "Đơn vị cấp trên",

	// A user.
	"username":  "Tên đăng nhập",
	"full_name": "Họ và tên",
	"role":      "Vai trò",
	"disabled":  "Khóa tài khoản",
	// Set when an administrator types someone's password: they choose
	// their own at their next login.
	"must_change_password": "Phải đổi mật khẩu ở lần đăng nhập tới",
	// The second factor: whether it is on, how many recovery codes.
	"totp":                "Xác thực hai bước",
	"recovery_codes":      "Số mã dự phòng",
	"recovery_codes_left": "Số mã dự phòng còn lại",

	// The body running tiendo.
	"own_issuer.place": "Địa danh ở dòng ngày tháng",

	// A round and its tasks and targets.
	"period":                 "Kỳ báo cáo",
	"deadline":               "Hạn gửi báo cáo",
	"original_deadline":      "Hạn gửi ban đầu",
	"extend.reason":          "Lý do gia hạn",
	"issuer":                 "Cơ quan ban hành",
	"doc_number":             "Số văn bản",
	"doc_symbol":             "Ký hiệu văn bản",
	"doc_date":               "Ngày văn bản",
	"report_contents":        "Nội dung yêu cầu báo cáo",
	"published_at":           "Phát hành lúc",
	"locked_at":              "Khóa lúc",
	"head_approval":          "Lãnh đạo đơn vị duyệt trước khi gửi",
	"brief":                  "Báo cáo cần ngắn gọn",
	"unit_ids":               "Đơn vị được yêu cầu báo cáo",
	"tasks":                  "Nhiệm vụ",
	"assignees":              "Đơn vị thực hiện",
	"assignees.role":         "Vai trò",
	"targets":                "Chỉ tiêu",
	"targets.value":          "Giá trị chỉ tiêu",
	"comparator":             "So sánh",
	"unit":                   "Đơn vị tính",
	"direction":              "Chiều",
	"relative_to":            "So với",
	"reported_by":            "Đơn vị báo cáo",
	"predecessor_id":         "Nối với nhiệm vụ kỳ trước",
	"targets.predecessor_id": "Nối với chỉ tiêu kỳ trước",
	"update_task.text":       "Nội dung nhiệm vụ",
	"update_target.text":     "Nội dung chỉ tiêu",
	"remind.unit_ids":        "Đơn vị được đôn đốc",
	"messages":               "Số thư nhắc đã xếp hàng gửi",
	"reopen.unit_id":         "Đơn vị được mở lại để sửa",

	// A unit report.
	"sections":           "Phần báo cáo",
	"sections.status":    "Tình trạng thực hiện",
	"result_vs_plan":     "Kết quả đạt được so với kế hoạch",
	"vs_same_period":     "So với cùng kỳ",
	"obstacles":          "Khó khăn, vướng mắc",
	"recommendations":    "Kiến nghị, đề xuất",
	"next_steps":         "Nhiệm vụ thời gian tới",
	"actuals":            "Số liệu thực hiện",
	"actuals.value":      "Số liệu thực hiện",
	"same_period":        "Cùng kỳ năm trước",
	"contributions":      "Phần phối hợp",
	"return_comment":     "Lý do trả lại",
	"attachment":         "Tệp đính kèm",
	"unit_report.name":   "Tên tệp",
	"attachment.name":    "Tên tệp",
	"content_type":       "Loại tệp",
	"size":               "Dung lượng",
	"attachment_removed": "Tệp đã gỡ",
	"kept_for_revision":  "Giữ trong bản đã gửi",

	// A document.
	"kind":        "Loại văn bản",
	"parts":       "Nội dung",
	"heading":     "Tiêu đề phần",
	"approved_by": "Người duyệt",
	"approved_at": "Duyệt lúc",
	"number":      "Số",
	"symbol":      "Ký hiệu",
	"issued_at":   "Ban hành lúc",
	"signer":      "Người ký",

	// Everything else the store audits.
	"cutoff_day":          "Ngày chốt số liệu hằng tháng",
	"rows":                "Số bản ghi đã xóa",
	"audit_log.before":    "Các bản ghi trước",
	"units_added":         "Đơn vị thêm mới",
	"units_updated":       "Đơn vị cập nhật",
	"users_added":         "Người dùng thêm mới",
	"users_updated":       "Người dùng cập nhật",
	"passwords_generated": "Mật khẩu tạo tự động",
	"token_id":            "Mã truy cập API số",
	"sessions":            "Số phiên đã đăng xuất",
	"tokens":              "Số mã truy cập đã thu hồi",

	// The clerk's columns of the outgoing register (register.go).
	"register.copies":  "Số lượng bản",
	"register.receipt": "Ký nhận",
	"register.note":    "Ghi chú",
}

// auditFieldLabel names field of an audit value: see auditFields.
func auditFieldLabel(action, parent, entity, field string) string {
	for _, k := range []string{action + "." + field, parent + "." + field, entity + "." + field, field} {
		if l, ok := auditFields[k]; ok {
			return l
		}
	}
	return field
}

// The states and choices an audit value may hold, for the codes that have
// no Label method of their own.
var (
	roundStatuses = codeSet{
		{string(tiendo.RoundDraft), "Bản nháp"},
		{string(tiendo.RoundOpen), "Đang mở"},
		{string(tiendo.RoundClosed), "Đã đóng"},
	}
	assigneeRoles = codeSet{{string(tiendo.Lead), "Chủ trì"}, {string(tiendo.Support), "Phối hợp"}}
	directions    = codeSet{{"increase", "Tăng"}, {"decrease", "Giảm"}}
	relativeTos   = codeSet{{"plan", "Kế hoạch"}, {"estimate", "Dự toán"}, {"same-period", "Cùng kỳ"}}
)

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
