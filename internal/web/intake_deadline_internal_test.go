package web

import (
	"strings"
	"testing"
	"time"

	"tiendo"
)

// The warning about a past deadline says it as the form's fields do: a
// form that reads "chậm nhất ngày 05/10/2025" is not told about 06/10.
func TestPastDeadlineWords(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, tiendo.Zone)
	for _, c := range []struct {
		relation, date, clock, want string
	}{
		{"by", "05/10/2025", "", "Hạn gửi (chậm nhất ngày 05/10/2025) đã qua"},
		{"before", "05/10/2025", "", "Hạn gửi (trước ngày 05/10/2025) đã qua"},
		{"by", "05/10/2025", "16:00", "Hạn gửi (chậm nhất 16:00 ngày 05/10/2025) đã qua"},
		{"before", "05/10/2025", "16:00", "Hạn gửi (trước 16:00 ngày 05/10/2025) đã qua"},
		{"by", "05/12/2026", "", ""}, // still ahead
	} {
		f := &intakeForm{DeadlineDate: c.date, DeadlineTime: c.clock, DeadlineRelation: c.relation}
		got := pastDeadline(f, now)
		if c.want == "" && got != "" || !strings.HasPrefix(got, c.want) {
			t.Errorf("%s %s %s: %q, want it to start %q", c.relation, c.date, c.clock, got, c.want)
		}
	}
}
