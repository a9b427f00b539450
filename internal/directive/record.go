package directive

import (
	"regexp"
	"strings"

	"tiendo/internal/vi"
)

// A directive copied from the incoming-document page ("Văn bản đến") of an
// e-office system ("Hệ thống quản lý văn bản và điều hành") sits inside the
// receiving office's record. Above the document come the record's fields,
// one "label: value" a line, with the standard labels every such system
// uses ("Sổ văn bản", "Số đến", "Ngày đến", "Số ký hiệu", "Ngày ban hành",
// "Cơ quan ban hành", "Trích yếu", "Người ký", "Độ khẩn", "Hạn xử lý",
// "Tệp đính kèm") and the processing block ("Người xử lý chính", "Đơn vị
// phối hợp", "Ý kiến chỉ đạo"); below it, the processing history ("LỊCH SỬ
// XỬ LÝ", "QUÁ TRÌNH XỬ LÝ") and the system's footer. None of it is the
// directive: the record's number, date, retyped subject and processing
// deadline are the receiver's, and its "Ý kiến chỉ đạo" routes the work
// inside the receiving office.
var (
	// reRecordField opens a record field, on folded text.
	reRecordField = regexp.MustCompile(`^(?:so van ban|so den|ngay den|so\s*[/,]?\s*ky hieu|don vi soan thao|ngay ban hanh|ngay van ban|loai van ban|co quan ban hanh|noi ban hanh|don vi ban hanh|trich yeu|nguoi ky|do khan|do mat|han xu ly|han giai quyet|tep dinh kem|file dinh kem|nguoi xu ly chinh|don vi xu ly chinh|don vi phoi hop|nguoi phoi hop|y kien chi dao|y kien xu ly|but phe|nguoi nhan de biet)\s*:`)
	// reRecordOwn is a field only an incoming-document record has: a
	// directive's own text may say "Trích yếu:" or "Người ký:" in a table
	// of documents, never "Số đến:" or "Hạn xử lý:".
	reRecordOwn = regexp.MustCompile(`^(?:so den|ngay den|han xu ly|han giai quyet|nguoi xu ly chinh|don vi xu ly chinh|y kien chi dao|y kien xu ly)\s*:`)
	// reRecordHeading is a heading of the record page around the document
	// ("THÔNG TIN VĂN BẢN", "NỘI DUNG VĂN BẢN", "XỬ LÝ VĂN BẢN"): never a
	// line of the issuer's name.
	reRecordHeading = regexp.MustCompile(`^(?:thong tin|noi dung|xu ly|chi tiet|tep|file)\b.*\bvan ban\b`)
	// reRecordHistory heads the processing history the system prints
	// under the document.
	reRecordHistory = regexp.MustCompile(`^(?:lich su|qua trinh|luong|nhat ky)\s+(?:xu ly|luan chuyen|chuyen xu ly)\b`)
)

// A directive copied from the page of a government web portal ("Cổng thông
// tin điện tử") sits inside the page the same way: above it the portal's
// name, the breadcrumb ("Trang chủ » …"), the article title (often the
// document's number, date and subject retyped), the posting line ("Ngày
// đăng: … | Lượt xem: …") and the page tools ("Cỡ chữ", "In bài", "In
// trang", "Chia sẻ"); below it the attachment line ("File đính kèm: …"),
// the lists of other articles ("Tin cùng chuyên mục", "Tin liên quan",
// "Văn bản liên quan", "Các tin khác", "Xem thêm") and the "©" footer.
// None of it is the directive: the posting date and the view count are the
// portal's, and the listed articles are other documents.
var (
	// rePortalMarks finds the standard furniture of a portal page above
	// the document, on folded text; each alternative is one kind.
	rePortalMarks = []*regexp.Regexp{
		regexp.MustCompile(`(?:^|\|)\s*(?:ngay dang(?: tin| bai)?|ngay cap nhat|ngay xuat ban|dang luc|cap nhat luc|thoi gian dang)\s*:`),
		regexp.MustCompile(`\bluot (?:xem|truy cap|doc)\s*:`),
		regexp.MustCompile(`^trang chu\s*(?:»|›|>|/|\|)`),
		regexp.MustCompile(`(?:^|\|)\s*(?:co chu|in bai|in trang|ban in|chia se|gui email|gui bai)\b[^|]{0,20}(?:\||$)`),
	}
	// rePortalTail opens the page's part below the document: a heading
	// alone on its line, or the attachment line.
	rePortalTail = regexp.MustCompile(`^(?:(?:tin|bai viet|van ban) (?:cung chuyen muc|lien quan|khac)|cac (?:tin|bai viet|van ban) (?:khac|lien quan|cung chuyen muc)|xem them|y kien ban doc|binh luan)\s*[:»›>.]*$|^(?:file|tep|tai lieu) dinh kem\s*:`)
)

// portalTop returns the last line of a portal page's furniture above the
// letterhead, and ok=false when the text does not open with two kinds of
// it before its national title, "Số: …" line or Kính gửi.
func portalTop(lines []line) (last int, ok bool) {
	last = -1
	var kinds [4]bool
	n := 0
	for i := 0; i < len(lines) && i < mailScanLines; i++ {
		s := lines[i].text
		if s == "" {
			continue
		}
		f := strings.TrimSpace(vi.Fold(s))
		if reNational.MatchString(f) || reKinhGui.MatchString(f) || (strings.HasPrefix(f, "so") && (reNumState.MatchString(f) || reNumParty.MatchString(f))) {
			break
		}
		for k, re := range rePortalMarks {
			if re.MatchString(f) {
				if !kinds[k] {
					kinds[k] = true
					n++
				}
				last = i
			}
		}
	}
	return last, n >= 2
}

// recordSpan returns the lines of a directive copied inside an e-office
// record or a portal page, [start, end), and ok=false when the text is in
// neither. The record needs three fields within a few lines of each other,
// above the letterhead, and one of them a field only a record has or a
// record heading ("THÔNG TIN VĂN BẢN") over them: the page of an outgoing
// document ("Văn bản đi") has no "Số đến" nor "Hạn xử lý". Fields below
// the letterhead (the page's "Tệp đính kèm" under the document) start no
// other record. A portal page needs two kinds of its
// furniture above the letterhead (portalTop). The directive starts at the letterhead after
// the last field (its national title or "Số: ..." line, taken up over the
// upper-case lines right above) and ends at the history heading, or a
// "©" footer line, after it; on a portal page, also at the attachment line
// or a list of other articles (rePortalTail).
func recordSpan(lines []line) (start, end int, ok bool) {
	lastField, fields, own, heading := -1, 0, false, false
	for i := 0; i < len(lines) && i < mailScanLines; i++ {
		s := lines[i].text
		if s == "" {
			continue
		}
		f := strings.TrimSpace(vi.Fold(s))
		if reNational.MatchString(f) || reKinhGui.MatchString(f) {
			if lastField < 0 {
				break // the letterhead comes first: no record (a portal page may be)
			}
			if fields >= 3 {
				break // the record is above; the page's fields under the document are no other
			}
		}
		if lastField < 0 && reRecordHeading.MatchString(f) {
			heading = true
		}
		if reRecordField.MatchString(f) {
			if lastField >= 0 && i-lastField > 6 {
				fields, own = 0, false // not one record
			}
			fields++
			own = own || reRecordOwn.MatchString(f)
			lastField = i
		}
	}
	portal := false
	if fields < 3 || !own && !heading {
		if lastField, portal = portalTop(lines); !portal {
			return 0, 0, false
		}
	}
	start = -1
	for i := lastField + 1; i < len(lines) && i < lastField+mailScanLines; i++ {
		f := strings.TrimSpace(vi.Fold(lines[i].text))
		if !reNational.MatchString(f) && !(strings.HasPrefix(f, "so") && (reNumState.MatchString(f) || reNumParty.MatchString(f))) {
			continue
		}
		start = i
		for k := i - 1; k > lastField && k >= i-letterheadAbove; k-- {
			if s := lines[k].text; s != "" {
				if !isUpper(s) || reRecordHeading.MatchString(strings.TrimSpace(vi.Fold(s))) {
					break
				}
				start = k
			}
		}
		break
	}
	if start < 0 {
		return 0, 0, false
	}
	end = len(lines)
	for i := start + 1; i < len(lines); i++ {
		s := strings.TrimSpace(lines[i].text)
		f := vi.Fold(s)
		if reRecordHistory.MatchString(f) || strings.HasPrefix(s, "©") || (portal && rePortalTail.MatchString(f)) {
			end = i
			break
		}
	}
	return start, end, true
}
