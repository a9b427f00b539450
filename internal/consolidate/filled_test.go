package consolidate

import (
	"strings"
	"testing"

	"tiendo"
	"tiendo/internal/document"
)

// No heading of the report stands with nothing under it: a part left empty
// in a draft prints EmptyPart under its heading, a part with neither
// heading nor text prints nothing and takes no number.
func TestToDocumentNoBareHeading(t *testing.T) {
	secs := []Section{
		{Key: KeyOpening, Text: "Mở đầu."},
		{Key: TaskKey(1), Heading: "Nhiệm vụ 1: Phát triển nông nghiệp", Text: "Đã hoàn thành."},
		{Key: TaskKey(2), Heading: "Nhiệm vụ 2: Giảm nghèo", Text: " \n\n "},
		{Key: TaskKey(3)},
		{Key: TaskKey(4), Heading: "Nhiệm vụ 4: Du lịch", Text: "Đón 10.000 lượt khách."},
		{Key: KeyObstacles, Heading: "Khó khăn, vướng mắc"},
		{Key: KeyRecommendations, Heading: "Kiến nghị, đề xuất", Text: "Không có."},
	}
	d := ToDocument(Meta{}, secs, document.Table{})
	var outline []string
	for i, b := range d.Body {
		text := ""
		for _, s := range b.Spans {
			text += s.Text
		}
		outline = append(outline, text)
		if b.Kind == document.Heading1 || b.Kind == document.Heading2 {
			// A part's heading may have its sections' under it, not
			// the next part's or section's.
			if i+1 == len(d.Body) || d.Body[i+1].Kind == document.Heading1 || (d.Body[i+1].Kind == document.Heading2 && b.Kind == document.Heading2) {
				t.Errorf("the heading %q has nothing under it", text)
			}
		}
	}
	all := strings.Join(outline, "\n")
	for _, want := range []string{
		"2. Nhiệm vụ 2: Giảm nghèo\n" + EmptyPart + "\n3. Nhiệm vụ 4: Du lịch",
		"II. KHÓ KHĂN, VƯỚNG MẮC\n" + EmptyPart + "\nIII. KIẾN NGHỊ, ĐỀ XUẤT\nKhông có.",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the report lacks\n%s\nin\n%s", want, all)
		}
	}
}

// The steps that take a report out of the office's hands name each part
// left empty and say what to write, one message a part under the caller's
// field name; a part with nothing but a heading-less text, or the indicator
// table's part (the table goes under it), is not empty.
func TestCheckFilled(t *testing.T) {
	round := &tiendo.Round{Tasks: []*tiendo.Task{{ID: 7, Label: "2"}}}
	parts := []tiendo.ReportPart{
		{Key: KeyOpening, Text: "Mở đầu."},
		{Key: TaskKey(7), Heading: "Nhiệm vụ 2: Giảm nghèo", Text: "  "},
		{Key: KeyIndicators, Heading: "Kết quả thực hiện các chỉ tiêu"},
		{Key: KeyObstacles, Heading: "Khó khăn, vướng mắc", Text: ""},
		{Key: KeyClosing},
	}
	field := func(i int) string { return "f" + string(rune('0'+i)) }
	err := CheckFilled(round, parts, StepSend, field)
	e, ok := err.(*tiendo.Error)
	if !ok || e.Code != tiendo.EINVALID {
		t.Fatalf("CheckFilled = %v, want an invalid error", err)
	}
	if want := "Báo cáo chưa được trình lãnh đạo: 2 phần chưa có nội dung: phần nhiệm vụ 2; phần khó khăn, vướng mắc. Hãy viết nội dung cho các phần này, hoặc ghi “Không có.” nếu không có gì để báo cáo rồi trình lại."; !strings.HasPrefix(e.Message, want) {
		t.Errorf("message %q\nwant it to start %q", e.Message, want)
	}
	if len(e.Fields) != 2 || e.Fields["f1"] == "" || e.Fields["f3"] == "" {
		t.Errorf("fields %q, want one for f1 and one for f3", e.Fields)
	}
	parts[1].Text = "Không có."
	if err := CheckFilled(round, parts, StepIssue, field); err == nil || !strings.HasPrefix(err.(*tiendo.Error).Message, "Báo cáo chưa được ban hành: Phần khó khăn, vướng mắc chưa có nội dung. Hãy bấm “Rút lại để sửa”, viết nội dung cho phần này") {
		t.Errorf("CheckFilled(issue) = %v", err)
	}
	parts[3].Text = "Không có."
	if err := CheckFilled(round, parts, StepApprove, field); err != nil {
		t.Errorf("every part written: %v", err)
	}
}
