package consolidate

import (
	"fmt"
	"strings"

	"tiendo"
)

// Step is a step that takes a report out of the office's hands: sending it
// to the leader, the leader approving it, issuing it. None is taken while a
// part is empty (CheckFilled); saving a draft with one is.
type Step int

// The steps CheckFilled guards.
const (
	StepSend Step = iota
	StepApprove
	StepIssue
)

// CheckFilled refuses step while a part of the report (parts, of round)
// has a heading and no text (EmptyParts): the issued report would print
// the heading with nothing under it. The message names each empty part and
// says what to do: write its content, or "Không có." when there is nothing
// to report; field gives the name, in the caller's form or body, of part
// i's text, which gets its own message.
func CheckFilled(round *tiendo.Round, parts []tiendo.ReportPart, step Step, field func(i int) string) error {
	empty := EmptyParts(parts)
	if len(empty) == 0 {
		return nil
	}
	names := make([]string, len(empty))
	fields := make(map[string]string, len(empty))
	for k, i := range empty {
		names[k] = PartName(round, parts[i])
		fields[field(i)] = "Phần này chưa có nội dung: hãy viết nội dung, hoặc ghi “Không có.” nếu không có gì để báo cáo."
	}
	// "Phần nhiệm vụ 2 chưa có nội dung", or "2 phần chưa có nội dung:
	// phần nhiệm vụ 2; phần khó khăn, vướng mắc" (the names have commas).
	what, these := upperFirst(names[0])+" chưa có nội dung", "phần này"
	if len(names) > 1 {
		what, these = fmt.Sprintf("%d phần chưa có nội dung: %s", len(names), strings.Join(names, "; ")), "các phần này"
	}
	fill := "viết nội dung cho " + these + ", hoặc ghi “Không có.” nếu không có gì để báo cáo"
	var msg string
	switch step {
	case StepApprove:
		msg = "Báo cáo chưa được duyệt: " + what + ". Hãy trả lại Văn phòng để " + fill + "."
	case StepIssue:
		msg = "Báo cáo chưa được ban hành: " + what + ". Hãy bấm “Rút lại để sửa”, " + fill + ", rồi trình lãnh đạo duyệt lại."
	default:
		msg = "Báo cáo chưa được trình lãnh đạo: " + what + ". Hãy " + fill + " rồi trình lại. Bản dự thảo còn phần trống vẫn lưu được."
	}
	return &tiendo.Error{Code: tiendo.EINVALID, Message: msg, Fields: fields}
}
