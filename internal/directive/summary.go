package directive

import (
	"fmt"
	"strings"

	"tiendo"
	"tiendo/internal/vi"
)

// Summary is the proposal as a person reads it, in Vietnamese, one fact a
// line: what `tiendo parse` prints without --json.
func (r *Result) Summary() string {
	var b strings.Builder
	field := func(label, value string) {
		if value == "" {
			value = "(không rõ)"
		}
		fmt.Fprintf(&b, "%s: %s\n", label, value)
	}
	field("Cơ quan ban hành", r.Issuer)
	num := r.Number
	if num == "" && r.Symbol != "" {
		num = "(chưa có số)"
	}
	sym := ""
	if r.Symbol != "" {
		sym = num + "/" + r.Symbol
		if strings.Contains(r.Symbol, "/") && r.Number != "" {
			sym = num + "-" + r.Symbol
		}
	}
	field("Số, ký hiệu", sym)
	date := vnDate(r.Date)
	if r.Date == "" {
		date = ""
	}
	if r.Place != "" && date != "" {
		date = r.Place + ", " + date
	}
	field("Ngày ban hành", date)
	field("Trích yếu", r.Subject)
	fmt.Fprintf(&b, "Kính gửi (%d):\n", len(r.Recipients))
	for _, rc := range r.Recipients {
		fmt.Fprintf(&b, "  - %s%s\n", rc.Name, code(rc.Unit))
	}
	if len(r.Basis) > 0 {
		b.WriteString("Căn cứ:\n")
		for _, bs := range r.Basis {
			line := bs.Kind + " " + bs.Ref
			if bs.Date != "" {
				line += " ngày " + vnDate(bs.Date)
			}
			if bs.Issuer != "" {
				line += " của " + bs.Issuer
			}
			fmt.Fprintf(&b, "  - %s\n", strings.TrimSpace(line))
		}
	}
	field("Kỳ báo cáo", periodLabel(r.Period))
	dl := ""
	if r.Deadline != nil {
		dl = vnDate(r.Deadline.Date)
		if r.Deadline.Time != "" {
			dl = r.Deadline.Time + " ngày " + dl
		}
		if r.Deadline.Relation == "before" {
			dl = "trước " + dl
		} else {
			dl = "chậm nhất " + dl
		}
	}
	field("Hạn gửi báo cáo", dl)
	fmt.Fprintf(&b, "Nhiệm vụ (%d):\n", len(r.Tasks))
	for _, t := range r.Tasks {
		label := t.Label
		if label == "" {
			label = "-"
		}
		fmt.Fprintf(&b, "  %s. %s\n", label, shorten(t.Text, 160))
		var lead, support []string
		for _, a := range t.Assignees {
			if a.Role == tiendo.Support {
				support = append(support, a.Name+code(a.Unit))
			} else {
				lead = append(lead, a.Name+code(a.Unit))
			}
		}
		if len(lead) > 0 {
			fmt.Fprintf(&b, "     Chủ trì: %s\n", strings.Join(lead, "; "))
		}
		if len(support) > 0 {
			fmt.Fprintf(&b, "     Phối hợp: %s\n", strings.Join(support, "; "))
		}
		for _, g := range t.Targets {
			by := ""
			if g.ReportedBy != "" {
				by = " (" + g.ReportedBy + " báo cáo)"
			}
			fmt.Fprintf(&b, "     Chỉ tiêu: %s%s\n", targetLabel(g), by)
		}
	}
	if len(r.ReportContents) > 0 {
		b.WriteString("Nội dung báo cáo:\n")
		for _, c := range r.ReportContents {
			fmt.Fprintf(&b, "  - %s\n", c)
		}
	}
	signer := strings.Join(append(append([]string{}, r.Signer.Authority...), r.Signer.Title), " / ")
	if r.Signer.Name != "" {
		signer = strings.TrimPrefix(signer+" / "+r.Signer.Name, " / ")
	}
	field("Người ký", strings.Trim(signer, " /"))
	if len(r.Distribution) > 0 {
		fmt.Fprintf(&b, "Nơi nhận: %s\n", strings.Join(r.Distribution, "; "))
	}
	if len(r.Warnings) > 0 {
		fmt.Fprintf(&b, "Cảnh báo (%d):\n", len(r.Warnings))
		for _, w := range r.Warnings {
			if w.Line > 0 {
				fmt.Fprintf(&b, "  - dòng %d: %s [%s]\n", w.Line, w.Message, w.Code)
			} else {
				fmt.Fprintf(&b, "  - %s [%s]\n", w.Message, w.Code)
			}
		}
	}
	return b.String()
}

func code(unit string) string {
	if unit == "" {
		return ""
	}
	return " [" + unit + "]"
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// targetLabel writes a target as "≥ 70 % (tăng, so với dự toán)".
func targetLabel(g Target) string {
	cmp := map[tiendo.Comparator]string{tiendo.AtLeast: "≥", tiendo.MoreThan: ">", tiendo.AtMost: "≤", tiendo.LessThan: "<", tiendo.Equal: "="}[g.Comparator]
	s := strings.TrimSpace(fmt.Sprintf("%s %s %s", cmp, vi.FormatNumber(g.Value, -1), g.Unit))
	var notes []string
	switch g.Direction {
	case "increase":
		notes = append(notes, "tăng")
	case "decrease":
		notes = append(notes, "giảm")
	}
	switch g.RelativeTo {
	case "plan":
		notes = append(notes, "so với kế hoạch")
	case "estimate":
		notes = append(notes, "so với dự toán")
	case "same-period":
		notes = append(notes, "so với cùng kỳ")
	}
	if len(notes) > 0 {
		s += " (" + strings.Join(notes, ", ") + ")"
	}
	return s + " — " + shorten(g.Text, 100)
}

// periodLabel writes a period as documents name it ("06 tháng đầu năm
// 2022"), or says which year an unnamed period falls in.
func periodLabel(p *tiendo.Period) string {
	if p == nil {
		return ""
	}
	if s := p.Phrase(); s != "" {
		return s
	}
	return fmt.Sprintf("khác (%d)", p.Year)
}
