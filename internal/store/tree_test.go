package store_test

import (
	"fmt"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// A unit reports to the nearest asked unit above it, skipping units the
// round does not ask.
func TestReportsTo(t *testing.T) {
	s := storetest.Open(t)
	units := map[string]*tiendo.Unit{}
	for _, u := range []struct{ code, parent string }{{"tinh", ""}, {"snn", "tinh"}, {"cctl", "snn"}, {"cckl", "snn"}, {"xa", "tinh"}} {
		unit := &tiendo.Unit{Code: u.code, Name: "Đơn vị " + u.code}
		if p := units[u.parent]; p != nil {
			unit.ParentID = p.ID
		}
		if err := s.CreateUnit(ctx, store.Actor{}, unit); err != nil {
			t.Fatal(err)
		}
		units[u.code] = unit
	}
	round := func(codes ...string) int64 {
		r := &tiendo.Round{Title: "Đợt thử", Deadline: time.Now().Add(time.Hour)}
		for _, c := range codes {
			r.UnitIDs = append(r.UnitIDs, units[c].ID)
		}
		if err := s.CreateRound(ctx, store.Actor{}, r); err != nil {
			t.Fatal(err)
		}
		return r.ID
	}
	name := func(ids []int64) string {
		var out []string
		for _, id := range ids {
			for c, u := range units {
				if u.ID == id {
					out = append(out, c)
				}
			}
		}
		return fmt.Sprint(out)
	}
	skip := round("tinh", "cctl", "xa") // the department between is not asked
	full := round("tinh", "snn", "cctl", "cckl", "xa")
	for _, c := range []struct {
		round int64
		unit  string
		want  string
	}{
		{skip, "tinh", "[cctl xa]"},
		{skip, "cctl", "[]"},
		{full, "tinh", "[snn xa]"},
		{full, "snn", "[cctl cckl]"},
		{full, "xa", "[]"},
	} {
		got, err := s.ReportsTo(ctx, c.round, units[c.unit].ID)
		if err != nil {
			t.Fatal(err)
		}
		if name(got) != c.want {
			t.Errorf("ReportsTo(%s) = %s, want %s", c.unit, name(got), c.want)
		}
	}
}
