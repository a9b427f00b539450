package directive

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
)

// numLevel is one level of a list: its number format, level text ("%1.",
// "%1.%2.", "-") and start.
type numLevel struct {
	format, text string
	start        int
	legal        bool   // w:isLgl: every level's number in Arabic digits
	pStyle       string // the paragraph style this level belongs to
}

type abstractNum struct {
	levels       [9]*numLevel
	numStyleLink string // the levels are those of the list style so named
}

// numInstance is a w:num: an abstract list with level restarts and
// overrides. Paragraphs name it by numId.
type numInstance struct {
	abstract string
	start    [9]int
	restart  [9]bool
	levels   [9]*numLevel
}

// numberingDef holds word/numbering.xml.
type numberingDef struct {
	abstracts  map[string]*abstractNum
	nums       map[string]*numInstance
	styleLinks map[string]string // list style name -> the abstract list that defines it
}

// maxLevelText bounds a level's text: real ones are a few characters, and
// it is repeated on every paragraph of its list.
const maxLevelText = 64

func readNumbering(f *zip.File) (*numberingDef, error) {
	rc, err := openLimited(f)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	nd := &numberingDef{abstracts: map[string]*abstractNum{}, nums: map[string]*numInstance{}, styleLinks: map[string]string{}}
	dec := xml.NewDecoder(rc)
	var abs *abstractNum
	var absID string
	var num *numInstance
	override := -1
	var lvl *numLevel
	ilvl := -1
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nd, nil
		}
		if err != nil {
			return nd, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "abstractNum":
				absID = attr(t, "abstractNumId")
				abs = &abstractNum{}
				if nd.abstracts[absID] == nil {
					nd.abstracts[absID] = abs
				}
			case "num":
				num = &numInstance{}
				if id := attr(t, "numId"); nd.nums[id] == nil {
					nd.nums[id] = num
				}
			case "abstractNumId":
				if num != nil {
					num.abstract = attr(t, "val")
				}
			case "lvlOverride":
				override = atoi(t, "ilvl")
			case "startOverride":
				if num != nil && override >= 0 && override < 9 {
					num.start[override], num.restart[override] = atoi(t, "val"), true
				}
			case "lvl":
				ilvl = atoi(t, "ilvl")
				lvl = &numLevel{format: "decimal", start: 1}
			case "start":
				if lvl != nil {
					lvl.start = atoi(t, "val")
				}
			case "numFmt":
				// Word 2010 writes new formats as mc:Choice with a
				// decimal mc:Fallback after it; the last one read wins.
				if lvl != nil {
					lvl.format = attr(t, "val")
				}
			case "lvlText":
				if lvl != nil {
					lvl.text = attr(t, "val")
					if len(lvl.text) > maxLevelText {
						lvl.text = strings.ToValidUTF8(lvl.text[:maxLevelText], "")
					}
				}
			case "isLgl":
				if lvl != nil {
					lvl.legal = onOff(t) > 0
				}
			case "pStyle":
				if lvl != nil {
					lvl.pStyle = attr(t, "val")
				}
			case "styleLink":
				if abs != nil {
					nd.styleLinks[attr(t, "val")] = absID
				}
			case "numStyleLink":
				if abs != nil {
					abs.numStyleLink = attr(t, "val")
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "lvl":
				if lvl != nil && ilvl >= 0 && ilvl < 9 {
					switch {
					case num != nil && override >= 0:
						num.levels[ilvl] = lvl
						if !num.restart[ilvl] {
							// A whole level given anew restarts at its start.
							num.start[ilvl], num.restart[ilvl] = lvl.start, true
						}
					case abs != nil:
						abs.levels[ilvl] = lvl
					}
				}
				lvl = nil
			case "lvlOverride":
				override = -1
			case "abstractNum":
				abs = nil
			case "num":
				num = nil
			}
		}
	}
}

// abstract returns the abstract list id an instance uses, following a
// list-style link ("numStyleLink") to the list that defines the levels.
func (nd *numberingDef) abstract(inst *numInstance) string {
	id := inst.abstract
	for range 4 {
		a := nd.abstracts[id]
		if a == nil || a.numStyleLink == "" {
			break
		}
		next, ok := nd.styleLinks[a.numStyleLink]
		if !ok || next == id {
			break
		}
		id = next
	}
	return id
}

// lists numbers paragraphs as Word does: the counters belong to the
// abstract list, so that every w:num over it continues one sequence,
// except where a w:num restarts a level (w:lvlOverride) on its first
// paragraph; a level restarts after any paragraph at a higher level.
type lists struct {
	nd       *numberingDef
	counters map[string]*[9]int // abstract id -> last number per level, 0 when not started
	started  map[string]bool    // numIds whose restarts are done
}

func (l *lists) level(inst *numInstance, abs *abstractNum, k int) *numLevel {
	if inst.levels[k] != nil {
		return inst.levels[k]
	}
	if abs != nil {
		return abs.levels[k]
	}
	return nil
}

// styleLevel is the level of list numID whose w:pStyle is style: a heading
// style linked to a multilevel list numbers at its own level.
func (l *lists) styleLevel(numID, style string) int {
	if l.nd == nil || style == "" {
		return 0
	}
	inst := l.nd.nums[numID]
	if inst == nil {
		return 0
	}
	abs := l.nd.abstracts[l.nd.abstract(inst)]
	for k := range 9 {
		if lv := l.level(inst, abs, k); lv != nil && lv.pStyle == style {
			return k
		}
	}
	return 0
}

// label renders the automatic label of a paragraph at level ilvl of list
// numID, advancing the counters.
func (l *lists) label(numID string, ilvl int) string {
	if l.nd == nil || ilvl < 0 || ilvl > 8 {
		return ""
	}
	inst := l.nd.nums[numID]
	if inst == nil {
		return ""
	}
	absID := l.nd.abstract(inst)
	abs := l.nd.abstracts[absID]
	lv := l.level(inst, abs, ilvl)
	if lv == nil {
		return ""
	}
	c := l.counters[absID]
	if c == nil {
		c = new([9]int)
		l.counters[absID] = c
	}
	if !l.started[numID] {
		l.started[numID] = true
		for k := range 9 {
			if inst.restart[k] {
				c[k] = 0
			}
		}
	}
	start := func(k int) int {
		if inst.restart[k] {
			return inst.start[k]
		}
		if lv := l.level(inst, abs, k); lv != nil {
			return lv.start
		}
		return 1
	}
	if c[ilvl] == 0 {
		c[ilvl] = max(start(ilvl), 0) + 1 // stored one up, so that 0 means not started
	} else {
		c[ilvl]++
	}
	for k := ilvl + 1; k < 9; k++ {
		c[k] = 0
	}
	switch lv.format {
	case "bullet":
		return bulletMark(lv.text, ilvl)
	case "none":
		return ""
	}
	var b strings.Builder
	text := lv.text
	for i := 0; i < len(text); i++ {
		if text[i] != '%' || i+1 == len(text) || text[i+1] < '1' || text[i+1] > '9' {
			b.WriteByte(text[i])
			continue
		}
		k := int(text[i+1] - '1')
		i++
		v := start(k)
		if c[k] > 0 {
			v = c[k] - 1
		}
		format := "decimal"
		if lk := l.level(inst, abs, k); lk != nil && !lv.legal {
			format = lk.format
		}
		b.WriteString(formatNum(v, format))
	}
	return strings.TrimSpace(b.String())
}

// bulletMark is the mark a person typing the list would use for a bullet
// level: the glyph itself when it is a dash, plus or dot, otherwise (the
// private-use codes of Symbol and Wingdings, "o", "§") "-", "+" and "·" by
// level, the marks the parser nests in that order.
func bulletMark(text string, ilvl int) string {
	switch strings.TrimSpace(text) {
	case "-", "–", "—", "−", "‐", "‑", "\uF02D":
		return "-"
	case "+", "\uF02B":
		return "+"
	case "•", "●", "\uF0B7", "\uF06C", "\uF09F":
		return "•"
	}
	return []string{"-", "+", "·"}[min(ilvl, 2)]
}

func formatNum(v int, format string) string {
	switch format {
	case "decimalZero":
		if v >= 0 && v < 10 {
			return "0" + strconv.Itoa(v)
		}
	case "lowerLetter", "upperLetter":
		// Word goes on a..z, aa..zz, aaa...
		if v >= 1 && v <= 26*30 {
			s := strings.Repeat(string(rune('a'+(v-1)%26)), (v-1)/26+1)
			if format == "upperLetter" {
				s = strings.ToUpper(s)
			}
			return s
		}
	case "upperRoman", "lowerRoman":
		if v >= 1 && v < 4000 {
			s := roman(v)
			if format == "lowerRoman" {
				s = strings.ToLower(s)
			}
			return s
		}
	case "decimalEnclosedParen":
		return "(" + strconv.Itoa(v) + ")"
	}
	return strconv.Itoa(v)
}

func roman(v int) string {
	var b strings.Builder
	for _, r := range []struct {
		n int
		s string
	}{{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for v >= r.n {
			b.WriteString(r.s)
			v -= r.n
		}
	}
	return b.String()
}
