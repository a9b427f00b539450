package web

import (
	"math"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"tiendo"
	"tiendo/internal/vi"
)

// The form decoders read whatever a browser, or anyone else, posts. These
// fuzz tests post arbitrary bodies through the same path as the handlers
// (ParseForm, then the decoder) and check that nothing panics, that the
// bounds hold, and that every number taken is one vi.ParseNumber reads.
//
//	go test ./internal/web -run '^$' -fuzz=FuzzReportForm -fuzztime=300s
//	go test ./internal/web -run '^$' -fuzz=FuzzIntakeForm -fuzztime=300s

func FuzzReportForm(f *testing.F) {
	for _, s := range []string{
		"version=3&t1.status=on_track&g10.value=1.234,5&g10.same=70%25",
		"version=0&g10.value=15.000&g11.value=-3&g11.same=1.2.3",
		"g10.value=%ff%fe&t1.obstacles=%00%0d%0a&c1.text=x",
		"version=99999999999999999999&g10.value=9999999999999999999999,9",
		"g10.value=&g10.value=2&g11.same=+++&t2.next_steps=Vi%E1%BB%87t",
		"g10.value=1e309&g11.value=NaN&g11.same=Inf",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		r := httptest.NewRequest("POST", "/", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if err := r.ParseForm(); err != nil {
			return // the handler answers 422 "Không đọc được biểu mẫu"
		}
		v := formValues(r)
		for k := range v {
			if k != "version" && !strings.HasPrefix(k, "t") && !strings.HasPrefix(k, "g") && !strings.HasPrefix(k, "c") {
				t.Fatalf("formValues kept %q", k)
			}
		}
		rep := &tiendo.UnitReport{Sections: []*tiendo.Section{
			{TaskID: 1, Actuals: []tiendo.Actual{{TargetID: 10}, {TargetID: 11}}},
			{TaskID: 2},
		}}
		errs := applyValues(rep, v, nil)
		for k, msg := range errs {
			if msg == "" {
				t.Errorf("error for %q has no message", k)
			}
			if _, ok := v[k]; !ok {
				t.Errorf("error for %q, a field that was not posted", k)
			}
		}
		for _, sec := range rep.Sections {
			for _, a := range sec.Actuals {
				for key, p := range map[string]*float64{"value": a.Value, "same": a.SamePeriod} {
					field := "g" + strconv.FormatInt(a.TargetID, 10) + "." + key
					if p == nil {
						if s := strings.TrimSpace(v[field]); s != "" && errs[field] == "" {
							t.Errorf("%s = %q dropped without a message", field, s)
						}
						continue
					}
					if math.IsNaN(*p) || math.IsInf(*p, 0) {
						t.Fatalf("%s = %q read as %v", field, v[field], *p)
					}
					want, err := vi.ParseNumber(strings.TrimSpace(v[field]))
					if err != nil || want != *p {
						t.Fatalf("%s = %q read as %v; ParseNumber gives %v, %v", field, v[field], *p, want, err)
					}
				}
			}
		}
	})
}

func FuzzIntakeForm(f *testing.F) {
	for _, s := range []string{
		"title=Báo+cáo&deadline_date=15/06/2026&tasks=1&t0.label=1&t0.text=Việc&t0.lead=1&t0.targets=1&t0.g0.cmp=%3E%3D&t0.g0.value=70&t0.g0.unit=%25&op=add-task",
		"tasks=9999999&t0.targets=9999999&op=remove-target:0:0",
		"tasks=-1&recipients=0&recipients=-5&recipients=abc&period_year=99999999999999999999&op=add-target:-1",
		"deadline_date=31/02/2026&deadline_time=25:61&deadline_relation=x&tasks=2&t1.g0.value=1.2.3&op=remove-task:1",
		"title=%ff&report_contents=%0a%0a%0d&tasks=1&t0.support=1&t0.support=1&op=:::",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		r := httptest.NewRequest("POST", "/", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if err := r.ParseForm(); err != nil {
			return
		}
		form := formFromRequest(r)
		if len(form.Tasks) > 500 {
			t.Fatalf("%d tasks read, the cap is 500", len(form.Tasks))
		}
		for _, task := range form.Tasks {
			if len(task.Targets) > 100 {
				t.Fatalf("%d targets read, the cap is 100", len(task.Targets))
			}
			for _, id := range task.Support {
				if id <= 0 {
					t.Fatalf("support unit %d kept", id)
				}
			}
		}
		for _, id := range form.Recipients {
			if id <= 0 {
				t.Fatalf("recipient %d kept", id)
			}
		}
		before := len(form.Tasks)
		if form.apply(r.PostFormValue("op")) && len(form.Tasks) > before+1 {
			t.Fatalf("one button added %d tasks", len(form.Tasks)-before)
		}
		round, err := form.round()
		if err != nil {
			if tiendo.ErrorCode(err) != tiendo.EINVALID {
				t.Fatalf("round() = %v, want a field error", err)
			}
			return
		}
		if round.Title == "" || round.Deadline.IsZero() || len(round.Tasks) == 0 {
			t.Fatalf("round() accepted an incomplete form: %+v", round)
		}
	})
}
