package consolidate

import (
	"slices"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/document"
)

// withStatus is the seed's input with unit unit's report moved to status,
// as a caller may give it: the report still passed (Input leaves out unsent
// reports itself), the targets computed from every saved actual, as
// reportdoc.Input computes them, and the unit counted missing only when it
// never sent anything (a returned report keeps the time it was first sent).
func withStatus(t *testing.T, unit int64, status tiendo.ReportStatus) Input {
	t.Helper()
	in := seedInput(t)
	for _, r := range in.Reports {
		if r.UnitID != unit {
			continue
		}
		r.Status = status
		switch status {
		case tiendo.ReportDraft, tiendo.ReportMissing:
			r.SubmittedAt = time.Time{}
			in.Missing = append(in.Missing, unit)
		}
	}
	return in
}

// Only reports that count as submitted (submitted, accepted) feed the
// draft: a draft, a report with the unit head and a returned one give
// neither narratives nor figures, and their unit has not reported.
func TestDraftOnlySubmitted(t *testing.T) {
	const thue = 2 // Chi cục Thuế khu vực I, sole lead of task 6
	tests := []struct {
		status tiendo.ReportStatus
		counts bool
	}{
		{tiendo.ReportSubmitted, true},
		{tiendo.ReportAccepted, true},
		{tiendo.ReportDraft, false},
		{tiendo.ReportReview, false},
		{tiendo.ReportReturned, false},
		{tiendo.ReportMissing, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.status), func(t *testing.T) {
			in := withStatus(t, thue, tt.status)
			task6 := in.Round.Tasks[5]
			for _, computed := range []bool{false, true} {
				if computed {
					in.Targets = nil // rows from the reports themselves
				}
				got, _ := Regenerate(in, TaskKey(task6.ID))
				for _, said := range []string{
					"Thu nội địa 6 tháng đầu năm ước đạt 186,4 tỷ đồng", // narrative
					"Thu nội địa tăng 12,5% so với dự toán",             // target sentence
				} {
					if strings.Contains(got.Text, said) != tt.counts {
						t.Errorf("targets computed %v: task 6 has %q: %v, want %v:\n%s", computed, said, !tt.counts, tt.counts, got.Text)
					}
				}
				if missing := strings.Contains(got.Text, "Chi cục Thuế khu vực I chưa gửi báo cáo."); missing == tt.counts {
					t.Errorf("targets computed %v: task 6 says the unit did not report: %v, want %v:\n%s", computed, missing, !tt.counts, got.Text)
				}
				rows := IndicatorRows(in)
				i := slices.IndexFunc(rows, func(r document.Indicator) bool { return strings.HasPrefix(r.Target, "Thu nội địa") })
				if i < 0 {
					t.Fatalf("targets computed %v: no indicator row for task 6", computed)
				}
				row := rows[i]
				if hasValue := row.Actual != nil; hasValue != tt.counts || (!tt.counts && row.Verdict != "Chưa có số liệu") {
					t.Errorf("targets computed %v: task 6 row = actual %v, %q; want a value: %v", computed, row.Actual, row.Verdict, tt.counts)
				}
			}
		})
	}
}

// In a task several units lead, a unit's unsent figures are not quoted
// ("Theo báo cáo của ...") next to its "chưa gửi báo cáo", nor counted in
// the note on the indicators.
func TestDraftSharedTaskOnlySubmitted(t *testing.T) {
	const ttyt = 9 // Trung tâm Y tế huyện Hữu Lũng, one of task 7's leads
	in := withStatus(t, ttyt, tiendo.ReportDraft)
	secs := Draft(in)
	task7 := sectionByKey(t, secs, TaskKey(in.Round.Tasks[6].ID)).Text
	if !strings.Contains(task7, "Trung tâm Y tế huyện Hữu Lũng chưa gửi báo cáo.") {
		t.Errorf("task 7 should say the health centre did not report:\n%s", task7)
	}
	for _, unsent := range []string{"Theo báo cáo của Trung tâm Y tế huyện Hữu Lũng", "Trạm Y tế xã Hữu Liên"} {
		if strings.Contains(task7, unsent) {
			t.Errorf("task 7 quotes the health centre's draft %q:\n%s", unsent, task7)
		}
	}
	for _, r := range IndicatorRows(in) {
		if strings.Contains(r.Target, "(TTYT huyện)") {
			t.Errorf("indicator row from a draft: %+v", r)
		}
	}
	// The seed's health centre gave the only value of task 7's fourth
	// target: without it the target has no data.
	note := sectionByKey(t, secs, KeyIndicators).Text
	if want := "02 chỉ tiêu chưa có số liệu"; !strings.Contains(note, want) {
		t.Errorf("indicators note lacks %q:\n%s", want, note)
	}
	if opening := sectionByKey(t, secs, KeyOpening).Text; !strings.Contains(opening, "báo cáo của 10 cơ quan, đơn vị") {
		t.Errorf("opening counts the draft:\n%s", opening)
	}
}

// A unit whose report is a draft, with the unit head, returned or missing
// has not reported: the closing list names it, as its tasks do.
func TestLateUnitsAgreeWithTasks(t *testing.T) {
	const (
		sent    = "Đơn vị chưa gửi báo cáo: Phòng Tài chính - Kế hoạch."
		notSent = "Đơn vị chưa gửi báo cáo: Ban Chỉ huy Quân sự huyện; Phòng Tài chính - Kế hoạch."
		late    = "Ban Chỉ huy Quân sự huyện (gửi ngày 08/6/2022)"
	)
	tests := []struct {
		status tiendo.ReportStatus
		counts bool
	}{
		{tiendo.ReportSubmitted, true},
		{tiendo.ReportAccepted, true},
		{tiendo.ReportReturned, false},
		{tiendo.ReportReview, false},
		{tiendo.ReportDraft, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.status), func(t *testing.T) {
			// Ban Chỉ huy Quân sự sent late, then its report moved on.
			in := withStatus(t, 10, tt.status)
			got, _ := Regenerate(in, KeyLateUnits)
			want := notSent
			if tt.counts {
				want = sent
			}
			if !strings.Contains(got.Text, want) {
				t.Errorf("late units lack %q:\n%s", want, got.Text)
			}
			// One that has not reported is not also late.
			if isLate := strings.Contains(got.Text, late); isLate != tt.counts {
				t.Errorf("late units list the unit as late: %v, want %v:\n%s", isLate, tt.counts, got.Text)
			}
			// Every unit a task says has not reported is in the list.
			for _, s := range Draft(in) {
				for _, p := range strings.Split(s.Text, "\n\n") {
					names, ok := strings.CutSuffix(p, " chưa gửi báo cáo.")
					if !ok || !strings.HasPrefix(s.Key, taskKeyPrefix) {
						continue
					}
					_, list, _ := strings.Cut(got.Text, "Đơn vị chưa gửi báo cáo: ")
					for _, name := range strings.Split(names, ", ") {
						if !strings.Contains(list, name) {
							t.Errorf("%s says %q has not reported; the list does not:\n%s", s.Key, name, got.Text)
						}
					}
				}
			}
		})
	}
	// Units asked, or passed with a report that does not count, are
	// listed even when the caller did not count them missing.
	units := map[int64]*tiendo.Unit{1: {ID: 1, Name: "Phòng Nội vụ"}, 2: {ID: 2, Name: "Công an huyện"}, 3: {ID: 3, Name: "Đài Truyền thanh"}}
	in := Input{Round: &tiendo.Round{UnitIDs: []int64{1, 2, 3}}, Units: units, Reports: []*tiendo.UnitReport{
		{UnitID: 1, Status: tiendo.ReportSubmitted, SubmittedAt: time.Date(2022, 6, 5, 0, 0, 0, 0, time.UTC)},
		{UnitID: 2, Status: tiendo.ReportReturned, SubmittedAt: time.Date(2022, 6, 5, 0, 0, 0, 0, time.UTC)},
	}}
	got, _ := Regenerate(in, KeyLateUnits)
	if want := "Đơn vị chưa gửi báo cáo: Công an huyện; Đài Truyền thanh."; got.Text != want {
		t.Errorf("late units\n got: %q\nwant: %q", got.Text, want)
	}
}
