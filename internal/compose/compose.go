// Package compose drafts the công văn that assigns a round's tasks: the
// People's Committee's letter that carries out a directive of the level above
// ("Thực hiện Công văn số 635-CV/HU ...") and asks its departments to report,
// each on the tasks it is given.
//
// The tasks in the letter are always generated from the round, so the text
// the units receive and the tasks they are tracked on are the same by
// construction: Document lays them out in the seed's numbered form ("1. Giao
// Phòng ... xây dựng:", "1.1. Báo cáo việc ... (nhiệm vụ 1)."), grouped by
// lead unit in the order the units first appear, so the letter may list the
// tasks in another order than the round (Order gives it). A task whose lead
// units share its targets out says in its item which unit reports which
// ("; trong đó, Phòng A báo cáo chỉ tiêu ..."). The prose around
// them is a handful of editable parts (Parts) that the office may rewrite and
// that are stored with the draft; CheckParts says when a stored part no
// longer states the round's deadline.
//
// What the letter says can be read back: directive.Parse of its DOCX gives
// the round's tasks, units, targets and deadline again (the round-trip test
// proves it). Where the parser could not read a form the composer might
// write, the composer writes another one; Check warns about what would not
// survive (a task label that is not a number, a target missing from its
// task's text) before the letter goes for signature.
//
// Everything here is pure: a round in, text out, deterministic, no I/O.
package compose

import (
	"slices"
	"strings"
	"time"

	"tiendo"
	"tiendo/internal/directive"
	"tiendo/internal/document"
	"tiendo/internal/vi"
)

// Input is everything the letter is drafted from.
type Input struct {
	// Round with all its tasks (label, text, assignees, targets), Period,
	// Deadline (an instant: "trước ngày D" is the start of D in tiendo.Zone),
	// ReportContents, Brief and Subject.
	Round *tiendo.Round
	Units map[int64]*tiendo.Unit
	// Issuer is the issuing body: "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG".
	Issuer string
	// Place is the place name of the date line: "Hữu Lũng".
	Place string
	// Basis are the documents the letter carries out: Công văn 635-CV/HU of
	// the Ban Thường vụ Huyện ủy.
	Basis []directive.Basis
	// Office is where reports go: "UBND huyện qua Văn phòng HĐND & UBND
	// huyện". Empty: the issuer itself ("UBND huyện").
	Office string
	// Window is the data window of the round's period by the issuer's
	// cut-off day (tiendo.Period.Window): a deadline before its end means
	// the units report estimates. Zero: not known, which skips that check.
	Window tiendo.Window
}

// Part is one editable piece of the letter's prose. Text holds paragraphs
// separated by a blank line; Heading names the part on the editing page and
// is not printed.
type Part struct {
	Key     string `json:"key"`
	Heading string `json:"heading"`
	Text    string `json:"text"`
}

// Part keys, in the order the letter prints them; the task list stands
// between the opening and the requirements.
const (
	KeyOpening      = "opening"
	KeyRequirements = "requirements"
	KeyDeadline     = "deadline"
	KeyClosing      = "closing"
)

// Keys lists the part keys in the order of the letter.
var Keys = []string{KeyOpening, KeyRequirements, KeyDeadline, KeyClosing}

// Meta is what the page carries besides the body. A draft has Number "" and
// a zero Date: the line then reads "Số:      /UBND-VP" and "ngày ... tháng
// ... năm ...", filled in when the letter is issued.
type Meta struct {
	Number string
	// Symbol is the letter's symbol, "UBND-VP" when empty: a công văn has
	// no type abbreviation, only the issuer and the drafting unit.
	Symbol string
	Date   time.Time
	// Drafted is when a draft (zero Date) was last written: its date line
	// leaves only the day blank (document.Document.Drafted).
	Drafted      time.Time
	Signer       document.Signer
	Distribution []string
}

// DefaultSymbol is the symbol of a People's Committee's công văn drafted by
// its office.
const DefaultSymbol = "UBND-VP"

// DraftMeta proposes the page of a draft: no number, no date, the symbol
// UBND-VP, signed by order of the chairman by the office (as the seed is),
// copies to the bodies of the basis documents for their information, the
// People's Committee's leaders and the file. The signer's name is left for
// the office to fill in.
func DraftMeta(in Input) Meta {
	m := Meta{
		Symbol: DefaultSymbol,
		Signer: document.Signer{Authority: []string{"TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG"}, Title: "PHÓ CHÁNH VĂN PHÒNG"},
	}
	seen := map[string]bool{}
	for _, b := range in.Basis {
		if is := strings.TrimSpace(b.Issuer); is != "" && !seen[fold(is)] {
			seen[fold(is)] = true
			m.Distribution = append(m.Distribution, is+" (b/c)")
		}
	}
	short := shortIssuer(in.Issuer)
	if level, ok := strings.CutPrefix(short, "UBND "); ok {
		m.Distribution = append(m.Distribution, "CT, các PCT UBND "+level)
	}
	m.Distribution = append(m.Distribution, "Lưu: VT, VP")
	return m
}

// Subject is the letter's summary (trích yếu) without "V/v", which the
// document writer puts before it: the round's subject, or when it has none
// "báo cáo tiến độ thực hiện các nhiệm vụ trọng tâm của <the basis'
// issuer> <period>". A leading "V/v" in the round's subject is dropped, so
// that the page never reads "V/v V/v".
func Subject(in Input) string {
	if in.Round != nil {
		s := oneLine(in.Round.Subject)
		if rest, ok := cutFoldPrefix(s, "v/v"); ok {
			s = strings.TrimLeft(rest, " :.")
		}
		if s != "" {
			return lowerFirst(s)
		}
	}
	s := "báo cáo tiến độ thực hiện các nhiệm vụ trọng tâm"
	for _, b := range in.Basis {
		if is := strings.TrimSpace(b.Issuer); is != "" {
			s += " của " + oneLine(is)
			break
		}
	}
	if in.Round != nil {
		if p := in.Round.Period.Phrase(); p != "" {
			s += " " + p
		}
	}
	return s
}

// Recipients is the "Kính gửi" list by the units' full names: every unit
// given work, in the order the task list names them (leads, then supporting
// units), then every other unit asked to report (Round.UnitIDs) in
// Vietnamese alphabetical order. A unit given work but not asked is
// addressed all the same (Check warns about it); IDs with no unit in Units
// are left out.
func Recipients(in Input) []string {
	var out []string
	for _, id := range recipientIDs(in) {
		out = append(out, unitName(in, id))
	}
	return out
}

func recipientIDs(in Input) []int64 {
	if in.Round == nil {
		return nil
	}
	seen := map[int64]bool{}
	var out []int64
	add := func(id int64) {
		if seen[id] || in.Units[id] == nil || strings.TrimSpace(in.Units[id].Name) == "" {
			return
		}
		seen[id] = true
		out = append(out, id)
	}
	for _, g := range groups(in) {
		for _, id := range g.leads {
			add(id)
		}
		for _, id := range g.supports {
			add(id)
		}
	}
	var rest []int64
	for _, id := range in.Round.UnitIDs {
		if !seen[id] && in.Units[id] != nil && !slices.Contains(rest, id) {
			rest = append(rest, id)
		}
	}
	vi.Sort(rest, func(id int64) string { return unitName(in, id) })
	for _, id := range rest {
		add(id)
	}
	return out
}

// Document lays the letter out for internal/document: Kind Letter with the
// subject under the number, the recipients, and a body of the opening, the
// task list, the requirements, the deadline and the closing. parts are the
// stored, possibly edited, parts: a part whose key is missing is drafted
// afresh, one whose text is empty is left out, unknown keys are ignored.
// nil parts drafts them all. The deadline phrase ("trước ngày 07/6/2022")
// is set in bold wherever the deadline part still says it.
func Document(in Input, meta Meta, parts []Part) *document.Document {
	symbol := strings.TrimSpace(meta.Symbol)
	if symbol == "" {
		symbol = DefaultSymbol
	}
	d := &document.Document{
		Kind:         document.Letter,
		Issuer:       in.Issuer,
		Number:       meta.Number,
		Symbol:       symbol,
		Place:        in.Place,
		Date:         meta.Date,
		Drafted:      meta.Drafted,
		Subject:      Subject(in),
		Recipients:   Recipients(in),
		Signer:       meta.Signer,
		Distribution: meta.Distribution,
	}
	text := map[string]string{}
	for _, p := range parts {
		if _, dup := text[p.Key]; !dup {
			text[p.Key] = p.Text
		}
	}
	drafted := Parts(in)
	get := func(key string) string {
		if t, ok := text[key]; ok {
			return t
		}
		for _, p := range drafted {
			if p.Key == key {
				return p.Text
			}
		}
		return ""
	}
	paras := func(key string) {
		for _, p := range paragraphs(get(key)) {
			d.Body = append(d.Body, document.P(p))
		}
	}
	paras(KeyOpening)
	d.Body = append(d.Body, taskBlocks(in)...)
	paras(KeyRequirements)
	phrase := ""
	if in.Round != nil {
		phrase = deadlinePhrase(in.Round.Deadline)
	}
	for _, p := range paragraphs(get(KeyDeadline)) {
		d.Body = append(d.Body, emphasise(p, phrase))
	}
	paras(KeyClosing)
	return d
}

// emphasise sets the first occurrence of phrase in bold, as the seed prints
// its deadline.
func emphasise(p, phrase string) document.Block {
	i := strings.Index(p, phrase)
	if phrase == "" || i < 0 {
		return document.P(p)
	}
	var spans []document.Span
	if i > 0 {
		spans = append(spans, document.Span{Text: p[:i]})
	}
	spans = append(spans, document.Span{Text: phrase, Bold: true})
	if rest := p[i+len(phrase):]; rest != "" {
		spans = append(spans, document.Span{Text: rest})
	}
	return document.Rich(spans...)
}

// paragraphs splits a part's text at blank lines; a single line break
// inside a paragraph is a space.
func paragraphs(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var out []string
	for _, p := range strings.Split(s, "\n\n") {
		if p = oneLine(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
