package directive

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"tiendo"
	"tiendo/internal/vi"
)

// The blind sets: directives written, with the answers a clerk would give,
// by people who had not read this parser (testdata/directives/<set>, each
// with a README). The goldens hold the parser's own reviewed output and
// catch any change; these sets score it against answers it never shaped,
// field by field, the way unseen directives will be scored. A set the
// parser has since been improved against is no longer blind: the README
// of testdata/directives says which sets were kept back. Run with -v to
// see the table:
//
//	go test ./internal/directive -run BlindEval -v
const blindRoot = "../../testdata/directives"

// blindFloors is the overall score the parser keeps on each set; a change
// that lowers one fails. Raise them when the parser gets better.
var blindFloors = map[string]float64{
	"blind":   0.97,
	"heldout": 0.97,
	"fresh":   0.97,
	"fresh2":  0.98,
	"fresh3":  0.99,
	"fresh4":  0.99,
	"fresh5":  0.97,
	"fresh6":  0.99,
	"fresh7":  0.99,
	"fresh8":  0.99,
	"fresh9":  0.99,
	"fresh10": 0.99,
	"fresh11": 0.98,
	"fresh12": 0.97,
	"fresh13": 0.99,
	"fresh14": 0.97,
	"fresh15": 0.99,
	"fresh16": 0.99,
	"fresh17": 0.99,
	"fresh18": 0.995,
	"fresh19": 0.995,
	"fresh20": 0.995,
	"fresh21": 0.995,
	"fresh22": 0.995,
	"fresh23": 0.995,
	"fresh24": 0.99,
	"fresh25": 0.99,
	"fresh26": 0.995,
	"fresh27": 0.91,
	"fresh28": 0.995,
	"fresh29": 0.995,
	"fresh30": 0.995,
	"fresh31": 0.995,
	"fresh32": 0.99,
	"fresh33": 0.95,
	"fresh34": 0.995,
	"fresh35": 0.995,
	"fresh36": 0.995,
	"fresh37": 0.99,
	"fresh38": 0.905,
}

// expectation is an .expect.json: a subset of the parse shape, written by
// hand. A field left out is not scored.
type expectation struct {
	Issuer       *string         `json:"issuer"`
	Number       *string         `json:"number"`
	Symbol       *string         `json:"symbol"`
	Place        *string         `json:"place"`
	Date         *string         `json:"date"`
	Subject      *string         `json:"subject"`
	Recipients   []string        `json:"recipients"`
	Basis        []expectBasis   `json:"basis"`
	Period       json.RawMessage `json:"period"`
	Deadline     json.RawMessage `json:"deadline"`
	Tasks        []expectTask    `json:"tasks"`
	Signer       *expectSigner   `json:"signer"`
	Distribution []string        `json:"distribution"`
	Warnings     []string        `json:"warnings"`
}

type expectBasis struct {
	Ref  string `json:"ref"`
	Date string `json:"date"`
}

type expectTask struct {
	Label   string         `json:"label"`
	Lead    []string       `json:"lead"`
	Support []string       `json:"support"`
	Targets []expectTarget `json:"targets"`
}

type expectTarget struct {
	Comparator string  `json:"comparator"`
	Value      float64 `json:"value"`
	Unit       string  `json:"unit"`
	Direction  string  `json:"direction"`
	RelativeTo string  `json:"relative_to"`
}

type expectSigner struct {
	Title *string `json:"title"`
	Name  *string `json:"name"`
}

// warningKinds maps the warning names the answers use to the parser's codes.
var warningKinds = map[string]string{
	"duplicate-task-label":  WarnDuplicateLabel,
	"unit-not-recipient":    WarnNotRecipient,
	"blank-number":          WarnBlankNumber,
	"deadline-before-issue": WarnDeadlineNotAfter,
	"unknown-unit":          WarnUnknownUnit,
	"task-without-unit":     WarnTaskWithoutUnit,
}

// scores holds, per field, the points got and the points possible.
type scores map[string][2]float64

func (s scores) add(field string, got, of float64) {
	v := s[field]
	s[field] = [2]float64{v[0] + got, v[1] + of}
}

// same compares two texts as a reader would: case, diacritics, spacing,
// "&" for "và" and end punctuation aside.
func same(a, b string) bool { return evalKey(a) == evalKey(b) }

func evalKey(s string) string {
	s = strings.ReplaceAll(s, "&", " và ")
	s = vi.Fold(s)
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(".,;:()\"“”'", r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// names compares unit names loosely: equal, or one the other with a level
// word ("huyện", "tỉnh") or similar left out.
func names(a, b string) bool {
	ka, kb := evalKey(a), evalKey(b)
	if ka == "" || kb == "" {
		return ka == kb
	}
	if ka == kb {
		return true
	}
	short, long := ka, kb
	if len(short) > len(long) {
		short, long = long, short
	}
	return strings.Contains(" "+long+" ", " "+short+" ") && float64(len(short)) >= 0.7*float64(len(long))
}

// listScore is the F1 of got against want, each item matched once.
func listScore(want, got []string, eq func(a, b string) bool) float64 {
	if len(want) == 0 && len(got) == 0 {
		return 1
	}
	used := make([]bool, len(got))
	hit := 0
	for _, w := range want {
		for i, g := range got {
			if !used[i] && eq(w, g) {
				used[i] = true
				hit++
				break
			}
		}
	}
	if hit == 0 {
		return 0
	}
	p, r := float64(hit)/float64(len(got)), float64(hit)/float64(len(want))
	return 2 * p * r / (p + r)
}

func boolScore(ok bool) float64 {
	if ok {
		return 1
	}
	return 0
}

// alignTasks pairs expected and parsed tasks in order (the longest common
// subsequence under taskMatch), so that one task missed or split does not
// shift every later comparison.
func alignTasks(want []expectTask, got []Task) [][2]int {
	n, m := len(want), len(got)
	dp := make([][]int, n+1)
	for i := range dp {
		dp[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if taskMatch(want[i], got[j]) {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	var pairs [][2]int
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case taskMatch(want[i], got[j]) && dp[i][j] == dp[i+1][j+1]+1:
			pairs = append(pairs, [2]int{i, j})
			i++
			j++
		case dp[i+1][j] >= dp[i][j+1]:
			i++
		default:
			j++
		}
	}
	return pairs
}

// taskMatch: the same label, and when both name lead units, one in common.
func taskMatch(w expectTask, g Task) bool {
	if !sameLabel(w.Label, g.Label) {
		return false
	}
	leads := roleNames(g, "lead")
	if len(w.Lead) == 0 || len(leads) == 0 {
		return true
	}
	return listScore(w.Lead, leads, names) > 0
}

// sameLabel compares labels as written, end punctuation aside; a label the
// parser composed with its parent's ("2.1a", "II.3") also matches the bare
// one written ("a", "3") when the parent's part is the rest.
func sameLabel(want, got string) bool {
	w, g := evalKey(strings.TrimRight(want, ".)")), evalKey(strings.TrimRight(got, ".)"))
	if w == g {
		return true
	}
	if w == "" || !strings.HasSuffix(g, w) {
		return false
	}
	prev := g[len(g)-len(w)-1]
	return prev == ' ' || prev == '.' || (prev >= '0' && prev <= '9') != (w[0] >= '0' && w[0] <= '9')
}

func roleNames(t Task, role string) []string {
	var out []string
	for _, a := range t.Assignees {
		if string(a.Role) == role {
			out = append(out, a.Name)
		}
	}
	return out
}

func targetKey(comparator string, value float64, unit string) string {
	return comparator + " " + fmt.Sprint(math.Round(value*1000)/1000) + " " + evalKey(unit)
}

// scoreBlind scores one parse against its expectation.
func scoreBlind(want expectation, got *Result, s scores) {
	str := func(field string, w *string, g string) {
		if w != nil {
			s.add(field, boolScore(same(*w, g)), 1)
		}
	}
	str("issuer", want.Issuer, got.Issuer)
	str("number", want.Number, got.Number)
	str("symbol", want.Symbol, got.Symbol)
	str("place", want.Place, got.Place)
	if want.Date != nil {
		s.add("date", boolScore(*want.Date == got.Date), 1)
	}
	str("subject", want.Subject, got.Subject)
	if want.Recipients != nil {
		var g []string
		for _, r := range got.Recipients {
			g = append(g, r.Name)
		}
		s.add("recipients", listScore(want.Recipients, g, names), 1)
	}
	if want.Basis != nil {
		var w, g []string
		for _, b := range want.Basis {
			w = append(w, b.Ref+" "+b.Date)
		}
		for _, b := range got.Basis {
			g = append(g, b.Ref+" "+b.Date)
		}
		s.add("basis", listScore(w, g, same), 1)
	}
	// A field left out of a period or deadline is its zero value: a
	// year has no index, a deadline may have no time.
	if len(want.Period) > 0 {
		var w *tiendo.Period
		ok := json.Unmarshal(want.Period, &w) == nil
		s.add("period", boolScore(ok && (w == nil) == (got.Period == nil) && (w == nil || *w == *got.Period)), 1)
	}
	if len(want.Deadline) > 0 {
		var w *Deadline
		ok := json.Unmarshal(want.Deadline, &w) == nil
		s.add("deadline", boolScore(ok && (w == nil) == (got.Deadline == nil) && (w == nil || *w == *got.Deadline)), 1)
	}
	if want.Signer != nil {
		str("signer title", want.Signer.Title, got.Signer.Title)
		str("signer name", want.Signer.Name, got.Signer.Name)
	}
	if want.Distribution != nil {
		s.add("distribution", listScore(want.Distribution, got.Distribution, same), 1)
	}
	if want.Warnings != nil {
		// The answers name kinds of warning, once each, from the short
		// list the writers were given; the parser's other warnings (a
		// blank day, a recurring deadline...) are not scored.
		var w, g []string
		for _, c := range want.Warnings {
			if k := warningKinds[c]; k != "" {
				c = k
			}
			if !slices.Contains(w, c) {
				w = append(w, c)
			}
		}
		for _, x := range got.Warnings {
			if slices.Contains(slices.Collect(maps.Values(warningKinds)), x.Code) && !slices.Contains(g, x.Code) {
				g = append(g, x.Code)
			}
		}
		s.add("warnings", listScore(w, g, func(a, b string) bool { return a == b }), 1)
	}
	if want.Tasks == nil {
		return
	}
	pairs := alignTasks(want.Tasks, got.Tasks)
	var labelsW, labelsG []string
	for _, t := range want.Tasks {
		labelsW = append(labelsW, t.Label)
	}
	for _, t := range got.Tasks {
		labelsG = append(labelsG, t.Label)
	}
	found := float64(len(pairs))
	if found > 0 {
		p, r := found/float64(len(got.Tasks)), found/float64(len(want.Tasks))
		s.add("tasks", 2*p*r/(p+r), 1)
	} else {
		s.add("tasks", boolScore(len(want.Tasks) == 0 && len(got.Tasks) == 0), 1)
	}
	// Units and targets are scored over every expected task: a task not
	// found scores zero for them.
	matched := map[int]int{}
	for _, p := range pairs {
		matched[p[0]] = p[1]
	}
	for i, w := range want.Tasks {
		j, ok := matched[i]
		var g Task
		if ok {
			g = got.Tasks[j]
		}
		// A list left out of the answer ("support" for a task that
		// directs someone else) is not scored; an empty one says none.
		if w.Lead != nil {
			s.add("task lead units", boolScore(ok)*listScore(w.Lead, roleNames(g, "lead"), names), 1)
		}
		if w.Support != nil {
			s.add("task support units", boolScore(ok)*listScore(w.Support, roleNames(g, "support"), names), 1)
		}
		if w.Targets == nil {
			continue
		}
		var tw, tg, dw, dg []string
		for _, t := range w.Targets {
			k := targetKey(t.Comparator, t.Value, t.Unit)
			tw = append(tw, k)
			dw = append(dw, k+" "+t.Direction+" "+t.RelativeTo)
		}
		for _, t := range g.Targets {
			k := targetKey(string(t.Comparator), t.Value, t.Unit)
			tg = append(tg, k)
			dg = append(dg, k+" "+t.Direction+" "+t.RelativeTo)
		}
		eq := func(a, b string) bool { return a == b }
		s.add("targets", boolScore(ok)*listScore(tw, tg, eq), 1)
		s.add("target direction and base", boolScore(ok)*listScore(dw, dg, eq), 1)
	}
}

// TestBlindEval prints the parser's score on each blind set, per field and
// per directive, and fails if a set's overall score falls under its floor.
func TestBlindEval(t *testing.T) {
	for set, floor := range blindFloors {
		t.Run(set, func(t *testing.T) {
			overall, table := scoreSet(t, filepath.Join(blindRoot, set))
			t.Log("\n" + table)
			if overall < floor {
				t.Errorf("overall score %.3f is under the floor %.3f", overall, floor)
			}
		})
	}
}

// scoreSet scores the parser on the directives of dir: the mean over
// fields of each field's score, and the table that shows it.
func scoreSet(t *testing.T, dir string) (float64, string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.expect.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no *.expect.json in %s", dir)
	}
	total := scores{}
	var perFile []string
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".expect.json")
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var want expectation
		if err := json.Unmarshal(b, &want); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		src, err := os.ReadFile(filepath.Join(dir, name+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		one := scores{}
		scoreBlind(want, Parse(string(src), nil), one)
		if len(one) == 0 {
			t.Fatalf("%s: the answer scores no field (misspelt keys?)", f)
		}
		var got, of float64
		var missed []string
		for field, v := range one {
			got += v[0]
			of += v[1]
			total.add(field, v[0], v[1])
			if v[0] < v[1] {
				missed = append(missed, fmt.Sprintf("%s %.1f/%.0f", field, v[0], v[1]))
			}
		}
		sort.Strings(missed)
		perFile = append(perFile, fmt.Sprintf("%-45s %5.1f%%  %s", name, 100*got/of, strings.Join(missed, ", ")))
	}
	fields := make([]string, 0, len(total))
	for f := range total {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	if len(fields) == 0 {
		t.Fatalf("%s: no field of any answer was scored (misspelt keys?)", dir)
	}
	var b strings.Builder
	var sum float64
	fmt.Fprintf(&b, "%s: %d directives\n", filepath.Base(dir), len(files))
	for _, f := range fields {
		v := total[f]
		fmt.Fprintf(&b, "  %-28s %6.1f%%  (%.1f of %.0f)\n", f, 100*v[0]/v[1], v[0], v[1])
		sum += v[0] / v[1]
	}
	overall := sum / float64(len(fields))
	fmt.Fprintf(&b, "overall (mean of the fields): %.1f%%\n", 100*overall)
	for _, l := range perFile {
		b.WriteString("  " + l + "\n")
	}
	return overall, b.String()
}
