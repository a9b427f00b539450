package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// The file fields read Vietnamese, not the browser's "Choose File / No file
// chosen": a label drawn as a button opens the picker and the chosen file's
// name (or "Chưa chọn tệp") follows it. The real input keeps its id, name
// and attributes, so the form, the size check in js/report.js and the
// browser tests still find it, and it is hidden from sight only: no hidden
// attribute, nothing that takes it out of the keyboard's or a screen
// reader's way. Its name is its field's label; the chosen file describes it.
func TestFileFieldsReadVietnamese(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	for _, tc := range []struct {
		user, path string
		keep       []string // attributes the input had before
	}{
		{"pnv", "/rounds/" + itoa(x.round.ID) + "/reports/pnv",
			[]string{`form="report-form"`, `accept=".pdf,.docx,.doc,.xlsx,.xls,.png,.jpg,.jpeg"`, `data-max="`}},
		{"vanphong", "/rounds/new",
			[]string{`accept=".docx,.txt,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document"`}},
		{"admin", "/admin/bulk",
			[]string{`required`, `accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"`}},
	} {
		code, body := x.get(x.login(tc.user), tc.path)
		if code != http.StatusOK {
			t.Fatalf("%s: %d", tc.path, code)
		}
		pick := regexp.MustCompile(`(?s)<div class="file-pick">\s*(<input id="file"[^>]*>)\s*<label for="file" class="file-button">Chọn tệp…</label>\s*<span id="file-name" class="file-name"[^>]*>Chưa chọn tệp</span>\s*</div>`).FindStringSubmatch(body)
		if pick == nil {
			t.Errorf("%s: no Vietnamese file field (a \"Chọn tệp…\" button and \"Chưa chọn tệp\" beside it):\n%s", tc.path, grep(body, `file`))
			continue
		}
		input := pick[1]
		for _, want := range append([]string{`name="file"`, `type="file"`, `aria-labelledby="file-label"`}, tc.keep...) {
			if !strings.Contains(input, want) {
				t.Errorf("%s: the input lost %s: %s", tc.path, want, input)
			}
		}
		if !regexp.MustCompile(`aria-describedby="file-name[ "]`).MatchString(input) {
			t.Errorf("%s: the input is not described by the chosen file's name: %s", tc.path, input)
		}
		if regexp.MustCompile(`\shidden|tabindex|aria-hidden|style=|display`).MatchString(input) {
			t.Errorf("%s: the input is hidden from the keyboard or screen readers: %s", tc.path, input)
		}
		if !strings.Contains(body, `<label for="file" id="file-label">`) {
			t.Errorf("%s: the field's own label has no id for the input to name itself by:\n%s", tc.path, grep(body, `for="file"`))
		}
		script := regexp.MustCompile(`<script src="(/static/js/filepick\.[0-9a-f]+\.js)" defer></script>`).FindStringSubmatch(body)
		if script == nil {
			t.Errorf("%s: no js/filepick.js to write the chosen file's name", tc.path)
		} else if code, js := x.get(x.client(), script[1]); code != http.StatusOK || !strings.Contains(js, ".file-name") {
			t.Errorf("%s: %s: %d", tc.path, script[1], code)
		}
		if !regexp.MustCompile(`<noscript><link rel="stylesheet" href="/static/css/nojs\.[0-9a-f]+\.css"></noscript>`).MatchString(body) {
			t.Errorf("%s: without JavaScript nothing brings back the browser's own field, and \"Chưa chọn tệp\" would stay after a choice", tc.path)
		}
	}
}
