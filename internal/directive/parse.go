package directive

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"tiendo"
	"tiendo/internal/vi"
)

// parser holds one parse: the cleaned lines, the result being built, and
// what later steps need from earlier ones.
type parser struct {
	lines         []line
	res           *Result
	reg           *unitMatcher // nil without a registry
	recip         *unitMatcher // the recipients, to check assignees against
	issueDate     vi.Date
	numberLine    int
	dateLine      int
	deadlineLine  int
	deadlineSent  string // the folded sentence that gave the deadline
	deadlineSends bool   // that sentence sends the report ("gửi", "nộp")
	// citedDeadline is a date a restated document gave (reCitedDemand),
	// found in the opening or closing: the deadline only when the tasks
	// give none either.
	citedDeadline *Deadline
	citedLine     int
	citedSent     string
	introLast     string // the last paragraph before the first item
	givesMemo     map[*block]bool
	introGivesFor string
	introGives    bool
	taskIntro     string    // in a directive without a list, the paragraph before the first task
	askAll        bool      // the opening asks every recipient ("đề nghị các cơ quan, đơn vị")
	relative      bool      // the deadline is counted from an event, and warned about
	reply         bool      // the letter answers another ("Phúc đáp Công văn số …")
	laterRows     bool      // an appendix with tasks follows the body being read
	rowRefs       []taskRef // "chỉ tiêu số N" of the body, for the appendix's rows
	docType       string    // the folded type line above the subject ("huong dan"), or ""
}

// Parse reads a directive's text and proposes the round it asks for. units
// is the registry names are resolved against; it may be nil. Parse never
// fails: what it cannot read it leaves empty, and what a person should check
// it reports in Warnings.
func Parse(text string, units []tiendo.Unit) (res *Result) {
	res = &Result{
		Recipients:     []Recipient{},
		Basis:          []Basis{},
		Tasks:          []Task{},
		ReportContents: []string{},
		Signer:         Signer{Authority: []string{}},
		Distribution:   []string{},
		Warnings:       []Warning{},
	}
	defer func() {
		// A parser of arbitrary pasted text must not take the server down
		// with it; the fuzz test keeps this path unused, and if it is ever
		// taken the office still gets what was read so far.
		if v := recover(); v != nil {
			res.Warnings = append(res.Warnings, Warning{Code: WarnParseIncomplete, Message: "Không đọc hết được văn bản; hãy kiểm tra kỹ các mục đã nhận dạng và bổ sung phần còn thiếu."})
		}
		res.normalize()
	}()
	p := &parser{lines: splitLines(ocrText(text)), res: res}
	for i := range mailStart(p.lines) {
		// The mail the directive was forwarded in: no field comes from it.
		p.lines[i] = line{n: p.lines[i].n}
	}
	for i := range pinnedEnd(p.lines) {
		// The chat announcement the directive was pinned under.
		p.lines[i] = line{n: p.lines[i].n}
	}
	for i := range noticeEnd(p.lines) {
		// The SMS or push notice the directive was pasted under: no
		// field comes from it.
		p.lines[i] = line{n: p.lines[i].n}
	}
	if start, end, ok := recordSpan(p.lines); ok {
		// The e-office record the directive was copied from: no field
		// comes from it.
		for i := range p.lines {
			if i < start || i >= end {
				p.lines[i] = line{n: p.lines[i].n}
			}
		}
	}
	if keep, ok := chatKeep(p.lines); ok {
		// The chat thread the directive was shared in: only the messages
		// that hold it are read.
		for i := range p.lines {
			if !keep[i] {
				p.lines[i] = line{n: p.lines[i].n}
			}
		}
	}
	p.lines = runOnLines(p.lines)
	amendedItems(p.lines)
	if len(units) > 0 {
		p.reg = newUnitMatcher(units)
	}
	bodyStart := p.header()
	footerStart := p.footerStart(bodyStart)
	appendices := p.appendices(footerStart)
	footerEnd := len(p.lines)
	if len(appendices) > 0 {
		footerEnd = appendices[0].start
	}
	p.footer(footerStart, footerEnd)
	p.appendixRecipients(appendices)
	rs := make([]tiendo.Unit, len(res.Recipients))
	for i, rc := range res.Recipients {
		rs[i] = tiendo.Unit{Code: strconv.Itoa(i), Name: rc.Name, Aliases: coveredUnits(rc.Name)}
	}
	p.recip = newUnitMatcher(rs)
	for _, a := range appendices {
		p.laterRows = p.laterRows || a.tasks
	}
	p.body(blocks(p.lines[bodyStart:footerStart]))
	p.laterRows = false
	for _, a := range appendices {
		switch {
		case a.doc && a.tasks && len(res.Tasks) == 0:
			p.attachedDoc(blocks(p.lines[a.start:a.end]))
		case a.tasks:
			p.appendix(blocks(p.lines[a.start:a.end]))
		}
	}
	if len(p.rowRefs) > 0 {
		// The body gave the Phụ lục's rows their units by number.
		p.linkRefs(p.rowRefs)
	}
	p.priorYearTargets()
	p.pastYearTargets()
	p.knownCountTargets(bodyStart, footerStart)
	p.reporters()
	p.check()
	return res
}

// normalize keeps the JSON shape: no nil slices.
func (r *Result) normalize() {
	if r.Recipients == nil {
		r.Recipients = []Recipient{}
	}
	if r.Basis == nil {
		r.Basis = []Basis{}
	}
	if r.Tasks == nil {
		r.Tasks = []Task{}
	}
	for i := range r.Tasks {
		if r.Tasks[i].Assignees == nil {
			r.Tasks[i].Assignees = []Assignee{}
		}
		if r.Tasks[i].Targets == nil {
			r.Tasks[i].Targets = []Target{}
		}
	}
	if r.ReportContents == nil {
		r.ReportContents = []string{}
	}
	if r.Signer.Authority == nil {
		r.Signer.Authority = []string{}
	}
	if r.Distribution == nil {
		r.Distribution = []string{}
	}
	if r.Warnings == nil {
		r.Warnings = []Warning{}
	}
}

var (
	reNoiNhan  = regexp.MustCompile(`^noi\s*nhan\s*[:.]?\s*`)
	reAuthLine = regexp.MustCompile(`^(tm|kt|tl|tuq|q|t/m|k/t|t/l|t\.m|k\.t|t\.l)[.\s]\s*\S`)
)

// footerStart returns the index of the first line of the foot: "Nơi nhận",
// the first authority line of the signature, or the line after "./.".
func (p *parser) footerStart(from int) int {
	for i := from; i < len(p.lines); i++ {
		s := p.lines[i].text
		if s == "" {
			continue
		}
		f := vi.Fold(s)
		if reNoiNhan.MatchString(f) || reAuthLine.MatchString(f) && isUpper(s) {
			return i
		}
		if strings.Contains(s, "./.") {
			return i + 1
		}
	}
	return len(p.lines)
}

// footer reads the distribution list and the signature from lines[i:]. The
// two columns of the foot come out in any order or interleaved on one line
// ("- Như trên; KT. CHỦ TỊCH"), so each line is split into its list part
// and its signature part.
func (p *parser) footer(i, end int) {
	inDist := false
	open := false      // the last distribution item ended with ","
	var frags []string // signature parts, "" marking a gap
	for ; i < end; i++ {
		s := p.lines[i].text
		if s == "" {
			frags = append(frags, "")
			continue
		}
		f := foldText(s)
		if m := reNoiNhan.FindStringIndex(f.s); m != nil {
			inDist = true
			s = strings.TrimSpace(f.cut(m[1], len(f.s)))
			if s == "" {
				continue
			}
			if !isBullet(s) && isUpper(s) {
				frags = append(frags, s)
				continue
			}
		}
		if items := reRunOnItem.Split(s, -1); inDist && isBullet(s) && len(items) > 1 {
			// "Nơi nhận: - Như trên; - Sở Y tế; - Lưu: VT.": the list
			// run onto one line when its breaks were lost. The last item
			// is read as a line, with what the signature column ran into
			// it.
			for _, it := range items[:len(items)-1] {
				if it = trimItem(it); it != "" && len(p.res.Distribution) < 200 {
					p.res.Distribution = append(p.res.Distribution, it)
				}
			}
			s = "- " + strings.TrimSpace(items[len(items)-1])
		}
		// An item whose line ended with "," goes on on the next line, even
		// with a capital ("- Viện A, các Viện Pasteur," / "Viện B;"); a
		// line of the signature column has no list punctuation at its end.
		goesOn := open && !isBullet(s) && !isUpper(s) && strings.ContainsAny(s[len(s)-1:], ",;.")
		open = false
		if inDist && (isBullet(s) || (startsLower(s) || goesOn) && len(p.res.Distribution) > 0) {
			item, sig := splitDistItem(s)
			open = strings.HasSuffix(strings.TrimSpace(item), ",")
			if isBullet(s) || len(p.res.Distribution) == 0 {
				if it := trimItem(item); it != "" && len(p.res.Distribution) < 200 {
					p.res.Distribution = append(p.res.Distribution, it)
				}
			} else if k := len(p.res.Distribution) - 1; len(p.res.Distribution[k]) < 500 {
				sep := " "
				if goesOn {
					sep = ", " // the "," trimItem took from the end of the line before
				}
				p.res.Distribution[k] = trimItem(p.res.Distribution[k] + sep + item)
			}
			if sig != "" {
				frags = append(frags, sig)
			}
			continue
		}
		frags = append(frags, s)
	}
	p.signer(frags)
}

// reRunOnItem parts the items of a distribution list run onto one line:
// an item's ";" and the next one's dash.
var reRunOnItem = regexp.MustCompile(`;\s+[-–—+•]\s+`)

// splitDistItem splits a distribution line into the item and a signature
// part that extraction ran into it: "- Như trên; KT. CHỦ TỊCH".
func splitDistItem(s string) (item, sig string) {
	if k := sealAt(s); k > 0 && strings.ContainsAny(lastByte(strings.TrimSpace(s[:k])), ",;.") {
		// "- Như kính gửi, ( * ĐẢNG ỦY XÃ * )": the seal beside the
		// list, read by OCR as a line of the signature column.
		s = strings.TrimSpace(s[:k])
	}
	k := strings.IndexAny(s, ";")
	if k < 0 {
		if d := strings.Index(s, ". "); d >= 0 {
			k = d
		}
	}
	if k < 0 || k == len(s)-1 {
		return splitTrailingTitle(s)
	}
	rest := strings.TrimSpace(s[k+1:])
	if rest != "" && !hasWordOf2(rest) {
		// A signature's scrawl or the seal's edge read by OCR ("~/",
		// "/-", ",/ Ị ~ ”"), in the other column: no two letters or
		// digits in a row, so no word.
		return s[:k+1], ""
	}
	if rest != "" && reSigned.MatchString(vi.Fold(rest)) {
		// "(Đã ký)", the signature column's mark.
		return s[:k+1], ""
	}
	if rest != "" && (isUpper(rest) || isName(rest)) {
		return s[:k+1], rest
	}
	return s, ""
}

// hasWordOf2 reports whether s holds two letters or digits in a row.
func hasWordOf2(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if n++; n >= 2 {
				return true
			}
		} else {
			n = 0
		}
	}
	return false
}

// splitTrailingTitle splits off the position of the signer that the other
// column put at the end of a distribution line, in capitals: "- Thường trực
// Tỉnh ủy (để b/c), CHÁNH VĂN PHÒNG".
func splitTrailingTitle(s string) (item, sig string) {
	ws := strings.Fields(s)
	k := len(ws)
	// A word of the title may be short ("PHÓ BÍ THƯ"): each word need only
	// be in capitals, the title as a whole is checked below.
	for k > 1 && allCaps(ws[k-1]) && strings.Trim(ws[k-1], ".,;:") == ws[k-1] {
		k--
	}
	if k == len(ws) || k == 0 {
		return s, ""
	}
	title := strings.Join(ws[k:], " ")
	f := vi.Fold(title)
	if !looksLikeTitle(f) && !reAuthLine.MatchString(f) {
		return s, ""
	}
	return strings.Join(ws[:k], " "), title
}

// lastByte returns the last byte of s as a string, or "".
func lastByte(s string) string {
	if s == "" {
		return ""
	}
	return s[len(s)-1:]
}

// allCaps reports whether word w has letters, none of them lower case.
func allCaps(w string) bool {
	return hasUpper(w) && !strings.ContainsFunc(w, unicode.IsLower)
}

// sealAt returns where the seal read by OCR starts in s, or -1: a body's
// name in capitals in brackets, "( ĐẢNG ỦY XÃ )", "(* ỦY BAN NHÂN DÂN *)",
// the words of the round stamp over the signature. Such a line names no
// position and no distribution item.
func sealAt(s string) int {
	s = strings.TrimRight(s, " ")
	if !strings.HasSuffix(s, ")") {
		return -1
	}
	k := strings.LastIndex(s, "(")
	if k < 0 {
		return -1
	}
	in := strings.Trim(s[k+1:len(s)-1], " *")
	if len(strings.Fields(in)) < 2 || !isUpper(in) || strings.ContainsAny(in, "()/,;:") || !startsWithAny(vi.Fold(in)+" ", orgHeads) {
		return -1
	}
	return k
}

var reSigned = regexp.MustCompile(`^[(\[]?\s*(da ky|ky|ky ten|ky so|ky, ghi ro ho ten|ky va ghi ro ho ten|ky ten, dong dau)[^)\]]*[)\]]?\.?$`)

// signer reads authority lines, title and name from the signature parts.
func (p *parser) signer(frags []string) {
	blocks := []Signer{{Authority: []string{}}}
	sg := &blocks[0]
	gap := false
	seal := false // reading the seal's words, after the title
	for k, s := range frags {
		if s == "" {
			gap = true
			continue
		}
		f := vi.Fold(s)
		if reSigned.MatchString(f) {
			gap = true
			continue
		}
		if k := strings.LastIndex(s, "("); k > 0 && strings.HasSuffix(s, ")") && reSigned.MatchString(vi.Fold(s[k:])) {
			// "Nguyễn Văn A (đã ký)": a copy's note that the original was
			// signed, after the name on its line.
			s = strings.TrimSpace(s[:k])
			f = vi.Fold(s)
		}
		if sealAt(s) == 0 {
			continue
		}
		if reAuthLine.MatchString(f) && isUpper(s) && sg.Name != "" && p.jointSymbol() && len(blocks) < 4 {
			// A joint document's second signature block, the table's
			// right-hand cell written after the left one.
			blocks = append(blocks, Signer{Authority: []string{}})
			sg = &blocks[len(blocks)-1]
		}
		switch {
		case reAuthLine.MatchString(f) && isUpper(s):
			if sg.Name == "" && len(sg.Authority) < 4 {
				sg.Authority = append(sg.Authority, s)
			}
		case isUpper(s) && !strings.ContainsAny(s, ":;") && len(s) < 80:
			// The round seal over the signature, read from a photo or a
			// scan as lines of text ("PHÓ CHỦ TỊCH" / "UY BAN" / "NHÂN
			// DÂN" / the name): a body's name after the title, and the
			// capitals under it up to the last line, the name. The
			// position never goes on with a body ("PHÓ TRƯỞNG BAN" /
			// "THƯỜNG TRỰC" does with a word of its own).
			if sg.Title != "" && sg.Name == "" && !looksLikeTitle(f) && (startsWithAny(f+" ", orgHeads) || seal && moreFrags(frags[k+1:])) {
				seal = true
				continue
			}
			switch {
			case sg.Name != "":
			case sg.Title == "" && (len(sg.Authority) > 0 || !isName(titleCase(s)) || looksLikeTitle(f)):
				sg.Title = s
			case sg.Title != "" && !gap:
				sg.Title += " " + s
			case sg.Title != "" && isName(titleCase(s)) && !looksLikeTitle(f):
				sg.Name = s
			}
		case isName(s):
			if sg.Name == "" {
				sg.Name = s
			}
		}
		gap = false
	}
	for i := range blocks {
		sg := &blocks[i]
		if k := len(sg.Authority) - 1; sg.Title == "" && k >= 0 {
			// "KT. CHỦ TỊCH PHÓ CHỦ TỊCH": the position run into the
			// authority line when the signature's line breaks were lost.
			sg.Authority[k], sg.Title = splitAuthTitle(sg.Authority[k])
		}
	}
	p.res.Signer = blocks[jointSigner(blocks, p.res.Issuer)]
}

// moreFrags reports whether frags hold a part that is not blank.
func moreFrags(frags []string) bool {
	for _, s := range frags {
		if s != "" {
			return true
		}
	}
	return false
}

// jointSymbol reports whether the document's symbol is a joint
// document's, its type and then its bodies ("KHLN-SYT-SCT").
func (p *parser) jointSymbol() bool {
	parts := strings.Split(vi.Fold(p.res.Symbol), "-")
	return len(parts) >= 3 && reJointType.MatchString(parts[0])
}

// jointSigner picks, of a joint document's signature blocks written one
// after another (a two-cell table out of docx2txt, the left cell first),
// the lead body's: the block whose authority names the issuer ("KT. GIÁM
// ĐỐC SỞ Y TẾ"), else the last one, the right-hand cell, where Decree 30
// has the lead body sign. With one block, that one.
func jointSigner(blocks []Signer, issuer string) int {
	if len(blocks) == 1 {
		return 0
	}
	if fi := vi.Fold(issuer); fi != "" {
		found := -1
		for i, b := range blocks {
			for _, a := range b.Authority {
				if strings.HasSuffix(vi.Fold(a), " "+fi) {
					if found >= 0 && found != i {
						return len(blocks) - 1
					}
					found = i
				}
			}
		}
		if found >= 0 {
			return found
		}
	}
	return len(blocks) - 1
}

// splitAuthTitle splits an authority line that ends with the signer's
// position ("KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH")
// into the two; the position has two words at least, after the body or
// the head the authority names ("KT. BỘ TRƯỞNG" is one authority).
//
// A word that opens a title of two ("BỘ TRƯỞNG", "PHÓ GIÁM ĐỐC", "CHI
// CỤC TRƯỞNG") is not cut from the word after it: "KT. BỘ TRƯỞNG THỨ
// TRƯỞNG" is "KT. BỘ TRƯỞNG" and "THỨ TRƯỞNG".
func splitAuthTitle(s string) (auth, title string) {
	ws := strings.Fields(s)
	for k := 2; k+2 <= len(ws); k++ {
		switch vi.Fold(ws[k-1]) {
		case "bo", "pho", "thu", "chanh", "cuc", "tong", "vu", "chi":
			continue
		}
		if t := strings.Join(ws[k:], " "); looksLikeTitle(vi.Fold(t)) {
			return strings.Join(ws[:k], " "), t
		}
	}
	return s, ""
}

// looksLikeTitle reports whether a folded caps line is a position.
func looksLikeTitle(f string) bool {
	return startsWithAny(f, []string{"chu tich", "pho chu tich", "giam doc", "pho giam doc", "bi thu", "pho bi thu", "chanh van phong", "pho chanh", "truong", "pho truong", "bo truong", "thu truong", "cuc truong", "chi cuc truong", "tong cuc truong", "uy vien"})
}

// isName reports whether s looks like a person's name: two to six words,
// each capitalised, letters only.
func isName(s string) bool {
	ws := strings.Fields(s)
	if len(ws) < 2 || len(ws) > 6 {
		return false
	}
	for _, w := range ws {
		r := []rune(w)
		if !isLetter(r[0]) || !hasUpper(string(r[0])) {
			return false
		}
		for k, c := range r {
			if !isLetter(c) && !(nameApostrophe(c) && k > 0 && k < len(r)-1 && isLetter(r[k+1])) {
				return false
			}
		}
	}
	return true
}

// nameApostrophe: the apostrophe inside a word of a Central Highlands
// name ("H'Yâo Knul", "Y’Moan Êban", "Ksor H'Bơ"), straight or curly.
func nameApostrophe(c rune) bool { return c == '\'' || c == '’' }

func titleCase(s string) string {
	ws := strings.Fields(strings.ToLower(s))
	for i, w := range ws {
		r := []rune(w)
		ws[i] = strings.ToUpper(string(r[0])) + string(r[1:])
	}
	return strings.Join(ws, " ")
}

// check adds the warnings that compare parts of the result.
func (p *parser) check() {
	r := p.res
	if r.Symbol != "" && r.Number == "" {
		p.warn(WarnBlankNumber, p.numberLine, "Văn bản chưa có số (số, ký hiệu \"/%s\"): số được cấp khi ký ban hành; hãy bổ sung số khi văn bản đã ban hành.", r.Symbol)
	}
	if p.dateLine != 0 && p.issueDate.Day == 0 {
		p.warn(WarnBlankDay, p.dateLine, "Ngày ban hành còn để trống (chỉ có tháng, năm): hãy bổ sung ngày khi văn bản đã ký ban hành.")
	}
	if r.Deadline != nil {
		d, err := vi.ParseDate(isoToVN(r.Deadline.Date))
		if err == nil && p.issueDate.Year != 0 && d.Compare(p.issueDate) <= 0 && (p.issueDate.Day != 0 || d.Compare(vi.Date{Year: p.issueDate.Year, Month: p.issueDate.Month, Day: 1}) < 0) {
			p.warn(WarnDeadlineNotAfter, p.deadlineLine, "Hạn gửi báo cáo (%s) không sau ngày ban hành văn bản (%s): hãy kiểm tra lại hạn.", vnDate(r.Deadline.Date), vnDate(r.Date))
		}
	} else if len(r.Tasks) > 0 && !p.relative {
		p.warn(WarnNoDeadline, 0, "Không tìm thấy hạn gửi báo cáo trong văn bản: hãy nhập hạn cho đợt báo cáo.")
	}
	if len(r.Tasks) == 0 {
		p.warn(WarnNoTasks, 0, "Không nhận ra nhiệm vụ nào trong văn bản: hãy thêm các nhiệm vụ bằng tay.")
	}
	for _, c := range LabelClashes(r.Tasks) {
		p.warn(c.Warning.Code, c.Warning.Line, "%s", c.Warning.Message)
	}
	for _, t := range r.Tasks {
		if len(t.Assignees) == 0 {
			p.warn(WarnTaskWithoutUnit, t.Line, "Nhiệm vụ %s chưa xác định được đơn vị thực hiện: hãy chọn đơn vị chủ trì.", taskName(t))
		}
	}
	warnedUnknown := map[string]bool{}
	if p.reg != nil {
		for _, rc := range r.Recipients {
			if rc.Unit == "" && !coversAll(rc.Name) && !warnedUnknown[rc.Name] {
				warnedUnknown[rc.Name] = true
				if IsGroupName(rc.Name) {
					p.warn(WarnUnknownUnit, p.recipientLine(rc.Name), "\"%s\" gồm nhiều đơn vị: hãy chọn các đơn vị được yêu cầu báo cáo, chẳng hạn mọi đơn vị trực thuộc một đơn vị cấp trên.", rc.Name)
					continue
				}
				p.warn(WarnUnknownUnit, p.recipientLine(rc.Name), "Không tìm thấy đơn vị \"%s\" trong danh mục đơn vị: hãy chọn đơn vị tương ứng hoặc thêm vào danh mục.", rc.Name)
			}
		}
	}
	// A recipient naming everyone ("Các sở, ban, ngành tỉnh") covers any
	// unit; "Ủy ban nhân dân các xã, phường" covers the units of those
	// levels ("Ủy ban nhân dân phường A", "Công an xã").
	generic := false
	var levels []string
	kinds := groupKinds(r.Recipients)
	for _, rc := range r.Recipients {
		for _, n := range append([]string{rc.Name}, coveredUnits(rc.Name)...) {
			if coversAll(n) && !namesOneKind(n) {
				if k := oneKindGroup(n); k != "" {
					kinds = append(kinds, k)
				} else {
					generic = true
				}
			}
			if f := vi.Fold(n); strings.HasPrefix(f, "ubnd cac") || strings.HasPrefix(f, "uy ban nhan dan cac") {
				levels = append(levels, namedLevels(n)...)
			}
		}
	}
	warnedNotRecipient := map[string]bool{}
	for _, t := range r.Tasks {
		for _, a := range t.Assignees {
			if p.reg != nil && a.Unit == "" && !warnedUnknown[a.Name] {
				warnedUnknown[a.Name] = true
				if IsGroupName(a.Name) {
					p.warn(WarnUnknownUnit, t.Line, "\"%s\" (nhiệm vụ %s) gồm nhiều đơn vị: hãy chọn các đơn vị được giao, chẳng hạn mọi đơn vị trực thuộc một đơn vị cấp trên.", a.Name, taskName(t))
					continue
				}
				p.warn(WarnUnknownUnit, t.Line, "Không tìm thấy đơn vị \"%s\" (nhiệm vụ %s) trong danh mục đơn vị: hãy chọn đơn vị tương ứng hoặc thêm vào danh mục.", a.Name, taskName(t))
			}
			// A supporting unit is not asked to report, and a group ("các
			// đoàn thể") is answered by members the office picks: only a
			// lead unit must have been sent the directive.
			if len(r.Recipients) > 0 && (!generic || p.ownDepartment(t, a.Name)) && a.Role == tiendo.Lead && !IsGroupName(a.Name) && !warnedNotRecipient[a.Name] && !p.isRecipient(a) && !atLevels(a.Name, levels) && !startsWithAny(vi.Fold(a.Name)+" ", kinds) {
				warnedNotRecipient[a.Name] = true
				p.warn(WarnNotRecipient, t.Line, "Đơn vị \"%s\" được giao nhiệm vụ %s nhưng không có trong danh sách Kính gửi: hãy kiểm tra lại đơn vị hoặc bổ sung đơn vị vào Kính gửi.", a.Name, taskName(t))
			}
		}
	}
	sort.SliceStable(r.Warnings, func(i, j int) bool { return r.Warnings[i].Line < r.Warnings[j].Line })
}

// ownDepartment reports whether the lead name of task t is the issuer's
// own department, named by its code in brackets ("Phòng Cảnh sát quản lý
// hành chính về trật tự xã hội (PC06)") where the symbol names the
// department that drafted the letter ("482/CAT-PC06") or the file copy
// names the department that keeps it ("Lưu: VT, PC06"). A recipient for
// everyone outside ("Các sở, ban, ngành tỉnh") does not cover the body's
// own department: it is sent nothing unless the Kính gửi names it.
func (p *parser) ownDepartment(t Task, name string) bool {
	if i := strings.LastIndex(p.res.Symbol, "-"); i >= 0 && len(p.res.Symbol)-i > 2 && startsWithAny(strings.ToLower(vi.Fold(p.res.Issuer)), agencyKinds) && vi.Fold(p.res.Symbol[i+1:]) == departmentInitials(name) {
		// "Phòng Quản lý ngân sách" in a Sở's letter "2148/STC-QLNS": the
		// symbol ends with the initials of the department that drafted it.
		// An Ủy ban nhân dân's phòng are agencies of their own, which a
		// Kính gửi to "các phòng, ban" covers.
		return true
	}
	k := strings.Index(t.Text, name)
	if k < 0 {
		return false
	}
	m := reUnitCode.FindStringSubmatch(strings.TrimSpace(t.Text[k+len(name):]))
	if m == nil {
		return false
	}
	code := vi.Fold(m[1])
	if i := strings.LastIndex(p.res.Symbol, "-"); i >= 0 && vi.Fold(p.res.Symbol[i+1:]) == code {
		return true
	}
	for _, d := range p.res.Distribution {
		f := vi.Fold(d)
		if !strings.HasPrefix(f, "luu") {
			continue
		}
		if i := strings.Index(f, ":"); i >= 0 {
			f = f[i+1:]
		}
		for _, c := range strings.FieldsFunc(f, func(r rune) bool { return r == ',' || r == ' ' || r == ';' || r == '.' }) {
			if c == code {
				return true
			}
		}
	}
	return false
}

// agencyKinds open the name of a body whose phòng are its own
// departments, not agencies that a Kính gửi to all covers.
var agencyKinds = []string{"so ", "cuc ", "chi cuc ", "tong cuc ", "bo "}

// departmentKinds are the words that open a department's name before
// what it is named for.
var departmentKinds = []string{"van phong ", "phong ", "ban ", "trung tam ", "chi cuc ", "cuc ", "vu "}

// departmentInitials returns the folded initials of what a department is
// named for ("Phòng Quản lý ngân sách" "qlns", "Phòng Kế hoạch - Tài
// chính" "khtc"), as a symbol writes its drafting department; "" for a
// name of another kind or of fewer than two words.
func departmentInitials(name string) string {
	f := vi.Fold(name)
	rest := ""
	for _, k := range departmentKinds {
		if strings.HasPrefix(f, k) {
			rest = f[len(k):]
			break
		}
	}
	var b strings.Builder
	for _, w := range strings.Fields(rest) {
		if w == "va" || !isASCIILetter(w[0]) {
			continue
		}
		b.WriteByte(w[0])
	}
	if b.Len() < 2 {
		return ""
	}
	return b.String()
}

// groupKinds returns the kinds of unit that group recipients name in lower
// case, folded with a space after: "Các chi bộ, đảng bộ trực thuộc" gives
// "chi bo ", "dang bo ", and covers "Chi bộ Công an phường".
func groupKinds(rs []Recipient) []string {
	var out []string
	for _, rc := range rs {
		ws := strings.Fields(rc.Name)
		if len(ws) < 2 || vi.Fold(ws[0]) != "cac" {
			continue
		}
		rest := strings.Join(ws[1:], " ")
		if k := strings.Index(rest, " thuộc"); k >= 0 {
			rest = rest[:k]
			rest = strings.TrimSuffix(rest, " trực")
		}
		for _, piece := range strings.FieldsFunc(rest, func(r rune) bool { return r == ',' || r == ';' }) {
			pw := strings.Fields(piece)
			if len(pw) > 0 && vi.Fold(pw[0]) == "va" {
				pw = pw[1:]
			}
			// A kind of village may take three words ("tổ dân phố",
			// "khu dân cư"): "Các thôn, tổ dân phố" covers "tổ dân phố 1".
			if len(pw) == 0 || len(pw) > 2 && !villageKinds[strings.ToLower(strings.Join(pw, " "))] || startsLower(strings.Join(pw, " ")) == false || hasUpper(strings.Join(pw, " ")) {
				continue
			}
			out = append(out, vi.Fold(strings.Join(pw, " "))+" ")
		}
	}
	return out
}

// oneKindGroup returns the kind, folded with a space after, when a group
// recipient names the units of one kind only, "Các phòng chuyên môn thuộc
// Ban", "Các phòng thuộc Sở", "Các ban chuyên môn": it covers the units of
// that kind ("Phòng Quản lý đầu tư"), not every unit, as "Các sở, ban,
// ngành thuộc tỉnh" or "Các ban, đơn vị thuộc …" (a list of kinds) do.
func oneKindGroup(n string) string {
	ws := strings.Fields(n)
	if len(ws) < 2 || vi.Fold(ws[0]) != "cac" || strings.ContainsAny(n, ",;") {
		return ""
	}
	k := vi.Fold(ws[1])
	if k != "phong" && k != "ban" && k != "so" {
		return ""
	}
	for _, w := range ws[2:] {
		if vi.Fold(w) == "va" {
			return "" // "các phòng và đơn vị …": more than one kind
		}
	}
	return k + " "
}

// namesOneKind reports whether a group recipient names one kind of body by
// its proper name, "Các Sở Giáo dục và Đào tạo", rather than every body of
// a level, "Các sở, ban, ngành tỉnh": it covers that kind only.
func namesOneKind(n string) bool {
	ws := strings.Fields(n)
	if len(ws) < 3 || vi.Fold(ws[0]) != "cac" || strings.HasSuffix(ws[1], ",") || !isCategory(vi.Fold(ws[1])) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(ws[2])
	return unicode.IsUpper(r)
}

// LabelClash is a task that repeats the label of an earlier one: their
// indexes in the task list and the warning that names both.
type LabelClash struct {
	First, Repeat int
	Warning       Warning
}

// LabelClashes finds the tasks whose label an earlier task already has
// ("nhiệm vụ 12" twice, a slip real directives make). Both tasks are kept
// and nothing is renumbered: which of them is misnumbered is for a person to
// decide, so the warning names the label and how each task begins. Labels
// compare as written, less surrounding spaces; tasks without one never
// clash. The intake preview calls it again on the office's edited tasks.
func LabelClashes(tasks []Task) []LabelClash {
	var out []LabelClash
	first := map[string]int{}
	for i, t := range tasks {
		label := strings.TrimSpace(t.Label)
		if label == "" {
			continue
		}
		j, ok := first[label]
		if !ok {
			first[label] = i
			continue
		}
		msg := fmt.Sprintf("Hai nhiệm vụ cùng mang số hiệu “%s”: %s và %s. Cả hai được giữ lại; hãy sửa số hiệu của nhiệm vụ bị đánh số nhầm.",
			label, taskOpening(tasks[j], j), taskOpening(t, i))
		out = append(out, LabelClash{First: j, Repeat: i, Warning: Warning{Code: WarnDuplicateLabel, Message: msg, Line: t.Line}})
	}
	return out
}

// taskOpening names the i-th task (0-based) by the first words of its text
// and where it is: "“Báo cáo việc nâng cao…” (dòng 61)".
func taskOpening(t Task, i int) string {
	where := fmt.Sprintf("nhiệm vụ thứ %d", i+1)
	if t.Line > 0 {
		where = fmt.Sprintf("dòng %d", t.Line)
	}
	if strings.TrimSpace(t.Text) == "" {
		return fmt.Sprintf("một nhiệm vụ chưa có nội dung (%s)", where)
	}
	return fmt.Sprintf("“%s” (%s)", opening(t.Text, 60), where)
}

// opening returns about the first n characters of s on one line, cut at a
// word and marked with an ellipsis when anything is left out.
func opening(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := n
	for k := n; k > n/2; k-- {
		if r[k] == ' ' {
			cut = k
			break
		}
	}
	return strings.TrimRight(string(r[:cut]), " ,;:.") + "…"
}

// isRecipient reports whether an assignee is among the recipients, by name
// or, with a registry, by unit.
func (p *parser) isRecipient(a Assignee) bool {
	if p.recip.match(a.Name) >= 0 {
		return true
	}
	if a.Unit != "" {
		for _, rc := range p.res.Recipients {
			if rc.Unit == a.Unit {
				return true
			}
		}
	}
	return false
}

func (p *parser) recipientLine(name string) int {
	for _, ln := range p.lines {
		if strings.Contains(ln.text, name) {
			return ln.n
		}
	}
	return 0
}

func (p *parser) warn(code string, line int, format string, args ...any) {
	if len(p.res.Warnings) >= 500 {
		return
	}
	p.res.Warnings = append(p.res.Warnings, Warning{Code: code, Message: fmt.Sprintf(format, args...), Line: line})
}

func taskName(t Task) string {
	if t.Label != "" {
		return strconv.Quote(t.Label)
	}
	return fmt.Sprintf("ở dòng %d", t.Line)
}

// isoToVN turns "2022-06-07" into "07/06/2022" for vi.ParseDate.
func isoToVN(iso string) string {
	parts := strings.Split(iso, "-")
	if len(parts) != 3 {
		return ""
	}
	return parts[2] + "/" + parts[1] + "/" + parts[0]
}

// vnDate writes an ISO date the Vietnamese way for messages.
func vnDate(iso string) string {
	parts := strings.Split(iso, "-")
	switch len(parts) {
	case 3:
		return parts[2] + "/" + parts[1] + "/" + parts[0]
	case 2:
		return "tháng " + parts[1] + "/" + parts[0]
	}
	return "chưa rõ"
}
