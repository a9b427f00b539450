package compose

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"tiendo"
	"tiendo/internal/directive"
	"tiendo/internal/document"
	"tiendo/internal/vi"
)

// Parts drafts the editable prose of the letter, in the order it is
// printed: the opening that cites the basis and asks for the reports, the
// requirements of their contents, the deadline sentence and the closing
// formula. The phrasing is the seed's, with its blanks filled from the
// round.
func Parts(in Input) []Part {
	return []Part{
		{Key: KeyOpening, Heading: "Mở đầu (căn cứ, yêu cầu báo cáo)", Text: opening(in)},
		{Key: KeyRequirements, Heading: "Yêu cầu nội dung báo cáo", Text: requirements(in)},
		{Key: KeyDeadline, Heading: "Thời hạn và nơi gửi báo cáo", Text: deadlineText(in)},
		{Key: KeyClosing, Heading: "Kết thúc", Text: closing(in)},
	}
}

// opening: "Thực hiện Công văn số 635-CV/HU ngày 02/6/2022 của Ban Thường
// vụ Huyện ủy về việc báo cáo .... UBND huyện yêu cầu các cơ quan, đơn vị
// căn cứ chức năng, nhiệm vụ, báo cáo ..., cụ thể như sau:".
func opening(in Input) string {
	subject := Subject(in)
	var b strings.Builder
	var cites, refs []string
	for _, bs := range in.Basis {
		if c := citation(bs); c != "" {
			cites = append(cites, c)
			refs = append(refs, oneLine(bs.Ref))
		}
	}
	if len(cites) > 0 {
		b.WriteString("Thực hiện ")
		b.WriteString(strings.Join(cites, "; "))
		// The seed's basis asked for this very report, so its subject is
		// the letter's. A subject that itself cites the basis ("báo cáo
		// kết quả thực hiện Kế hoạch số 245/KH-UBND") is not the basis's
		// own: "Kế hoạch số 245/KH-UBND ... về việc báo cáo kết quả thực
		// hiện Kế hoạch số 245/KH-UBND" would cite it in a circle.
		if len(cites) == 1 && (refs[0] == "" || !citesRef(subject, refs[0])) {
			b.WriteString(" về việc ")
			b.WriteString(subject)
		}
		b.WriteString(". ")
	}
	b.WriteString(shortIssuer(in.Issuer))
	b.WriteString(" yêu cầu các cơ quan, đơn vị căn cứ chức năng, nhiệm vụ, ")
	b.WriteString(subject)
	b.WriteString(", cụ thể như sau:")
	return b.String()
}

// citation is "Công văn số 635-CV/HU ngày 02/6/2022 của Ban Thường vụ
// Huyện ủy", leaving out what the basis does not give.
func citation(bs directive.Basis) string {
	kind, ref := oneLine(bs.Kind), oneLine(bs.Ref)
	if kind == "" && ref == "" {
		return ""
	}
	if kind == "" {
		kind = "Văn bản"
	}
	s := vi.UpperFirst(kind)
	if ref != "" {
		s += " số " + ref
	}
	if d, ok := isoDate(bs.Date); ok {
		s += " ngày " + document.ShortDate(d)
	}
	if is := oneLine(bs.Issuer); is != "" {
		s += " của " + is
	}
	return s
}

// defaultContents are what tiendo's report form asks of each task when the
// round names no contents: the result against the plan and the same period,
// the obstacles, the recommendations and the next steps.
var defaultContents = []string{
	"kết quả đã đạt được so với kế hoạch",
	"so với cùng kỳ",
	"những khó khăn, vướng mắc",
	"đề xuất, kiến nghị",
	"nhiệm vụ, giải pháp trong thời gian tới",
}

// requirements: "Lưu ý: Báo cáo cần ngắn gọn, trong đó đánh giá rõ ..." and,
// when the deadline comes before the period's data cut-off, how to report
// the days not yet elapsed.
func requirements(in Input) string {
	var contents []string
	brief := false
	if in.Round != nil {
		for _, c := range in.Round.ReportContents {
			if c = strings.TrimRight(oneLine(c), ".;, "); c != "" {
				contents = append(contents, lowerFirst(c))
			}
		}
		brief = in.Round.Brief
	}
	if len(contents) == 0 {
		contents = defaultContents
	}
	s := "Lưu ý: Báo cáo cần "
	if brief {
		s += "ngắn gọn, trong đó "
	}
	s += "đánh giá rõ " + joinAnd(contents) + "."
	if in.Round != nil {
		if w := in.Window; !w.IsZero() && !in.Round.Deadline.IsZero() && in.Round.Deadline.Before(w.End()) {
			// DOCUMENTS.md: a deadline before the cut-off means estimates.
			// The sentence avoids the deadline phrasings ("đến hết ngày")
			// so that the cut-off is never read as the deadline.
			s += "\n\nSố liệu báo cáo tính từ ngày " + document.ShortDate(w.From) + " đến ngày " + document.ShortDate(w.To) + "; đối với những chỉ tiêu chưa có số liệu đến thời điểm báo cáo, các cơ quan, đơn vị báo cáo ước thực hiện."
		}
	}
	return s
}

// deadlineText: "UBND huyện yêu cầu các cơ quan, đơn vị gửi báo cáo về UBND
// huyện qua Văn phòng HĐND & UBND huyện trước ngày 07/6/2022 để tổng hợp
// ...".
func deadlineText(in Input) string {
	short := shortIssuer(in.Issuer)
	office := oneLine(in.Office)
	if office == "" {
		office = short
	}
	when := "trước ngày ..../..../........"
	if in.Round != nil && !in.Round.Deadline.IsZero() {
		when = deadlinePhrase(in.Round.Deadline)
	}
	s := short + " yêu cầu các cơ quan, đơn vị gửi báo cáo về " + office + " " + when + " để tổng hợp"
	if up := basisIssuer(in); up != "" {
		s += ", báo cáo " + up + " đảm bảo thời gian quy định."
	} else {
		s += " theo quy định."
	}
	return s
}

// basisIssuer is the body the letter reports up to: the issuer of the
// first basis that names one.
func basisIssuer(in Input) string {
	for _, b := range in.Basis {
		if is := oneLine(b.Issuer); is != "" {
			return is
		}
	}
	return ""
}

func closing(in Input) string {
	return shortIssuer(in.Issuer) + " đề nghị các cơ quan, đơn vị nghiêm túc triển khai thực hiện."
}

// deadlinePhrase writes the deadline instant the way the letter states it:
// "trước ngày 07/6/2022" for the start of a day in tiendo.Zone, "trước 17
// giờ 00 ngày 07/6/2022" for any other time (seconds are dropped).
func deadlinePhrase(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(tiendo.Zone)
	if t.Hour() == 0 && t.Minute() == 0 {
		return "trước ngày " + document.ShortDate(t)
	}
	return "trước " + twoDigits(t.Hour()) + " giờ " + twoDigits(t.Minute()) + " ngày " + document.ShortDate(t)
}

// citesRef reports whether text cites the document numbered ref
// ("245/KH-UBND") as a whole: not "1245/KH-UBND" nor "245/KH-UBND-VX".
func citesRef(text, ref string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], ref)
		if j < 0 {
			return false
		}
		j += i
		before, _ := utf8.DecodeLastRuneInString(text[:j])
		after, _ := utf8.DecodeRuneInString(text[j+len(ref):])
		if !partOfRef(before) && !partOfRef(after) {
			return true
		}
		i = j + 1
	}
}

// partOfRef reports whether r can continue a document's number and symbol.
func partOfRef(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '/' || r == '-'
}
