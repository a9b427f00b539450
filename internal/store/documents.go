package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"tiendo"
	"tiendo/internal/vi"
)

const docColumns = `c.id, c.round_id, c.kind, c.status, c.version, c.subject, c.sections, c.return_comment,
	COALESCE(c.approved_by, 0), c.approved_at, c.updated_at, COALESCE(g.number, 0), COALESCE(g.symbol, ''), g.issued_at, COALESCE(g.signer, '')`

// docHeadColumns are docColumns without the document's text (DocHead).
var docHeadColumns = strings.Replace(docColumns, "c.sections", "''", 1)

// scanDoc reads a row of docColumns, or of docHeadColumns when !text.
func scanDoc(row interface{ Scan(...any) error }, text bool) (*tiendo.Document, error) {
	var c tiendo.Document
	var parts string
	var approved, issued sql.NullTime
	if err := row.Scan(&c.ID, &c.RoundID, &c.Kind, &c.Status, &c.Version, &c.Subject, &parts, &c.ReturnComment,
		&c.ApprovedBy, &approved, &c.UpdatedAt, &c.Number, &c.Symbol, &issued, &c.Signer); err != nil {
		return nil, err
	}
	c.ApprovedAt, c.IssuedAt = approved.Time, issued.Time
	if !text {
		return &c, nil
	}
	if err := json.Unmarshal([]byte(parts), &c.Parts); err != nil {
		return nil, fmt.Errorf("store: document %d: %w", c.ID, err)
	}
	return &c, nil
}

func (s *Store) doc(ctx context.Context, db queryer, roundID int64, kind tiendo.DocKind) (*tiendo.Document, error) {
	return s.docRow(ctx, db, roundID, kind, true)
}

// docRow reads round roundID's document of kind, with its text or not.
func (s *Store) docRow(ctx context.Context, db queryer, roundID int64, kind tiendo.DocKind, text bool) (*tiendo.Document, error) {
	cols := docColumns
	if !text {
		cols = docHeadColumns
	}
	c, err := scanDoc(db.QueryRowContext(ctx, s.q(`SELECT `+cols+`
		FROM documents c LEFT JOIN register g ON g.id = c.register_id WHERE c.round_id = ? AND c.kind = ?`), roundID, kind), text)
	if err != nil {
		if kind == tiendo.DocDirective {
			return nil, notFound(err, "Đợt báo cáo này chưa có công văn. Văn phòng bấm “Soạn công văn” để dự thảo.")
		}
		return nil, notFound(err, "Đợt báo cáo này chưa có báo cáo tổng hợp. Văn phòng bấm “Lập báo cáo tổng hợp” để dự thảo.")
	}
	return c, nil
}

// Doc returns round roundID's document of the given kind, if u may see it:
// the office and leaders see it at every stage; readers see an issued one;
// the units asked see the issued công văn that assigned them work.
func (s *Store) Doc(ctx context.Context, u *tiendo.User, roundID int64, kind tiendo.DocKind) (*tiendo.Document, error) {
	return s.readDoc(ctx, u, roundID, kind, true)
}

// DocHead is Doc without the document's text: Parts is nil. A page that
// keeps what it drew from the text (the consolidated report's sheet) reads
// the text only when it has to draw it again: a province's report is 25 MB.
func (s *Store) DocHead(ctx context.Context, u *tiendo.User, roundID int64, kind tiendo.DocKind) (*tiendo.Document, error) {
	return s.readDoc(ctx, u, roundID, kind, false)
}

func (s *Store) readDoc(ctx context.Context, u *tiendo.User, roundID int64, kind tiendo.DocKind, text bool) (*tiendo.Document, error) {
	drafts := tiendo.Allowed(u, tiendo.ActionConsolidate, 0) || tiendo.Allowed(u, tiendo.ActionApproveDoc, 0)
	if !drafts && tiendo.ScopeOf(u, tiendo.ActionReadReport) != tiendo.ScopeAll && kind != tiendo.DocDirective {
		return nil, tiendo.Errorf(tiendo.EFORBIDDEN, "Chỉ Văn phòng, lãnh đạo và nơi nhận được xem báo cáo tổng hợp.")
	}
	if _, err := s.Round(ctx, u, roundID); err != nil {
		return nil, err
	}
	c, err := s.docRow(ctx, s.rdb, roundID, kind, text)
	if err != nil {
		return nil, err
	}
	if c.Status != tiendo.DocIssued && !drafts {
		return nil, tiendo.Errorf(tiendo.ENOTFOUND, "Văn bản chưa được ban hành.")
	}
	return c, nil
}

// PendingDoc is a document waiting for a leader's approval, as a home page
// lists it.
type PendingDoc struct {
	RoundID    int64
	RoundTitle string
	Kind       tiendo.DocKind
	SentAt     time.Time // when the office sent it (its last change)
	// For the office (DocsForOffice): approved and waiting to be issued,
	// or returned by the leader (a draft with the leader's reason).
	Status   tiendo.DocStatus
	Returned bool
}

// DocsForOffice lists the documents waiting for the office's next step,
// oldest first, for a user who drafts and issues them: approved by a leader
// and not yet issued, or returned by a leader to be fixed. For anyone else
// it is empty.
func (s *Store) DocsForOffice(ctx context.Context, u *tiendo.User) ([]PendingDoc, error) {
	if !tiendo.Allowed(u, tiendo.ActionConsolidate, 0) {
		return nil, nil
	}
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT d.round_id, r.title, d.kind, d.updated_at, d.status, d.status = ? FROM documents d JOIN rounds r ON r.id = d.round_id
		WHERE d.status = ? OR (d.status = ? AND d.return_comment <> '') ORDER BY d.updated_at, d.id`), tiendo.DocDraft, tiendo.DocApproved, tiendo.DocDraft)
	if err != nil {
		return nil, fmt.Errorf("store: documents for the office: %w", err)
	}
	defer rows.Close()
	var out []PendingDoc
	for rows.Next() {
		var p PendingDoc
		if err := rows.Scan(&p.RoundID, &p.RoundTitle, &p.Kind, &p.SentAt, &p.Status, &p.Returned); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// PendingDocs lists the documents waiting for approval, oldest first, for a
// user who may approve them; for anyone else it is empty.
func (s *Store) PendingDocs(ctx context.Context, u *tiendo.User) ([]PendingDoc, error) {
	if !tiendo.Allowed(u, tiendo.ActionApproveDoc, 0) {
		return nil, nil
	}
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT d.round_id, r.title, d.kind, d.updated_at FROM documents d JOIN rounds r ON r.id = d.round_id
		WHERE d.status = ? ORDER BY d.updated_at, d.id`), tiendo.DocPending)
	if err != nil {
		return nil, fmt.Errorf("store: pending documents: %w", err)
	}
	defer rows.Close()
	var out []PendingDoc
	for rows.Next() {
		var p PendingDoc
		if err := rows.Scan(&p.RoundID, &p.RoundTitle, &p.Kind, &p.SentAt); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func cleanParts(parts []tiendo.ReportPart) []tiendo.ReportPart {
	out := make([]tiendo.ReportPart, 0, len(parts))
	for _, p := range parts {
		out = append(out, tiendo.ReportPart{Key: nfc(p.Key), Heading: nfc(p.Heading), Text: strings.ReplaceAll(nfc(p.Text), "\r\n", "\n")})
	}
	return out
}

// CreateDoc saves the first draft of one of a round's documents (c.Kind).
func (s *Store) CreateDoc(ctx context.Context, actor Actor, u *tiendo.User, c *tiendo.Document) error {
	if !tiendo.Allowed(u, tiendo.ActionConsolidate, 0) {
		return tiendo.Errorf(tiendo.EFORBIDDEN, "Chỉ Văn phòng được soạn văn bản.")
	}
	if c.Kind != tiendo.DocReport && c.Kind != tiendo.DocDirective {
		return tiendo.Errorf(tiendo.EINVALID, "Loại văn bản %q không có.", c.Kind)
	}
	if _, err := s.Round(ctx, u, c.RoundID); err != nil {
		return err
	}
	c.Parts, c.Subject = cleanParts(c.Parts), nfc(c.Subject)
	parts, _ := json.Marshal(c.Parts)
	now := s.now()
	c.Status, c.Version, c.UpdatedAt = tiendo.DocDraft, 1, now
	return s.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO documents (round_id, kind, status, version, subject, sections, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`), c.RoundID, c.Kind, c.Status, c.Version, c.Subject, string(parts), now, now).Scan(&c.ID)
		if s.dialect.isUniqueViolation(err) {
			return tiendo.Errorf(tiendo.ECONFLICT, "Đợt này đã có %s; hãy mở bản đó để sửa.", c.Kind.Label())
		} else if err != nil {
			return fmt.Errorf("store: create document: %w", err)
		}
		return s.audit(ctx, tx, actor, "create", "document", c.ID, nil, c)
	})
}

// UpdateDoc saves the office's edits of a draft (c.RoundID, c.Kind).
// c.Version must be the version edited; a stale one is refused.
func (s *Store) UpdateDoc(ctx context.Context, actor Actor, u *tiendo.User, c *tiendo.Document) error {
	if !tiendo.Allowed(u, tiendo.ActionConsolidate, 0) {
		return tiendo.Errorf(tiendo.EFORBIDDEN, "Chỉ Văn phòng được sửa văn bản.")
	}
	c.Parts, c.Subject = cleanParts(c.Parts), nfc(c.Subject)
	return s.tx(ctx, func(tx *sql.Tx) error { return s.updateDoc(ctx, tx, actor, c) })
}

// updateDoc writes c's text over its draft, at c.Version, as a new version,
// and audits it (UpdateDoc, RegenerateDoc).
func (s *Store) updateDoc(ctx context.Context, tx *sql.Tx, actor Actor, c *tiendo.Document) error {
	before, err := s.draftToEdit(ctx, tx, c)
	if err != nil {
		return err
	}
	now := s.now()
	if err := s.writeDocText(ctx, tx, before, c, "version = version + 1, updated_at = ?", now); err != nil {
		return err
	}
	c.ID, c.Status, c.Version, c.UpdatedAt = before.ID, before.Status, before.Version+1, now
	return s.audit(ctx, tx, actor, "update", "document", c.ID, before, c)
}

// SendDoc saves the office's last edits of a draft (c.RoundID, c.Kind, at
// c.Version) and sends it to the leaders for approval, as one step: one
// transaction, one version. (Saving and then sending made one click of
// “Lưu và trình” two versions, and a send that failed after the save left
// the edits saved but not sent.) The edits are audited as an update when
// there are any, then the send; c becomes the document sent.
func (s *Store) SendDoc(ctx context.Context, actor Actor, u *tiendo.User, c *tiendo.Document) error {
	if !tiendo.Allowed(u, tiendo.ActionConsolidate, 0) {
		return tiendo.Errorf(tiendo.EFORBIDDEN, "Chỉ Văn phòng được trình văn bản.")
	}
	c.Parts, c.Subject = cleanParts(c.Parts), nfc(c.Subject)
	return s.tx(ctx, func(tx *sql.Tx) error {
		before, err := s.draftToEdit(ctx, tx, c)
		if err != nil {
			return err
		}
		sent := *before
		if before.Subject != c.Subject || !slices.Equal(before.Parts, c.Parts) {
			// The version moves once, with the send below.
			if err := s.writeDocText(ctx, tx, before, c, ""); err != nil {
				return err
			}
			sent.Subject, sent.Parts = c.Subject, c.Parts
			if err := s.audit(ctx, tx, actor, "update", "document", before.ID, before, &sent); err != nil {
				return err
			}
		}
		if err := s.stepDoc(ctx, tx, actor, &sent, DocSend, tiendo.DocPending, ""); err != nil {
			return err
		}
		*c = sent
		return nil
	})
}

// draftToEdit loads the stored document c edits and checks that it is
// still the draft at the version c was edited from.
func (s *Store) draftToEdit(ctx context.Context, tx *sql.Tx, c *tiendo.Document) (*tiendo.Document, error) {
	before, err := s.doc(ctx, tx, c.RoundID, c.Kind)
	if err != nil {
		return nil, err
	}
	if before.Status != tiendo.DocDraft {
		return nil, tiendo.Errorf(tiendo.ECONFLICT, "Văn bản đang ở trạng thái “%s”; chỉ sửa được bản dự thảo.", before.Status.Label())
	}
	if before.Version != c.Version {
		return nil, tiendo.Errorf(tiendo.ECONFLICT, "Văn bản đã được người khác lưu (phiên bản %d, bạn sửa phiên bản %d). Nội dung của bạn vẫn còn trên màn hình; hãy đối chiếu rồi lưu lại.", before.Version, c.Version)
	}
	return before, nil
}

// writeDocText writes c's subject and parts over document before, with the
// further assignments given (and their arguments), if the row is still at
// before's version.
func (s *Store) writeDocText(ctx context.Context, tx *sql.Tx, before, c *tiendo.Document, more string, args ...any) error {
	parts, _ := json.Marshal(c.Parts)
	set := "subject = ?, sections = ?"
	if more != "" {
		set += ", " + more
	}
	args = append([]any{c.Subject, string(parts)}, args...)
	res, err := tx.ExecContext(ctx, s.q(`UPDATE documents SET `+set+` WHERE id = ? AND version = ?`), append(args, before.ID, before.Version)...)
	if err != nil {
		return fmt.Errorf("store: update document: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return docOvertaken
	}
	return nil
}

// docOvertaken refuses a step on a document that someone else changed
// since it was read in the same transaction (on PostgreSQL, where reads
// take no lock): the step is not applied, and the person reloads.
var docOvertaken = tiendo.Errorf(tiendo.ECONFLICT, "Văn bản vừa được người khác thay đổi; thao tác của bạn chưa được thực hiện. Nội dung của bạn vẫn còn trên màn hình: hãy tải lại trang để xem bản mới rồi làm lại.")

// DocAction is a step of a document's approval.
type DocAction string

// Document actions.
const (
	DocSend     DocAction = "send"     // office: to the leader for approval
	DocApprove  DocAction = "approve"  // leader
	DocReturn   DocAction = "return"   // leader: back to the office with a comment
	DocWithdraw DocAction = "withdraw" // office: back to draft while it waits for approval
)

// ActOnDoc moves one of a round's documents through its approval.
func (s *Store) ActOnDoc(ctx context.Context, actor Actor, u *tiendo.User, roundID int64, kind tiendo.DocKind, a DocAction, version int, comment string) (*tiendo.Document, error) {
	need, from, to := tiendo.ActionConsolidate, tiendo.DocDraft, tiendo.DocPending
	switch a {
	case DocApprove:
		need, from, to = tiendo.ActionApproveDoc, tiendo.DocPending, tiendo.DocApproved
	case DocReturn:
		need, from, to = tiendo.ActionApproveDoc, tiendo.DocPending, tiendo.DocDraft
	case DocWithdraw:
		// Also once approved and before it is issued: a document to be
		// signed by someone other than the leader who approved it goes
		// back to a draft, to be sent for that person's approval.
		from, to = tiendo.DocPending, tiendo.DocDraft
	case DocSend:
	default:
		return nil, tiendo.Errorf(tiendo.EINVALID, "Thao tác %q không có.", a)
	}
	if !tiendo.Allowed(u, need, 0) {
		return nil, tiendo.Errorf(tiendo.EFORBIDDEN, "Bạn không có quyền thực hiện thao tác này với văn bản.")
	}
	comment = nfc(comment)
	if a == DocApprove && actor.UserID == 0 && u != nil {
		actor.UserID = u.ID // who approves is who signs: record them
	}
	if a == DocReturn && comment == "" {
		return nil, &tiendo.Error{Code: tiendo.EINVALID, Message: "Hãy ghi ý kiến khi trả lại để Văn phòng biết cần sửa gì.", Fields: map[string]string{"comment": "Hãy ghi ý kiến."}}
	}
	var c *tiendo.Document
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if c, err = s.doc(ctx, tx, roundID, kind); err != nil {
			return err
		}
		if c.Version != version {
			return tiendo.Errorf(tiendo.ECONFLICT, "Văn bản đã thay đổi (phiên bản %d, bạn có phiên bản %d); hãy tải lại trang.", c.Version, version)
		}
		if c.Status != from && !(a == DocWithdraw && c.Status == tiendo.DocApproved) {
			if a == DocWithdraw {
				return tiendo.Errorf(tiendo.ECONFLICT, "Văn bản đang ở trạng thái “%s”; chỉ rút lại được văn bản đang chờ lãnh đạo duyệt hoặc đã duyệt mà chưa ban hành.", c.Status.Label())
			}
			return tiendo.Errorf(tiendo.ECONFLICT, "Văn bản đang ở trạng thái “%s”; không thực hiện được thao tác này.", c.Status.Label())
		}
		return s.stepDoc(ctx, tx, actor, c, a, to, comment)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// stepDoc moves document c, checked to be where step a starts, to status
// to: one version, the notifications the step sends, its audit row.
func (s *Store) stepDoc(ctx context.Context, tx *sql.Tx, actor Actor, c *tiendo.Document, a DocAction, to tiendo.DocStatus, comment string) error {
	now := s.now()
	var approvedBy, approvedAt any
	if a == DocApprove {
		approvedBy, approvedAt = nullID(actor.UserID), now
	}
	if a != DocReturn {
		comment = ""
	}
	// The state and version read are still the document's, or the step
	// is refused: a leader's approval and the office's withdrawal cannot
	// both succeed.
	res, err := tx.ExecContext(ctx, s.q(`UPDATE documents SET status = ?, version = version + 1, return_comment = ?,
		approved_by = ?, approved_at = ?, updated_at = ? WHERE id = ? AND status = ? AND version = ?`), to, comment, approvedBy, approvedAt, now, c.ID, c.Status, c.Version)
	if err != nil {
		return fmt.Errorf("store: %s document: %w", a, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return docOvertaken
	}
	before, sentAt, approver := c.Status, c.UpdatedAt, c.ApprovedBy
	c.Status, c.Version, c.ReturnComment, c.UpdatedAt = to, c.Version+1, comment, now
	c.ApprovedBy, c.ApprovedAt = 0, time.Time{}
	if a == DocApprove {
		c.ApprovedBy, c.ApprovedAt = actor.UserID, now
	}
	link, what := docLink(c.RoundID, c.Kind), c.Kind.Label()
	switch a {
	case DocSend:
		err = s.notifyRoles(ctx, tx, []tiendo.Role{tiendo.RoleLeader}, "doc_pending", "Dự thảo "+what+" chờ đồng chí duyệt: "+c.Subject, link)
	case DocApprove:
		err = s.notifyRoles(ctx, tx, []tiendo.Role{tiendo.RoleOffice}, "doc_approved", "Lãnh đạo đã duyệt "+what+": "+c.Subject, link)
	case DocReturn:
		err = s.notifyRoles(ctx, tx, []tiendo.Role{tiendo.RoleOffice}, "doc_returned", "Lãnh đạo trả lại "+what+": "+c.Subject, link)
	case DocWithdraw:
		if before == tiendo.DocApproved && approver != 0 {
			// The leader approved it: their approval no longer stands,
			// and they will be asked again.
			_, err = tx.ExecContext(ctx, s.q(`INSERT INTO notifications (user_id, created_at, kind, title, link)
				SELECT id, ?, 'doc_withdrawn', ?, ? FROM users WHERE id = ? AND NOT disabled`), now,
				"Văn phòng đã rút lại "+what+" đồng chí đã duyệt để sửa; bản sửa sẽ được trình duyệt lại: "+c.Subject, link, approver)
			break
		}
		err = s.unsend(ctx, tx, link, sentAt, "Văn phòng đã rút lại dự thảo "+what+" để sửa, không cần duyệt bản đã trình: "+c.Subject)
	}
	if err != nil {
		return err
	}
	return s.audit(ctx, tx, actor, string(a), "document", c.ID, map[string]any{"status": before}, map[string]any{"status": to, "comment": comment})
}

// unsend takes back the “chờ duyệt” notifications of the document at link,
// which the office has withdrawn, of the send at sent: an unread one is
// deleted, so no bell points a leader at a document that no longer waits
// for them (they never learnt it did); a leader who had read one may be
// reading the draft, and is told, with title, that it was withdrawn.
// Notices of earlier sends, which the leader acted on, are left alone.
func (s *Store) unsend(ctx context.Context, tx *sql.Tx, link string, sent time.Time, title string) error {
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO notifications (user_id, created_at, kind, title, link)
		SELECT id, ?, 'doc_withdrawn', ?, ? FROM users WHERE NOT disabled AND id IN
		(SELECT user_id FROM notifications WHERE kind = 'doc_pending' AND link = ? AND read_at IS NOT NULL AND created_at >= ?)`), s.now(), title, link, link, sent); err != nil {
		return fmt.Errorf("store: notify withdrawal: %w", err)
	}
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM notifications WHERE kind = 'doc_pending' AND link = ? AND read_at IS NULL`), link); err != nil {
		return fmt.Errorf("store: take back notifications: %w", err)
	}
	return nil
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

// docLink is the page of one of a round's documents.
func docLink(roundID int64, kind tiendo.DocKind) string {
	if kind == tiendo.DocDirective {
		return fmt.Sprintf("/rounds/%d/directive", roundID)
	}
	return fmt.Sprintf("/rounds/%d/consolidated", roundID)
}

// IssueDoc issues an approved document: it takes the next number of the
// outgoing register for the issuer and year (numbers restart at 1 each 1
// January and never repeat, even with several app instances issuing at
// once), stamps today's date and freezes the rendered files. An issued
// consolidated report is announced to the readers; an issued công văn
// publishes its round, so the units are notified with the document. All in
// one transaction.
func (s *Store) IssueDoc(ctx context.Context, actor Actor, u *tiendo.User, roundID int64, kind tiendo.DocKind, version int, in Issue) (*tiendo.Document, error) {
	if !tiendo.Allowed(u, tiendo.ActionConsolidate, 0) {
		return nil, tiendo.Errorf(tiendo.EFORBIDDEN, "Chỉ Văn phòng được ban hành văn bản.")
	}
	// The body running tiendo issues every document, in its one series,
	// whatever body the caller names (the issuer of the round's directive,
	// say); the caller's is the fallback until it is set.
	own, err := s.OwnIssuer(ctx)
	if err != nil {
		return nil, err
	}
	if own.Name != "" {
		in.Issuer = own.Name
	}
	in.Issuer = strings.Join(strings.Fields(nfc(in.Issuer)), " ")
	var c *tiendo.Document
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if c, err = s.doc(ctx, tx, roundID, kind); err != nil {
			return err
		}
		if c.Version != version {
			return tiendo.Errorf(tiendo.ECONFLICT, "Văn bản đã thay đổi (phiên bản %d, bạn có phiên bản %d); hãy tải lại trang.", c.Version, version)
		}
		if c.Status != tiendo.DocApproved {
			return tiendo.Errorf(tiendo.ECONFLICT, "Chỉ ban hành được văn bản đã được lãnh đạo duyệt (trạng thái hiện tại: %s).", c.Status.Label())
		}
		if kind == tiendo.DocReport {
			if err := s.checkApprover(ctx, tx, c, in.Signer); err != nil {
				return err
			}
		}
		now := s.now()
		regID, number, err := s.register(ctx, tx, actor, roundID, in, c.Subject, now)
		if err != nil {
			return err
		}
		files, err := in.Render(number, now)
		if err != nil {
			return fmt.Errorf("store: render issued document: %w", err)
		}
		for kind, data := range files {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO issued_files (register_id, kind, data) VALUES (?, ?, ?)`), regID, kind, data); err != nil {
				return fmt.Errorf("store: issued file: %w", err)
			}
		}
		if err := s.registerDelivery(ctx, tx, regID, files[modelFile]); err != nil {
			return err
		}
		// As every step of a document, the UPDATE names the state and
		// version it was read at: on PostgreSQL a second click read the
		// document approved before the first committed, and waited on the
		// register's counter, not on the document.
		res, err := tx.ExecContext(ctx, s.q(`UPDATE documents SET status = ?, version = version + 1, register_id = ?, updated_at = ?
			WHERE id = ? AND version = ? AND status = ?`), tiendo.DocIssued, regID, now, c.ID, c.Version, tiendo.DocApproved)
		if err != nil {
			return fmt.Errorf("store: issue document: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return tiendo.Errorf(tiendo.ECONFLICT, "Văn bản vừa được ban hành hoặc thay đổi ở nơi khác nên lần này không cấp số; hãy tải lại trang để xem văn bản hiện tại.")
		}
		c.Status, c.Version, c.Number, c.Symbol, c.IssuedAt, c.Signer, c.UpdatedAt = tiendo.DocIssued, c.Version+1, number, in.Symbol, now, in.Signer, now
		if kind == tiendo.DocDirective {
			if err := s.numberRound(ctx, tx, actor, roundID, number, in.Symbol, now); err != nil {
				return err
			}
			if err := s.publishIssued(ctx, tx, actor, roundID, fmt.Sprintf("Công văn số %02d/%s giao nhiệm vụ và yêu cầu báo cáo: %s", number, in.Symbol, c.Subject)); err != nil {
				return err
			}
		} else {
			msg := fmt.Sprintf("Đã ban hành Báo cáo số %02d/%s: %s", number, in.Symbol, c.Subject)
			if err := s.notifyRoles(ctx, tx, []tiendo.Role{tiendo.RoleReader, tiendo.RoleLeader}, "doc_issued", msg, docLink(roundID, kind)); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, actor, "issue", "document", c.ID, nil, map[string]any{"number": number, "symbol": in.Symbol, "kind": kind})
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// checkApprover refuses to issue the approved report c under a signer
// other than the leader who approved it: approving is the leader's
// consent to sign. To have someone else sign, the office withdraws it to a
// draft and sends it again, for that person to approve.
func (s *Store) checkApprover(ctx context.Context, tx *sql.Tx, c *tiendo.Document, signer string) error {
	var approver string
	if c.ApprovedBy != 0 {
		if err := tx.QueryRowContext(ctx, s.q(`SELECT full_name FROM users WHERE id = ?`), c.ApprovedBy).Scan(&approver); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: approver: %w", err)
		}
	}
	approver = strings.Join(strings.Fields(nfc(approver)), " ")
	switch {
	case approver == "":
		return &tiendo.Error{Code: tiendo.ECONFLICT, Message: "Không xác định được họ tên lãnh đạo đã duyệt báo cáo này nên chưa ban hành được. Hãy bấm “Rút lại để sửa” rồi trình lại để lãnh đạo ký duyệt (quản trị cần ghi đủ họ tên của tài khoản lãnh đạo).",
			Fields: map[string]string{"signer_name": "Chưa rõ lãnh đạo đã duyệt."}}
	case !strings.EqualFold(approver, strings.Join(strings.Fields(nfc(signer)), " ")):
		return &tiendo.Error{Code: tiendo.EINVALID, Message: fmt.Sprintf("Người ký phải là lãnh đạo đã duyệt báo cáo: %s. Báo cáo chưa được ban hành. Muốn người khác ký, hãy bấm “Rút lại để sửa” rồi trình lại để chính người đó duyệt.", approver),
			Fields: map[string]string{"signer_name": "Ghi đúng họ tên người đã duyệt: " + approver + "."}}
	}
	return nil
}

// numberRound gives round id the number, symbol and date of the công văn
// just issued for it, when the round has no number of its own yet (it was
// started from an earlier round, or built from an unnumbered draft): that
// công văn is the request its reports answer, and its documents cite it.
// The change is audited on the round, which moves the round cache's stamp.
func (s *Store) numberRound(ctx context.Context, tx *sql.Tx, actor Actor, id int64, number int, symbol string, at time.Time) error {
	doc := fmt.Sprintf("%02d", number)
	date := at.In(tiendo.Zone).Format("2006-01-02")
	res, err := tx.ExecContext(ctx, s.q(`UPDATE rounds SET doc_number = ?, doc_symbol = ?, doc_date = ? WHERE id = ? AND doc_number = ''`), doc, symbol, date, id)
	if err != nil {
		return fmt.Errorf("store: number round: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	return s.audit(ctx, tx, actor, "issue", "round", id, nil, map[string]string{"doc_number": doc, "doc_symbol": symbol, "doc_date": date})
}

// register enters a document in the outgoing register and returns its row
// and number. The series is the issuing body's (seriesKey: one however its
// name is written); numbers run on from the highest the series has, rows
// registered before the series was keyed so included. The counter row is
// updated with an upsert, which PostgreSQL locks for the rest of the
// transaction, so two instances issuing at once queue on it and get
// consecutive numbers; SQLite has one writer anyway. The register's unique
// index on (series, year, number) stops a repeat whatever happens.
func (s *Store) register(ctx context.Context, tx *sql.Tx, actor Actor, roundID int64, in Issue, subject string, at time.Time) (int64, int, error) {
	year := at.In(tiendo.Zone).Year()
	series := seriesKey(in.Issuer)
	var number int
	if err := tx.QueryRowContext(ctx, s.q(`INSERT INTO register_counters (issuer, year, last) VALUES (?, ?, 1)
		ON CONFLICT (issuer, year) DO UPDATE SET last = register_counters.last + 1 RETURNING last`), series, year).Scan(&number); err != nil {
		return 0, 0, fmt.Errorf("store: register number: %w", err)
	}
	if last, err := s.lastNumber(ctx, tx, series, year); err != nil {
		return 0, 0, err
	} else if last >= number {
		number = last + 1
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE register_counters SET last = ? WHERE issuer = ? AND year = ?`), number, series, year); err != nil {
			return 0, 0, fmt.Errorf("store: register number: %w", err)
		}
	}
	var id int64
	err := tx.QueryRowContext(ctx, s.q(`INSERT INTO register (issuer, series, year, number, symbol, doc_type, subject, issued_at, signer, round_id, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`), in.Issuer, series, year, number, in.Symbol, in.DocType, subject, at, in.Signer, nullID(roundID), nullID(actor.UserID)).Scan(&id)
	if s.dialect.isUniqueViolation(err) {
		return 0, 0, tiendo.Errorf(tiendo.ECONFLICT, "Số %02d năm %d của %s đã được cấp cho văn bản khác; văn bản chưa được ban hành. Hãy bấm “Cấp số và ban hành” lần nữa để lấy số tiếp theo.", number, year, in.Issuer)
	} else if err != nil {
		return 0, 0, fmt.Errorf("store: register: %w", err)
	}
	return id, number, nil
}

// lastNumber is the highest number series has in year: of the rows keyed
// by it, and of the rows registered before series were keyed whose
// issuer, however written, folds to it.
func (s *Store) lastNumber(ctx context.Context, tx *sql.Tx, series string, year int) (int, error) {
	rows, err := tx.QueryContext(ctx, s.q(`SELECT series, issuer, MAX(number) FROM register WHERE year = ? GROUP BY series, issuer`), year)
	if err != nil {
		return 0, fmt.Errorf("store: register numbers: %w", err)
	}
	defer rows.Close()
	last := 0
	for rows.Next() {
		var key, issuer string
		var n int
		if err := rows.Scan(&key, &issuer, &n); err != nil {
			return 0, err
		}
		if (key == series || (strings.HasPrefix(key, "legacy:") && seriesKey(issuer) == series)) && n > last {
			last = n
		}
	}
	return last, rows.Err()
}

// seriesKey is what tells one issuing body's register series from
// another's: its name folded (case, diacritics, spacing and the two
// placements of a tone mark do not count), with the usual abbreviations
// written out, so "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG", "UBND huyện Hữu Lũng"
// and "Uỷ ban nhân dân huyện Hữu Lũng" are one series. An empty name is
// the series "ủy ban nhân dân".
func seriesKey(issuer string) string {
	if key := vi.BodyKey(issuer); key != "" {
		return key
	}
	return "uy ban nhan dan"
}

// OwnIssuer is the body that runs tiendo: it issues the consolidated
// reports and công văn, whoever issued the directive a round came from, and
// numbers them in its outgoing register.
type OwnIssuer struct {
	Name      string    `json:"name"`  // "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG"
	Place     string    `json:"place"` // "Hữu Lũng"; "" to take it from the name
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

// OwnIssuer returns the body that runs tiendo, as the administrator set
// it; a zero OwnIssuer (no name) when it is not set yet.
func (s *Store) OwnIssuer(ctx context.Context) (OwnIssuer, error) {
	var o OwnIssuer
	err := s.rdb.QueryRowContext(ctx, `SELECT name, place, updated_at FROM own_issuer WHERE id = 1`).Scan(&o.Name, &o.Place, &o.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return OwnIssuer{}, nil
	} else if err != nil {
		return OwnIssuer{}, fmt.Errorf("store: own issuer: %w", err)
	}
	return o, nil
}

// SetOwnIssuer sets the body that runs tiendo, for an administrator.
func (s *Store) SetOwnIssuer(ctx context.Context, actor Actor, u *tiendo.User, o OwnIssuer) error {
	if !tiendo.Allowed(u, tiendo.ActionManageUnits, 0) {
		return tiendo.Errorf(tiendo.EFORBIDDEN, "Chỉ quản trị được đặt cơ quan ban hành văn bản.")
	}
	o.Name = strings.TrimSpace(strings.ReplaceAll(nfc(o.Name), "\r\n", "\n"))
	o.Place = strings.Join(strings.Fields(nfc(o.Place)), " ")
	switch {
	case strings.IndexFunc(o.Name, unicode.IsLetter) < 0:
		return &tiendo.Error{Code: tiendo.EINVALID, Message: "Hãy nhập tên cơ quan ban hành văn bản.",
			Fields: map[string]string{"name": "Hãy nhập tên cơ quan như in ở đầu văn bản, ví dụ Ủy ban nhân dân huyện Hữu Lũng."}}
	case utf8.RuneCountInString(o.Name) > 300:
		return &tiendo.Error{Code: tiendo.EINVALID, Message: "Tên cơ quan ban hành quá dài (tối đa 300 ký tự).",
			Fields: map[string]string{"name": "Hãy rút gọn tên cơ quan."}}
	case utf8.RuneCountInString(o.Place) > 100:
		return &tiendo.Error{Code: tiendo.EINVALID, Message: "Địa danh quá dài (tối đa 100 ký tự).",
			Fields: map[string]string{"place": "Hãy nhập địa danh ghi ở dòng ngày tháng, ví dụ Hữu Lũng."}}
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		// As in SetCutoffDay: on PostgreSQL the second of two at once
		// reads the first's name, not the one before it, for the audit.
		if s.dialect == postgres {
			if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7306)`); err != nil {
				return fmt.Errorf("store: lock the own issuer: %w", err)
			}
		}
		var before OwnIssuer
		err := tx.QueryRowContext(ctx, `SELECT name, place FROM own_issuer WHERE id = 1`).Scan(&before.Name, &before.Place)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: own issuer: %w", err)
		}
		if before.Name == o.Name && before.Place == o.Place {
			return nil
		}
		o.UpdatedAt = s.now()
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO own_issuer (id, name, place, updated_at) VALUES (1, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET name = excluded.name, place = excluded.place, updated_at = excluded.updated_at`), o.Name, o.Place, o.UpdatedAt); err != nil {
			return fmt.Errorf("store: set own issuer: %w", err)
		}
		type setting struct {
			Name  string `json:"name"`
			Place string `json:"place"`
		}
		return s.audit(ctx, tx, actor, "update", "own_issuer", 0, setting{before.Name, before.Place}, setting{o.Name, o.Place})
	})
}

// IssuedFile returns a frozen file ("docx", "pdf", "xlsx", or the model
// they were drawn from) of one of round roundID's issued documents.
func (s *Store) IssuedFile(ctx context.Context, u *tiendo.User, roundID int64, doc tiendo.DocKind, kind string) ([]byte, error) {
	c, err := s.DocHead(ctx, u, roundID, doc) // the status only: a province's text is 25 MB
	if err != nil {
		return nil, err
	}
	if c.Status != tiendo.DocIssued {
		return nil, tiendo.Errorf(tiendo.ENOTFOUND, "Văn bản chưa ban hành.")
	}
	var data []byte
	err = s.rdb.QueryRowContext(ctx, s.q(`SELECT f.data FROM issued_files f JOIN documents c ON c.register_id = f.register_id
		WHERE c.round_id = ? AND c.kind = ? AND f.kind = ?`), roundID, doc, kind).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, tiendo.Errorf(tiendo.ENOTFOUND, "Không có tệp %s của văn bản đã ban hành.", kind)
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

// Register returns the outgoing register of an issuer's series for a year,
// in order: the issuer however its name is written (seriesKey).
// Rows registered before series existed count when their issuer's name,
// however written, is the series' (as lastNumber counts them).
func (s *Store) Register(ctx context.Context, issuer string, year int) ([]RegisterEntry, error) {
	key := seriesKey(issuer)
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT series, issuer, number, symbol, year, doc_type, subject, issued_at, signer, COALESCE(round_id, 0)
		FROM register WHERE (series = ? OR series LIKE 'legacy:%') AND year = ? ORDER BY number`), key, year)
	if err != nil {
		return nil, fmt.Errorf("store: register: %w", err)
	}
	defer rows.Close()
	var out []RegisterEntry
	for rows.Next() {
		var e RegisterEntry
		var series, by string
		if err := rows.Scan(&series, &by, &e.Number, &e.Symbol, &e.Year, &e.DocType, &e.Subject, &e.IssuedAt, &e.Signer, &e.RoundID); err != nil {
			return nil, err
		}
		if series == key || seriesKey(by) == key {
			out = append(out, e)
		}
	}
	return out, rows.Err()
}

// RegisterLine is an issued document as the outgoing register (sổ văn bản
// đi) lists it: its entry, and the round and document it belongs to.
type RegisterLine struct {
	RegisterEntry
	ID         int64          // the register's row, which SetRegisterNote names
	Issuer     string         // the register's series
	Kind       tiendo.DocKind // which of the round's documents; "" for none
	RoundTitle string
	// Where the document went, as it was issued (registerDelivery):
	// Recipients its "Kính gửi" and "Nơi nhận" entries but the file copy,
	// FileCopy who keeps the file copy ("VT, VP", from "Lưu: VT, VP").
	Recipients []string
	FileCopy   string
	// What the records clerk wrote in afterwards (SetRegisterNote).
	RegisterNote
	NoteBy string    // who wrote them last: full name, or username
	NoteAt time.Time // and when; zero when nobody has
}

// canReadRegister is who may read the outgoing register: whoever may read
// every unit's reports (the office, leaders, readers), since it lists the
// reports and công văn issued for every round.
func canReadRegister(u *tiendo.User) error {
	if tiendo.ScopeOf(u, tiendo.ActionReadReport) != tiendo.ScopeAll {
		return tiendo.Errorf(tiendo.EFORBIDDEN, "Sổ văn bản đi chỉ dành cho Văn phòng, lãnh đạo và người theo dõi.")
	}
	return nil
}

// OutgoingRegister returns the documents issued in year (every year for 0),
// newest first, for a user who may read the register.
func (s *Store) OutgoingRegister(ctx context.Context, u *tiendo.User, year int) ([]RegisterLine, error) {
	return s.outgoing(ctx, u, year, 0)
}

// RecentlyIssued returns the newest n documents of the outgoing register,
// whatever their year, for a user who may read it: what the home page
// offers a reader first.
func (s *Store) RecentlyIssued(ctx context.Context, u *tiendo.User, n int) ([]RegisterLine, error) {
	return s.outgoing(ctx, u, 0, max(n, 1))
}

// outgoing reads the register: of year (0: every year), newest first, at
// most limit lines (0: all).
func (s *Store) outgoing(ctx context.Context, u *tiendo.User, year, limit int) ([]RegisterLine, error) {
	if err := canReadRegister(u); err != nil {
		return nil, err
	}
	query := `SELECT g.id, g.issuer, g.number, g.symbol, g.year, g.doc_type, g.subject, g.issued_at, g.signer,
		COALESCE(g.round_id, 0), COALESCE(d.kind, ''), COALESCE(r.title, ''),
		g.delivery_read, g.recipients, g.file_copy, g.copies, g.receipt, g.note, COALESCE(NULLIF(u.full_name, ''), u.username, ''), g.note_at
		FROM register g LEFT JOIN documents d ON d.register_id = g.id LEFT JOIN rounds r ON r.id = g.round_id
		LEFT JOIN users u ON u.id = g.note_by`
	var args []any
	if year != 0 {
		query += ` WHERE g.year = ?`
		args = append(args, year)
	}
	query += ` ORDER BY g.issued_at DESC, g.id DESC`
	if limit > 0 {
		query += ` LIMIT ?`
		args = append(args, limit)
	}
	rows, err := s.rdb.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, fmt.Errorf("store: outgoing register: %w", err)
	}
	defer rows.Close()
	var out []RegisterLine
	var unread []int // the lines issued before their delivery was kept
	for rows.Next() {
		var l RegisterLine
		var read bool
		var recipients string
		var noteAt sql.NullTime
		if err := rows.Scan(&l.ID, &l.Issuer, &l.Number, &l.Symbol, &l.Year, &l.DocType, &l.Subject, &l.IssuedAt, &l.Signer,
			&l.RoundID, &l.Kind, &l.RoundTitle,
			&read, &recipients, &l.FileCopy, &l.Copies, &l.Receipt, &l.Note, &l.NoteBy, &noteAt); err != nil {
			return nil, fmt.Errorf("store: outgoing register: %w", err)
		}
		l.Recipients, l.NoteAt = splitLines(recipients), noteAt.Time
		if !read {
			unread = append(unread, len(out))
		}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	for _, i := range unread {
		if err := s.readDelivery(ctx, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// RegisterYears returns the years the outgoing register has documents in,
// latest first, for a user who may read the register.
func (s *Store) RegisterYears(ctx context.Context, u *tiendo.User) ([]int, error) {
	if err := canReadRegister(u); err != nil {
		return nil, err
	}
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT DISTINCT year FROM register ORDER BY year DESC`))
	if err != nil {
		return nil, fmt.Errorf("store: register years: %w", err)
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			return nil, err
		}
		out = append(out, y)
	}
	return out, rows.Err()
}
