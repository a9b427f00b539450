package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"tiendo"
	"tiendo/internal/vi"
)

// IssuerCutoff is the data cut-off day of an issuing body, as the settings
// page lists it.
type IssuerCutoff struct {
	Issuer string `json:"issuer"` // as written; "" is the default for every issuer
	// Day is the issuer's own cut-off day, 0 when it has none and follows
	// the default; Applies is the day that applies either way.
	Day       int       `json:"cutoff_day"`
	Applies   int       `json:"applies"`
	UpdatedAt time.Time `json:"updated_at,omitzero"`
	Rounds    int       `json:"rounds"` // rounds that name this issuer
}

// issuerKey is what issuers are told apart by: "UỶ BAN NHÂN DÂN HUYỆN" and
// "Ủy ban nhân dân huyện" are one body.
func issuerKey(issuer string) string { return strings.Join(strings.Fields(vi.Fold(issuer)), " ") }

// CutoffDay returns the cut-off day that applies to issuer: its own
// setting, else the default row's, else tiendo.DefaultCutoffDay.
func (s *Store) CutoffDay(ctx context.Context, issuer string) (int, error) {
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT issuer_key, cutoff_day FROM issuer_settings WHERE issuer_key IN (?, '')`), issuerKey(issuer))
	if err != nil {
		return 0, fmt.Errorf("store: cutoff day: %w", err)
	}
	defer rows.Close()
	own, def := 0, 0
	for rows.Next() {
		var key string
		var day int
		if err := rows.Scan(&key, &day); err != nil {
			return 0, err
		}
		if key == "" {
			def = day
		} else {
			own = day
		}
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	switch {
	case own != 0:
		return own, nil
	case def != 0:
		return def, nil
	}
	return tiendo.DefaultCutoffDay, nil
}

// RoundWindow returns the data window of round r by its issuer's cut-off
// day, and the day; the window is zero when r's period has none.
func (s *Store) RoundWindow(ctx context.Context, r *tiendo.Round) (tiendo.Window, int, error) {
	day, err := s.CutoffDay(ctx, r.Issuer)
	if err != nil {
		return tiendo.Window{}, 0, err
	}
	w, _ := r.Period.Window(day)
	return w, day, nil
}

// CutoffSettings lists the default first, then every issuer that has a
// setting of its own or names a round, in Vietnamese order.
func (s *Store) CutoffSettings(ctx context.Context) ([]IssuerCutoff, error) {
	byKey := map[string]*IssuerCutoff{"": {Applies: tiendo.DefaultCutoffDay}}
	rows, err := s.rdb.QueryContext(ctx, `SELECT issuer_key, issuer, cutoff_day, updated_at FROM issuer_settings`)
	if err != nil {
		return nil, fmt.Errorf("store: cutoff settings: %w", err)
	}
	for rows.Next() {
		var key string
		var c IssuerCutoff
		if err := rows.Scan(&key, &c.Issuer, &c.Day, &c.UpdatedAt); err != nil {
			rows.Close()
			return nil, err
		}
		c.UpdatedAt = c.UpdatedAt.In(tiendo.Zone)
		if key == "" {
			c.Issuer = ""
		}
		byKey[key] = &c
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = s.rdb.QueryContext(ctx, `SELECT issuer, COUNT(*) FROM rounds WHERE issuer <> '' GROUP BY issuer`)
	if err != nil {
		return nil, fmt.Errorf("store: cutoff settings: %w", err)
	}
	for rows.Next() {
		var issuer string
		var n int
		if err := rows.Scan(&issuer, &n); err != nil {
			rows.Close()
			return nil, err
		}
		key := issuerKey(issuer)
		if key == "" {
			continue
		}
		c := byKey[key]
		if c == nil {
			c = &IssuerCutoff{Issuer: strings.Join(strings.Fields(vi.NFC(issuer)), " ")}
			byKey[key] = c
		}
		c.Rounds += n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	def := byKey[""]
	if def.Day != 0 {
		def.Applies = def.Day
	}
	var out []IssuerCutoff
	for key, c := range byKey {
		if key == "" {
			continue
		}
		c.Applies = c.Day
		if c.Day == 0 {
			c.Applies = def.Applies
		}
		out = append(out, *c)
	}
	sortVietnamese(out, func(c IssuerCutoff) string { return c.Issuer })
	return append([]IssuerCutoff{*def}, out...), nil
}

// SetCutoffDay sets issuer's cut-off day; issuer "" sets the default for
// every issuer without its own. Day 0 removes an issuer's own setting, so
// that the default applies to it again. Only the administrator may.
func (s *Store) SetCutoffDay(ctx context.Context, actor Actor, u *tiendo.User, issuer string, day int) error {
	if !tiendo.Allowed(u, tiendo.ActionManageUnits, 0) {
		return tiendo.Errorf(tiendo.EFORBIDDEN, "Chỉ quản trị được đặt thời gian chốt số liệu.")
	}
	issuer = strings.Join(strings.Fields(nfc(issuer)), " ")
	key := issuerKey(issuer)
	switch {
	case utf8.RuneCountInString(issuer) > 300:
		return &tiendo.Error{Code: tiendo.EINVALID, Message: "Tên cơ quan ban hành quá dài (tối đa 300 ký tự).",
			Fields: map[string]string{"issuer": "Hãy rút gọn tên cơ quan ban hành."}}
	case issuer != "" && strings.IndexFunc(key, unicode.IsLetter) < 0:
		return &tiendo.Error{Code: tiendo.EINVALID, Message: "Tên cơ quan ban hành không có chữ nào.",
			Fields: map[string]string{"issuer": "Hãy nhập tên cơ quan ban hành, ví dụ Ủy ban nhân dân huyện Hữu Lũng."}}
	case day == 0 && key == "":
		return &tiendo.Error{Code: tiendo.EINVALID, Message: "Hãy chọn ngày chốt số liệu mặc định.",
			Fields: map[string]string{"cutoff_day": fmt.Sprintf("Hãy nhập một ngày từ %d đến %d.", tiendo.CalendarCutoffDay, tiendo.MaxCutoffDay)}}
	case day != 0 && !tiendo.ValidCutoffDay(day):
		return &tiendo.Error{Code: tiendo.EINVALID,
			Message: fmt.Sprintf("Ngày chốt số liệu %d không hợp lệ: hãy nhập một ngày từ %d (tính theo tháng dương lịch) đến %d, để tháng Hai cũng có ngày đó.", day, tiendo.CalendarCutoffDay, tiendo.MaxCutoffDay),
			Fields:  map[string]string{"cutoff_day": fmt.Sprintf("Hãy nhập một ngày từ %d đến %d.", tiendo.CalendarCutoffDay, tiendo.MaxCutoffDay)}}
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		// On PostgreSQL two settings at once both read the value before
		// either, and the second recorded a "before" already replaced; a
		// row lock cannot hold a setting not yet made, so they queue on
		// one lock. SQLite's single writer already runs them in turn.
		if s.dialect == postgres {
			if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7305)`); err != nil {
				return fmt.Errorf("store: lock the cutoff settings: %w", err)
			}
		}
		var before sql.NullInt64
		err := tx.QueryRowContext(ctx, s.q(`SELECT cutoff_day FROM issuer_settings WHERE issuer_key = ?`), key).Scan(&before)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: cutoff: %w", err)
		}
		if before.Int64 == int64(day) {
			return nil // nothing changes, nothing to record
		}
		if day == 0 {
			_, err = tx.ExecContext(ctx, s.q(`DELETE FROM issuer_settings WHERE issuer_key = ?`), key)
		} else {
			_, err = tx.ExecContext(ctx, s.q(`INSERT INTO issuer_settings (issuer_key, issuer, cutoff_day, updated_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (issuer_key) DO UPDATE SET issuer = excluded.issuer, cutoff_day = excluded.cutoff_day, updated_at = excluded.updated_at`),
				key, issuer, day, s.now())
		}
		if err != nil {
			return fmt.Errorf("store: set cutoff: %w", err)
		}
		type setting struct {
			Issuer    string `json:"issuer"`
			CutoffDay int64  `json:"cutoff_day"`
		}
		return s.audit(ctx, tx, actor, "update", "issuer_setting", 0,
			setting{issuer, before.Int64}, setting{issuer, int64(day)})
	})
}
