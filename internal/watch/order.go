package watch

import (
	"bytes"
	"cmp"
	"slices"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// SortBy names what the matrix's rows can be ordered by: the columns of
// the round page whose headers sort.
type SortBy string

// The orders of the matrix.
const (
	ByUnit  SortBy = "unit"  // the unit's name, in Vietnamese order
	ByState SortBy = "state" // the state of the unit's report, worst first
	BySent  SortBy = "sent"  // when the unit last sent its report
)

// Order is an order of the matrix's rows: a key and a direction.
type Order struct {
	By   SortBy
	Desc bool
}

// DefaultOrder is the matrix's order when none is asked: the units by
// name, A to Z, the Vietnamese way ("Đ" after "D"), as the store lists them.
var DefaultOrder = Order{By: ByUnit}

// Natural is the order a column's header asks first: the one that puts
// what needs the office's attention on top. Units A to Z; states from
// the report not started down to the one taken in; sent times from the
// units that have sent nothing, then the latest sent, down to the
// earliest.
func Natural(by SortBy) Order {
	return Order{By: by, Desc: by == BySent}
}

// ParseOrder reads the order a page's address asks (?sort=state&dir=desc).
// An unknown key is the default order; a missing or unknown direction is
// the key's natural one.
func ParseOrder(by, dir string) Order {
	o := Natural(SortBy(by))
	switch o.By {
	case ByUnit, ByState, BySent:
	default:
		return DefaultOrder
	}
	switch dir {
	case "asc":
		o.Desc = false
	case "desc":
		o.Desc = true
	}
	return o
}

// Dir is the direction as an address writes it: "asc" or "desc".
func (o Order) Dir() string {
	if o.Desc {
		return "desc"
	}
	return "asc"
}

// Reverse is o the other way round.
func (o Order) Reverse() Order { return Order{By: o.By, Desc: !o.Desc} }

// Label says the order in words, for the page and the spreadsheet: "theo
// trạng thái báo cáo (chưa bắt đầu trước, đã tiếp nhận sau cùng)".
func (o Order) Label() string {
	switch {
	case o.By == ByState && !o.Desc:
		return "theo trạng thái báo cáo (chưa bắt đầu trước, đã tiếp nhận sau cùng)"
	case o.By == ByState:
		return "theo trạng thái báo cáo (đã tiếp nhận trước, chưa bắt đầu sau cùng)"
	case o.By == BySent && o.Desc:
		return "theo thời điểm gửi (đơn vị chưa gửi trước, rồi đơn vị gửi muộn nhất)"
	case o.By == BySent:
		return "theo thời điểm gửi (đơn vị gửi sớm nhất trước, đơn vị chưa gửi sau cùng)"
	case o.Desc:
		return "theo tên đơn vị (Z → A)"
	}
	return "theo tên đơn vị (A → Z)"
}

// stateRank orders the states from the one that needs the office most:
// nothing started, a draft never sent, a report sent back and not sent
// again, one that came late, one on time, one taken in.
var stateRank = map[CellState]int{CellMissing: 0, CellDraft: 1, CellReturned: 2, CellLate: 3, CellOnTime: 4, CellAccepted: 5}

// Sort returns m with its rows in order o; m is not changed. Rows that o
// ranks equal stay in the units' order by name, whatever the direction:
// reversed, the states run from the report taken in to the one not
// started, and within each the units still read A to Z.
func (m *Matrix) Sort(o Order) *Matrix {
	out := &Matrix{Tasks: m.Tasks, Labels: m.Labels, Rows: slices.Clone(m.Rows)}
	// Names compare by their collation keys, computed once per row: a
	// province's matrix has thousands of rows, and comparing two names
	// with the collator costs about as much as making a key.
	c := collate.New(language.Vietnamese, collate.IgnoreCase)
	var buf collate.Buffer
	keys := make(map[int64][]byte, len(out.Rows))
	for _, row := range out.Rows {
		keys[row.Unit.ID] = c.KeyFromString(&buf, row.Unit.Name)
	}
	byName := func(a, b Row) int { return bytes.Compare(keys[a.Unit.ID], keys[b.Unit.ID]) }
	var primary func(a, b Row) int
	switch o.By {
	case ByState:
		primary = func(a, b Row) int { return cmp.Compare(stateRank[a.State], stateRank[b.State]) }
	case BySent:
		// A report never sent counts as sent after every other, so that the
		// latest first puts it on top.
		primary = func(a, b Row) int {
			switch {
			case a.SentAt.IsZero() && b.SentAt.IsZero():
				return 0
			case a.SentAt.IsZero():
				return 1
			case b.SentAt.IsZero():
				return -1
			}
			return a.SentAt.Compare(b.SentAt)
		}
	default:
		primary = byName
	}
	slices.SortStableFunc(out.Rows, func(a, b Row) int {
		c := primary(a, b)
		if o.Desc {
			c = -c
		}
		if c != 0 {
			return c
		}
		return byName(a, b)
	})
	return out
}
