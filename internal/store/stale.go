package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"tiendo"
)

// A consolidated report is drawn from the units' reports at one moment, and
// the units go on sending theirs: a part drawn before a report came says
// "chưa gửi báo cáo" of a unit that has. To tell which parts are older than
// the reports they use, the store keeps when each part was last drawn: the
// document's creation draws them all, and a part drawn again is recorded in
// the audit log (action "regenerate", with the parts' keys), in the same
// transaction as the text it wrote. A report goes out of what the draft
// counts when the office returns it: ReportsReturned says when, from the
// audit log too.

// actionRegenerate is the audit action of parts drawn again.
const actionRegenerate = "regenerate"

// PartsDrawn is when the parts of a document were last drawn from the units'
// reports.
type PartsDrawn struct {
	Created time.Time            // the document was drafted: every part drawn
	Parts   map[string]time.Time // drawn again since, by key: the last time
}

// At is when the part key was last drawn.
func (d PartsDrawn) At(key string) time.Time {
	if at, ok := d.Parts[key]; ok && at.After(d.Created) {
		return at
	}
	return d.Created
}

// regenerated is the audit row's record of the parts drawn again.
type regenerated struct {
	Parts []string `json:"parts"`
}

// DocPartsDrawn returns when the parts of round roundID's document of kind
// were last drawn from the units' reports, for a user who may see the
// document. A record pruned from the audit log counts the part as drawn
// when the document was: it is then taken as older than it is, never newer.
func (s *Store) DocPartsDrawn(ctx context.Context, u *tiendo.User, roundID int64, kind tiendo.DocKind) (PartsDrawn, error) {
	// Who may see the document, as Doc decides, without loading its text:
	// a province's report runs to tens of megabytes.
	drafts := tiendo.Allowed(u, tiendo.ActionConsolidate, 0) || tiendo.Allowed(u, tiendo.ActionApproveDoc, 0)
	if !drafts && tiendo.ScopeOf(u, tiendo.ActionReadReport) != tiendo.ScopeAll && kind != tiendo.DocDirective {
		return PartsDrawn{}, tiendo.Errorf(tiendo.EFORBIDDEN, "Chỉ Văn phòng, lãnh đạo và nơi nhận được xem báo cáo tổng hợp.")
	}
	if _, err := s.Round(ctx, u, roundID); err != nil {
		return PartsDrawn{}, err
	}
	d := PartsDrawn{Parts: map[string]time.Time{}}
	var id int64
	var status tiendo.DocStatus
	err := s.rdb.QueryRowContext(ctx, s.q(`SELECT id, created_at, status FROM documents WHERE round_id = ? AND kind = ?`), roundID, kind).Scan(&id, &d.Created, &status)
	if err != nil {
		return PartsDrawn{}, notFound(err, "Đợt báo cáo này chưa có văn bản này.")
	}
	if status != tiendo.DocIssued && !drafts {
		return PartsDrawn{}, tiendo.Errorf(tiendo.ENOTFOUND, "Văn bản chưa được ban hành.")
	}
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT at, after FROM audit_log WHERE entity = 'document' AND entity_id = ? AND action = ? ORDER BY id`), id, actionRegenerate)
	if err != nil {
		return PartsDrawn{}, fmt.Errorf("store: parts drawn: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var at time.Time
		var after string
		if err := rows.Scan(&at, &after); err != nil {
			return PartsDrawn{}, fmt.Errorf("store: parts drawn: %w", err)
		}
		var r regenerated
		if json.Unmarshal([]byte(after), &r) != nil {
			continue
		}
		for _, k := range r.Parts {
			if at.After(d.Parts[k]) {
				d.Parts[k] = at
			}
		}
	}
	return d, rows.Err()
}

// RegenerateDoc saves the office's edits of a draft as UpdateDoc does, the
// parts named by keys having been drawn again from the units' reports: one
// transaction, audited as the update and then the parts drawn, so that
// DocPartsDrawn knows them drawn now. A key c has no part for is refused.
func (s *Store) RegenerateDoc(ctx context.Context, actor Actor, u *tiendo.User, c *tiendo.Document, keys []string) error {
	if !tiendo.Allowed(u, tiendo.ActionConsolidate, 0) {
		return tiendo.Errorf(tiendo.EFORBIDDEN, "Chỉ Văn phòng được sửa văn bản.")
	}
	if len(keys) == 0 {
		return tiendo.Errorf(tiendo.EINVALID, "Chưa chọn phần nào để tạo lại.")
	}
	c.Parts, c.Subject = cleanParts(c.Parts), nfc(c.Subject)
	// The keys as the parts hold them, each once: the audit row is what
	// DocPartsDrawn reads back.
	var clean []string
	for _, k := range keys {
		k = nfc(k)
		if slices.Contains(clean, k) {
			continue
		}
		if len(clean) == len(c.Parts) || !slices.ContainsFunc(c.Parts, func(p tiendo.ReportPart) bool { return p.Key == k }) {
			if r := []rune(k); len(r) > 40 {
				k = string(r[:40]) + "…"
			}
			return tiendo.Errorf(tiendo.EINVALID, "Văn bản không có phần %q để tạo lại; hãy tải lại trang.", k)
		}
		clean = append(clean, k)
	}
	keys = clean
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.updateDoc(ctx, tx, actor, c); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, actionRegenerate, "document", c.ID, nil, regenerated{Parts: slices.Clone(keys)})
	})
}

// ReportsReturned returns, by unit, when the office last returned the
// report of each unit of round roundID whose report came and is now back
// with it (not tiendo.ReportStatus.Sent): what a part drawn before that
// still counts and drafting it again would not. A return pruned from the
// audit log is taken as the report's last change (updated_at), which is
// never earlier: a part is then taken as drawn before it, never after.
// The caller has checked that the user may see the round's reports.
func (s *Store) ReportsReturned(ctx context.Context, roundID int64) (map[int64]time.Time, error) {
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT ur.unit_id, ur.updated_at, a.at FROM unit_reports ur
		LEFT JOIN audit_log a ON a.entity = 'unit_report' AND a.entity_id = ur.id AND a.action = ?
		WHERE ur.round_id = ? AND ur.submitted_at IS NOT NULL AND ur.status NOT IN (?, ?)`),
		tiendo.ReportReturn, roundID, tiendo.ReportSubmitted, tiendo.ReportAccepted)
	if err != nil {
		return nil, fmt.Errorf("store: reports returned: %w", err)
	}
	defer rows.Close()
	out := map[int64]time.Time{}
	pruned := map[int64]time.Time{}
	for rows.Next() {
		var unit int64
		var updated, at sql.NullTime
		if err := rows.Scan(&unit, &updated, &at); err != nil {
			return nil, fmt.Errorf("store: reports returned: %w", err)
		}
		if !at.Valid {
			pruned[unit] = updated.Time
			continue
		}
		if at.Time.After(out[unit]) {
			out[unit] = at.Time
		}
	}
	for unit, at := range pruned {
		if _, ok := out[unit]; !ok {
			out[unit] = at
		}
	}
	return out, rows.Err()
}
