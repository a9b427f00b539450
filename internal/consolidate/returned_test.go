package consolidate

import (
	"strings"
	"testing"

	"tiendo"
)

// A unit whose report the office returned for revision is named as such,
// in its tasks and in the closing list, not among the units that did not
// report; it is not late either until it sends again. A unit said to be
// returned whose report counts (sent again since) is not named at all.
func TestDraftNamesReturnedUnits(t *testing.T) {
	const (
		thue   = 2  // Chi cục Thuế khu vực I, sole lead of task 6
		quansu = 10 // Ban Chỉ huy Quân sự huyện, which sent late
	)
	in := withStatus(t, thue, tiendo.ReportReturned)
	for _, r := range in.Reports {
		if r.UnitID == quansu {
			r.Status = tiendo.ReportReturned
		}
	}
	in.Returned = []int64{quansu, thue, 1} // 1 has a report that counts
	secs := Draft(in)

	task6 := sectionByKey(t, secs, TaskKey(in.Round.Tasks[5].ID)).Text
	if want := "Chi cục Thuế khu vực I chưa gửi lại báo cáo sau khi được trả lại để bổ sung."; !strings.Contains(task6, want) {
		t.Errorf("task 6 lacks %q:\n%s", want, task6)
	}
	if strings.Contains(task6, "chưa gửi báo cáo.") {
		t.Errorf("task 6 says the returned unit did not report:\n%s", task6)
	}

	list := sectionByKey(t, secs, KeyLateUnits).Text
	if want := "Đơn vị chưa gửi lại báo cáo sau khi được trả lại để bổ sung: Ban Chỉ huy Quân sự huyện; Chi cục Thuế khu vực I."; !strings.Contains(list, want) {
		t.Errorf("late units lack %q:\n%s", want, list)
	}
	if want := "Đơn vị chưa gửi báo cáo: Phòng Tài chính - Kế hoạch."; !strings.Contains(list, want) {
		t.Errorf("late units lack %q (the one unit that never sent):\n%s", want, list)
	}
	if strings.Contains(list, "Ban Chỉ huy Quân sự huyện (gửi ngày") {
		t.Errorf("a returned report is listed as late:\n%s", list)
	}
	if name := in.Units[1].Name; strings.Count(list, name) != 0 {
		t.Errorf("%s, whose report counts, is named in the late units:\n%s", name, list)
	}
}
