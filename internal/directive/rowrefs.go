package directive

import (
	"regexp"
	"strconv"
	"strings"

	"tiendo"
)

// A Quyết định giving targets in a Phụ lục table assigns its rows by
// number in its "Tổ chức thực hiện" article, as offices write it: "Phòng
// X chủ trì thực hiện chỉ tiêu số 1", "… các chỉ tiêu số 2, 3 và 4", "…
// các chỉ tiêu từ số 5 đến số 8", "Phòng X chủ trì, phối hợp với Y thực
// hiện chỉ tiêu số 9" (Y supports row 9), "Z phối hợp thực hiện chỉ tiêu
// số 3" (Z supports). One paragraph may give several units their rows,
// clause by clause: "Công an xã chủ trì … chỉ tiêu số 10; Ban Chỉ huy
// Quân sự xã chủ trì … chỉ tiêu số 11"; a clause that opens with "chủ
// trì" keeps the previous clause's unit.
var (
	reIndicatorRef  = regexp.MustCompile(`(?:cac\s+)?chi tieu\s+(?:tu\s+)?so\s*(\d{1,2})\b((?:\s*(?:,|va|-|–|den)\s*(?:so\s*)?\d{1,2}\b)*)`)
	reIndicatorNum  = regexp.MustCompile(`\d{1,2}`)
	reIndicatorSpan = regexp.MustCompile(`^\s*(?:-|–|den)\s*(?:so\s*)?\d`)
	reClauseOpens   = regexp.MustCompile(`^[\s,]*(?:va\s+)?(?:chu tri|phoi hop|cung)\b`)
)

// indicatorRefs reads the rows an item gives its units by "chỉ tiêu số".
// It returns nil when the item names no row that way.
func (p *parser) indicatorRefs(text string) []taskRef {
	fo := foldText(text)
	if !reIndicatorRef.MatchString(fo.s) {
		return nil
	}
	var out []taskRef
	var subject []string
	start := 0
	for _, part := range strings.Split(fo.s, ";") {
		cs, ce := start, start+len(part)
		start = ce + 1
		refs := reIndicatorRef.FindAllStringSubmatchIndex(fo.s[cs:ce], -1)
		var a assignment
		if reClauseOpens.MatchString(part) {
			// "…; chủ trì, phối hợp với Y thực hiện chỉ tiêu số 9": the
			// previous clause's unit, written again for the reading.
			if len(subject) == 0 {
				continue
			}
			a = p.assignment(subject[0] + " " + strings.TrimLeft(fo.cut(cs, ce), " ,"))
			a.leads = subject
		} else {
			a = p.assignment(fo.cut(cs, ce))
			if len(a.leads) > 0 {
				subject = a.leads
			}
		}
		if len(refs) == 0 || len(a.leads) == 0 {
			continue
		}
		before := part[:refs[0][0]]
		role := tiendo.Lead
		if !strings.Contains(before, "chu tri") && strings.Contains(before, "phoi hop") && !strings.Contains(before, "phoi hop voi") && !strings.Contains(before, "phoi hop cung") {
			role = tiendo.Support
		}
		for _, m := range refs {
			first := part[m[2]:m[3]]
			rest := part[m[4]:m[5]]
			nums := append([]string{first}, reIndicatorNum.FindAllString(rest, 40)...)
			if len(nums) == 2 && reIndicatorSpan.MatchString(rest) {
				lo, _ := strconv.Atoi(nums[0])
				hi, _ := strconv.Atoi(nums[1])
				if lo < hi && hi-lo < 30 {
					nums = nums[:0]
					for k := lo; k <= hi; k++ {
						nums = append(nums, strconv.Itoa(k))
					}
				}
			}
			for _, n := range nums {
				n = strings.TrimLeft(n, "0")
				for _, u := range a.leads {
					out = append(out, taskRef{unit: u, role: role, label: n, row: true})
				}
				if role == tiendo.Lead {
					for _, u := range a.supports {
						out = append(out, taskRef{unit: u, role: tiendo.Support, label: n, row: true})
					}
				}
			}
		}
	}
	return out
}

// A reply letter ("Phúc đáp Công văn số …", "Trả lời Văn bản số …")
// answers the lower body's requests item by item, each under its topic:
// "1. Về đề nghị bổ sung kinh phí …", "2. Về kiến nghị lùi thời hạn …".
// Such an item gives its answer, not work: it is no task unless it asks a
// unit for something itself ("… Đề nghị Ủy ban nhân dân huyện hoàn thiện
// hồ sơ"). Folded.
var (
	reReplyOpen  = regexp.MustCompile(`^(?:phuc dap|tra loi)\s`)
	reAnswerHead = regexp.MustCompile(`^ve\s+(?:viec\s+|noi dung\s+)?(?:de nghi|kien nghi|de xuat)\b`)
	reAsksUnit   = regexp.MustCompile(`\b(?:de nghi|yeu cau|giao)\s+`)
)

// answerItem reports whether the text of a numbered item of a reply
// letter only answers a request.
func (p *parser) answerItem(text string) bool {
	if !p.reply {
		return false
	}
	fo := foldText(text)
	m := reAnswerHead.FindStringIndex(fo.s)
	if m == nil {
		return false
	}
	for _, r := range reAsksUnit.FindAllStringIndex(fo.s[m[1]:], -1) {
		if opensUnit(fo.cut(m[1]+r[1], len(fo.s))) {
			return false
		}
	}
	return true
}
