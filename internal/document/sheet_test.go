package document

import (
	"slices"
	"strings"
	"testing"
)

// TestSheetIssued checks the seed report's Sheet line by line against what
// Decree 30 asks for and what the PDF prints.
func TestSheetIssued(t *testing.T) {
	d := seedReport(true)
	s := NewSheet(d)
	checks := []struct {
		name      string
		got, want any
	}{
		{"draft", s.Draft, false},
		{"issuer", s.Issuer, []string{"ỦY BAN NHÂN DÂN", "HUYỆN HỮU LŨNG"}},
		{"number", s.Number, "Số: 01/BC-UBND"},
		{"national", s.National, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
		{"motto", s.Motto, "Độc lập - Tự do - Hạnh phúc"},
		{"date", s.PlaceDate, "Hữu Lũng, ngày 05 tháng 6 năm 2022"},
		{"type", s.Type, "BÁO CÁO"},
		{"subject", s.Subject, d.Subject},
		{"letter subject", s.LetterSubject, ""},
		{"authority", s.Authority, []string{"TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"}},
		{"signer", s.SignerName, "Nguyễn Văn An"},
		{"distribution label", s.DistributionLabel, "Nơi nhận:"},
		{"first distribution", s.Distribution[0], "- TT Huyện ủy (b/c);"},
		{"last distribution", s.Distribution[len(s.Distribution)-1], "- Lưu: VT, VP."},
	}
	for _, c := range checks {
		if !equal(c.got, c.want) {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}

	var headings []string
	var tables []*SheetTable
	for _, b := range s.Body {
		if b.Heading() > 0 {
			if !b.Spans[0].Bold {
				t.Errorf("heading %q is not bold", b.Spans[0].Text)
			}
			headings = append(headings, b.Spans[0].Text)
		}
		if b.Table != nil {
			tables = append(tables, b.Table)
		}
	}
	if len(headings) < 3 || !strings.HasPrefix(headings[0], "I. ") {
		t.Errorf("headings = %q, want the roman-numbered parts", headings)
	}
	if len(tables) != 1 {
		t.Fatalf("%d tables, want the indicator table", len(tables))
	}
	tb := tables[0]
	if len(tb.Header) != 8 || tb.Header[0] != "TT" || len(tb.Widths) != 8 {
		t.Errorf("table header %q, widths %v", tb.Header, tb.Widths)
	}
	sum := 0.0
	for _, w := range tb.Widths {
		sum += w
	}
	if sum < 99.99 || sum > 100.01 || tb.Widths[2] <= tb.Widths[0] {
		t.Errorf("widths %v: want shares of 100%% in the table's proportions", tb.Widths)
	}
	// A number the Vietnamese way, centred; a long target flush left.
	row := tb.Rows[1] // "Bình quân số tiêu chí đạt/xã", plan 15,2
	if row[4] != (SheetCell{Text: "15,2", Centred: true}) || row[2].Centred || row[2].Text != "Bình quân số tiêu chí đạt/xã" {
		t.Errorf("row = %+v", row)
	}

	// The last paragraph closes the body with "./.", as in the files.
	last := s.Body[len(s.Body)-1]
	if text := last.Spans[len(last.Spans)-1].Text; !strings.HasSuffix(text, "./.") {
		t.Errorf("the body ends %q, want ./.", text)
	}

	// Every line of the sheet is in the PDF.
	text := squash(strings.Join(pdfText(t, writePDF(t, d)), " "))
	lines := slices.Concat(s.Issuer, []string{s.Number, s.National, s.Motto, s.PlaceDate, s.Type, s.Subject, s.DistributionLabel},
		s.Distribution, s.Authority, []string{s.SignerName})
	for _, line := range lines {
		if !strings.Contains(text, squash(line)) {
			t.Errorf("the PDF lacks the sheet's line %q", line)
		}
	}
}

// A draft has no number and no date: blanks to write in, as in the PDF.
func TestSheetDraft(t *testing.T) {
	s := NewSheet(seedReport(false))
	if !s.Draft {
		t.Error("a draft without a number is not Draft")
	}
	if strings.ContainsAny(s.Number, "0123456789") || !strings.HasSuffix(s.Number, "  /BC-UBND") {
		t.Errorf("number = %q, want the blank of Số:      /BC-UBND", s.Number)
	}
	if s.Number != numberLine("", "BC-UBND") || s.PlaceDate != "Hữu Lũng, "+draftDate {
		t.Errorf("number %q, date %q: not the writers' blanks", s.Number, s.PlaceDate)
	}
}

// A Letter has no type line: "V/v" under its number, "Kính gửi:" and
// "Như trên" first in "Nơi nhận:".
func TestSheetLetter(t *testing.T) {
	s := NewSheet(seedLetter())
	if s.Type != "" || !strings.HasPrefix(s.LetterSubject, "V/v ") {
		t.Errorf("type %q, subject %q", s.Type, s.LetterSubject)
	}
	if s.RecipientsLabel != "Kính gửi:" || len(s.Recipients) == 0 {
		t.Errorf("recipients %q %q", s.RecipientsLabel, s.Recipients)
	}
	if s.Distribution[0] != "- Như trên;" {
		t.Errorf("distribution = %q, want Như trên first", s.Distribution)
	}
}

func equal(a, b any) bool {
	as, ok1 := a.([]string)
	bs, ok2 := b.([]string)
	if ok1 && ok2 {
		return slices.Equal(as, bs)
	}
	return a == b
}
