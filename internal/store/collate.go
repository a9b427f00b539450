package store

import "tiendo/internal/vi"

// sortVietnamese sorts xs by key in Vietnamese order ("Đ" after "D", tones
// after the bare letter). It sorts in Go rather than in SQL so that SQLite and
// PostgreSQL give the same order.
func sortVietnamese[T any](xs []T, key func(T) string) { vi.Sort(xs, key) }
