package web

import (
	"cmp"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"tiendo"
	"tiendo/internal/remind"
	"tiendo/internal/store"
	"tiendo/internal/watch"
)

// nudgeForm is the "đôn đốc" form as the office sent it, when the page
// draws it again with what was wrong (422): the units ticked and the note
// typed are kept.
type nudgeForm struct {
	Picked map[int64]bool // nil: the form as first drawn, every unit a press chases ticked
	Note   string
	Error  string
	Fields map[string]string
}

// Problems lists the fields the refused press marked, for the message at
// the top of the form (#form-error) to link to.
func (f nudgeForm) Problems() []unreadField {
	var out []unreadField
	if msg := f.Fields["unit"]; msg != "" {
		out = append(out, unreadField{Key: "nudge-units", Label: "Đơn vị sẽ được đôn đốc", Message: msg})
	}
	if msg := f.Fields["note"]; msg != "" {
		out = append(out, unreadField{Key: "nudge-note", Label: "Ghi chú gửi kèm", Message: msg})
	}
	return out
}

// chaseRow is one unit owing its report on the "đôn đốc" form: a box to
// tick when a press can chase it now, or a line saying why it cannot.
type chaseRow struct {
	Unit    *tiendo.Unit
	State   watch.CellState // as the matrix names it: not started, being written, returned
	Can     bool            // a press chases it now
	Checked bool
	Why     string // why a press cannot: "đã đôn đốc lúc 14:05, đôn đốc lại được từ 15:05"
}

// chaseRows lists the units remind.Owing gives (those a press reaches, those
// chased lately and those nobody can be told of), in the matrix's order:
// the units by name, the Vietnamese way.
func chaseRows(d *roundData, list []*store.Outstanding, chased map[int64]time.Time, now time.Time, form *nudgeForm) []chaseRow {
	pos := make(map[int64]int, len(d.Ordered))
	for i, u := range d.Ordered {
		pos[u.ID] = i
	}
	rows := make([]chaseRow, 0, len(list))
	for _, o := range list {
		u := d.Units[o.Unit.ID]
		if u == nil {
			u = &o.Unit
		}
		row := chaseRow{Unit: u, State: d.States[o.Unit.ID].Cell()}
		switch at, ok := chased[o.Unit.ID]; {
		case ok:
			// As the button says it (countOwing): from the chase's minute.
			at = at.Truncate(time.Minute)
			row.Why = fmt.Sprintf("đã đôn đốc lúc %s, đôn đốc lại được từ %s", clockOn(at, now), clockOn(at.Add(remind.NudgeInterval), now))
		case len(o.Recipients) == 0:
			row.Why = "chưa có tài khoản hay địa chỉ e-mail nhận thư"
		default:
			row.Can = true
			row.Checked = form == nil || form.Picked == nil || form.Picked[o.Unit.ID]
		}
		rows = append(rows, row)
	}
	slices.SortStableFunc(rows, func(a, b chaseRow) int { return cmp.Compare(pos[a.Unit.ID], pos[b.Unit.ID]) })
	return rows
}

// maxNamedUnits bounds the units the notice after a "đôn đốc" names in
// each of its lines, and so the unit IDs its address carries: a province
// chasing its hundred communes is told the count and the first few names.
const maxNamedUnits = 10

// nudgedParams adds to a redirect's query what done did, unit by unit: the
// IDs of the units it chased (chased=), left alone as chased lately
// (recentu=), could not reach (unreachedu=), left alone as not ticked
// (unpickedu=, and how many: unpicked=) and found no longer owing (gone=,
// and how many: gonen=), the first maxNamedUnits of each in the order given
// by rank.
func nudgedParams(v url.Values, done remind.Nudged, rank func(id int64) int) {
	ids := func(name string, list []int64) {
		if len(list) == 0 {
			return
		}
		list = slices.Clone(list)
		slices.SortStableFunc(list, func(a, b int64) int { return cmp.Compare(rank(a), rank(b)) })
		var s []string
		for _, id := range list[:min(len(list), maxNamedUnits)] {
			s = append(s, strconv.FormatInt(id, 10))
		}
		v.Set(name, strings.Join(s, ","))
	}
	ids("chased", done.ChasedIDs)
	ids("recentu", done.RecentIDs)
	ids("unreachedu", done.UnreachedIDs)
	ids("unpickedu", done.UnpickedIDs)
	ids("gone", done.Gone)
	if len(done.Gone) > 0 {
		v.Set("gonen", strconv.Itoa(len(done.Gone)))
	}
	if done.Unpicked > 0 {
		v.Set("unpicked", strconv.Itoa(done.Unpicked))
	}
}

// parseIDs reads a list of unit IDs from a redirect: "3,12,7". What is not
// an ID is dropped, and at most maxNamedUnits are kept.
func parseIDs(s string) []int64 {
	var out []int64
	for _, f := range strings.Split(s, ",") {
		if id, err := strconv.ParseInt(f, 10, 64); err == nil && id > 0 && len(out) < maxNamedUnits {
			out = append(out, id)
		}
	}
	return out
}

// readNames reads the units of the redirect's query into n.
func (n *nudged) readNames(q url.Values) {
	n.ChasedIDs, n.RecentIDs, n.UnreachedIDs = parseIDs(q.Get("chased")), parseIDs(q.Get("recentu")), parseIDs(q.Get("unreachedu"))
	n.UnpickedIDs, n.GoneIDs = parseIDs(q.Get("unpickedu")), parseIDs(q.Get("gone"))
	n.Unpicked, _ = strconv.Atoi(q.Get("unpicked"))
	n.GoneN, _ = strconv.Atoi(q.Get("gonen"))
	n.Unpicked, n.GoneN = max(n.Unpicked, len(n.UnpickedIDs)), max(n.GoneN, len(n.GoneIDs))
}

// Details are the lines under the notice that name the units: which were
// chased, and which were not and why, each line one reason.
func (n *nudged) Details(units map[int64]*tiendo.Unit) []string {
	named := func(ids []int64, total int) string {
		var names []string
		for _, id := range ids {
			if u := units[id]; u != nil {
				names = append(names, u.Name)
			}
		}
		// Units are parted by semicolons: their names hold commas and
		// "và" ("Phòng Giáo dục và Đào tạo").
		s := strings.Join(names, "; ")
		if more := total - len(names); more > 0 && len(names) > 0 {
			s += fmt.Sprintf(" và %d đơn vị khác", more)
		}
		return s
	}
	var out []string
	if s := named(n.ChasedIDs, n.Units); s != "" {
		out = append(out, "Đã đôn đốc: "+s+".")
	}
	if s := named(n.RecentIDs, n.Recent); s != "" {
		out = append(out, fmt.Sprintf("Không đôn đốc lại vì vừa được đôn đốc chưa quá %s: %s.", durationText(remind.NudgeInterval), s))
	}
	if s := named(n.UnreachedIDs, n.Unreached); s != "" {
		out = append(out, "Không đôn đốc được vì chưa có tài khoản hay địa chỉ e-mail nhận thư: "+s+".")
	}
	if s := named(n.GoneIDs, n.GoneN); s != "" {
		out = append(out, "Không đôn đốc vì đã gửi báo cáo (hoặc không còn phải gửi) từ lúc trang được mở: "+s+".")
	}
	if s := named(n.UnpickedIDs, n.Unpicked); s != "" {
		out = append(out, "Không đôn đốc vì không được chọn: "+s+".")
	} else if n.Unpicked > 0 {
		out = append(out, fmt.Sprintf("Không đôn đốc %d đơn vị không được chọn.", n.Unpicked))
	}
	return out
}
