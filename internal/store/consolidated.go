package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"tiendo"
)

const consolidatedColumns = `c.id, c.round_id, c.status, c.version, c.subject, c.sections, c.return_comment,
	COALESCE(c.approved_by, 0), c.approved_at, c.updated_at, COALESCE(g.number, 0), COALESCE(g.symbol, ''), g.issued_at, COALESCE(g.signer, '')`

func scanConsolidated(row interface{ Scan(...any) error }) (*tiendo.ConsolidatedReport, error) {
	var c tiendo.ConsolidatedReport
	var parts string
	var approved, issued sql.NullTime
	if err := row.Scan(&c.ID, &c.RoundID, &c.Status, &c.Version, &c.Subject, &parts, &c.ReturnComment,
		&c.ApprovedBy, &approved, &c.UpdatedAt, &c.Number, &c.Symbol, &issued, &c.Signer); err != nil {
		return nil, err
	}
	c.ApprovedAt, c.IssuedAt = approved.Time, issued.Time
	if err := json.Unmarshal([]byte(parts), &c.Parts); err != nil {
		return nil, fmt.Errorf("store: consolidated %d: %w", c.ID, err)
	}
	return &c, nil
}

func (s *Store) consolidated(ctx context.Context, db queryer, roundID int64) (*tiendo.ConsolidatedReport, error) {
	c, err := scanConsolidated(db.QueryRowContext(ctx, s.q(`SELECT `+consolidatedColumns+`
		FROM consolidated_reports c LEFT JOIN register g ON g.id = c.register_id WHERE c.round_id = ?`), roundID))
	if err != nil {
		return nil, notFound(err, "Đợt báo cáo này chưa có báo cáo tổng hợp. Văn phòng bấm “Lập báo cáo tổng hợp” để dự thảo.")
	}
	return c, nil
}

// Consolidated returns round roundID's consolidated report, if u may see
// it: the office and leaders see it at every stage, readers once it is
// issued.
func (s *Store) Consolidated(ctx context.Context, u *tiendo.User, roundID int64) (*tiendo.ConsolidatedReport, error) {
	if tiendo.ScopeOf(u, tiendo.ActionReadReport) != tiendo.ScopeAll {
		return nil, tiendo.Errorf(tiendo.EFORBIDDEN, "Chỉ Văn phòng, lãnh đạo và nơi nhận được xem báo cáo tổng hợp.")
	}
	if _, err := s.Round(ctx, u, roundID); err != nil {
		return nil, err
	}
	c, err := s.consolidated(ctx, s.rdb, roundID)
	if err != nil {
		return nil, err
	}
	if c.Status != tiendo.DocIssued && !tiendo.Allowed(u, tiendo.ActionConsolidate, 0) && !tiendo.Allowed(u, tiendo.ActionApproveDoc, 0) {
		return nil, tiendo.Errorf(tiendo.ENOTFOUND, "Báo cáo tổng hợp chưa được ban hành.")
	}
	return c, nil
}

func cleanParts(parts []tiendo.ReportPart) []tiendo.ReportPart {
	out := make([]tiendo.ReportPart, 0, len(parts))
	for _, p := range parts {
		out = append(out, tiendo.ReportPart{Key: nfc(p.Key), Heading: nfc(p.Heading), Text: strings.ReplaceAll(nfc(p.Text), "\r\n", "\n")})
	}
	return out
}

// CreateConsolidated saves the first draft of a round's consolidated report.
func (s *Store) CreateConsolidated(ctx context.Context, actor Actor, u *tiendo.User, c *tiendo.ConsolidatedReport) error {
	if !tiendo.Allowed(u, tiendo.ActionConsolidate, 0) {
		return tiendo.Errorf(tiendo.EFORBIDDEN, "Chỉ Văn phòng được lập báo cáo tổng hợp.")
	}
	if _, err := s.Round(ctx, u, c.RoundID); err != nil {
		return err
	}
	c.Parts, c.Subject = cleanParts(c.Parts), nfc(c.Subject)
	parts, _ := json.Marshal(c.Parts)
	now := s.now()
	c.Status, c.Version, c.UpdatedAt = tiendo.DocDraft, 1, now
	return s.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO consolidated_reports (round_id, status, version, subject, sections, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`), c.RoundID, c.Status, c.Version, c.Subject, string(parts), now, now).Scan(&c.ID)
		if s.dialect.isUniqueViolation(err) {
			return tiendo.Errorf(tiendo.ECONFLICT, "Đợt này đã có báo cáo tổng hợp; hãy mở bản đó để sửa.")
		} else if err != nil {
			return fmt.Errorf("store: create consolidated: %w", err)
		}
		return s.audit(ctx, tx, actor, "create", "consolidated_report", c.ID, nil, c)
	})
}

// UpdateConsolidated saves the office's edits of a draft. c.Version must be
// the version edited; a stale one is refused.
func (s *Store) UpdateConsolidated(ctx context.Context, actor Actor, u *tiendo.User, c *tiendo.ConsolidatedReport) error {
	if !tiendo.Allowed(u, tiendo.ActionConsolidate, 0) {
		return tiendo.Errorf(tiendo.EFORBIDDEN, "Chỉ Văn phòng được sửa báo cáo tổng hợp.")
	}
	c.Parts, c.Subject = cleanParts(c.Parts), nfc(c.Subject)
	parts, _ := json.Marshal(c.Parts)
	return s.tx(ctx, func(tx *sql.Tx) error {
		before, err := s.consolidated(ctx, tx, c.RoundID)
		if err != nil {
			return err
		}
		if before.Status != tiendo.DocDraft {
			return tiendo.Errorf(tiendo.ECONFLICT, "Báo cáo tổng hợp đang ở trạng thái “%s”; chỉ sửa được bản dự thảo.", before.Status.Label())
		}
		if before.Version != c.Version {
			return tiendo.Errorf(tiendo.ECONFLICT, "Báo cáo tổng hợp đã được người khác lưu (phiên bản %d, bạn sửa phiên bản %d). Nội dung của bạn vẫn còn trên màn hình; hãy đối chiếu rồi lưu lại.", before.Version, c.Version)
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE consolidated_reports SET subject = ?, sections = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`),
			c.Subject, string(parts), now, before.ID, before.Version); err != nil {
			return fmt.Errorf("store: update consolidated: %w", err)
		}
		c.ID, c.Status, c.Version, c.UpdatedAt = before.ID, before.Status, before.Version+1, now
		return s.audit(ctx, tx, actor, "update", "consolidated_report", c.ID, before, c)
	})
}

// DocAction is a step of a document's approval.
type DocAction string

// Document actions.
const (
	DocSend    DocAction = "send"    // office: to the leader for approval
	DocApprove DocAction = "approve" // leader
	DocReturn  DocAction = "return"  // leader: back to the office with a comment
)

// ActOnConsolidated moves the consolidated report through its approval.
func (s *Store) ActOnConsolidated(ctx context.Context, actor Actor, u *tiendo.User, roundID int64, a DocAction, version int, comment string) (*tiendo.ConsolidatedReport, error) {
	need, from, to := tiendo.ActionConsolidate, tiendo.DocDraft, tiendo.DocPending
	switch a {
	case DocApprove:
		need, from, to = tiendo.ActionApproveDoc, tiendo.DocPending, tiendo.DocApproved
	case DocReturn:
		need, from, to = tiendo.ActionApproveDoc, tiendo.DocPending, tiendo.DocDraft
	case DocSend:
	default:
		return nil, tiendo.Errorf(tiendo.EINVALID, "Thao tác %q không có.", a)
	}
	if !tiendo.Allowed(u, need, 0) {
		return nil, tiendo.Errorf(tiendo.EFORBIDDEN, "Bạn không có quyền thực hiện thao tác này với báo cáo tổng hợp.")
	}
	comment = nfc(comment)
	if a == DocReturn && comment == "" {
		return nil, &tiendo.Error{Code: tiendo.EINVALID, Message: "Hãy ghi ý kiến khi trả lại để Văn phòng biết cần sửa gì.", Fields: map[string]string{"comment": "Hãy ghi ý kiến."}}
	}
	var c *tiendo.ConsolidatedReport
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if c, err = s.consolidated(ctx, tx, roundID); err != nil {
			return err
		}
		if c.Version != version {
			return tiendo.Errorf(tiendo.ECONFLICT, "Báo cáo tổng hợp đã thay đổi (phiên bản %d, bạn có phiên bản %d); hãy tải lại trang.", c.Version, version)
		}
		if c.Status != from {
			return tiendo.Errorf(tiendo.ECONFLICT, "Báo cáo tổng hợp đang ở trạng thái “%s”; không thực hiện được thao tác này.", c.Status.Label())
		}
		now := s.now()
		var approvedBy, approvedAt any
		if a == DocApprove {
			approvedBy, approvedAt = nullID(actor.UserID), now
		}
		if a != DocReturn {
			comment = ""
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE consolidated_reports SET status = ?, version = version + 1, return_comment = ?,
			approved_by = ?, approved_at = ?, updated_at = ? WHERE id = ?`), to, comment, approvedBy, approvedAt, now, c.ID); err != nil {
			return fmt.Errorf("store: %s consolidated: %w", a, err)
		}
		before := c.Status
		c.Status, c.Version, c.ReturnComment, c.UpdatedAt = to, c.Version+1, comment, now
		link := fmt.Sprintf("/rounds/%d/consolidated", roundID)
		switch a {
		case DocSend:
			err = s.notifyRoles(ctx, tx, []tiendo.Role{tiendo.RoleLeader}, "doc_pending", "Báo cáo tổng hợp chờ anh/chị duyệt: "+c.Subject, link)
		case DocApprove:
			err = s.notifyRoles(ctx, tx, []tiendo.Role{tiendo.RoleOffice}, "doc_approved", "Lãnh đạo đã duyệt báo cáo tổng hợp: "+c.Subject, link)
		case DocReturn:
			err = s.notifyRoles(ctx, tx, []tiendo.Role{tiendo.RoleOffice}, "doc_returned", "Lãnh đạo trả lại báo cáo tổng hợp: "+c.Subject, link)
		}
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, string(a), "consolidated_report", c.ID, map[string]any{"status": before}, map[string]any{"status": to, "comment": comment})
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// Issue is what issuing needs besides the report: who issues it and how its
// frozen files are made once the number and date are known.
type Issue struct {
	Issuer  string // the register's series: one per issuing body
	Symbol  string // "BC-UBND"
	DocType string // "BC"
	Signer  string
	// Render makes the files with the number and date the register gives.
	Render func(number int, date time.Time) (map[string][]byte, error)
}

// IssueConsolidated issues an approved consolidated report: it takes the
// next number of the outgoing register for the issuer and year (numbers
// restart at 1 each 1 January and never repeat, even with several app
// instances issuing at once), stamps today's date, freezes the rendered
// files and tells the readers. Everything happens in one transaction.
func (s *Store) IssueConsolidated(ctx context.Context, actor Actor, u *tiendo.User, roundID int64, version int, in Issue) (*tiendo.ConsolidatedReport, error) {
	if !tiendo.Allowed(u, tiendo.ActionConsolidate, 0) {
		return nil, tiendo.Errorf(tiendo.EFORBIDDEN, "Chỉ Văn phòng được ban hành văn bản.")
	}
	var c *tiendo.ConsolidatedReport
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if c, err = s.consolidated(ctx, tx, roundID); err != nil {
			return err
		}
		if c.Version != version {
			return tiendo.Errorf(tiendo.ECONFLICT, "Báo cáo tổng hợp đã thay đổi (phiên bản %d, bạn có phiên bản %d); hãy tải lại trang.", c.Version, version)
		}
		if c.Status != tiendo.DocApproved {
			return tiendo.Errorf(tiendo.ECONFLICT, "Chỉ ban hành được báo cáo đã được lãnh đạo duyệt (trạng thái hiện tại: %s).", c.Status.Label())
		}
		now := s.now()
		regID, number, err := s.register(ctx, tx, actor, roundID, in, c.Subject, now)
		if err != nil {
			return err
		}
		files, err := in.Render(number, now)
		if err != nil {
			return fmt.Errorf("store: render issued report: %w", err)
		}
		for kind, data := range files {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO issued_files (register_id, kind, data) VALUES (?, ?, ?)`), regID, kind, data); err != nil {
				return fmt.Errorf("store: issued file: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE consolidated_reports SET status = ?, version = version + 1, register_id = ?, updated_at = ? WHERE id = ?`),
			tiendo.DocIssued, regID, now, c.ID); err != nil {
			return fmt.Errorf("store: issue consolidated: %w", err)
		}
		c.Status, c.Version, c.Number, c.Symbol, c.IssuedAt, c.Signer, c.UpdatedAt = tiendo.DocIssued, c.Version+1, number, in.Symbol, now, in.Signer, now
		msg := fmt.Sprintf("Đã ban hành Báo cáo số %02d/%s: %s", number, in.Symbol, c.Subject)
		if err := s.notifyRoles(ctx, tx, []tiendo.Role{tiendo.RoleReader, tiendo.RoleLeader}, "doc_issued", msg, fmt.Sprintf("/rounds/%d/consolidated", roundID)); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "issue", "consolidated_report", c.ID, nil, map[string]any{"number": number, "symbol": in.Symbol})
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// register enters a document in the outgoing register and returns its row
// and number. The counter row is updated with an upsert, which PostgreSQL
// locks for the rest of the transaction, so two instances issuing at once
// queue on it and get consecutive numbers; SQLite has one writer anyway.
func (s *Store) register(ctx context.Context, tx *sql.Tx, actor Actor, roundID int64, in Issue, subject string, at time.Time) (int64, int, error) {
	year := at.In(tiendo.Zone).Year()
	var number int
	if err := tx.QueryRowContext(ctx, s.q(`INSERT INTO register_counters (issuer, year, last) VALUES (?, ?, 1)
		ON CONFLICT (issuer, year) DO UPDATE SET last = register_counters.last + 1 RETURNING last`), in.Issuer, year).Scan(&number); err != nil {
		return 0, 0, fmt.Errorf("store: register number: %w", err)
	}
	var id int64
	if err := tx.QueryRowContext(ctx, s.q(`INSERT INTO register (issuer, year, number, symbol, doc_type, subject, issued_at, signer, round_id, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`), in.Issuer, year, number, in.Symbol, in.DocType, subject, at, in.Signer, nullID(roundID), nullID(actor.UserID)).Scan(&id); err != nil {
		return 0, 0, fmt.Errorf("store: register: %w", err)
	}
	return id, number, nil
}

// IssuedFile returns a frozen file ("docx", "pdf", "xlsx") of round
// roundID's issued consolidated report.
func (s *Store) IssuedFile(ctx context.Context, u *tiendo.User, roundID int64, kind string) ([]byte, error) {
	c, err := s.Consolidated(ctx, u, roundID)
	if err != nil {
		return nil, err
	}
	if c.Status != tiendo.DocIssued {
		return nil, tiendo.Errorf(tiendo.ENOTFOUND, "Báo cáo chưa ban hành.")
	}
	var data []byte
	err = s.rdb.QueryRowContext(ctx, s.q(`SELECT f.data FROM issued_files f JOIN consolidated_reports c ON c.register_id = f.register_id
		WHERE c.round_id = ? AND f.kind = ?`), roundID, kind).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, tiendo.Errorf(tiendo.ENOTFOUND, "Không có tệp %s của báo cáo đã ban hành.", kind)
	}
	return data, err
}

// RegisterEntry is a line of the outgoing register.
type RegisterEntry struct {
	Number   int
	Symbol   string
	Year     int
	DocType  string
	Subject  string
	IssuedAt time.Time
	Signer   string
	RoundID  int64
}

// Register returns the outgoing register of an issuer for a year, in order.
func (s *Store) Register(ctx context.Context, issuer string, year int) ([]RegisterEntry, error) {
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT number, symbol, year, doc_type, subject, issued_at, signer, COALESCE(round_id, 0)
		FROM register WHERE issuer = ? AND year = ? ORDER BY number`), issuer, year)
	if err != nil {
		return nil, fmt.Errorf("store: register: %w", err)
	}
	defer rows.Close()
	var out []RegisterEntry
	for rows.Next() {
		var e RegisterEntry
		if err := rows.Scan(&e.Number, &e.Symbol, &e.Year, &e.DocType, &e.Subject, &e.IssuedAt, &e.Signer, &e.RoundID); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// RoundReports returns the reports of round r (loaded whole, as Round
// returns it) that reached the office: submitted, returned or accepted.
// The caller has checked that the user may see every unit's report.
func (s *Store) RoundReports(ctx context.Context, r *tiendo.Round) ([]*tiendo.UnitReport, error) {
	var out []*tiendo.UnitReport
	for _, unitID := range r.UnitIDs {
		rep, err := s.report(ctx, s.rdb, r, unitID)
		if err != nil {
			return nil, err
		}
		switch rep.Status {
		case tiendo.ReportSubmitted, tiendo.ReportAccepted, tiendo.ReportReturned:
			out = append(out, rep)
		}
	}
	return out, nil
}
