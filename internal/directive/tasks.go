package directive

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"tiendo"
	"tiendo/internal/vi"
)

// reInlineLabel finds a task's number written inside its text, "(nhiệm vụ
// 3)", with the typos real text has ("nhệm vụ", "nhiêm vu") and "(NV3)".
var reInlineLabel = regexp.MustCompile(`\(\s*(?:nh[a-z]{0,3}m\s*vu|nv)\s*(?:so\s*|thu\s*)?(\d{1,3}[a-z]?)\s*\)`)

// closingStarts open the paragraphs after the tasks: reminders, the report
// requirements, the deadline, the closing formula.
var reClosing = regexp.MustCompile(`^(luu y|tren day|de nghi|yeu cau|can cu noi dung|nhan duoc|trong qua trinh|giao van phong|van phong|thoi gian|thoi han|bao cao gui|cac co quan|cac don vi|thu truong|qua trinh thuc hien|noi dung bao cao|che do bao cao|de dam bao|nhan van ban)`)
var reAskAll = regexp.MustCompile(`(de nghi|yeu cau|giao)\s+(cac co quan|cac don vi|cac phong|cac so|cac ban|cac nganh|thu truong cac|cac bo phan)`)
var reRequestVerb = regexp.MustCompile(`\b(yeu cau|de nghi)\b`)

// excludedHeads open numbered items that are not tasks: the purpose of a
// plan, the reporting schedule, the form of the report.
var excludedHeads = []string{
	"muc dich", "yeu cau", "thoi gian", "thoi han", "che do bao cao", "noi dung bao cao", "hinh thuc",
	"kinh phi", "bieu mau", "de cuong", "phuong thuc", "dia chi", "ky bao cao", "cach thuc", "luu y",
	"quy trinh bao cao", "thoi diem", "che do thong tin", "hinh thuc bao cao", "to chuc thuc hien",
}

// reGeneralGoal opens the general objective of a plan or a resolution ("1.
// Mục tiêu tổng quát", its paragraph joined to it): prose whose measurable
// part is the "Mục tiêu cụ thể" or "chỉ tiêu" items, so no task when it
// states no target itself. "Mục tiêu chung và chỉ tiêu cụ thể" heads
// those.
var reGeneralGoal = regexp.MustCompile(`^muc tieu (?:tong quat|chung)\b\s*[:.]?\s*`)

// reFollowUp is the item that gives a unit the following up of the
// directive itself ("Giao Văn phòng UBND tỉnh theo dõi, đôn đốc việc thực
// hiện Chỉ thị này"): the issuer's own staff work, not a task reported on.
var reFollowUp = regexp.MustCompile(`(theo doi|don doc|kiem tra|giam sat)[^.;]{0,80}thuc hien (chi thi|ke hoach|cong van|thong bao|van ban|quyet dinh|nghi quyet|chuong trinh|ket luan|phuong an) nay\b`)

// followUpOnly reports whether a folded item says nothing but the follow-up
// of the directive itself ("Giao Văn phòng UBND tỉnh theo dõi, đôn đốc việc
// thực hiện Chỉ thị này."). An item that goes on with work of its own ("...
// Thông báo này; tổng hợp, báo cáo Ban Thường vụ Huyện ủy") is a task.
func followUpOnly(f string) bool {
	m := reFollowUp.FindStringIndex(f)
	return m != nil && strings.Trim(f[m[1]:], " .;,:") == ""
}

// reAssessment opens a section that assesses what was done rather than
// gives work: "1. Đánh giá chung", "Tình hình thực hiện nhiệm vụ 9 tháng",
// "Kết quả đạt được", "Hạn chế, yếu kém", "Nguyên nhân". A meeting's
// conclusions open with one, full of the figures achieved, before the
// tasks. "Hạn chế" and "Tồn tại" count only as headings ("Hạn chế, tồn
// tại", "Tồn tại và nguyên nhân"): "Hạn chế tối đa ..." is work.
var reAssessment = regexp.MustCompile(`^(?:danh gia chung|danh gia tinh hinh|tinh hinh\b|ket qua dat duoc|nhung ket qua|mot so ket qua|ket qua noi bat|uu diem|khuyet diem|nguyen nhan|nhan xet chung|khai quat|dac diem tinh hinh|boi canh|(?:han che|ton tai)(?:\s*[,:;.]|\s+va\s|\s+yeu kem|\s*$))`)

// reOversight is the council's oversight of its own resolution, which a
// Nghị quyết gives without "này" ("Thường trực HĐND, các Ban HĐND ... giám
// sát việc thực hiện Nghị quyết."): an item of that one clause, which
// names the resolution last and cites no other one by its number.
var reOversight = regexp.MustCompile(`^[^.;]*giam sat[^.;]{0,40}thuc hien nghi quyet\s*[.;]?\s*$`)

// contentsHeads open items whose children are the contents a report must
// have rather than tasks.
var contentsHeads = []string{"noi dung bao cao", "de cuong bao cao", "yeu cau noi dung", "bao cao gom", "bao cao can", "bao cao phai"}

// reAlsoTasks finds, in a short heading that opens with one of those heads,
// the work it also announces: "I. NỘI DUNG BÁO CÁO VÀ NHIỆM VỤ TRỌNG TÂM",
// "Yêu cầu và các nhiệm vụ cụ thể". The items under it give units work, so
// the heading keeps them.
var reAlsoTasks = regexp.MustCompile(`^[^:.;]{0,60}\bva (?:cac )?(?:nhiem vu|giai phap)\b`)

// alsoTasks reports whether folded heading f, which opens with an excluded
// or contents head, also names tasks.
func alsoTasks(f string) bool {
	if len(f) >= 120 {
		return false
	}
	for _, h := range append(excludedHeads[:len(excludedHeads):len(excludedHeads)], contentsHeads...) {
		if strings.HasPrefix(f, h) && reJoinedTasks.MatchString(f[len(h):]) {
			return true
		}
	}
	return false
}

// leadTableRow reports whether b is a row of a table with a lead column
// ("Cơ quan chủ trì"): a group row over such rows ("IV ⇥ Kinh phí, theo
// dõi, tổng hợp") only gathers rows that each name their own lead,
// whatever its words.
func leadTableRow(b block) bool {
	return b.header > 0 && slices.Contains(b.headRoles, "lead")
}

var reJoinedTasks = regexp.MustCompile(`^\s+va (?:cac )?(?:nhiem vu|giai phap)\b`)

// body reads the body blocks: basis and period from the opening, tasks from
// the items, report contents and deadline from wherever they are said.
func (p *parser) body(bs []block) {
	first := len(bs)
	last := -1
	for i, b := range bs {
		if b.kind != plain {
			if i < first {
				first = i
			}
			if b.kind != bullet {
				last = i
			}
		}
	}
	if last < 0 && first < len(bs) {
		last = first // a list of bullets only
	}
	// The closing: plain paragraphs after the last item from the first one
	// that reads like a closing; those before it continue the last item.
	closing := len(bs)
	from := last + 1
	if last >= 0 && headsParagraph(bs, last, 0) {
		from++ // the paragraph under a unit heading is its work
	}
	for i := from; i < len(bs); i++ {
		if n := p.askedBullets(bs, i); n > 0 && last >= 0 && bs[last].cells != nil {
			// After a table only: after a numbered list, such bullets
			// are under its last item in the outline, and read with it.
			i += n
			continue
		}
		if p.isClosing(bs[i].text) {
			closing = i
			break
		}
	}
	if last < 0 {
		closing = len(bs)
	}
	intro := bs[:first]
	// "- Căn cứ Nghị quyết số …;" "- Thực hiện Công văn số …,": a basis
	// written as bullets before the first item is the opening's, though a
	// bullet is no plain paragraph.
	basisBlocks := intro
	for k := first; k < len(bs) && bs[k].kind == bullet && reBasisStart.MatchString(strings.TrimLeft(foldText(bs[k].text).s, "-+•–—* ")); k++ {
		basisBlocks = append(basisBlocks[:len(basisBlocks):len(basisBlocks)], bs[k])
	}
	p.basis(basisBlocks)
	var closingBlocks []block
	if closing < len(bs) {
		closingBlocks = bs[closing:]
	}
	region := bs[first:closing]
	if first > closing {
		region = nil
	}
	if last < 0 {
		// No list: the tasks are sentences of the paragraphs.
		p.proseTasks(bs)
	}
	p.period(intro, closingBlocks)
	p.deadline(intro, closingBlocks, region)
	p.planPeriod()
	p.contents(intro, closingBlocks, region)
	if last >= 0 {
		p.taskList(intro, region)
	}
	if len(p.res.Tasks) == 0 && last < 0 {
		p.singleTask(bs)
	}
}

// askedBullets returns how many bullets follow bs[i] when it is a lead-in
// that asks units for more work after the list ("Đồng thời, đề nghị:") and
// its bullets give units work ("- Ủy ban nhân dân các xã báo cáo ..."), one
// of them at least by opening with the unit's name, none stating a figure:
// those bullets are tasks, not the closing. It returns 0 otherwise.
func (p *parser) askedBullets(bs []block, i int) int {
	if !isAskLeadIn(bs[i]) {
		return 0
	}
	n, named := 0, false
	for j := i + 1; j < len(bs) && bs[j].kind == bullet; j++ {
		if isFigureOpening(bs[j].text) {
			return 0
		}
		named = named || p.opensWithAssignment(bs[j].text)
		n++
	}
	if !named {
		return 0
	}
	return n
}

// isAskLeadIn reports whether b is a short paragraph that asks for what
// the bullets after it say: "Đồng thời, đề nghị:", "UBND huyện yêu cầu:".
func isAskLeadIn(b block) bool {
	return b.kind == plain && b.cells == nil && strings.HasSuffix(b.text, ":") && len(b.text) <= 200 && reRequestVerb.MatchString(vi.Fold(b.text))
}

// reProseAsk opens a sentence that gives named units work.
var reProseAsk = regexp.MustCompile(`^(?:dong thoi,?\s*|ngoai ra,?\s*)?(?:giao cho|giao|de nghi|yeu cau)\s+`)

// reTopicAsk opens a sentence of a meeting's conclusions that names its
// topic, or who gives the work, or both, before the work: "Về công tác
// giải phóng mặt bằng, giao X ...", "Đối với sản xuất nông nghiệp, Chủ
// tịch UBND huyện giao X ...", "UBND tỉnh yêu cầu X ...".
var reTopicAsk = regexp.MustCompile(`^(?:(?:ve|doi voi|rieng doi voi|rieng|trong linh vuc|tren linh vuc)\s[^.;:]{0,160}?,\s*)?` +
	`(?:(?:dong chi\s+)?(?:(?:pho chu tich|chu tich)\s+)?(?:ubnd|uy ban nhan dan|thuong truc|ban thuong vu)\s+` +
	`(?:tinh|huyen|thanh pho|thi xa|quan|xa|phuong|thi tran|dac khu|tinh uy|huyen uy|thanh uy|dang uy)\s+)?` +
	`(?:dong thoi,?\s*)?(?:giao cho|giao|de nghi|yeu cau)\s+`)

// rePassOn is the sentence in which an office passes on a meeting's
// conclusions ("Văn phòng ... truyền đạt ý kiến chỉ đạo của Chủ tịch ... như
// sau:", "... thông báo kết luận của ..."): it opens with a unit and a
// verb, as a task does, but gives no one work.
var rePassOn = regexp.MustCompile(`^[^.;:]{0,160}?\b(?:truyen dat|thong bao) (?:y kien|ket luan|chi dao)`)

// reFormula is the closing formula of a notice: "Văn phòng thông báo để
// các cơ quan, đơn vị biết, thực hiện".
var reFormula = regexp.MustCompile(`thong bao (?:de|cho)|biet,? (?:thuc hien|de thuc hien|phoi hop)|\./\.`)

// proseTasks reads the tasks of a directive written in paragraphs, as a
// meeting's conclusions are: each sentence that opens by giving named units
// work ("Giao Phòng X ...", "Đề nghị Trung tâm Y ...", "Phòng Z chủ trì,
// phối hợp với ...") is a task, with the sentences after it in its
// paragraph that give no one else work. The paragraph before the first
// task is kept for the period.
func (p *parser) proseTasks(bs []block) {
	open := false // a task is open and may take more sentences
	for bi, b := range bs {
		open = false
		for _, sent := range sentences(b.text) {
			f := vi.Fold(sent)
			if reFormula.MatchString(f) {
				open = false
				continue
			}
			a, ok := p.proseAssignment(sent, f)
			if ok && !reProseAsk.MatchString(f) && rePassOn.MatchString(f) {
				ok = false
			}
			if ok {
				if len(p.res.Tasks) == 0 && bi > 0 {
					p.taskIntro = bs[bi-1].text
				}
				p.addTask("", sent, p.lineOf(b, sent), a, assignment{}, false)
				open = true
				continue
			}
			if open && len(p.res.Tasks) > 0 {
				t := &p.res.Tasks[len(p.res.Tasks)-1]
				more := strings.TrimSpace(strings.Trim(sent, ".;, "))
				if more != "" && len(t.Text) < 4000 {
					t.Text += "; " + more
					t.Targets = targets(t.Text)
				}
			}
		}
	}
}

// proseAssignment reads who a sentence gives work when it opens by naming
// them: "Giao X ...", "Đề nghị X ...", or a unit's name and a verb.
func (p *parser) proseAssignment(sent, f string) (assignment, bool) {
	rest := f
	if m := reProseAsk.FindStringIndex(f); m != nil {
		rest = f[m[1]:]
	} else if m := reTopicAsk.FindStringIndex(f); m != nil && reMeeting.MatchString(vi.Fold(p.res.Subject)) {
		rest = f[m[1]:]
	}
	a := p.assignment(sent)
	if len(a.leads) == 0 {
		return a, false
	}
	lead := vi.Fold(a.leads[0])
	return a, strings.HasPrefix(rest, lead) || strings.HasPrefix(rest, "nhiem vu cho "+lead)
}

// singleTask makes the one task of a directive with no list: the first
// paragraph that asks named units for a report ("Đề nghị Phòng Y tế báo cáo
// nhanh tình hình ...").
//
// The clauses after it in its paragraph ("...; giảm ít nhất 5% số vụ ...;
// 100% tin báo ...") go on with the same work, up to one that gives
// someone else work, sends the report by a date, or closes the letter.
func (p *parser) singleTask(bs []block) {
	for _, b := range bs {
		sents := sentences(b.text)
		for k, sent := range sents {
			f := vi.Fold(sent)
			if !strings.Contains(f, "bao cao") {
				continue
			}
			a := p.assignment(sent)
			if len(a.leads) == 0 {
				continue
			}
			text := sent
			// "Thực hiện Kế hoạch số 95/KH-UBND ..., Ủy ban nhân dân phường
			// đề nghị Công an phường báo cáo ...": the work starts with the
			// clause that asks.
			if ft := foldText(sent); reBasisStart.MatchString(ft.s) {
				if m := reAskWord.FindStringIndex(ft.s); m != nil {
					if c := strings.LastIndex(ft.s[:m[0]], ", "); c > 0 {
						text = vi.UpperFirst(strings.TrimSpace(ft.cut(c+2, len(ft.s))))
					}
				}
			}
			for _, more := range sents[k+1:] {
				mf := vi.Fold(more)
				if reFormula.MatchString(mf) || reSend.MatchString(mf) && reDeadline.MatchString(mf) || len(p.assignment(more).leads) > 0 || len(text) > 4000 {
					break
				}
				text = strings.TrimRight(text, ".;, ") + "; " + strings.TrimSpace(strings.Trim(more, ".;, "))
			}
			p.addTask("", text, p.lineOf(b, sent), a, assignment{}, false)
			return
		}
	}
}

func (p *parser) isClosing(text string) bool {
	f := vi.Fold(text)
	if reClosing.MatchString(f) || strings.Contains(text, "./.") || reDeadline.MatchString(f) {
		return true
	}
	// "<issuer> yêu cầu các cơ quan, đơn vị...": a request to everyone.
	head := f
	if len(head) > 80 {
		head = head[:80]
	}
	return reRequestVerb.MatchString(head)
}

// taskList builds the tasks from the item blocks.
func (p *parser) taskList(intro []block, region []block) {
	// Units named in the last opening paragraph ("Đề nghị Phòng X báo cáo
	// các nội dung sau:") own the tasks that name none.
	var root assignment
	// A table's header row is not the opening's last paragraph.
	opening := intro
	for len(opening) > 0 && opening[len(opening)-1].cells != nil {
		opening = opening[:len(opening)-1]
	}
	if len(opening) > 0 {
		p.introLast = opening[len(opening)-1].text
		root = p.assignment(p.introLast)
		p.askAll = reAskAll.MatchString(vi.Fold(p.introLast))
		// "UBND huyện đề nghị UBND các xã báo cáo ... theo biểu dưới
		// đây." then a note on the figures ("Số liệu báo cáo tính từ
		// ..."): the request names who owns the rows, a few paragraphs
		// up.
		for k := len(opening) - 2; len(root.leads) == 0 && k >= 0 && k >= len(opening)-3; k-- {
			// From the request on: what comes before it is the basis.
			f := foldText(opening[k].text)
			if m := reRequestVerb.FindStringIndex(f.s); m != nil {
				root = p.assignment(f.cut(m[0], len(f.s)))
			}
		}
	}
	excluded := make([]bool, len(region))
	assessed := make([]bool, len(region)) // an assessment, not a task
	contents := make([]bool, len(region))
	leads := make([]assignment, len(region))
	for i, b := range region {
		f := vi.Fold(b.text)
		par := b.parent - (len(intro))
		if b.kind == plain {
			continue
		}
		if startsWithAny(f, excludedHeads) && !(b.cells != nil && i+1 < len(region) && leadTableRow(region[i+1])) && (b.kind == section || b.kids > 0 || len(f) < 120 || strings.HasPrefix(f, "thoi gian") || strings.HasPrefix(f, "thoi han")) && !alsoTasks(f) {
			excluded[i] = true
		}
		if startsWithAny(f, contentsHeads) && !alsoTasks(f) {
			contents[i] = true
		}
		if m := reGeneralGoal.FindStringIndex(f); m != nil && b.kind != section && b.kids == 0 && !startsWithAny(f[m[1]:], []string{"va ", ", "}) && len(targets(b.text)) == 0 {
			excluded[i] = true
		}
		if b.kind != bullet && reAssessment.MatchString(f) {
			excluded[i], assessed[i] = true, true
		}
		if b.kind != bullet && b.cells == nil && p.answerItem(b.text) {
			// A reply letter's answer to one request: an item under it
			// that gives a unit work is a task still.
			excluded[i], assessed[i] = true, true
		}
		if (b.kind == section || b.kids > 0) && b.cells == nil && planFrame(f) {
			// "II. NỘI DUNG, THỜI GIAN, THÀNH PHẦN": what the plan is
			// and how it runs, not work given; an item under it that
			// gives a unit work is a task still.
			excluded[i], assessed[i] = true, true
			if reMembersHead.MatchString(strings.TrimSpace(strings.TrimRight(f, " :.;"))) {
				// "III. THÀNH PHẦN ĐOÀN KIỂM TRA": its lines name who goes
				// ("- Trưởng đoàn: Đồng chí …"), none of them work.
				assessed[i] = false
			}
		}
		if b.cells == nil && (followUpOnly(f) || reOversight.MatchString(f)) && len(targets(b.text)) == 0 {
			excluded[i] = true
		}
		if par >= 0 && par < len(region) {
			ownUnit := contents[par] && p.namesOwnUnit(region, i, len(intro))
			if excluded[par] && !strings.HasPrefix(vi.Fold(region[par].text), "to chuc thuc hien") && !(assessed[par] && p.opensWithAssignment(b.text)) && !ownUnit {
				// Under an assessment, an item that gives a unit work
				// ("1. Phòng X báo cáo tình hình ...") is still a task.
				excluded[i] = true
			}
			if excluded[par] && strings.HasPrefix(vi.Fold(region[par].text), "to chuc thuc hien") && b.cells == nil && len(p.assignment(b.text).leads) == 0 && !headsParagraph(region, i, len(intro)) && !(b.kids > 0 && p.allUnitLike(strings.Trim(b.text, " :.;,"))) {
				// "Tổ chức thực hiện" gives units their work; an item there
				// that names no unit is a general provision. "1. Văn phòng
				// Sở" over bullets names the unit of the bullets.
				excluded[i] = true
			}
			if contents[par] && !ownUnit {
				contents[i], excluded[i] = true, true
			}
		}
		if b.cells != nil && b.kind == number {
			region[i].text, leads[i] = p.rowTask(b)
			if len(leads[i].leads) == 0 && b.matrix == nil && slices.Contains(b.headRoles, "lead") && i > 0 && len(leads[i-1].leads) > 0 && region[i-1].cells != nil && region[i-1].header == b.header {
				// The lead column's cell is empty: merged with the one
				// above it in Word ("ô gộp"), whose text only the first
				// row keeps once extracted.
				leads[i].leads = leads[i-1].leads
			}
			continue
		}
		if a, ok := p.forUnit(b.text, f); ok {
			leads[i] = a
		} else {
			leads[i] = p.assignment(b.text)
		}
		if u := p.forRecipient(b, f); u != "" && len(leads[i].leads) == 0 {
			// "II. ĐỐI VỚI ỦY BAN NHÂN DÂN CÁC XÃ, PHƯỜNG": the part of
			// one of the letter's addressees.
			leads[i] = assignment{leads: []string{u}}
		}
		if u := p.forNamedUnit(b); u != nil && len(leads[i].leads) == 0 {
			// "I. ĐỐI VỚI CÁC SỞ, BAN, NGÀNH TỈNH" in a Chỉ thị with no
			// Kính gửi: the part of the units it names.
			leads[i] = assignment{leads: u}
		}
		if name := strings.Trim(b.text, " :.;,"); len(leads[i].leads) == 0 && b.kids > 0 && name != "" && p.allUnitLike(name) {
			// "1. Phòng Nội vụ" heading its tasks, without a colon.
			leads[i] = assignment{leads: splitUnits(name)}
		}
		if headsParagraph(region, i, len(intro)) {
			// "1. Các trường THPT trực thuộc Sở" over the paragraph of its
			// work, "Rà soát ...": the heading is who does it, and the
			// units it works with ("chủ trì, phối hợp với Y") support,
			// also under a heading read as a unit already, one with its
			// role in brackets ("Phòng X (cơ quan thường trực)").
			if len(leads[i].leads) == 0 {
				leads[i] = assignment{leads: splitUnits(dropRole(askedHeading(strings.Trim(b.text, " :.;,"))))}
			}
			if next := region[i+1].text; strings.Contains(vi.Fold(next), "phoi hop") {
				for _, u := range p.assignment(next).supports {
					if !contains(leads[i].leads, u) && !contains(leads[i].supports, u) {
						leads[i].supports = append(slices.Clip(leads[i].supports), u)
					}
				}
			}
		}
	}
	// inherited returns the assignment of the nearest block up the outline
	// that names a unit, then of the opening.
	inherited := func(i int) assignment {
		for k := region[i].parent - len(intro); k >= 0 && k < len(region); k = region[k].parent - len(intro) {
			if len(leads[k].leads) > 0 {
				return leads[k]
			}
			if region[k].parent-len(intro) >= k {
				break
			}
		}
		return root
	}
	// "Phòng X: chủ trì thực hiện nhiệm vụ 1, 3; phối hợp nhiệm vụ 2": the
	// units of tasks listed elsewhere, named by their numbers. Such an item
	// is not a task, nor are its siblings without references (the general
	// duties of "Tổ chức thực hiện").
	var refs []taskRef
	refParents := map[int]bool{}
	for i, b := range region {
		if b.kind == plain || b.kind == section || excluded[i] {
			continue
		}
		rs := p.taskRefs(b.text, leads[i])
		if len(rs) == 0 {
			continue
		}
		refs = append(refs, rs...)
		excluded[i] = true
		refParents[b.parent] = true
	}
	for i, b := range region {
		if b.kind != plain && b.kind != section && refParents[b.parent] && len(leads[i].leads) > 0 {
			excluded[i] = true
		}
	}
	p.excludeGoals(region, len(intro), excluded, leads, inherited)
	timetable(region, len(intro), excluded)
	p.guideDuties(region, len(intro), excluded, leads)
	composeSectionLabels(region, len(intro), excluded, len(refs) > 0)
	defer p.linkRefs(refs)
	inline := false
	for _, b := range region {
		if reInlineLabel.MatchString(vi.Fold(b.text)) {
			inline = true
			break
		}
	}
	if inline {
		p.inlineTasks(region, excluded, leads, inherited, len(intro))
	} else {
		p.itemTasks(region, excluded, leads, inherited, len(intro))
	}
}

// reGoalHead heads the part of a plan that states its goals: "II. MỤC
// TIÊU, CHỈ TIÊU", "1. Mục tiêu cụ thể", "2. Chỉ tiêu cụ thể", "Các chỉ
// tiêu chủ yếu".
var reGoalHead = regexp.MustCompile(`^(?:muc tieu|(?:cac )?chi tieu (?:cu the|chu yeu|chinh))\b`)

// excludeGoals drops the items of a plan's goals part that name no unit
// when the plan gives its work out to units elsewhere (two or more units
// lead items of their own): the goals are then carried by those items
// ("Phòng X ... phấn đấu giảm tỷ lệ hộ nghèo từ 3% trở lên"), and a
// clerk lists no task for the plan's summary of them. A resolution whose
// only item names the one body carrying it out keeps its goals as tasks.
func (p *parser) excludeGoals(region []block, introLen int, excluded []bool, leads []assignment, inherited func(int) assignment) {
	goal := make([]bool, len(region))
	for i, b := range region {
		if b.kind == plain {
			continue
		}
		par := b.parent - introLen
		goal[i] = reGoalHead.MatchString(vi.Fold(b.text)) || par >= 0 && par < i && goal[par]
	}
	first, several := "", false
	for i, b := range region {
		if b.kind == plain || excluded[i] || goal[i] {
			continue
		}
		for _, u := range leads[i].leads {
			if first == "" {
				first = u
			}
			several = several || u != first
		}
	}
	if !several {
		return
	}
	for i := range region {
		if goal[i] && len(leads[i].leads) == 0 && len(inherited(i).leads) == 0 {
			excluded[i] = true
		}
	}
}

// reForUnit opens an item addressed to a unit: "Đối với Phòng Tài chính -
// Kế hoạch: báo cáo ...", "Riêng đối với UBND các xã: ...", and with what
// is given or changed named first, as an amending letter writes it: "Bổ
// sung nội dung báo cáo đối với Công an phường: ...", "Nhiệm vụ đối với
// Sở X: ...".
var reForUnit = regexp.MustCompile(`^(?:rieng\s+)?(?:(?:bo sung|sua doi|dieu chinh)\s+)?(?:(?:nhiem vu|noi dung|yeu cau|chi tieu|y kien|ket luan)(?:\s+(?:bao cao|chi dao|cu the))?\s+)?doi voi\s+`)

// forUnit reads an item that opens "Đối với <unit>: <work>", a way of
// giving each unit its part under a group heading ("1. Lĩnh vực kinh
// tế"): the unit before the colon leads the work after it. Without the
// colon, "Đối với các dự án chậm giải ngân, ..." names the subject of the
// work, not who does it.
func (p *parser) forUnit(text, folded string) (assignment, bool) {
	if !reForUnit.MatchString(folded) {
		return assignment{}, false
	}
	f := foldText(text)
	m := reForUnit.FindStringIndex(f.s)
	if m == nil {
		return assignment{}, false
	}
	start := f.at(m[1])
	a := p.assignment(text[start:])
	if len(a.leads) > 0 && a.prefixEnd <= 0 {
		// "đối với Trung tâm X: chủ trì, phối hợp với Y ...": the work
		// after the colon names the lead's role again; the colon still
		// closes the unit's part.
		if c := labelColon(f.s[m[1]:]); c > 0 && c < 160 && p.allUnitLike(f.cut(m[1], m[1]+c)) && !strings.ContainsAny(f.s[m[1]:m[1]+c], ";.") {
			a.prefixEnd = f.at(m[1]+c+1) - start
			a.unitEnd = f.at(m[1]+c) - start
		}
	}
	if len(a.leads) == 0 || a.prefixEnd <= 0 {
		return assignment{}, false
	}
	a.prefixEnd += start
	if a.unitEnd > 0 {
		a.unitEnd += start
	}
	return a, true
}

// forRecipient returns the addressee a heading gives its part to, "Đối
// với <addressee>" alone on its line (in capitals or not), or "".
func (p *parser) forRecipient(b block, folded string) string {
	if b.kind != section && b.kids == 0 {
		return ""
	}
	m := reForUnit.FindStringIndex(folded)
	if m == nil {
		return ""
	}
	key := unitKey(strings.Trim(folded[m[1]:], " :.;"))
	for _, rc := range p.res.Recipients {
		if slices.Equal(unitKey(rc.Name), key) {
			return rc.Name
		}
	}
	return ""
}

// forNamedUnit returns the units a part heading "Đối với X" gives its
// items when X is no addressee: X itself, when it is units alone ("các
// sở, ban, ngành tỉnh", "Ủy ban nhân dân các xã, phường"), or nil.
func (p *parser) forNamedUnit(b block) []string {
	if b.kind != section && b.kids == 0 {
		return nil
	}
	f := foldText(b.text)
	m := reForUnit.FindStringIndex(f.s)
	if m == nil {
		return nil
	}
	name := strings.Trim(f.cut(m[1], len(f.s)), " :.;,")
	if name == "" || !p.allUnitLike(name) {
		return nil
	}
	return splitUnits(name)
}

// rowTask reads a task table row: its text and units from the columns the
// header row named, or else the longest cell as the text and the cells that
// name units as lead then supporting units.
func (p *parser) rowTask(b block) (string, assignment) {
	var a assignment
	var text, figures []string
	cells := b.cells[1:]
	roles := []string(nil)
	if len(b.roles) == len(b.cells) {
		roles = b.roles[1:]
	}
	longest := -1
	for i, c := range cells {
		role := ""
		if roles != nil {
			role = roles[i]
		}
		switch {
		case role == "mark":
			// A C/P matrix's mark: its units are b.matrix.
		case role == "lead" || role == "support":
			if ls, ss, ok := cellRoleUnits(c, role); ok {
				// "Phòng X, Công an phường (chủ trì); Ban nhân dân các
				// khu vực (phối hợp)": the roles are in the cell.
				a.leads = append(a.leads, ls...)
				a.supports = append(a.supports, ss...)
			} else if role == "lead" {
				a.leads = append(a.leads, cellUnits(c)...)
			} else {
				a.supports = append(a.supports, cellUnits(c)...)
			}
		case role == "text" && len(text) > 0 && i+1 < len(b.heads) && strings.HasPrefix(foldText(strings.TrimSpace(b.heads[i+1])).s, "chi tieu"):
			// The target column after the task's ("Nội dung | Chỉ
			// tiêu"): its cell, "100% trường hợp phát sinh", is a clause
			// of its own, not the end of the task's sentence.
			if k := len(text) - 1; !endsSentence(text[k]) {
				text[k] += ";"
			}
			text = append(text, c)
		case role == "text":
			text = append(text, c)
		case role == "figure":
			if ft := figureText(b.heads[i+1], c); ft != "" {
				figures = append(figures, ft)
			}
		case role == "goal":
			if gt := goalText(b.heads[i+1], c); gt != "" {
				figures = append(figures, gt)
			}
		case roles == nil && p.allUnitLike(c) && len([]rune(c)) < 120:
			if len(a.leads) == 0 {
				a.leads = splitUnits(c)
			} else {
				a.supports = append(a.supports, splitUnits(c)...)
			}
		default:
			if longest < 0 || len(c) > len(cells[longest]) {
				longest = i
			}
		}
	}
	if b.matrix != nil {
		a.leads, a.supports = b.matrix.leads, b.matrix.supports
	}
	if len(figures) > 0 {
		// The row's own figures are its targets: "...; Số hộ nghèo giảm
		// 320 hộ; Tỷ lệ hộ nghèo giảm 2,5%".
		return strings.Join(append(text, figures...), "; "), a
	}
	if len(text) == 0 && longest >= 0 {
		text = []string{cells[longest]}
	}
	return strings.Join(text, " "), a
}

// cellUnits splits a table cell of units, less the remit they act within
// ("(theo chức năng, nhiệm vụ)"). A ";" in a cell always separates
// two units ("Viettel Lục Ngạn; VNPT Lục Ngạn"), even when neither opens
// with a unit's kind, which is how splitUnits tells a "," between names
// from one inside a name.
func cellUnits(c string) []string {
	var out []string
	for _, part := range strings.Split(c, ";") {
		if part = cutRemit(part); strings.TrimSpace(part) != "" {
			out = append(out, splitUnits(part)...)
		}
	}
	return out
}

// inlineTasks reads tasks labelled inside their text "(nhiệm vụ 3)": a task
// is the text from the end of the previous label, less the headers that
// only assign units ("1. Giao Phòng X xây dựng:").
func (p *parser) inlineTasks(region []block, excluded []bool, leads []assignment, inherited func(int) assignment, off int) {
	var pending strings.Builder
	pendingLine, pendingBlock := 0, -1
	flush := func(label string, text string, line, bi int) {
		text = strings.TrimSpace(text)
		if bi < 0 {
			return
		}
		p.addTask(label, text, line, leads[bi], inherited(bi), region[bi].kind == plain)
	}
	for i, b := range region {
		if excluded[i] || b.kind == section {
			continue
		}
		f := foldText(b.text)
		ms := reInlineLabel.FindAllStringSubmatchIndex(f.s, -1)
		if len(ms) == 0 {
			if b.kids > 0 && strings.HasSuffix(strings.TrimSpace(b.text), ":") {
				// A header assigning units to its children. A target it
				// sets has no "(nhiệm vụ N)" of its own to go with.
				if own, _ := p.ownText(b.text, leads[i]); len(targets(own)) > 0 {
					p.warnUnplaced(b, own)
				}
				continue
			}
			if b.kind != plain && b.kind != bullet && pending.Len() > 0 && region[pendingBlock].kind != plain && b.depth <= region[pendingBlock].depth {
				// The previous item had no label of its own.
				flush(itemLabelOf(region, pendingBlock, off), pending.String(), pendingLine, pendingBlock)
				pending.Reset()
			}
			if pending.Len() == 0 {
				pendingLine, pendingBlock = b.line, i
			} else {
				pending.WriteByte(' ')
			}
			pending.WriteString(b.text)
			continue
		}
		prev := 0
		for _, m := range ms {
			seg := f.cut(prev, m[0])
			label := f.s[m[2]:m[3]]
			line, bi := b.line, i
			text := seg
			if pending.Len() > 0 {
				text = pending.String() + " " + seg
				line, bi = pendingLine, pendingBlock
				pending.Reset()
			}
			flush(label, text, line, bi)
			if bi != i {
				// Later segments of this block are assigned by it.
				leads[i] = mergeAssign(leads[i], leads[bi])
			}
			prev = m[1]
		}
		if rest := strings.TrimSpace(strings.Trim(f.cut(prev, len(f.s)), " .;,")); len([]rune(rest)) > 20 {
			pendingLine, pendingBlock = b.line, i
			pending.WriteString(rest)
		}
	}
	if pending.Len() > 0 && pendingBlock >= 0 && region[pendingBlock].kind != plain {
		flush(itemLabelOf(region, pendingBlock, off), pending.String(), pendingLine, pendingBlock)
	}
}

// warnUnplaced says that an item's own text, which sets a target, is in no
// task, for a person to place it.
func (p *parser) warnUnplaced(b block, text string) {
	where := "Đoạn"
	if b.label != "" {
		where = "Mục " + b.label
	}
	p.warn(WarnUnplacedText, b.line, "%s có nội dung riêng “%s” (có chỉ tiêu) nhưng không được nhận là nhiệm vụ nào: hãy thêm nhiệm vụ cho nội dung này hoặc gộp vào nhiệm vụ phù hợp.", where, opening(text, 80))
}

func mergeAssign(a, b assignment) assignment {
	if len(a.leads) == 0 {
		return b
	}
	return a
}

// itemTasks reads tasks from the numbered outline: the leaves are tasks,
// their bullets part of their text, except bullets that each name a unit
// ("- Phòng X: ..."), which are tasks of their own.
func (p *parser) itemTasks(region []block, excluded []bool, leads []assignment, inherited func(int) assignment, off int) {
	n := len(region)
	// Children by kind.
	hasItemKids := make([]bool, n)
	unitBullets := make([]bool, n)
	for i, b := range region {
		par := b.parent - off
		if b.kind == bullet && len(leads[i].leads) > 0 {
			if _, opens := p.proseAssignment(b.text, vi.Fold(b.text)); opens || leads[i].prefixEnd > 0 {
				// "- Phòng X: ...", "- Giao Phòng X ...", "- Phòng X chủ trì ...".
				unitBullets[i] = true
			}
		}
		if par >= 0 && par < n && b.kind != plain && b.kind != bullet {
			hasItemKids[par] = true
		}
	}
	for i := 0; i < n; i++ {
		b := region[i]
		if excluded[i] {
			continue
		}
		switch b.kind {
		case section, plain:
			continue
		case bullet:
			par := b.parent - off
			if unitBullets[i] {
				// Its text and the plain bullets under it.
				var text strings.Builder
				text.WriteString(b.text)
				for j := i + 1; j < n && region[j].kind == bullet && isDescendant(region, j, i, off) && !unitBullets[j]; j++ {
					text.WriteString(" - ")
					text.WriteString(region[j].text)
				}
				p.addTask("", text.String(), b.line, leads[i], inherited(i), false)
				continue
			}
			if par < 0 || par >= n {
				// A bullet list under the opening: tasks when the opening
				// speaks of tasks or targets.
				if p.bulletsAreTasks(region, i) {
					p.addTask("", b.text, b.line, leads[i], inherited(i), false)
				}
			}
			continue
		}
		if hasItemKids[i] {
			p.parentTask(region, i, excluded, leads, unitBullets, inherited, off)
			continue
		}
		if p.headedBullets(region, i, leads, unitBullets, inherited, off) {
			continue
		}
		// A leaf item: its text, its continuations and its plain bullets.
		more, anyUnitBullet := itemContent(region, i, unitBullets, off)
		if len(more) == 0 && b.cells == nil && p.clauseTasks(b, itemLabelOf(region, i, off), leads[i], inherited(i)) {
			continue
		}
		head := b.text
		if len(more) > 0 && !anyUnitBullet && len(leads[i].leads) > 0 && unitHeading(b.text) && namesOnly(dropRole(strings.TrimSpace(b.text)), leads[i]) {
			// A unit's name heading the paragraph of its work: the
			// paragraph is the task. A role in brackets after the name
			// ("(cơ quan thường trực)") is no work either.
			head = ""
		}
		if anyUnitBullet && len(leads[i].leads) == 0 && (strings.HasSuffix(strings.TrimSpace(b.text), ":") || len(more) == 0) {
			// The unit bullets are the tasks, and an item with nothing
			// else under it is their group ("1. Lĩnh vực kinh tế"),
			// unless the item sets a target of its own ("Phấn đấu giảm tỷ lệ hộ nghèo 2% trở
			// lên, cụ thể:"): then that is a task too.
			own, _ := p.ownText(b.text, leads[i])
			if len(targets(own)) == 0 {
				continue
			}
			head = own
		}
		if len(b.text) < 4 && len(more) == 0 {
			continue
		}
		text := strings.TrimSpace(strings.Join(append([]string{head}, more...), " "))
		n := len(p.res.Tasks)
		own := leads[i]
		if len(own.leads) == 0 && len(more) > 0 {
			// "Nhiệm vụ 1: Giám sát ..." over its paragraph and the lines
			// "Đơn vị chủ trì: X." and "Đơn vị phối hợp: Y.": the fields
			// name its units.
			if rest := strings.Join(more, " "); reFieldLead.MatchString(vi.Fold(rest)) {
				if a := p.assignment(rest); len(a.leads) > 0 {
					own = assignment{leads: a.leads, supports: a.supports}
				}
			}
		}
		p.addTask(itemLabelOf(region, i, off), text, b.line, p.bulletSupports(own, more), inherited(i), false)
		if len(p.res.Tasks) > n && b.cells != nil && onlyFigureless(p.res.Tasks[n].Targets) {
			// "Số vụ phạm pháp hình sự giảm so với cùng kỳ | % | Giảm ít
			// nhất 8": the indicator says which way, with no figure
			// ("> 0"); the value column says how far.
			if ts := columnTargets(b); len(ts) > 0 {
				p.res.Tasks[n].Targets = ts
			}
		}
		if len(p.res.Tasks) > n && b.cells != nil {
			p.res.Tasks[n].Targets = append(p.res.Tasks[n].Targets, mergedTargets(region, i, off)...)
		}
	}
}

// mergedTargets are the targets of the rows under table row i whose
// number and unit cells were merged down from it (block.merged): each
// row's value column, read as columnTargets reads a row's.
func mergedTargets(region []block, i, off int) []Target {
	var out []Target
	for j := i + 1; j < len(region) && region[j].merged && region[j].parent-off == i; j++ {
		out = append(out, columnTargets(region[j])...)
	}
	return out
}

// onlyFigureless reports whether ts holds no target with a figure: none
// at all, or only a change with none ("giảm so với cùng kỳ" is "> 0").
func onlyFigureless(ts []Target) bool {
	for _, t := range ts {
		if t.Value != 0 || t.Comparator != tiendo.MoreThan {
			return false
		}
	}
	return true
}

// itemContent returns what continues item i besides its sub-items: the
// plain paragraphs after it and its bullets ("- " or "+ " kept), less the bullets
// that name a unit, which are tasks of their own, and what is under those.
// anyUnitBullet reports whether there were such bullets.
func itemContent(region []block, i int, unitBullets []bool, off int) (more []string, anyUnitBullet bool) {
	for j := i + 1; j < len(region); j++ {
		c := region[j]
		if region[i].cells != nil && c.cells == nil {
			break // a table row goes on in its cells only
		}
		if c.kind == plain && c.parent-off == i {
			if !c.merged {
				// A row under the item's merged cells gives its
				// targets by its columns (mergedTargets), not its text.
				more = append(more, c.text)
			}
			continue
		}
		if c.kind != bullet || !isDescendant(region, j, i, off) {
			break
		}
		if unitBullets[j] {
			anyUnitBullet = true
			continue
		}
		if underUnitBullet(region, j, i, unitBullets, off) {
			continue
		}
		mark := c.mark
		if mark != "+" {
			mark = "-" // "–", "•" and the like read as the common dash
		}
		more = append(more, mark+" "+c.text)
	}
	return more, anyUnitBullet
}

// bulletSupports adds to an item's assignment the units its bullets say
// it works with ("- Phối hợp với Công an xã rà soát ..."): they support the
// item's task, whose bullets those are.
func (p *parser) bulletSupports(a assignment, bullets []string) assignment {
	for _, m := range bullets {
		text := strings.TrimLeft(m, "-+ ")
		if f := vi.Fold(text); !reOpensSupport.MatchString(f) && !reOpensChairSupport.MatchString(f) {
			continue
		}
		for _, u := range p.assignment(text).supports {
			if !contains(a.supports, u) && !contains(a.leads, u) {
				a.supports = append(slices.Clip(a.supports), u)
			}
		}
	}
	return a
}

// reOpensChairSupport opens a bullet of a unit's item that names its
// helpers after the unit's own role: "- Chủ trì, phối hợp với Công an
// tỉnh, Sở Y tế thành lập …" under "1. SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH".
var reOpensChairSupport = regexp.MustCompile(`^[\s,;:+•-]*chu tri\s*,\s*phoi hop\s+(?:voi|cung)\s`)

// underUnitBullet reports whether block j is under a unit bullet below item i.
func underUnitBullet(region []block, j, i int, unitBullets []bool, off int) bool {
	for k, steps := region[j].parent-off, 0; k > i && k < len(region) && steps < 64; k, steps = region[k].parent-off, steps+1 {
		if unitBullets[k] {
			return true
		}
	}
	return false
}

// reLeadIn is the end of an item that introduces its sub-items rather than
// saying a task: "cụ thể:", "trong đó:", "thực hiện các nội dung sau:",
// "như sau". The short forms count only before a colon ("kế hoạch cụ thể"
// ends a task).
var reLeadIn = regexp.MustCompile(`[\s,;.:-]*(?:` +
	`(?:(?:va|de|can|phai)\s+)?(?:(?:thuc hien|trien khai|tap trung|dam bao|voi|gom|bao gom)\s+)?(?:(?:cac|nhung|mot so)\s+)?` +
	`(?:noi dung|nhiem vu|chi tieu|cong viec|viec|giai phap|yeu cau|hoat dong)(?:\s+(?:chu yeu|trong tam|cu the|chinh))?\s+(?:sau day|sau|nhu sau)\s*[:.;]?` +
	`|(?:nhu sau|sau day)\s*[:.;]?` +
	`|(?:cu the(?:\s+(?:nhu sau|la|gom|nhu))?|trong do(?:\s+co)?|bao gom|gom(?:\s+co)?)\s*:` +
	`)\s*$`)

// prefixCut returns where the task starts in a text that opens with the
// assignment a read: after a "Giao X xây dựng:" prefix, whose verb only
// says that X is given the work, but at the verb of "Giao X tổ chức Hội thi
// văn nghệ quần chúng, cụ thể:", which is the task.
func prefixCut(text string, a assignment) int {
	if a.unitEnd <= 0 || a.unitEnd >= a.prefixEnd || a.prefixEnd > len(text) {
		return a.prefixEnd
	}
	phrase := vi.Fold(text[a.unitEnd:a.prefixEnd])
	for _, u := range slices.Concat(a.supports, a.leads) {
		// "chủ trì, phối hợp với Phòng Y:" names units, not work.
		phrase = strings.ReplaceAll(phrase, vi.Fold(u), " ")
	}
	if assignWords(phrase) {
		return a.prefixEnd
	}
	return a.unitEnd
}

// genericWords are the words of the verb phrases that only give a unit its
// work: "chủ trì, phối hợp với các đơn vị liên quan thực hiện", "căn cứ
// chức năng, nhiệm vụ của cơ quan, đơn vị mình xây dựng", "có trách
// nhiệm", "tham mưu UBND huyện thực hiện các nội dung sau".
var genericWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`chu tri thuc hien xay dung trien khai to chuc tap trung co trach nhiem chiu
		phoi hop voi cung tham muu bao cao can cu nang vu quyen han cua minh quan don vi cac lien va theo tot
		khan truong dong nghiem tuc noi sau the nhu gom duoc giao tiep phan cong linh vuc phu quan ly
		ubnd hdnd uy ban nhan dan huyen xa tinh thanh pho dia nganh cap tren mot so day trong do la de nhung
		chinh yeu chu gui ve kip thoi hieu qua day du cu the sau day nhu sau bao gom nhiem dam bao thi tran
		phuong cho chi dao thuong xuyen ket qua`) {
		genericWords[w] = true
	}
}

// assignWords reports whether a folded phrase is made only of the words
// that give a unit its work.
func assignWords(f string) bool {
	for _, w := range strings.FieldsFunc(f, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') }) {
		if !genericWords[w] {
			return false
		}
	}
	return true
}

// ownText is what an item says besides naming its units: the text after a
// "Giao X thực hiện:" prefix, less a closing lead-in ("cụ thể:"). leadIn
// reports whether the item ends by introducing what follows it.
func (p *parser) ownText(text string, a assignment) (own string, leadIn bool) {
	text = strings.TrimSpace(text)
	leadIn = strings.HasSuffix(text, ":")
	if a.prefixEnd > 0 && a.prefixEnd <= len(text) {
		text = text[prefixCut(text, a):]
	} else if len(a.leads) > 0 && p.allUnitLike(strings.Trim(text, " :.;,")) {
		text = "" // "Phòng Nội vụ:"
	}
	f := foldText(text)
	if m := reLeadIn.FindStringIndex(f.s); m != nil {
		text = f.cut(0, m[0])
		leadIn = true
	}
	return strings.TrimSpace(strings.Trim(strings.TrimSpace(text), ".;,:- ")), leadIn
}

// parentTask reads the task an item with sub-items states itself: its
// text less the units it names, with its own paragraphs and bullets. The
// sub-items are tasks of their own; the item is one too when it sets a
// target, in its text or a table row's columns ("12. Giao Phòng Tư pháp
// chủ trì: tỷ lệ hòa giải thành đạt 85% trở lên; cụ thể:"), when it opens
// by giving a unit work in a sentence of its own ("Giao Phòng Tư pháp chủ
// trì tuyên truyền pháp luật."), or when none of its sub-items is a task
// ("a) Thời gian: ...", "b) Kinh phí: ..."). An item that only names units
// ("12. Phòng Nội vụ:"), a heading ("1. Lĩnh vực kinh tế"), a lead-in
// ("Phòng X chủ trì thực hiện các nội dung sau:") and the heading of
// assignments by task number are not tasks: their sub-items are.
func (p *parser) parentTask(region []block, i int, excluded []bool, leads []assignment, unitBullets []bool, inherited func(int) assignment, off int) {
	b := region[i]
	own, leadIn := p.ownText(b.text, leads[i])
	more, _ := itemContent(region, i, unitBullets, off)
	text := strings.TrimSpace(strings.Join(append([]string{own}, more...), " "))
	if text == "" {
		return
	}
	// live: a sub-item is a task; refs: a sub-item gives units tasks by
	// their numbers ("a) Phòng X: chủ trì nhiệm vụ 1, 3"), which makes the
	// item a heading of the assignments.
	live, refs := false, false
	for j := i + 1; j < len(region) && isDescendant(region, j, i, off); j++ {
		if region[j].kind == plain || region[j].kind == bullet {
			continue
		}
		if !excluded[j] {
			live = true
		} else if len(p.taskRefs(region[j].text, leads[j])) > 0 {
			refs = true
		}
	}
	words := len(strings.Fields(text))
	// A table row may give its target in the columns ("Tổng thu ngân
	// sách | tỷ đồng | 1.250").
	colTarget, hasCol := Target{}, false
	if b.cells != nil {
		colTarget, hasCol = columnTarget(b)
	}
	switch {
	case len(targets(text)) > 0 || hasCol:
	case isUpper(b.text) || words < 3:
		return
	case !live && !refs && (!leadIn || len(leads[i].leads) > 0):
	case live && !leadIn && len(more) == 0 && b.cells == nil && p.opensWithAssignment(b.text):
	default:
		return
	}
	a := leads[i]
	a.prefixEnd = 0 // text is without it
	n := len(p.res.Tasks)
	p.addTask(itemLabelOf(region, i, off), text, b.line, a, inherited(i), false)
	if len(p.res.Tasks) > n && hasCol && len(p.res.Tasks[n].Targets) == 0 {
		p.res.Tasks[n].Targets = append(p.res.Tasks[n].Targets, colTarget)
	}
}

// composeSectionLabels writes the numbers of items under Roman sections
// the way a clerk cites them, "II.3", when the numbering starts again in
// each section ("I." with 1., 2., then "II." with 1., 2., 3.): the bare
// numbers would name two tasks each. Numbering that runs on across the
// sections (1-4 under "I.", 5-8 under "II.") names each task once and is
// kept as written. Articles ("Điều 2") are left alone: their clauses are
// cited by the article in words, not by a composed number.
//
// Items that are no tasks count when they come before the first task: "I.
// MỤC ĐÍCH, YÊU CẦU" with "1. Mục đích", "2. Yêu cầu", then "II. NHIỆM
// VỤ" with 1., 2. shows each number twice on the page before the tasks,
// and a clerk cites these "II.1" — unless the directive itself cites its
// tasks by the bare numbers ("chủ trì thực hiện nhiệm vụ 1, 4"):
// citedBare. After the tasks, the general provisions of "Tổ chức thực
// hiện" numbered from 1 again do not make the tasks' numbers ambiguous.
func composeSectionLabels(region []block, off int, excluded []bool, citedBare bool) {
	sectionOf := func(i int) int {
		for k, steps := region[i].parent-off, 0; k >= 0 && k < len(region) && steps < 64; k, steps = region[k].parent-off, steps+1 {
			if region[k].kind == section {
				if validRoman(region[k].label) {
					return k
				}
				return -1
			}
		}
		return -1
	}
	under := make([]int, len(region))
	seen := map[string]int{} // label -> the section it was first seen under
	restart := false
	taskSeen := false
	for i, b := range region {
		under[i] = -1
		if b.kind != number || b.label == "" {
			continue
		}
		if excluded[i] && (citedBare || taskSeen) {
			continue
		}
		taskSeen = taskSeen || !excluded[i]
		s := sectionOf(i)
		under[i] = s
		if s < 0 {
			continue
		}
		if first, ok := seen[b.label]; ok && first != s {
			restart = true
		} else if !ok {
			seen[b.label] = s
		}
	}
	if !restart {
		return
	}
	for i := range region {
		if s := under[i]; s >= 0 {
			region[i].label = region[s].label + "." + region[i].label
		}
	}
}

// itemLabelOf is the label of item i as a task: a lettered sub-item takes
// the number of the item it is under ("a)" under "12." is "12a", the form
// "nhiệm vụ 12a" cites it by), so that the "a)" of two items do not read as
// one label written twice.
func itemLabelOf(region []block, i, off int) string {
	b := region[i]
	if b.kind != letter {
		return b.label
	}
	for k, steps := b.parent-off, 0; k >= 0 && k < len(region) && steps < 64; k, steps = region[k].parent-off, steps+1 {
		if region[k].kind == number && region[k].label != "" {
			return region[k].label + b.label
		}
		if region[k].kind == section {
			break
		}
	}
	return b.label
}

// opensWithAssignment reports whether text opens by giving named units
// work: "Giao Phòng X ...", "Phòng X chủ trì ...".
// namesOwnUnit reports whether the item at i names the unit whose work it
// is: a unit's name heading items or a paragraph ("1. Các sở, ban, ngành
// thuộc tỉnh" over a)-c)), or "Unit: work" ("2. Ủy ban nhân dân các
// huyện: Chỉ đạo ..."). Under a report's contents heading ("I. NỘI DUNG
// BÁO CÁO") such items split the contents among units: each is that
// unit's work, a task, not a line of the report's outline.
func (p *parser) namesOwnUnit(region []block, i, off int) bool {
	b := region[i]
	if b.kind != number && b.kind != letter || b.cells != nil {
		return false
	}
	if name := strings.Trim(b.text, " :.;,"); (b.kids > 0 || headsParagraph(region, i, off)) && name != "" && len(name) < 200 && p.allUnitLike(name) {
		return true
	}
	if c := strings.Index(b.text, ":"); c > 0 && c < 200 {
		return p.allUnitLike(strings.TrimSpace(b.text[:c]))
	}
	return false
}

func (p *parser) opensWithAssignment(text string) bool {
	_, ok := p.proseAssignment(text, vi.Fold(text))
	return ok
}

func isDescendant(region []block, j, i, off int) bool {
	for k, steps := region[j].parent-off, 0; k >= 0 && k < len(region) && steps < 64; k, steps = region[k].parent-off, steps+1 {
		if k == i {
			return true
		}
	}
	return false
}

// bulletsAreTasks reports whether the bullet at i, under no item, lists
// tasks: the paragraph before the list speaks of tasks or targets, not of
// the contents of a report, or asks for what the list says ("Đồng thời, đề
// nghị:").
func (p *parser) bulletsAreTasks(region []block, i int) bool {
	text := p.introLast
	for k := i - 1; k >= 0; k-- {
		if region[k].kind != bullet {
			if isAskLeadIn(region[k]) {
				return true
			}
			text = region[k].text
			break
		}
	}
	f := vi.Fold(text)
	return (strings.Contains(f, "nhiem vu") || strings.Contains(f, "chi tieu")) && !strings.Contains(f, "noi dung")
}

// addTask appends a task, resolving its units and reading its targets.
func (p *parser) addTask(label, text string, line int, own, inherited assignment, weak bool) {
	if len(p.res.Tasks) >= 2000 {
		return
	}
	a := own
	if len(a.leads) == 0 {
		a = assignment{leads: inherited.leads, supports: append(append([]string{}, inherited.supports...), own.supports...)}
	}
	if len(a.leads) == 0 && p.askAll {
		// "đề nghị các cơ quan, đơn vị báo cáo ...": every recipient.
		for _, rc := range p.res.Recipients {
			a.leads = append(a.leads, rc.Name)
		}
	}
	// The text without the inline label and a "Giao X xây dựng:" prefix.
	f := foldText(text)
	if m := reInlineLabel.FindAllStringIndex(f.s, -1); m != nil {
		var b strings.Builder
		prev := 0
		for _, x := range m {
			b.WriteString(f.cut(prev, x[0]))
			prev = x[1]
		}
		b.WriteString(f.cut(prev, len(f.s)))
		text = b.String()
	}
	if own.prefixEnd > 0 {
		if pa := p.assignment(text); pa.prefixEnd > 0 && pa.prefixEnd < len(text) && strings.TrimSpace(text[pa.prefixEnd:]) != "" {
			text = text[prefixCut(text, pa):]
		}
	}
	text = strings.TrimSpace(strings.Trim(strings.TrimSpace(text), ".;, "))
	text = strings.Join(strings.Fields(text), " ")
	if text == "" {
		return
	}
	t := Task{Label: label, Text: text, Line: line, Targets: targets(text)}
	for _, u := range a.leads {
		t.Assignees = append(t.Assignees, p.assignee(u, tiendo.Lead))
	}
	for _, u := range a.supports {
		if !contains(a.leads, u) {
			t.Assignees = append(t.Assignees, p.assignee(u, tiendo.Support))
		}
	}
	p.applyQuota(&t, own)
	p.res.Tasks = append(p.res.Tasks, t)
}

func (p *parser) assignee(name string, role tiendo.AssigneeRole) Assignee {
	a := Assignee{Name: name, Role: role}
	if p.reg != nil {
		if k := p.reg.match(name); k >= 0 {
			a.Unit = p.reg.units[k].Code
		} else if k := p.recip.match(name); k >= 0 {
			a.Unit = p.res.Recipients[k].Unit
		}
	}
	return a
}

// knownUnit reports whether s matches a recipient or a registry unit.
func (p *parser) knownUnit(s string) bool {
	if p.reg != nil && p.reg.match(s) >= 0 {
		return true
	}
	return p.recip != nil && p.recip.match(s) >= 0
}

// taskRef is a unit given a task by the task's number.
type taskRef struct {
	unit  string
	role  tiendo.AssigneeRole
	label string
	row   bool // "chỉ tiêu số N": a row of a Phụ lục, which may come after the body
}

var (
	reRefRole = regexp.MustCompile(`(chu tri|phoi hop)\s*(?:,\s*)?(?:thuc hien|trien khai|voi cac don vi)?\s*(?:cac\s+)?(?:nhiem vu|noi dung|muc|nv)\s*(?:so\s*)?((?:\d{1,2}(?:\.\d{1,2}){0,2}[a-z]?|[ivx]{1,4}\.\d{1,2})(?:\s*(?:,|va|-|–|den)\s*(?:\d{1,2}(?:\.\d{1,2}){0,2}[a-z]?))*)`)
	reRefItem = regexp.MustCompile(`\d{1,2}(?:\.\d{1,2}){0,2}[a-z]?`)
)

// taskRefs reads the task numbers an item gives its units: "chủ trì thực
// hiện nhiệm vụ 1, 4; phối hợp thực hiện nhiệm vụ 2", "chủ trì các nhiệm vụ
// 1 - 3". a is who the item names.
func (p *parser) taskRefs(text string, a assignment) []taskRef {
	units := a.leads
	if len(units) == 0 {
		return nil
	}
	if rs := p.indicatorRefs(text); rs != nil {
		return rs
	}
	f := vi.Fold(text)
	if !strings.Contains(f, "chu tri") && !strings.Contains(f, "phoi hop") {
		return nil
	}
	var out []taskRef
	for _, m := range reRefRole.FindAllStringSubmatch(f, 20) {
		role := tiendo.Lead
		if m[1] == "phoi hop" {
			role = tiendo.Support
		}
		nums := reRefItem.FindAllString(m[2], 40)
		// "1 - 3", "1 đến 3": a range of plain numbers.
		if len(nums) == 2 && regexp.MustCompile(`\d\s*(?:-|–|den)\s*\d`).MatchString(m[2]) {
			lo, e1 := strconv.Atoi(nums[0])
			hi, e2 := strconv.Atoi(nums[1])
			if e1 == nil && e2 == nil && lo < hi && hi-lo < 30 {
				nums = nums[:0]
				for k := lo; k <= hi; k++ {
					nums = append(nums, strconv.Itoa(k))
				}
			}
		}
		for _, n := range nums {
			for _, u := range units {
				out = append(out, taskRef{unit: u, role: role, label: strings.TrimLeft(n, "0")})
			}
		}
	}
	return out
}

// linkRefs gives the tasks the units that name them by number. A reference
// to no task is warned about rather than guessed.
func (p *parser) linkRefs(refs []taskRef) {
	for _, r := range refs {
		found := false
		label := r.label
		if !hasTaskLabel(p.res.Tasks, label) {
			// "nhiệm vụ 3" for the one task composed "II.3".
			label = uniqueComposed(p.res.Tasks, label)
		}
		for i := range p.res.Tasks {
			t := &p.res.Tasks[i]
			if t.Label != label {
				continue
			}
			found = true
			dup := false
			for k, a := range t.Assignees {
				if a.Name == r.unit {
					if r.role == tiendo.Lead && a.Role != tiendo.Lead {
						t.Assignees[k].Role = tiendo.Lead
					}
					dup = true
				}
			}
			if !dup {
				t.Assignees = append(t.Assignees, p.assignee(r.unit, r.role))
			}
		}
		if !found && r.row && p.laterRows {
			// The Phụ lục that holds the row is read after the body.
			p.rowRefs = append(p.rowRefs, r)
			continue
		}
		if !found {
			p.warn(WarnUnknownTaskRef, 0, "Đơn vị \"%s\" được phân công nhiệm vụ %s nhưng không tìm thấy nhiệm vụ có số hiệu này: hãy kiểm tra lại phân công.", r.unit, strconv.Quote(r.label))
		}
	}
	// Leads first, as the other forms list them.
	for i := range p.res.Tasks {
		as := p.res.Tasks[i].Assignees
		sort.SliceStable(as, func(a, b int) bool { return as[a].Role == tiendo.Lead && as[b].Role != tiendo.Lead })
	}
}

func hasTaskLabel(tasks []Task, label string) bool {
	for _, t := range tasks {
		if t.Label == label {
			return true
		}
	}
	return false
}

// uniqueComposed returns the one task label composed with a Roman section
// that ends in bare ("II.3" for "3"), or bare itself when none or several
// do: a reference that could name two tasks is warned about, not guessed.
func uniqueComposed(tasks []Task, bare string) string {
	found := ""
	for _, t := range tasks {
		sec, rest, ok := strings.Cut(t.Label, ".")
		if !ok || rest != bare || !validRoman(sec) {
			continue
		}
		if found != "" && found != t.Label {
			return bare
		}
		found = t.Label
	}
	if found == "" {
		return bare
	}
	return found
}

// reDutySection heads the part of a document that gives units their
// duties: "V. TỔ CHỨC THỰC HIỆN", "IV. TRÁCH NHIỆM THỰC HIỆN", "Trách
// nhiệm của các cơ quan, đơn vị".
var reDutySection = regexp.MustCompile(`^(?:to chuc thuc hien|trach nhiem)\b`)

// guideDuties keeps, in a Hướng dẫn, only the items of its duties section
// as tasks. A guide explains: its aims, its scope ("1. Ủy ban nhân dân các
// huyện (sau đây gọi chung là cấp huyện)"), its criteria and scores, the
// steps of its procedure; the units' duties stand in "Tổ chức thực hiện"
// or "Trách nhiệm …", where a step's duty is said again. When that section
// gives a unit work, the items of the other sections are no tasks. A
// guide without such a section keeps what the other rules found.
func (p *parser) guideDuties(region []block, off int, excluded []bool, leads []assignment) {
	guide := strings.HasPrefix(p.docType, "huong dan")
	var duty []int
	for i, b := range region {
		if b.kind == section && b.cells == nil && reDutySection.MatchString(vi.Fold(b.text)) {
			duty = append(duty, i)
		}
	}
	within := func(j int) bool {
		for _, i := range duty {
			if j == i || isDescendant(region, j, i, off) {
				return true
			}
		}
		return false
	}
	gives := false
	for j := range region {
		if !excluded[j] && region[j].kind != plain && region[j].kind != section && within(j) && len(leads[j].leads) > 0 {
			gives = true
			break
		}
	}
	if !gives {
		return
	}
	if !guide {
		p.unitlessSections(region, off, excluded, leads, within)
		return
	}
	for j, b := range region {
		if b.kind != plain && !within(j) {
			excluded[j] = true
		}
	}
}

// unitlessSections: in a document whose duties section ("Tổ chức thực
// hiện") gives units their work, a section before it whose numbered
// items name no unit and set no target, nor do their sub-items ("II. NỘI DUNG" over
// "1. Công tác tuyên truyền: …", "2. Thăm hỏi, tặng quà: …"), lists what
// the plan is about; the duties section gives the same work to the units
// that do it, and a clerk enters that. Its items are no tasks. A section
// of which any item names a unit or a figure to reach is left as the
// other rules read it.
func (p *parser) unitlessSections(region []block, off int, excluded []bool, leads []assignment, within func(int) bool) {
	first := -1
	for j, b := range region {
		if b.kind == section && b.cells == nil && within(j) {
			first = j
			break
		}
	}
	for i, b := range region {
		if i >= first || b.kind != section || b.cells != nil {
			continue
		}
		var items []int
		named := false
		for j := i + 1; j < len(region) && isDescendant(region, j, i, off); j++ {
			if region[j].kind == plain {
				continue
			}
			named = named || len(leads[j].leads) > 0 || len(targets(region[j].text)) > 0 || unitAfterColon(region[j].text)
			if region[j].kind == number && region[j].parent-off == i {
				items = append(items, j)
			}
		}
		if named || len(items) < 2 {
			continue
		}
		for j := i + 1; j < len(region) && isDescendant(region, j, i, off); j++ {
			if region[j].kind != plain {
				excluded[j] = true
			}
		}
	}
}

// reTimetableEntry is a line of a plan's timetable: what is done, a
// colon, and when, "Các chi bộ tổ chức hội nghị tổng kết: từ ngày 01/12
// đến ngày 15/12/2026", "Hội nghị tổng kết: dự kiến ngày 29/12/2026",
// "Ban Thường vụ kiểm điểm: trước ngày 22/12/2026". Folded.
var reTimetableEntry = regexp.MustCompile(`^[^:]{3,160}:\s*(?:du kien\s+|hoan thanh\s+)?(?:tu ngay|tu \d|truoc ngay|truoc \d|den ngay|ngay \d|trong (?:thang|quy|tuan) \d|thang \d|cham nhat(?: ngay| \d))`)

// timetable leaves out of the tasks the bullets of a plan's timetable: a
// part whose "- " lines (two at least) each say what happens and, after a
// colon, when ("II. NỘI DUNG, THỜI GIAN" over "- Các chi bộ tổ chức hội
// nghị tổng kết: từ ngày 01/12 đến ngày 15/12/2026"). The dates are the
// plan's schedule, and the units named there get their work in the part
// that assigns it ("Tổ chức thực hiện"); a list of which any line is not
// so written is left to the other rules.
func timetable(region []block, off int, excluded []bool) {
	kids := map[int][]int{}
	for j, b := range region {
		if b.kind == bullet && b.cells == nil {
			kids[b.parent-off] = append(kids[b.parent-off], j)
		}
	}
	for par, js := range kids {
		if par < 0 || par >= len(region) || len(js) < 2 {
			continue
		}
		all := true
		for _, j := range js {
			if !reTimetableEntry.MatchString(vi.Fold(region[j].text)) {
				all = false
				break
			}
		}
		if !all {
			continue
		}
		for _, j := range js {
			excluded[j] = true
		}
	}
}

// unitAfterColon reports whether the text after an item's title and
// colon opens with a unit's name: "Bước 1: Trạm Y tế các xã tự chấm
// điểm …" names who does the step.
func unitAfterColon(text string) bool {
	c := labelColon(text)
	return c > 0 && opensUnit(strings.TrimSpace(text[c+1:]))
}
