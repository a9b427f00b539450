package store

import (
	"slices"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// sortVietnamese sorts xs by key in Vietnamese order ("Đ" after "D", tones
// after the bare letter). It sorts in Go rather than in SQL so that SQLite and
// PostgreSQL give the same order.
func sortVietnamese[T any](xs []T, key func(T) string) {
	c := collate.New(language.Vietnamese, collate.IgnoreCase)
	slices.SortStableFunc(xs, func(a, b T) int { return c.CompareString(key(a), key(b)) })
}
