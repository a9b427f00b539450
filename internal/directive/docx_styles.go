package directive

import (
	"archive/zip"
	"encoding/xml"
	"io"
)

// styleDef is what the reader needs of a style in word/styles.xml: the list
// a paragraph style numbers its paragraphs with, and whether its text is
// shown in capitals or hidden.
type styleDef struct {
	basedOn      string
	numID        string
	hasNum       bool
	ilvl         int  // -1 when the style does not say
	caps, hidden int8 // 0 when the style does not say
}

type styleSheet struct {
	styles       map[string]*styleDef
	defaultPara  string // the style of a paragraph without w:pStyle ("Normal")
	caps, hidden int8   // document defaults
}

func readStyles(f *zip.File) (*styleSheet, error) {
	rc, err := openLimited(f)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	ss := &styleSheet{styles: map[string]*styleDef{}}
	dec := xml.NewDecoder(rc)
	var cur *styleDef
	defaults := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return ss, nil
		}
		if err != nil {
			return ss, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "style":
				cur = &styleDef{ilvl: -1}
				id := attr(t, "styleId")
				if _, dup := ss.styles[id]; !dup {
					ss.styles[id] = cur
				}
				if attr(t, "type") == "paragraph" && (attr(t, "default") == "1" || attr(t, "default") == "true") && ss.defaultPara == "" {
					ss.defaultPara = id
				}
			case "rPrDefault":
				defaults = true
			case "tblStylePr", "pPrChange", "rPrChange":
				// Table-part formatting and the properties before a
				// tracked change are not the style's own.
				if err := dec.Skip(); err != nil {
					return ss, err
				}
			case "basedOn":
				if cur != nil {
					cur.basedOn = attr(t, "val")
				}
			case "numId":
				if cur != nil {
					cur.numID, cur.hasNum = attr(t, "val"), true
				}
			case "ilvl":
				if cur != nil {
					cur.ilvl = atoi(t, "val")
				}
			case "caps", "smallCaps":
				switch {
				case cur != nil:
					cur.caps = onOff(t)
				case defaults:
					ss.caps = onOff(t)
				}
			case "vanish":
				switch {
				case cur != nil:
					cur.hidden = onOff(t)
				case defaults:
					ss.hidden = onOff(t)
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "style":
				cur = nil
			case "rPrDefault":
				defaults = false
			}
		}
	}
}

// find walks style id and the styles it is based on, nearest first, until
// f reports it has what it looks for. The walk is bounded: a basedOn cycle
// is a broken file, not a hang.
func (ss *styleSheet) find(id string, f func(*styleDef) bool) {
	if ss == nil {
		return
	}
	for range 16 {
		s := ss.styles[id]
		if s == nil || f(s) {
			return
		}
		id = s.basedOn
	}
}

// numbering is the list a paragraph style puts its paragraphs in.
func (ss *styleSheet) numbering(id string) (numID string, hasNum bool, ilvl int) {
	ilvl = -1
	ss.find(id, func(s *styleDef) bool {
		if !hasNum && s.hasNum {
			numID, hasNum = s.numID, true
		}
		if ilvl < 0 && s.ilvl >= 0 {
			ilvl = s.ilvl
		}
		return hasNum && ilvl >= 0
	})
	return numID, hasNum, ilvl
}

// toggle resolves a run property through the character style, then the
// paragraph style, then the document defaults.
func (ss *styleSheet) toggle(own int8, runStyle, paraStyle string, get func(*styleDef) int8) bool {
	v := own
	look := func(s *styleDef) bool {
		v = get(s)
		return v != 0
	}
	if v == 0 {
		ss.find(runStyle, look)
	}
	if v == 0 {
		ss.find(paraStyle, look)
	}
	if v == 0 && ss != nil {
		if get(&styleDef{caps: ss.caps, hidden: ss.hidden}) > 0 {
			return true
		}
	}
	return v > 0
}
