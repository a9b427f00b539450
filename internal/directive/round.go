package directive

import (
	"fmt"
	"strings"
	"time"

	"tiendo"
)

// Instant returns the moment the deadline falls in the issuers' zone:
// "trước ngày D" is the start of D, "chậm nhất ngày D" the end of D (the
// start of D+1), and a time of day ("trước 17 giờ 00 ngày D") that time on D.
func (d *Deadline) Instant() (time.Time, error) {
	day, err := time.ParseInLocation("2006-01-02", d.Date, tiendo.Zone)
	if err != nil {
		return time.Time{}, tiendo.Errorf(tiendo.EINVALID, "Hạn gửi %q không phải là ngày hợp lệ (dạng YYYY-MM-DD).", d.Date)
	}
	if d.Time != "" {
		hm, err := time.Parse("15:04", d.Time)
		if err != nil {
			return time.Time{}, tiendo.Errorf(tiendo.EINVALID, "Giờ của hạn gửi %q không hợp lệ (dạng HH:MM).", d.Time)
		}
		return day.Add(time.Duration(hm.Hour())*time.Hour + time.Duration(hm.Minute())*time.Minute), nil
	}
	if d.Relation == "by" {
		return day.AddDate(0, 0, 1), nil
	}
	return day, nil
}

// NewRound turns the proposal into a draft round. ids maps unit codes to
// the units' database IDs; recipients and assignees are resolved through
// it. An assignee whose code is empty or unknown is an error that names it,
// so that nothing assigned is silently dropped.
func (r *Result) NewRound(ids map[string]int64) (*tiendo.Round, error) {
	if r.Deadline == nil || r.Deadline.Date == "" {
		return nil, &tiendo.Error{Code: tiendo.EINVALID, Message: "Đợt báo cáo cần có hạn gửi báo cáo.",
			Fields: map[string]string{"deadline": "Hãy nhập hạn gửi báo cáo."}}
	}
	deadline, err := r.Deadline.Instant()
	if err != nil {
		return nil, err
	}
	round := r.ToRound()
	round.Deadline = deadline
	if round.Title == "" {
		round.Title = "Đợt báo cáo"
	}
	seen := map[int64]bool{}
	for _, rc := range r.Recipients {
		if id, ok := ids[rc.Unit]; ok && !seen[id] {
			seen[id] = true
			round.UnitIDs = append(round.UnitIDs, id)
		}
	}
	var unknown []string
	for i, t := range r.Tasks {
		for _, a := range t.Assignees {
			id, ok := ids[a.Unit]
			if !ok {
				unknown = append(unknown, fmt.Sprintf("nhiệm vụ %s: %q", t.Label, a.Name))
				continue
			}
			role := a.Role
			if role != tiendo.Support {
				role = tiendo.Lead
			}
			round.Tasks[i].Assignees = append(round.Tasks[i].Assignees, tiendo.Assignee{UnitID: id, Role: role})
		}
		for j, g := range t.Targets {
			round.Tasks[i].Targets[j].ReportedBy = ReporterID(t, g, ids)
		}
	}
	if len(unknown) > 0 {
		return nil, tiendo.Errorf(tiendo.EINVALID, "Các đơn vị sau chưa khớp với đơn vị nào trong danh mục; hãy chọn mã đơn vị (unit) cho chúng: %s.", strings.Join(unknown, "; "))
	}
	return round, nil
}

// ReporterID is the database ID (by the registry codes in ids) of the lead
// unit target g of task t is given to (Target.ReportedBy names one of the
// task's assignees), 0 when it is every lead unit's or the unit is not
// resolved.
func ReporterID(t Task, g Target, ids map[string]int64) int64 {
	if g.ReportedBy == "" {
		return 0
	}
	for _, a := range t.Assignees {
		if a.Name == g.ReportedBy && a.Role != tiendo.Support {
			return ids[a.Unit]
		}
	}
	return 0
}
