package demo

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/continuity"
	"tiendo/internal/storetest"
)

// The demo embeds its own copy of the seed; it must stay the project's.
func TestSeedIsTestdataCopy(t *testing.T) {
	b, err := os.ReadFile("../../testdata/directives/huu-lung-2022-06.txt")
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != seed {
		t.Error("internal/demo/huu-lung-2022-06.txt differs from testdata/directives/huu-lung-2022-06.txt")
	}
}

func TestLoad(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, tiendo.Zone)
	loaded, err := Load(ctx, st, "mật khẩu trình diễn", now)
	if err != nil || !loaded {
		t.Fatalf("Load = %v, %v", loaded, err)
	}
	office, err := st.Authenticate(ctx, "vanphong", "mật khẩu trình diễn")
	if err != nil {
		t.Fatal(err)
	}
	rounds, err := st.Rounds(ctx, office)
	if err != nil || len(rounds) != 2 {
		t.Fatalf("rounds = %d, %v; want 2", len(rounds), err)
	}
	live, past := rounds[0], rounds[1]
	if live.Status != tiendo.RoundOpen || past.Status != tiendo.RoundClosed {
		t.Errorf("statuses: live %s, 2022 %s", live.Status, past.Status)
	}
	// The seed's 13 tasks, twelve units, every 2022 report in and three late.
	if past.Tasks != 13 || past.Expected != 12 || past.Submitted != 12 || past.OnTime != 9 {
		t.Errorf("2022 round = tasks %d, expected %d, submitted %d, on time %d; want 13, 12, 12, 9", past.Tasks, past.Expected, past.Submitted, past.OnTime)
	}
	if !past.Deadline.Equal(tiendo.DeadlineBefore(2022, 6, 7)) {
		t.Errorf("2022 deadline = %v, want before 07/6/2022", past.Deadline)
	}
	if live.Submitted != 4 || live.Drafts != 4 || live.Missing() != 4 || !live.Deadline.After(now) {
		t.Errorf("live round = submitted %d, drafts %d, missing %d, deadline %v", live.Submitted, live.Drafts, live.Missing(), live.Deadline)
	}
	// The live round's tasks were carried from 2022; the office moved their
	// "năm 2022" into this year before publishing, as the draft page asks.
	liveRound, err := st.Round(ctx, office, live.ID)
	if err != nil {
		t.Fatal(err)
	}
	moved := 0
	for _, task := range liveRound.Tasks {
		texts := []string{task.Text}
		for _, tg := range task.Targets {
			texts = append(texts, tg.Text)
		}
		for _, text := range texts {
			if ys := continuity.EarlierYears(text, liveRound.Period.Year); len(ys) > 0 {
				t.Errorf("the live round still names %v: %q", ys, text)
			}
			if strings.Contains(text, "năm 2026") {
				moved++
			}
		}
	}
	if moved == 0 {
		t.Errorf("no text of the live round names năm 2026; the seed's \"nhập ngũ năm 2022\" should have moved")
	}
	// Things counted whole (xã, trường, mô hình) are whole this year and
	// last: "cùng kỳ năm trước đạt 1,9 xã" reads as absurd.
	round, err := st.Round(ctx, office, past.ID)
	if err != nil {
		t.Fatal(err)
	}
	targets := map[int64]*tiendo.Target{}
	for _, task := range round.Tasks {
		for _, tg := range task.Targets {
			targets[tg.ID] = tg
		}
	}
	actuals, err := st.RoundActuals(ctx, past.ID)
	if err != nil || len(actuals) == 0 {
		t.Fatalf("2022 values: %d, %v", len(actuals), err)
	}
	wholes := 0
	for _, a := range actuals {
		if tg := targets[a.TargetID]; tg != nil && counted(tg) {
			wholes++
			for _, v := range []*float64{a.Value, a.SamePeriod} {
				if v != nil && *v != float64(int64(*v)) {
					t.Errorf("%q: %v %s, want a whole number", tg.Text, *v, tg.Unit)
				}
			}
		}
	}
	if wholes == 0 {
		t.Errorf("no counted target among the 2022 values; the check above proves nothing")
	}
	// Each unit's reporter submitted its report, in their own name.
	ptckh, err := st.UserByUsername(ctx, "ptckh")
	if err != nil {
		t.Fatal(err)
	}
	revs, err := st.Revisions(ctx, office, past.ID, ptckh.UnitID)
	if err != nil || len(revs) != 1 || revs[0].SubmittedBy != "ptckh" || revs[0].SubmitterName != "Cán bộ Phòng TC-KH" {
		t.Errorf("2022 revisions of ptckh = %+v, %v; want one, sent by ptckh (Cán bộ Phòng TC-KH)", revs, err)
	}
	// The 2022 report was issued the day after the deadline, signed by the
	// leader who approved it, so a reader has it to read; this year's
	// register is still empty for the live round's report.
	reader, err := st.UserByUsername(ctx, "huyenuy")
	if err != nil {
		t.Fatal(err)
	}
	lines, err := st.OutgoingRegister(ctx, reader, 2022)
	if err != nil || len(lines) != 1 || lines[0].Number != 1 || lines[0].Symbol != "BC-UBND" || lines[0].Signer != "Hoàng Văn Minh" ||
		lines[0].RoundID != past.ID || lines[0].IssuedAt.In(tiendo.Zone).Format("02/01/2006") != "08/06/2022" {
		t.Errorf("the 2022 register = %+v, %v; want 01/BC-UBND of 08/06/2022 signed by Hoàng Văn Minh", lines, err)
	}
	if pdf, err := st.IssuedFile(ctx, reader, past.ID, tiendo.DocReport, "pdf"); err != nil || !strings.HasPrefix(string(pdf), "%PDF") {
		t.Errorf("the reader cannot download the issued PDF: %v", err)
	}
	if lines, err := st.OutgoingRegister(ctx, reader, now.Year()); err != nil || len(lines) != 0 {
		t.Errorf("this year's register = %+v, %v; want empty", lines, err)
	}
	// The demo has a unit head, to try the head's review with.
	head, err := st.UserByUsername(ctx, "ld.pgddt")
	pgddt, err2 := st.UserByUsername(ctx, "pgddt")
	if err != nil || err2 != nil || head.Role != tiendo.RoleUnitHead || head.UnitID != pgddt.UnitID {
		t.Errorf("ld.pgddt = %+v, %v; want the head of Phòng GD&ĐT", head, err)
	}
	// Loading again keeps the data and resets the passwords.
	loaded, err = Load(ctx, st, "mật khẩu thứ hai", now)
	if err != nil || loaded {
		t.Fatalf("second Load = %v, %v; want no reload", loaded, err)
	}
	for _, u := range []string{"admin", "lanhdao", "huyenuy", "ptckh", "ld.pgddt"} {
		if _, err := st.Authenticate(ctx, u, "mật khẩu thứ hai"); err != nil {
			t.Errorf("%s cannot log in with the new password: %v", u, err)
		}
	}
	if rounds, _ := st.Rounds(ctx, office); len(rounds) != 2 {
		t.Errorf("after a second Load: %d rounds, want 2", len(rounds))
	}
}

// An unusable password is refused before anything is written, so the demo
// loads afterwards with a good one.
func TestLoadRefusesWeakPasswordFirst(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	if _, err := Load(ctx, st, "demo", time.Now()); tiendo.ErrorCode(err) != tiendo.EINVALID {
		t.Fatalf("Load with a short password: %v, want invalid", err)
	}
	if units, _ := st.Units(ctx); len(units) != 0 {
		t.Fatalf("%d units written before the password was refused", len(units))
	}
	if loaded, err := Load(ctx, st, "mật khẩu trình diễn", time.Now()); err != nil || !loaded {
		t.Errorf("Load afterwards = %v, %v", loaded, err)
	}
}
