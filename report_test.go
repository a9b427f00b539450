package tiendo

import (
	"errors"
	"testing"
)

// Every pair of state and action: the allowed ones lead where the state
// machine says, and the rest are refused.
func TestReportTransitions(t *testing.T) {
	states := []ReportStatus{ReportMissing, ReportDraft, ReportReview, ReportSubmitted, ReportReturned, ReportAccepted}
	actions := []ReportAction{ReportSave, ReportSendForReview, ReportHeadReturn, ReportSubmit, ReportReturn, ReportAccept}
	allowed := map[[2]string]ReportStatus{
		{"missing", "save"}: ReportDraft, {"missing", "submit"}: ReportSubmitted, {"missing", "send_review"}: ReportReview,
		{"draft", "save"}: ReportDraft, {"draft", "submit"}: ReportSubmitted, {"draft", "send_review"}: ReportReview,
		{"review", "submit"}: ReportSubmitted, {"review", "head_return"}: ReportDraft,
		{"submitted", "return"}: ReportReturned, {"submitted", "accept"}: ReportAccepted,
		{"returned", "save"}: ReportReturned, {"returned", "submit"}: ReportSubmitted, {"returned", "send_review"}: ReportReview,
		{"accepted", "return"}: ReportReturned,
	}
	for _, s := range states {
		for _, a := range actions {
			got, ok := s.Next(a)
			want, wantOK := allowed[[2]string{string(s), string(a)}]
			if ok != wantOK || got != want {
				t.Errorf("%s --%s--> %q, %v; want %q, %v", s, a, got, ok, want, wantOK)
			}
		}
	}
}

func TestCheckReport(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	round := &Round{Tasks: []*Task{{ID: 1, Targets: []*Target{{ID: 10, Text: "tỷ lệ", Unit: "%"}, {ID: 11, Text: "số xã", Unit: "xã"}}}}}
	for _, tc := range []struct {
		name      string
		sec       Section
		confirmed bool
		want      []string // field keys expected
	}{
		{"complete", Section{TaskID: 1, Status: "on_track", ResultVsPlan: "x", Actuals: []Actual{{TargetID: 10, Value: f(70)}, {TargetID: 11, Value: f(2)}}}, false, nil},
		{"missing everything", Section{TaskID: 1, Actuals: []Actual{{TargetID: 10}, {TargetID: 11}}}, false, []string{"t1.status", "t1.result_vs_plan", "g10.value", "g11.value"}},
		{"rate over 100", Section{TaskID: 1, Status: "on_track", ResultVsPlan: "x", Actuals: []Actual{{TargetID: 10, Value: f(120)}, {TargetID: 11, Value: f(2)}}}, false, []string{"confirm"}},
		{"rate over 100, confirmed", Section{TaskID: 1, Status: "on_track", ResultVsPlan: "x", Actuals: []Actual{{TargetID: 10, Value: f(120)}, {TargetID: 11, Value: f(2)}}}, true, nil},
		{"ten times last year", Section{TaskID: 1, Status: "on_track", ResultVsPlan: "x", Actuals: []Actual{{TargetID: 10, Value: f(50)}, {TargetID: 11, Value: f(31), SamePeriod: f(3)}}}, false, []string{"confirm"}},
		{"exactly ten times is fine", Section{TaskID: 1, Status: "on_track", ResultVsPlan: "x", Actuals: []Actual{{TargetID: 10, Value: f(50)}, {TargetID: 11, Value: f(30), SamePeriod: f(3)}}}, false, nil},
		{"negative", Section{TaskID: 1, Status: "on_track", ResultVsPlan: "x", Actuals: []Actual{{TargetID: 10, Value: f(-1)}, {TargetID: 11, Value: f(2)}}}, false, []string{"confirm"}},
	} {
		sec := tc.sec
		err := CheckReport(round, &UnitReport{Sections: []*Section{&sec}}, tc.confirmed)
		var e *Error
		if len(tc.want) == 0 {
			if err != nil {
				t.Errorf("%s: %v, want nil", tc.name, err)
			}
			continue
		}
		if !errors.As(err, &e) || len(e.Fields) != len(tc.want) {
			t.Errorf("%s: %v, want fields %v", tc.name, err, tc.want)
			continue
		}
		for _, k := range tc.want {
			if e.Fields[k] == "" {
				t.Errorf("%s: no message for %s in %v", tc.name, k, e.Fields)
			}
		}
	}
}

func TestAllowed(t *testing.T) {
	rep := &User{Role: RoleReporter, UnitID: 7}
	for _, tc := range []struct {
		u    *User
		a    Action
		unit int64
		want bool
	}{
		{rep, ActionEditReport, 7, true},
		{rep, ActionEditReport, 8, false},
		{rep, ActionReviewReport, 7, false},
		{rep, ActionApproveReport, 7, false},
		{&User{Role: RoleUnitHead, UnitID: 7}, ActionApproveReport, 7, true},
		{&User{Role: RoleUnitHead, UnitID: 7}, ActionApproveReport, 8, false},
		{&User{Role: RoleOffice}, ActionReviewReport, 8, true},
		{&User{Role: RoleOffice}, ActionEditReport, 8, false},
		{&User{Role: RoleReader}, ActionReadReport, 8, true},
		{&User{Role: RoleReader}, ActionManageRounds, 0, false},
		{&User{Role: RoleAdmin}, ActionManageUsers, 0, true},
		{&User{Role: RoleOffice, Disabled: true}, ActionReadRounds, 0, false},
		{nil, ActionReadRounds, 0, false},
	} {
		if got := Allowed(tc.u, tc.a, tc.unit); got != tc.want {
			t.Errorf("Allowed(%v, %s, %d) = %v, want %v", tc.u, tc.a, tc.unit, got, tc.want)
		}
	}
}
