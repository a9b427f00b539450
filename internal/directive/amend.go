package directive

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"tiendo/internal/vi"
)

// An amending text (a Quyết định sửa đổi, bổ sung a Kế hoạch) gives each
// changed item as an instruction and the item's new wording in quotes:
//
//	1. Sửa đổi khoản 2 mục II như sau:
//	“2. Sở Công Thương chủ trì ... tổ chức ít nhất 03 hội chợ.”
//
// The work is the quoted item, numbered as the amended plan numbers it;
// the instruction around it assigns nothing. amendedItems blanks the
// instruction and takes the quotes off the item, so that the item is read
// as the plan's own.

// reAmendItem is an amending instruction that ends at "như sau:": "1.
// Sửa đổi khoản 2 mục II như sau:", "b) Bổ sung điểm c vào khoản 3 như
// sau:", "2. Sửa đổi, bổ sung khoản 4 Điều 1 như sau:". Its own label may
// be left out.
var reAmendItem = regexp.MustCompile(`^(?:(?:\d{1,2}|[a-zđ])\s?[.)]\s*)?(?:sua doi|bo sung|thay the)\b[^"“”]{0,120}\b(?:khoan|diem|muc|tieu muc)\s+[0-9a-zđivx]{1,5}\b[^"“”]{0,80}\bnhu sau\s*:$`)

// reQuotedItem is the opening of the quoted new wording: a quote, then the
// item's label ("2.", "2.1.", "c)").
var reQuotedItem = regexp.MustCompile(`^["“](\d{1,2}(?:\.\d{1,2}){0,2}\.|[a-zđ]\))\s*\S`)

// amendQuoteLines bounds how many lines the quoted wording may run over.
const amendQuoteLines = 12

// amendedItems takes the quotes off each quoted item that follows an
// amending instruction, and blanks the instruction.
func amendedItems(lines []line) {
	for i := 0; i < len(lines); i++ {
		if lines[i].row != 0 || !reAmendItem.MatchString(vi.Fold(strings.TrimSpace(lines[i].text))) {
			continue
		}
		j := i + 1
		for j < len(lines) && lines[j].text == "" && lines[j].row == 0 {
			j++
		}
		if j == len(lines) || lines[j].row != 0 || !reQuotedItem.MatchString(lines[j].text) {
			continue
		}
		// The closing quote: at the end of the item's last line.
		end := -1
		for k := j; k < len(lines) && k < j+amendQuoteLines; k++ {
			s := strings.TrimRight(lines[k].text, " ")
			if strings.HasSuffix(s, "”") || k > j && strings.HasSuffix(s, `"`) || k == j && strings.Count(s, `"`) >= 2 && strings.HasSuffix(s, `"`) {
				end = k
				break
			}
		}
		if end < 0 {
			continue
		}
		lines[i].text = ""
		_, size := utf8.DecodeRuneInString(lines[j].text)
		lines[j].text = lines[j].text[size:]
		s := strings.TrimRight(lines[end].text, " ")
		s = strings.TrimSuffix(strings.TrimSuffix(s, "”"), `"`)
		lines[end].text = s
		i = end
	}
}
