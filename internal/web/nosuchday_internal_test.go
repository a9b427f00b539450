package web

import "testing"

// noSuchDay speaks only of a day written as the forms ask, with one kind of
// separator, that the calendar lacks; anything else gets the format hint.
func TestNoSuchDay(t *testing.T) {
	t.Parallel()
	for typed, want := range map[string]string{
		"31/02/2026": "Không có ngày 31/02/2026: hãy kiểm tra lại ngày và tháng.",
		"31.02.2026": "Không có ngày 31.02.2026: hãy kiểm tra lại ngày và tháng.",
		" 30-2-2026": "Không có ngày 30-2-2026: hãy kiểm tra lại ngày và tháng.",
		"29/02/2028": "", // a leap year
		"07/06/2026": "",
		"07/06.2026": "", // not written as asked: the format hint, not "no such day"
		"31/02":      "",
		"hôm qua":    "",
	} {
		if got := noSuchDay(typed); got != want {
			t.Errorf("noSuchDay(%q) = %q, want %q", typed, got, want)
		}
	}
}
