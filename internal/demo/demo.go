// Package demo loads tiendo's demonstration data: the units of the seed
// directive (UBND huyện Hữu Lũng, June 2022), its accounts, and two rounds
// built by parsing the directive itself: the 2022 round as it happened (every
// report in, some late) and a live round for the current period whose
// deadline is a few days ahead, with units in every state. The 2022 round's
// consolidated report was approved and issued, so a reader has a report to
// read and the outgoing register its first number.
package demo

import (
	"context"
	_ "embed"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"tiendo"
	"tiendo/internal/consolidate"
	"tiendo/internal/directive"
	"tiendo/internal/reportdoc"
	"tiendo/internal/store"
)

//go:embed huu-lung-2022-06.txt
var seed string

// Units are the twelve units the seed assigns work to: its eleven
// recipients and Phòng Tài chính - Kế hoạch, which it forgot to address.
var Units = []tiendo.Unit{
	{Code: "pnnptnt", Name: "Phòng Nông nghiệp và Phát triển nông thôn", ShortName: "Phòng NN&PTNT", Aliases: []string{"Phòng Nông nghiệp & PTNT huyện"}},
	{Code: "ccthue", Name: "Chi cục Thuế khu vực I", ShortName: "Chi cục Thuế KV I"},
	{Code: "pgddt", Name: "Phòng Giáo dục và Đào tạo", ShortName: "Phòng GD&ĐT"},
	{Code: "pldtbxh", Name: "Phòng Lao động - Thương binh và Xã hội", ShortName: "Phòng LĐ-TB&XH", Aliases: []string{"Lao động, Thương binh, Xã hội – Dân tộc"}},
	{Code: "pvhtt", Name: "Phòng Văn hóa và Thông tin", ShortName: "Phòng VH&TT"},
	{Code: "ptnmt", Name: "Phòng Tài nguyên và Môi trường", ShortName: "Phòng TN&MT"},
	{Code: "pnv", Name: "Phòng Nội vụ", ShortName: "Phòng Nội vụ"},
	{Code: "ttptqd", Name: "Trung tâm Phát triển quỹ đất", ShortName: "TT Phát triển quỹ đất"},
	{Code: "ttyt", Name: "Trung tâm Y tế huyện Hữu Lũng", ShortName: "TTYT huyện"},
	{Code: "bchqs", Name: "Ban Chỉ huy Quân sự huyện", ShortName: "BCH Quân sự"},
	{Code: "cah", Name: "Công an huyện", ShortName: "Công an huyện"},
	{Code: "ptckh", Name: "Phòng Tài chính - Kế hoạch", ShortName: "Phòng TC-KH"},
}

// UnitByCode returns the demo unit with code, or nil.
func UnitByCode(code string) *tiendo.Unit {
	for i := range Units {
		if Units[i].Code == code {
			return &Units[i]
		}
	}
	return nil
}

// Account is a demo login.
type Account struct {
	Username, FullName string
	Role               tiendo.Role
	UnitCode           string
}

// Accounts lists the demo's logins; each unit also gets a reporter whose
// username is the unit's code.
var Accounts = []Account{
	{"admin", "Quản trị hệ thống", tiendo.RoleAdmin, ""},
	{"vanphong", "Nguyễn Thị Lan", tiendo.RoleOffice, ""},
	{"lanhdao", "Hoàng Văn Minh", tiendo.RoleLeader, ""},
	{"huyenuy", "Văn phòng Huyện ủy", tiendo.RoleReader, ""},
	// A unit head, to try the head's review: tick "Lãnh đạo đơn vị duyệt
	// trước khi gửi" on a new round sent to this unit.
	{"ld.pgddt", "Đỗ Thị Hạnh", tiendo.RoleUnitHead, "pgddt"},
}

// Load fills an empty store with the demo, or, when the demo is already
// there, only sets every demo account's password to pw so that the logins
// printed at start work. now places the live round.
func Load(ctx context.Context, st *store.Store, pw string, now time.Time) (loaded bool, err error) {
	// Refuse an unusable password before writing anything: a demo loaded
	// halfway would not load again.
	for _, a := range Accounts {
		if err := store.CheckPassword(a.Username, pw); err != nil {
			return false, err
		}
	}
	for _, u := range Units {
		if err := store.CheckPassword(u.Code, pw); err != nil {
			return false, err
		}
	}
	if admin, err := st.UserByUsername(ctx, "admin"); err == nil {
		if err := setOwnIssuer(ctx, st, admin); err != nil {
			return false, err
		}
		return false, setPasswords(ctx, st, pw)
	}
	units := map[string]*tiendo.Unit{}
	for i := range Units {
		u := Units[i]
		if err := st.CreateUnit(ctx, store.Actor{}, &u); err != nil {
			return false, fmt.Errorf("demo: unit %s: %w", u.Code, err)
		}
		units[u.Code] = &u
	}
	accounts := append([]Account{}, Accounts...)
	for _, u := range Units {
		accounts = append(accounts, Account{u.Code, "Cán bộ " + u.ShortName, tiendo.RoleReporter, u.Code})
	}
	reporters := map[int64]*tiendo.User{} // by unit
	users := map[string]*tiendo.User{}    // by username
	for _, a := range accounts {
		u := &tiendo.User{Username: a.Username, FullName: a.FullName, Role: a.Role}
		if a.UnitCode != "" {
			u.UnitID = units[a.UnitCode].ID
		}
		if err := st.CreateUser(ctx, store.Actor{}, u, pw); err != nil {
			return false, fmt.Errorf("demo: user %s: %w", a.Username, err)
		}
		if u.Role == tiendo.RoleReporter {
			reporters[u.UnitID] = u
		}
		users[u.Username] = u
	}
	// The issuer first: it heads and numbers the 2022 report.
	if err := setOwnIssuer(ctx, st, users["admin"]); err != nil {
		return false, err
	}
	return true, loadRounds(ctx, st, units, reporters, users, now)
}

// setOwnIssuer makes the seed's issuer, UBND huyện Hữu Lũng, the body
// running the demo, unless one is set: the reports it issues are the
// district's, whatever body issued a round's directive.
func setOwnIssuer(ctx context.Context, st *store.Store, admin *tiendo.User) error {
	own, err := st.OwnIssuer(ctx)
	if err != nil || own.Name != "" {
		return err
	}
	return st.SetOwnIssuer(ctx, store.Actor{UserID: admin.ID}, admin, store.OwnIssuer{Name: directive.Parse(seed, nil).Issuer, Place: "Hữu Lũng"})
}

func setPasswords(ctx context.Context, st *store.Store, pw string) error {
	for _, a := range Accounts {
		if err := setPassword(ctx, st, a.Username, pw); err != nil {
			return err
		}
	}
	for _, u := range Units {
		if err := setPassword(ctx, st, u.Code, pw); err != nil {
			return err
		}
	}
	return nil
}

func setPassword(ctx context.Context, st *store.Store, username, pw string) error {
	u, err := st.UserByUsername(ctx, username)
	if tiendo.ErrorCode(err) == tiendo.ENOTFOUND {
		return nil // removed by the admin: leave it gone
	} else if err != nil {
		return err
	}
	return st.SetPassword(ctx, store.Actor{}, u.ID, pw)
}

// round parses the seed into a round whose assignees are the demo's units.
func round(units map[string]*tiendo.Unit) (*tiendo.Round, error) {
	registry := make([]tiendo.Unit, 0, len(Units))
	ids := map[string]int64{}
	for _, u := range Units {
		registry = append(registry, *units[u.Code])
		ids[u.Code] = units[u.Code].ID
	}
	res := directive.Parse(seed, registry)
	if len(res.Tasks) == 0 {
		return nil, fmt.Errorf("demo: the seed directive parsed to no tasks")
	}
	r, err := res.NewRound(ids)
	if err != nil {
		return nil, fmt.Errorf("demo: the seed directive: %w", err)
	}
	r.Source = seed
	shareTargets(r, ids)
	return r, nil
}

// shareOut gives, by a word of a target's text, the unit that reports it
// when several units lead its task "căn cứ chức năng nhiệm vụ": the seed's
// task 7 shares poverty, schools, crèches and health stations out among
// three units, as the office does on the intake form.
var shareOut = []struct{ word, unit string }{
	{"hộ nghèo", "pldtbxh"}, {"trường", "pgddt"}, {"trẻ", "pgddt"}, {"y tế", "ttyt"},
}

// shareTargets gives each target of a task led by several units to the one
// lead unit shareOut names for it.
func shareTargets(r *tiendo.Round, ids map[string]int64) {
	for _, t := range r.Tasks {
		leads := map[int64]bool{}
		for _, a := range t.Assignees {
			if a.Role == tiendo.Lead {
				leads[a.UnitID] = true
			}
		}
		if len(leads) < 2 {
			continue
		}
		for _, tg := range t.Targets {
			for _, s := range shareOut {
				if id := ids[s.unit]; leads[id] && strings.Contains(strings.ToLower(tg.Text), s.word) {
					tg.ReportedBy = id
					break
				}
			}
		}
	}
}

func loadRounds(ctx context.Context, st *store.Store, units map[string]*tiendo.Unit, reporters map[int64]*tiendo.User, users map[string]*tiendo.User, now time.Time) error {
	// The 2022 round, as it happened.
	past, err := round(units)
	if err != nil {
		return err
	}
	d := past.Deadline
	past.Title = "Báo cáo tiến độ nhiệm vụ trọng tâm 6 tháng đầu năm 2022"
	past.Status = tiendo.RoundOpen
	past.PublishedAt = d.AddDate(0, 0, -5)
	if err := st.CreateRound(ctx, store.Actor{}, past); err != nil {
		return fmt.Errorf("demo: 2022 round: %w", err)
	}
	rng := rand.New(rand.NewPCG(2022, 6))
	order := rng.Perm(len(past.UnitIDs))
	for i, k := range order {
		// Most report in the last two days; the last three are one or two days late.
		at := d.Add(-time.Duration(48-i*4) * time.Hour).Add(time.Duration(rng.IntN(180)) * time.Minute)
		if i >= len(order)-3 {
			at = d.Add(time.Duration(8+rng.IntN(30)) * time.Hour)
		}
		if err := fillReport(ctx, st, past, reporters[past.UnitIDs[k]], rng, at, true); err != nil {
			return err
		}
	}
	if err := st.CloseRound(ctx, store.Actor{}, past.ID); err != nil {
		return err
	}
	if err := issueReport(ctx, st, past.ID, users["vanphong"], users["lanhdao"], d); err != nil {
		return fmt.Errorf("demo: 2022 report: %w", err)
	}

	// The live round: the 2022 round's tasks carried into the current
	// period, each linked to its predecessor, due in four days.
	local := now.In(tiendo.Zone)
	period := currentPeriod(local)
	live, err := st.CreateSuccessor(ctx, store.Actor{}, &tiendo.User{Role: tiendo.RoleOffice}, past.ID, store.Successor{
		Title:    "Báo cáo tiến độ nhiệm vụ trọng tâm " + period.Phrase(),
		Subject:  "báo cáo tiến độ thực hiện các nhiệm vụ trọng tâm của Ban Thường vụ Huyện ủy " + period.Phrase(),
		Period:   period,
		Deadline: tiendo.DeadlineBefore(local.Year(), local.Month(), local.Day()+4),
	})
	if err != nil {
		return fmt.Errorf("demo: live round: %w", err)
	}
	// The office brings "năm 2022" of the carried-over tasks into this
	// year before sending them out, as the draft's page asks.
	if _, err := st.MoveEarlierYears(ctx, store.Actor{UserID: users["vanphong"].ID}, users["vanphong"], live.ID); err != nil {
		return fmt.Errorf("demo: live round: %w", err)
	}
	if err := publishAt(ctx, st, live.ID, now.Add(-72*time.Hour)); err != nil {
		return err
	}
	order = rng.Perm(len(live.UnitIDs))
	for i, k := range order {
		at := now.Add(-time.Duration(60-i*5) * time.Hour)
		switch {
		case i < 4: // submitted
			err = fillReport(ctx, st, live, reporters[live.UnitIDs[k]], rng, at, true)
		case i < 8: // a draft in progress
			err = fillReport(ctx, st, live, reporters[live.UnitIDs[k]], rng, at, false)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// issueReport has the office draft round id's consolidated report as
// tiendo drafts it and send it the morning after deadline, the leader
// approve it at noon, and the office issue it, signed by the leader, in the
// afternoon.
func issueReport(ctx context.Context, st *store.Store, id int64, office, leader *tiendo.User, deadline time.Time) error {
	clock := st.Now
	defer func() { st.Now = clock }()
	day := deadline.In(tiendo.Zone)
	at := func(hour int) { // the day after the deadline, at hour
		t := time.Date(day.Year(), day.Month(), day.Day()+1, hour, 0, 0, 0, tiendo.Zone)
		st.Now = func() time.Time { return t }
	}
	at(8)
	in, err := reportdoc.Input(ctx, st, office, id)
	if err != nil {
		return err
	}
	c := &tiendo.Document{Kind: tiendo.DocReport, RoundID: id, Subject: consolidate.MetaFor(in).Subject, Parts: reportdoc.Parts(consolidate.Draft(in))}
	if err := st.CreateDoc(ctx, store.Actor{UserID: office.ID}, office, c); err != nil {
		return err
	}
	if err := st.SendDoc(ctx, store.Actor{UserID: office.ID}, office, c); err != nil {
		return err
	}
	at(11)
	c, err = st.ActOnDoc(ctx, store.Actor{UserID: leader.ID}, leader, id, tiendo.DocReport, store.DocApprove, c.Version, "")
	if err != nil {
		return err
	}
	at(15)
	_, err = reportdoc.Issue(ctx, st, office, store.Actor{UserID: office.ID}, id, c.Version, reportdoc.DefaultSigner(leader.FullName))
	return err
}

// publishAt publishes round id as if at time at.
func publishAt(ctx context.Context, st *store.Store, id int64, at time.Time) error {
	clock := st.Now
	st.Now = func() time.Time { return at }
	defer func() { st.Now = clock }()
	return st.PublishRound(ctx, store.Actor{}, id)
}

// currentPeriod is the reporting period a round opened at t covers: the
// half-year until June, nine months until September, then the year.
func currentPeriod(t time.Time) tiendo.Period {
	switch {
	case t.Month() <= 6:
		return tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: t.Year(), Index: 1}
	case t.Month() <= 9:
		return tiendo.Period{Kind: tiendo.PeriodNineMonth, Year: t.Year()}
	}
	return tiendo.Period{Kind: tiendo.PeriodYear, Year: t.Year()}
}
