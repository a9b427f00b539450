package directive

import (
	"regexp"
	"strings"

	"tiendo/internal/vi"
)

// A directive forwarded by e-mail and pasted whole comes after the mail:
// the forwarder's note, the client's forward header ("---------- Forwarded
// message ---------", "Từ: ...", "Date: ...", "Subject: ...", "To: ...")
// and often a covering note. None of it is the directive: the mail's date
// and subject are not the document's.
var (
	// reMailField opens a field of a mail header, in the English or
	// Vietnamese of the mail clients offices use, on folded text.
	reMailField = regexp.MustCompile(`^(?:from|tu|to|toi|den|cc|bcc|date|sent|da gui|ngay gui|ngay|thoi gian gui|subject|tieu de|chu de)\s*:`)
	// reMailSender is a field only a mail header has: an incoming-document
	// stamp on a scan ("Số: 345", "Ngày: 05/6/2025", "Đến: ...") has
	// the others.
	reMailSender = regexp.MustCompile(`^(?:from|tu|sent|da gui|subject|tieu de|chu de)\s*:`)
	// reMailForward is the line a client writes over a forwarded mail.
	reMailForward = regexp.MustCompile(`(?:forwarded message|original message|tin nhan da chuyen tiep|thu chuyen tiep|thu da chuyen tiep|thu duoc chuyen tiep)`)
)

// mailScanLines bounds the search for a mail header: it stands at the top.
const mailScanLines = 80

// letterheadAbove is how many lines above its national title or number
// line the issuer's name is looked for.
const letterheadAbove = 8

// mailStart returns the index of the first line of a directive pasted after
// an e-mail's header, 0 when there is none: the letterhead after the
// header's last field, found by its national title or its "Số: ..." line
// and taken up over the upper-case lines right above (the issuer's name,
// whatever body it is). A header needs two fields within a few lines of
// each other, one of them the sender or the subject, or the forward line
// and one field, so that a directive's own "Ngày: ..." or a scan's
// incoming stamp is no mail.
func mailStart(lines []line) int {
	lastField, fields, forward, sender := -1, 0, false, false
	for i := 0; i < len(lines) && i < mailScanLines; i++ {
		s := lines[i].text
		if s == "" {
			continue
		}
		f := vi.Fold(s)
		if lastField < 0 && !forward && (reNational.MatchString(f) || reKinhGui.MatchString(f)) {
			return 0 // the letterhead comes first: any mail-like lines are the letter's text
		}
		if reMailForward.MatchString(f) {
			forward = true
			continue
		}
		if reMailField.MatchString(f) {
			if lastField >= 0 && i-lastField > 4 && !forward {
				fields, sender = 0, false // not one header
			}
			fields++
			sender = sender || reMailSender.MatchString(f)
			lastField = i
		}
	}
	if lastField < 0 || !(fields >= 2 && sender) && !(forward && fields >= 1) {
		return 0
	}
	for i := lastField + 1; i < len(lines) && i < lastField+mailScanLines; i++ {
		f := strings.TrimSpace(vi.Fold(lines[i].text))
		if !reNational.MatchString(f) && !(strings.HasPrefix(f, "so") && (reNumState.MatchString(f) || reNumParty.MatchString(f))) {
			continue
		}
		start := i
		for k := i - 1; k > lastField && k >= i-letterheadAbove; k-- {
			if s := lines[k].text; s != "" {
				if !isUpper(s) {
					break
				}
				start = k
			}
		}
		return start
	}
	return 0
}
