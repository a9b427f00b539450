package compose

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"tiendo"
	"tiendo/internal/directive"
	"tiendo/internal/document"
	"tiendo/internal/vi"
)

// Warning codes of the checks the parser has no counterpart for; the others
// are directive's (directive.WarnDuplicateLabel and the rest), so that the
// office sees the same code for the same problem whether it read a letter
// or wrote one.
const (
	WarnDeadlineBeforeBasis  = "deadline-before-basis"
	WarnDeadlineBeforeCutoff = "deadline-before-cutoff"
	WarnTaskWithoutText      = "task-without-text"
	WarnLabelUnreadable      = "task-label-unreadable"
	WarnTargetNotInText      = "target-not-in-text"
	WarnTextHasLabel         = "task-text-has-label"
	WarnDeadlineText         = "deadline-text-stale"
)

// reLabel is a label the parser reads back from "(nhiệm vụ 12a)".
var reLabel = regexp.MustCompile(`^\d{1,3}[a-z]?$`)

// reInlineLabel is a task label written inside a text, "(nhiệm vụ 3)", as
// the parser finds it (folded): in a task's text it would cut the task in
// two when the letter is read back.
var reInlineLabel = regexp.MustCompile(`\(\s*(?:nh[a-z]{0,3}m\s*vu|nv)\s*(?:so\s*|thu\s*)?\d`)

// reNumber finds numbers as the letter writes them: "70", "15,2", "1.234".
var reNumber = regexp.MustCompile(`\d+(?:[.,]\d+)*`)

// Check lists what the office should settle before the letter goes for
// signature. issueDate is the day it is to be issued (zero: not known yet,
// which skips the checks against it). Warnings are in Vietnamese, say what
// to do, and have Line 0: they concern the round, not a line of text. None
// blocks issuing.
func Check(in Input, issueDate time.Time) []directive.Warning {
	out := []directive.Warning{}
	warn := func(code, format string, args ...any) {
		out = append(out, directive.Warning{Code: code, Message: fmt.Sprintf(format, args...)})
	}
	r := in.Round
	if r == nil {
		warn(directive.WarnNoTasks, "Chưa có đợt báo cáo: hãy tạo đợt báo cáo và các nhiệm vụ trước khi soạn công văn.")
		return out
	}
	tasks := orderedTasks(r)
	if len(tasks) == 0 {
		warn(directive.WarnNoTasks, "Đợt báo cáo chưa có nhiệm vụ nào: hãy thêm các nhiệm vụ trước khi trình ký công văn.")
	}

	// Tasks: labels, texts, units, targets.
	asked := map[int64]bool{}
	for _, id := range r.UnitIDs {
		asked[id] = true
		if in.Units[id] == nil {
			warn(directive.WarnUnknownUnit, "Đơn vị mã số %d của đợt báo cáo không có trong danh mục đơn vị: công văn không gửi đơn vị này; hãy kiểm tra lại danh sách đơn vị.", id)
		}
	}
	seen := map[string]bool{}
	warnedNotAsked := map[int64]bool{}
	for i, t := range tasks {
		name := taskName(t, i+1)
		label := oneLine(t.Label)
		switch {
		case label == "":
			warn(WarnLabelUnreadable, "Nhiệm vụ thứ %d chưa có số hiệu: công văn tạm ghi \"(nhiệm vụ %s)\"; hãy đặt số hiệu cho nhiệm vụ.", i+1, taskLabel(t, i+1))
		case seen[label]:
			warn(directive.WarnDuplicateLabel, "Số hiệu nhiệm vụ \"%s\" được dùng hai lần: các đơn vị sẽ không phân biệt được hai nhiệm vụ khi báo cáo; hãy đặt lại số hiệu.", label)
		case !reLabel.MatchString(label):
			warn(WarnLabelUnreadable, "Số hiệu nhiệm vụ \"%s\" không phải là số (như 3 hoặc 12a): khi đọc lại công văn, nhiệm vụ này không được nhận ra; hãy đặt số hiệu bằng số.", label)
		}
		seen[label] = true
		if taskText(t) == "" {
			warn(WarnTaskWithoutText, "Nhiệm vụ %s chưa có nội dung: hãy nhập nội dung nhiệm vụ.", name)
		}
		if reInlineLabel.MatchString(fold(t.Text)) {
			warn(WarnTextHasLabel, "Nội dung nhiệm vụ %s có cụm \"(nhiệm vụ ...)\": khi đọc lại công văn, cụm này bị hiểu là số hiệu của một nhiệm vụ khác; hãy viết \"nhiệm vụ số ...\" không đặt trong ngoặc.", name)
		}
		leads, supports := assignees(in, t)
		if len(leads) == 0 {
			warn(directive.WarnTaskWithoutUnit, "Nhiệm vụ %s chưa có đơn vị chủ trì: công văn giao cho \"các cơ quan, đơn vị\"; hãy chọn đơn vị chủ trì.", name)
		}
		for _, a := range t.Assignees {
			if in.Units[a.UnitID] == nil {
				warn(directive.WarnUnknownUnit, "Đơn vị mã số %d được giao nhiệm vụ %s nhưng không có trong danh mục đơn vị: công văn bỏ qua đơn vị này; hãy chọn lại đơn vị.", a.UnitID, name)
			}
		}
		for _, id := range append(leads, supports...) {
			if !asked[id] && !warnedNotAsked[id] {
				warnedNotAsked[id] = true
				warn(directive.WarnNotRecipient, "Đơn vị \"%s\" được giao nhiệm vụ %s nhưng không có trong danh sách đơn vị báo cáo của đợt: công văn vẫn gửi đơn vị này (Kính gửi), hãy bổ sung đơn vị vào đợt để theo dõi báo cáo của đơn vị.", unitName(in, id), name)
			}
		}
		for _, g := range t.Targets {
			if g != nil && !valueInText(g.Value, t.Text) {
				warn(WarnTargetNotInText, "Chỉ tiêu \"%s\" (%s) của nhiệm vụ %s không có trong nội dung nhiệm vụ: đơn vị nhận công văn sẽ không thấy chỉ tiêu này; hãy ghi chỉ tiêu vào nội dung nhiệm vụ.", oneLine(g.Text), targetValue(g), name)
			}
		}
	}

	// The deadline against the issue date, the basis and the period.
	if r.Deadline.IsZero() {
		warn(directive.WarnNoDeadline, "Đợt báo cáo chưa có hạn gửi báo cáo: hãy nhập hạn trước khi trình ký công văn.")
		return out
	}
	due := r.Deadline.In(tiendo.Zone)
	dueDay := day(due)
	if !issueDate.IsZero() && !dueDay.After(day(issueDate)) {
		warn(directive.WarnDeadlineNotAfter, "Hạn gửi báo cáo (%s) không sau ngày ban hành công văn (%s): các đơn vị không có thời gian báo cáo; hãy lùi hạn gửi báo cáo.", deadlinePhrase(due), document.ShortDate(issueDate))
	}
	for _, b := range in.Basis {
		if d, ok := isoDate(b.Date); ok && dueDay.Before(d) {
			warn(WarnDeadlineBeforeBasis, "Hạn gửi báo cáo (%s) trước ngày của văn bản làm căn cứ (%s ngày %s): hãy kiểm tra lại hạn hoặc văn bản căn cứ.", deadlinePhrase(due), citationName(b), document.ShortDate(d))
		}
	}
	if w := in.Window; !w.IsZero() && due.Before(w.End()) {
		warn(WarnDeadlineBeforeCutoff, "Hạn gửi báo cáo (%s) sớm hơn ngày chốt số liệu của kỳ %s (hết ngày %s): các đơn vị sẽ phải báo cáo số ước thực hiện; hãy kiểm tra lại hạn, hoặc giữ hạn và nêu rõ trong công văn rằng số liệu là ước thực hiện.", deadlinePhrase(due), r.Period.Phrase(), document.ShortDate(w.To))
	}
	return out
}

// day is the start of t's day in tiendo.Zone.
func day(t time.Time) time.Time {
	t = t.In(tiendo.Zone)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, tiendo.Zone)
}

func taskName(t *tiendo.Task, n int) string {
	if l := oneLine(t.Label); l != "" {
		return strconv.Quote(l)
	}
	return "thứ " + strconv.Itoa(n)
}

func citationName(b directive.Basis) string {
	s := strings.TrimSpace(oneLine(b.Kind) + " " + oneLine(b.Ref))
	if s == "" {
		return "văn bản"
	}
	return s
}

// valueInText reports whether a number equal to v is written in text.
func valueInText(v float64, text string) bool {
	for _, m := range reNumber.FindAllString(vi.NFC(text), -1) {
		if x, err := vi.ParseNumber(m); err == nil && x == v {
			return true
		}
	}
	return false
}

func targetValue(g *tiendo.Target) string {
	s := string(g.Comparator) + " " + vi.FormatNumber(g.Value, -1)
	if g.Unit != "" {
		s += " " + g.Unit
	}
	return strings.TrimSpace(s)
}

// CheckParts lists what the stored parts no longer say of the round: the
// deadline part is prose the office may have edited before the round's
// deadline changed, so it must still state the deadline the units are
// tracked against, and say it once.
func CheckParts(in Input, parts []Part) []directive.Warning {
	out := []directive.Warning{}
	if in.Round == nil || in.Round.Deadline.IsZero() {
		return out
	}
	phrase := deadlinePhrase(in.Round.Deadline)
	text, found := "", false
	for _, p := range parts {
		if p.Key == KeyDeadline && !found {
			text, found = oneLine(p.Text), true
		}
	}
	if !found {
		return out // Document drafts the part afresh from the round
	}
	if !strings.Contains(text, phrase) {
		out = append(out, directive.Warning{Code: WarnDeadlineText, Message: fmt.Sprintf("Phần thời hạn của công văn không ghi đúng hạn gửi báo cáo của đợt (%s): hãy sửa lại câu hoặc soạn lại phần này từ đợt báo cáo.", phrase)})
	}
	return out
}
