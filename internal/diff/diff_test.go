package diff

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestWords(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want []Part
	}{
		{"", "", nil},
		{"giống nhau", "giống  nhau", []Part{{Same, "giống nhau"}}},
		{"đạt 65% kế hoạch", "đạt 72% kế hoạch", []Part{{Same, "đạt"}, {Deleted, "65%"}, {Inserted, "72%"}, {Same, "kế hoạch"}}},
		{"", "mới viết", []Part{{Inserted, "mới viết"}}},
		{"bỏ hết", "", []Part{{Deleted, "bỏ hết"}}},
		{"a b c", "a c", []Part{{Same, "a"}, {Deleted, "b"}, {Same, "c"}}},
	} {
		got := Words(tc.a, tc.b)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Words(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
		if Changed(got) != (strings.Join(strings.Fields(tc.a), " ") != strings.Join(strings.Fields(tc.b), " ")) {
			t.Errorf("Changed(Words(%q, %q)) is wrong", tc.a, tc.b)
		}
	}
	// Long texts are compared only where they differ: a 30,000-character
	// section sent again unchanged, or with one figure changed, is not
	// shown replaced whole.
	var words []string
	for i := range 6000 {
		words = append(words, fmt.Sprintf("từ%d", i))
	}
	long := strings.Join(words, " ")
	if got := Words(long, long); len(got) != 1 || got[0].Op != Same || Changed(got) {
		t.Errorf("a long text against itself: %d parts, changed %v", len(got), Changed(got))
	}
	edited := strings.Replace(long, "từ2500 ", "72% ", 1)
	want := []Part{{Same, strings.Join(words[:2500], " ")}, {Deleted, "từ2500"}, {Inserted, "72%"}, {Same, strings.Join(words[2501:], " ")}}
	if got := Words(long, edited); !reflect.DeepEqual(got, want) {
		t.Errorf("a long text with one word changed: %d parts, want 4", len(got))
	}
	// A long middle that differs throughout is shown replaced, not
	// compared slowly.
	other := strings.TrimSpace(strings.Repeat("chữ ", 3000))
	if got := Words("đầu "+long+" cuối", "đầu "+other+" cuối"); len(got) != 4 || got[1].Op != Deleted || got[2].Op != Inserted || got[0].Text != "đầu" || got[3].Text != "cuối" {
		t.Errorf("long different texts: %d parts", len(got))
	}
}

// TestWordsFarApart: two figures changed far apart in a long section show
// as two small changes, not the whole middle replaced.
func TestWordsFarApart(t *testing.T) {
	var words []string
	for i := range 6000 {
		words = append(words, fmt.Sprintf("từ%d", i))
	}
	long := strings.Join(words, " ")
	edited := strings.Replace(strings.Replace(long, "từ100 ", "65% ", 1), "từ5900 ", "72% ", 1)
	var changed []Part
	for _, p := range Words(long, edited) {
		if p.Op != Same {
			changed = append(changed, p)
		}
	}
	want := []Part{{Deleted, "từ100"}, {Inserted, "65%"}, {Deleted, "từ5900"}, {Inserted, "72%"}}
	if !reflect.DeepEqual(changed, want) {
		t.Errorf("changes = %v, want %v", changed, want)
	}
}

// TestWordsMinimal compares random short texts: the parts rebuild both
// texts, and change as few words as a longest common subsequence allows.
func TestWordsMinimal(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	text := func() []string {
		w := make([]string, r.IntN(12))
		for i := range w {
			w[i] = string(rune('a' + r.IntN(4)))
		}
		return w
	}
	for range 2000 {
		x, y := text(), text()
		var old, new []string
		changed := 0
		for _, p := range Words(strings.Join(x, " "), strings.Join(y, " ")) {
			w := strings.Fields(p.Text)
			if p.Op != Inserted {
				old = append(old, w...)
			}
			if p.Op != Deleted {
				new = append(new, w...)
			}
			if p.Op != Same {
				changed += len(w)
			}
		}
		if !slices.Equal(old, x) || !slices.Equal(new, y) {
			t.Fatalf("Words(%q, %q) rebuilds %q and %q", x, y, old, new)
		}
		if want := len(x) + len(y) - 2*lcsLen(x, y); changed != want {
			t.Fatalf("Words(%q, %q) changes %d words, want %d", x, y, changed, want)
		}
	}
}

func lcsLen(x, y []string) int {
	l := make([][]int, len(x)+1)
	for i := range l {
		l[i] = make([]int, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				l[i][j] = l[i+1][j+1] + 1
			} else {
				l[i][j] = max(l[i+1][j], l[i][j+1])
			}
		}
	}
	return l[0][0]
}

// TestWordsManyChanges: a medium text changed throughout is still compared
// word by word (2,000 words, one in six changed; 1,000, one in two), as
// the table of the first version compared it, not shown replaced whole.
func TestWordsManyChanges(t *testing.T) {
	for _, tc := range []struct{ n, every int }{{2000, 6}, {1000, 2}, {1500, 4}} {
		var a, b []string
		for i := range tc.n {
			a = append(a, fmt.Sprintf("từ%d", i))
			if i%tc.every == 0 {
				b = append(b, fmt.Sprintf("chữ%d", i))
			} else {
				b = append(b, a[i])
			}
		}
		changed := 0
		for _, p := range Words(strings.Join(a, " "), strings.Join(b, " ")) {
			if p.Op == Deleted {
				changed += len(strings.Fields(p.Text))
			}
		}
		if want := (tc.n + tc.every - 1) / tc.every; changed != want {
			t.Errorf("%d words, one in %d changed: %d words deleted, want %d", tc.n, tc.every, changed, want)
		}
	}
}
