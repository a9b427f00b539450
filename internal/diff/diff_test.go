package diff

import (
	"reflect"
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
	// Very long texts are compared whole, not slowly.
	long := strings.Repeat("từ ", 3000)
	if got := Words(long, long+"thêm"); len(got) != 2 || got[0].Op != Deleted || got[1].Op != Inserted {
		t.Errorf("long texts: %d parts", len(got))
	}
}
