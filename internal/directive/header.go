package directive

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"tiendo/internal/vi"
)

// Patterns over folded text (lower case, no diacritics: see folded).
var (
	// State numbers "Số: 635/UBND-VP", "Số: 3478 /BTTTT-VP", blank "Số: /UBND-VP".
	reNumState = regexp.MustCompile(`(?:^|[^a-z0-9])so\s*[:.]?\s*(\d{0,7})[\s._…]*/\s*([a-z0-9][a-z0-9&]*(?:[-/.][a-z0-9&]+)*)`)
	// Party numbers "Số 635-CV/HU", "86-CV/BTGTW", blank "Số    -CV/HU".
	reNumParty = regexp.MustCompile(`(?:^|[^a-z0-9])so\s*[:.]?\s*(\d{0,7})[\s._…]*-\s*([a-z]{1,6}/[a-z0-9]+(?:[-/][a-z0-9]+)*)`)
	// "ngày 07 tháng 6 năm 2022", blank parts as drafts leave them.
	reWordDate = regexp.MustCompile(`ngay[\s._…]*(\d{1,2})?[\s._…]*thang[\s._…]*(\d{1,2})?[\s._…]*nam[\s._…]*(\d{4})`)
	reSubject  = regexp.MustCompile(`(?:^|\s)(?:v\s*/\s*v|ve viec)\b\s*[:.]?\s*`)
	// A line that opens with "V/v" or "Về việc" is a subject line.
	reSubjectStart = regexp.MustCompile(`^\s*(?:v\s*/\s*v|ve viec)\b`)
	reKinhGui      = regexp.MustCompile(`^kinh\s*gui\s*[:.]?\s*`)
	// A công điện addresses its recipients through its author in capitals
	// and a lower-case "điện:" (Decree 30, form 1.6): "THỦ TƯỚNG CHÍNH PHỦ
	// điện:", "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN điện:". Matched on the text as
	// written: "NGÀNH ĐIỆN:" or "tiết kiệm điện:" is no such line.
	reTelegram = regexp.MustCompile(`^(\S.*\S)\s+điện\s*:\s*(.*)$`)
	reNational = regexp.MustCompile(`cong hoa xa hoi chu nghia viet nam|doc lap\s*[-–—,]?\s*tu do\s*[-–—,]?\s*hanh phuc|dang cong san viet nam`)
	// The Đoàn's name stands where the national title does, over its
	// number ("BCH ĐOÀN TỈNH X" left, "ĐOÀN TNCS HỒ CHÍ MINH" right): a
	// whole line of it under a body is no body. The national name of a
	// mass organisation does the same in its provincial bodies' letters
	// ("BCH HỘI NÔNG DÂN TỈNH X" left, "HỘI NÔNG DÂN VIỆT NAM" right; "HỘI
	// CỰU CHIẾN BINH VIỆT NAM", "HỘI LIÊN HIỆP PHỤ NỮ VIỆT NAM").
	reYouthTitle = regexp.MustCompile(`^(?:doan (?:tncs|thanh nien cong san) ho chi minh|hoi (?:nong dan|cuu chien binh|lien hiep phu nu|lhpn) viet nam)$`)
	// Body text starts with the phrases a directive's first sentence uses.
	reBodyStart = regexp.MustCompile(`^(thuc hien|can cu|theo |trien khai|de |nham |qua |trong |hien nay|thoi gian qua|sau khi|nhan duoc|tiep nhan|tiep theo|ngay \d|thuc hien chi dao)`)
)

// docTypes are the type lines a document without "V/v" has above its subject.
var docTypes = map[string]bool{
	"cong van": true, "ke hoach": true, "thong bao": true, "chi thi": true, "quyet dinh": true,
	"bao cao": true, "huong dan": true, "chuong trinh": true, "cong dien": true, "to trinh": true,
	"ket luan": true, "nghi quyet": true, "phuong an": true, "de an": true, "giay moi": true,
}

// isDocType reports whether the folded line is a type line: one of
// docTypes, alone or as the type of a joint document, which two or more
// bodies issue together and name so ("KẾ HOẠCH LIÊN TỊCH", "THÔNG BÁO LIÊN
// TỊCH", "KẾ HOẠCH LIÊN NGÀNH", "CHƯƠNG TRÌNH PHỐI HỢP", "QUY CHẾ PHỐI
// HỢP"): the lines under it
// are the subject, as under "KẾ HOẠCH".
func isDocType(f string) bool {
	if docTypes[f] {
		return true
	}
	for _, joint := range []string{" lien tich", " lien nganh", " phoi hop"} {
		if t, ok := strings.CutSuffix(f, joint); ok && (docTypes[t] || t == "quy che") {
			return true
		}
	}
	return false
}

// orgHeads begin the name of a body or unit; in the header a line that
// starts with one begins a new body ("SỞ NÔNG NGHIỆP" under "UBND TỈNH").
var orgHeads = []string{
	"uy ban", "ubnd", "so ", "phong ", "ban ", "van phong", "bo ", "tong cuc", "cuc ", "chi cuc",
	"trung tam", "huyen uy", "tinh uy", "thanh uy", "quan uy", "thi uy", "dang uy", "dang bo",
	"hoi dong", "hdnd", "cong an", "hoi ", "bch ", "ban chap hanh", "ban thuong vu", "cong doan", "doan thanh nien", "doan tncs", "lien doan", "hiep hoi", "bo chi huy", "ban chi huy", "chi bo", "mat tran", "uy ban mat tran",
	// Bodies of a vertical branch under their national one ("BẢO HIỂM XÃ
	// HỘI VIỆT NAM" over "BẢO HIỂM XÃ HỘI TỈNH X") and schools, hospitals
	// under their Sở or Bộ.
	"bao hiem xa hoi", "bhxh", "kho bac", "ngan hang", "truong ", "benh vien",
	// Inspection, justice and tax bodies under their UBND or their
	// national body ("THANH TRA TỈNH" under "UBND TỈNH X", "THUẾ TỈNH X"
	// under "CỤC THUẾ").
	"thanh tra", "toa an", "vien kiem sat", "kiem toan", "thue ", "hai quan", "thi hanh an",
}

// header reads the document's header, from the top to where the body
// starts, and returns the index of the first body line.
func (p *parser) header() int {
	r := p.res
	var issuer [][]string // bodies, each a list of caps lines
	defer func() {
		// The issuer is the last body of the left column: "SỞ Y TẾ" under
		// "UBND TỈNH X" issues; "UBND" over "HUYỆN X" is one body.
		if len(issuer) > 0 {
			r.Issuer = strings.Join(issuer[len(issuer)-1], " ")
			if k := jointLead(issuer, r.Symbol); k >= 0 {
				r.Issuer = strings.Join(issuer[k], " ")
			}
		}
	}()
	seenNumber, seenDate, seenSubject := false, false, false
	i := 0
	limit := min(len(p.lines), 120)
	for i < limit {
		ln := p.lines[i]
		s := ln.text
		if s == "" {
			i++
			continue
		}
		f := foldText(s)
		if len(issuer) > 0 && !seenNumber && reYouthTitle.MatchString(strings.Trim(f.s, " .")) {
			i++
			continue
		}
		// Kính gửi ends the header.
		if m := reKinhGui.FindStringIndex(f.s); m != nil {
			return p.recipients(i, strings.TrimSpace(f.cut(m[1], len(f.s))))
		}
		if m := reTelegram.FindStringSubmatch(s); m != nil && isUpper(m[1]) && len(m[1]) < 200 {
			return p.recipients(i, strings.TrimSpace(m[2]))
		}
		// A "V/v ..." line is the subject however long it runs; only
		// other lines can begin the body.
		opensSubject := !seenSubject && reSubjectStart.MatchString(f.s)
		if !seenSubject && !opensSubject && !isUpper(s) && p.isBodyStart(f, s) {
			return i
		}
		rest := s
		// The national title and motto, often interleaved with the issuer.
		if loc := reNational.FindAllStringIndex(f.s, -1); loc != nil {
			var b strings.Builder
			last := 0
			for _, m := range loc {
				b.WriteString(f.cut(last, m[0]))
				b.WriteByte(' ')
				last = m[1]
			}
			b.WriteString(f.cut(last, len(f.s)))
			rest = strings.TrimSpace(b.String())
			rest = strings.Trim(rest, " -–—")
			f = foldText(rest)
		}
		consumed, dateOnly := false, false
		if !seenNumber {
			if m := reNumParty.FindStringSubmatchIndex(f.s); m != nil && hasUpper(f.cut(m[4], m[5])) {
				r.Number = f.s[m[2]:m[3]]
				r.Symbol = f.cut(m[4], m[5])
				seenNumber, consumed = true, true
				p.numberLine = ln.n
				rest = strings.TrimSpace(f.cut(m[5], len(f.s)))
			} else if m := reNumState.FindStringSubmatchIndex(f.s); m != nil && hasUpper(f.cut(m[4], m[5])) {
				r.Number = f.s[m[2]:m[3]]
				r.Symbol = strings.TrimRight(f.cut(m[4], m[5]), ".")
				seenNumber, consumed = true, true
				p.numberLine = ln.n
				rest = strings.TrimSpace(f.cut(m[5], len(f.s)))
			}
			if consumed {
				f = foldText(rest)
			}
		}
		if !seenDate {
			if m := reWordDate.FindStringSubmatchIndex(f.s); m != nil && isDatelineMatch(f, m) {
				p.setIssueDate(f, m, ln.n)
				// The left column's line that a scan or pdftotext put
				// before the date ("BCH HỘI NÔNG DÂN TỈNH X   X, ngày
				// …") is still the issuer's.
				dateOnly = !consumed
				seenDate, consumed = true, true
				rest = strings.TrimSpace(f.cut(0, m[0]))
				rest = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), ","))
				rest = strings.TrimSpace(strings.TrimSuffix(rest, r.Place))
				f = foldText(rest)
			}
		}
		if !seenSubject {
			if m := reSubject.FindStringIndex(f.s); m != nil {
				seenSubject = true
				lines := []string{strings.TrimSpace(f.cut(m[1], len(f.s)))}
				i = p.subjectLines(i+1, lines)
				continue
			}
			if isUpper(rest) && isDocType(strings.TrimSpace(f.s)) {
				p.docType = strings.TrimSpace(f.s)
				seenSubject = true
				i = p.subjectLines(i+1, nil)
				continue
			}
		}
		if (!consumed || dateOnly) && !seenNumber && !seenSubject && isUpper(rest) && rest != "" {
			fr := vi.Fold(rest)
			// "HỘI NGHỊ ..." is a meeting, not a Hội.
			if len(issuer) == 0 || startsWithAny(fr, orgHeads) && !strings.HasPrefix(fr, "hoi nghi") {
				issuer = append(issuer, nil)
			}
			issuer[len(issuer)-1] = append(issuer[len(issuer)-1], rest)
		}
		// After the subject, a long line, a numbered item or a part of
		// the body ("I. MỤC ĐÍCH, YÊU CẦU") begins the body; so does a
		// numbered heading in capitals, the unit over its duties ("1. SỞ
		// VĂN HÓA, THỂ THAO VÀ DU LỊCH") when no opening paragraph comes
		// first.
		if !consumed && seenSubject && (!isUpper(s) && (len(s) > 80 || p.isBodyStart(f, s)) || isUpper(s) && upperItem(s)) {
			return i
		}
		i++
	}
	if i >= limit && !seenNumber && !seenSubject && !seenDate {
		return 0
	}
	return i
}

// upperItem reports whether a line in capitals after the subject opens
// the body: a part ("I. MỤC ĐÍCH, YÊU CẦU") or a numbered item ("1. SỞ Y
// TẾ"), not a word of the header.
func upperItem(s string) bool {
	if reRomanLabel.MatchString(s) {
		return true
	}
	_, _, ok := itemLabel(s)
	return ok
}

// isBodyStart reports whether a line begins the body: a sentence opening,
// a numbered item, or a long line of ordinary text.
func (p *parser) isBodyStart(f folded, s string) bool {
	if reBodyStart.MatchString(f.s) {
		return true
	}
	if _, _, ok := itemLabel(s); ok {
		return true
	}
	return len(s) > 150
}

// subjectLines collects the subject from lines[i:] after its first part:
// the lines up to a blank line, a date, "Kính gửi" or the body.
func (p *parser) subjectLines(i int, parts []string) int {
	for ; i < len(p.lines) && i < 200; i++ {
		ln := p.lines[i]
		s := ln.text
		f := foldText(s)
		if s == "" {
			if len(parts) == 0 || parts[len(parts)-1] == "" {
				continue
			}
			// A blank line ends the subject unless the next line goes on
			// with the sentence in lower case.
			j := i + 1
			for j < len(p.lines) && p.lines[j].text == "" {
				j++
			}
			if j < len(p.lines) && startsLower(p.lines[j].text) && !isDateLine(p.lines[j].text) {
				i = j - 1
				continue
			}
			break
		}
		if reKinhGui.MatchString(f.s) || reNational.MatchString(f.s) || reBodyStart.MatchString(f.s) && len(parts) > 0 && !startsLower(s) {
			break
		}
		if m := reWordDate.FindStringSubmatchIndex(f.s); m != nil && isDatelineMatch(f, m) {
			if p.res.Date == "" && p.dateLine == 0 {
				p.setIssueDate(f, m, ln.n)
			}
			before := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(f.cut(0, m[0])), ","))
			before = strings.TrimSpace(strings.TrimSuffix(before, p.res.Place))
			if before != "" {
				parts = append(parts, before)
			}
			i++
			break
		}
		if _, _, ok := itemLabel(s); ok && len(parts) > 0 {
			break
		}
		// A subject in ordinary case ends at a line in capitals: the
		// authority that opens a decision's preamble ("ỦY BAN NHÂN DÂN
		// TỈNH X", "BỘ TRƯỞNG BỘ Y TẾ") when no blank line divides them.
		if len(parts) > 0 && !isUpper(parts[len(parts)-1]) && isUpper(s) && len(strings.Fields(s)) >= 2 {
			break
		}
		parts = append(parts, s)
	}
	p.res.Subject = joinWords(parts)
	return i
}

// isDatelineMatch reports whether a date found in a header line is the
// document's place and date, not a date inside a sentence: little comes
// after it, and before it at most a place (and the other column).
func isDatelineMatch(f folded, m []int) bool {
	after := strings.TrimSpace(strings.Trim(f.s[m[1]:], " .,;)"))
	if len(after) > 12 {
		return false
	}
	before := strings.TrimSpace(f.cut(0, m[0]))
	return before == "" || placeBefore(before) != ""
}

// setIssueDate records the document's place and date from a date match in
// f ("Hữu Lũng, ngày   tháng 6 năm 2022").
func (p *parser) setIssueDate(f folded, m []int, n int) {
	var d vi.Date
	if m[2] >= 0 {
		d.Day, _ = strconv.Atoi(f.s[m[2]:m[3]])
	}
	if m[4] >= 0 {
		d.Month, _ = strconv.Atoi(f.s[m[4]:m[5]])
	}
	d.Year, _ = strconv.Atoi(f.s[m[6]:m[7]])
	if !d.Valid() {
		if d.Month < 1 || d.Month > 12 {
			d.Month, d.Day = 0, 0
		} else {
			d.Day = 0
		}
	}
	p.issueDate = d
	p.res.Date = d.String()
	p.dateLine = n
	p.res.Place = placeBefore(f.cut(0, m[0]))
}

// placeBefore returns the place name that ends s ("Số: 454/UBND-NCTH Vị
// Thanh," gives "Vị Thanh"): the run of capitalised words before the comma,
// stopping at words in capitals, which belong to the other column.
func placeBefore(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimSpace(strings.TrimSuffix(s, ","))
	words := strings.Fields(s)
	start := len(words)
	for k := len(words) - 1; k >= 0 && len(words)-k <= 6; k-- {
		w := words[k]
		r := []rune(w)
		if (w == "-" || w == "–") && start == k+1 && k > 0 && startsUpperRune(words[k-1]) && !isUpper(words[k-1]) {
			// "Bà Rịa - Vũng Tàu", "Phan Rang - Tháp Chàm": a place
			// named after two, joined by a dash.
			start = k
			continue
		}
		if len(r) == 0 || !unicode.IsUpper(r[0]) || strings.ContainsAny(w, "/:;,") {
			break
		}
		if isUpper(w) && len(r) > 1 && start < len(words) && !strings.HasSuffix(w, ".") {
			break
		}
		start = k
	}
	return strings.Join(words[start:], " ")
}

// recipients reads the "Kính gửi" list starting at line i, whose first line
// has rest after "Kính gửi:", and returns the index of the line after it.
func (p *parser) recipients(i int, rest string) int {
	var items []string
	add := func(s string) {
		s = strings.TrimSpace(strings.TrimLeft(s, "-–—+•·"))
		for _, part := range strings.Split(s, ";") {
			us := splitUnits(part)
			if len(us) > 2 && issuerParts(us[0]) && bareHead(us[1:len(us)-1]) {
				// "Các ban, Văn phòng, Trung tâm Hỗ trợ nông dân tỉnh":
				// the issuer's own parts, sharing the name at the end,
				// one addressee as written. "Các ban, Văn phòng Hội
				// Nông dân tỉnh" names its Văn phòng, which stays apart.
				us = []string{part}
			}
			for _, u := range us {
				u = trimItem(u)
				if u != "" && len(items) < 200 {
					items = append(items, u)
				}
			}
		}
	}
	if rest != "" {
		add(rest)
	}
	// Under "Kính gửi:" alone the list may be numbered ("1. Sở A;", "2.
	// Sở B;", "3. UBND các xã, phường."): it runs on while each next
	// number names an addressee, and ends at the item closed with ".".
	// The body's own numbering comes after, from 1 again or as sentences.
	next := 0
	if rest == "" {
		next = 1
	}
	j := i + 1
	for ; j < len(p.lines); j++ {
		s := p.lines[j].text
		if s == "" {
			continue
		}
		if next > 0 {
			if n, name, ok := numberedAddressee(s); ok && n == next {
				add(name)
				next++
				if strings.HasSuffix(s, ".") {
					j++
					break
				}
				continue
			}
			next = 0
		}
		f := foldText(s)
		bullet := isBullet(s)
		switch {
		case bullet:
			add(s)
		case len(items) == 0 && !reBodyStart.MatchString(f.s) && len(s) < 300:
			add(s)
		case len(items) > 0 && (startsLower(s) || wrappedItem(p.lines, j) || placesGoOn(p.lines, j)) && !bullet && len(items[len(items)-1]) < 500:
			// The previous item broken across lines.
			sep := " "
			if placesGoOn(p.lines, j) {
				sep = ", " // the comma trimItem took off the line above
			}
			items[len(items)-1] = trimItem(items[len(items)-1] + sep + s)
		default:
			p.setRecipients(items)
			return j
		}
	}
	p.setRecipients(items)
	return j
}

// numberedAddressee reads s as an item of a numbered "Kính gửi" list,
// "2. Sở Tài chính;": a short line that names a body (its head among the
// parser's unit heads, written in ordinary case, not a heading in
// capitals), with no verb to make it a sentence of the body, closed with
// ";" or, the last, ".". It returns the number and the text after it.
func numberedAddressee(s string) (int, string, bool) {
	m := reNumLabel.FindStringSubmatchIndex(s)
	if m == nil {
		return 0, "", false
	}
	n, _ := strconv.Atoi(s[m[2]:m[3]])
	name := strings.TrimSpace(s[m[1]:])
	if utf8.RuneCountInString(name) > 120 || !strings.HasSuffix(name, ";") && !strings.HasSuffix(name, ".") {
		return 0, "", false
	}
	if isUpper(name) || !opensUnit(name) || reBodyStart.MatchString(vi.Fold(name)) {
		return 0, "", false
	}
	if firstVerb(foldText(name), 0) != nil {
		return 0, "", false
	}
	return n, name, true
}

// issuerParts reports whether u is only "Các ban" or "Các phòng": the
// parts of the issuing body itself, which a Hội, a Huyện ủy or a Sở lists
// with its other parts on one line ("Các ban, Văn phòng Hội Nông dân
// tỉnh").
func issuerParts(u string) bool {
	f := vi.Fold(trimItem(u))
	return f == "cac ban" || f == "cac phong"
}

// bareHead reports whether one of us is only a unit's head word with no
// name after it ("Văn phòng"): it shares the name the list ends with.
func bareHead(us []string) bool {
	for _, u := range us {
		f := vi.Fold(trimItem(u))
		if f != "" && (slices.Contains(unitHeads, f) || slices.Contains(unitHeads, f+" ")) {
			return true
		}
	}
	return false
}

// wrappedItem reports whether lines[j] is the rest of the list item on
// the line above, broken at a capital ("- Ủy ban nhân dân các tỉnh,
// thành phố trực thuộc" / "Trung ương;"): the line above has no mark to
// end an item, this one is short and ends as an item does, and the list
// goes on under it (a bullet) or ends (a blank line). A body sentence
// under a list written without marks is parted from it by a blank line
// (the line above is then ""), or runs on into more of the paragraph.
func wrappedItem(lines []line, j int) bool {
	prev, s := lines[j-1].text, lines[j].text
	if prev == "" || strings.ContainsAny(prev[len(prev)-1:], ";,.:") {
		return false
	}
	if len(s) >= 120 || !strings.ContainsAny(s[len(s)-1:], ";.,") || reBodyStart.MatchString(vi.Fold(s)) {
		return false
	}
	return j+1 == len(lines) || lines[j+1].text == "" || isBullet(lines[j+1].text)
}

// placesGoOn reports whether lines[j] goes on with the places the bullet
// item above lists after its colon ("- Ủy ban nhân dân các xã: A, B," /
// "C, D;"): the item line ends with a comma, which ends no item of a
// bulleted list when the next line has no bullet of its own, and this
// line is short and no sentence of the body.
func placesGoOn(lines []line, j int) bool {
	prev, s := lines[j-1].text, lines[j].text
	if !isBullet(prev) || !strings.HasSuffix(prev, ",") || !strings.Contains(prev, ":") {
		return false
	}
	return len(s) < 120 && startsUpperRune(s) && !reBodyStart.MatchString(vi.Fold(s))
}

func (p *parser) setRecipients(items []string) {
	var each []string
	for _, it := range items {
		// "Ủy ban nhân dân các xã: A, B": each place is an addressee, as
		// a shared prefix over named members is for leads.
		each = append(each, expandPlaces(it)...)
	}
	for _, it := range each {
		rc := Recipient{Name: it}
		if p.reg != nil {
			if k := p.reg.match(it); k >= 0 {
				rc.Unit = p.reg.units[k].Code
			}
		}
		p.res.Recipients = append(p.res.Recipients, rc)
	}
}

// trimItem trims a list item's bullet and closing punctuation.
func trimItem(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimLeft(s, "-–—+•· ")
	s = strings.TrimRight(s, ";,.: -–—")
	if strings.HasSuffix(s, "./") {
		s = strings.TrimSuffix(s, "./")
	}
	return strings.TrimSpace(s)
}

// isUpper reports whether s is written in capitals: at least three letters,
// nine in ten of them upper case.
func isUpper(s string) bool {
	up, letters := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				up++
			}
		}
	}
	return letters >= 3 && up*10 >= letters*9
}

func hasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

func startsLower(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return unicode.IsLower(r)
		}
		if unicode.IsDigit(r) {
			return false
		}
	}
	return false
}

func isDateLine(s string) bool {
	return reWordDate.MatchString(vi.Fold(s))
}

func isBullet(s string) bool {
	return strings.HasPrefix(s, "-") || strings.HasPrefix(s, "–") || strings.HasPrefix(s, "—") ||
		strings.HasPrefix(s, "+") || strings.HasPrefix(s, "•") || strings.HasPrefix(s, "·")
}

func startsWithAny(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// joinWords joins text parts broken across lines with single spaces.
func joinWords(parts []string) string {
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

// reJointType is the type part of a joint document's symbol: "KHLT" (kế
// hoạch liên tịch), "KHLN" (liên ngành), "TTLT", "CTrPH" (chương trình
// phối hợp), "QCPH". Folded.
var reJointType = regexp.MustCompile(`^[a-z]{1,4}(?:lt|ln|ph)$`)

// jointLead returns which of the header's bodies leads a joint document,
// or -1. A joint document's symbol names its type, then its bodies, the
// lead one first ("2741/KHLN-SYT-SCT": Sở Y tế with Sở Công Thương), and
// its header lists them in that order under their common superior, so
// the last body of the header is the partner, not the issuer. The lead is
// the one body whose initials open as the symbol's first body does.
func jointLead(bodies [][]string, symbol string) int {
	parts := strings.Split(vi.Fold(symbol), "-")
	if len(bodies) < 2 || len(parts) < 3 || !reJointType.MatchString(parts[0]) || len(parts[1]) < 2 {
		return -1
	}
	found := -1
	for k, b := range bodies {
		if strings.HasPrefix(bodyInitials(strings.Join(b, " ")), parts[1]) {
			if found >= 0 {
				return -1
			}
			found = k
		}
	}
	return found
}

// bodyInitials returns the folded initials of a body's name as its symbol
// abbreviates it: "SỞ Y TẾ" "syt", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"
// "snnmt", "ỦY BAN NHÂN DÂN XÃ A" "ubndxa"; an abbreviation in the name
// ("MTTQ", "UBND") is kept whole.
func bodyInitials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(vi.Fold(name)) {
		w = strings.Trim(w, ",.;:()")
		switch {
		case w == "" || w == "va" || w == "-":
		case w == "ubnd" || w == "hdnd" || !strings.ContainsAny(w, "aeiouy"):
			b.WriteString(w)
		default:
			b.WriteByte(w[0])
		}
	}
	return b.String()
}
