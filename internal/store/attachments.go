package store

import (
	"archive/zip"
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"path"
	"slices"
	"strings"
	"unicode"

	"tiendo"
	"tiendo/internal/vi"
)

// MaxAttachment is the largest file a unit may attach to a report.
const MaxAttachment = 10 << 20

// allowedAttachments maps the extensions a report may carry to the content
// type they are stored and served with. Anything else (HTML, scripts,
// executables) is refused, so no attachment can run in a browser.
var allowedAttachments = map[string]string{
	".pdf":  "application/pdf",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".doc":  "application/msword",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".xls":  "application/vnd.ms-excel",
	".png":  "image/png",
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
}

// contentMatches reports whether data is what extension ext says it is, and
// names that kind of file for the message when it is not. The office opens
// an attachment by what its name says; a picture renamed ".docx" would
// reach it as a Word file that Word cannot open.
func contentMatches(ext string, data []byte) (string, bool) {
	head := data[:min(len(data), 1024)]
	switch ext {
	case ".pdf":
		return "PDF", bytes.Contains(head, []byte("%PDF-"))
	case ".docx":
		return "Word (.docx)", zipHolds(data, "word/document.xml")
	case ".xlsx":
		return "Excel (.xlsx)", zipHolds(data, "xl/workbook.xml")
	case ".doc":
		// Besides Word 97–2003's own files, what many e-office systems
		// save as .doc and Word opens: RTF, HTML and MHT pages.
		return "Word (.doc)", bytes.HasPrefix(data, oleMagic) || textDoc(head, "{\\rtf", "<html", "mime-version:", "<!doctype html")
	case ".xls":
		// And what "Xuất Excel" buttons save as .xls: an HTML table or
		// Excel 2003's XML spreadsheet.
		return "Excel (.xls)", bytes.HasPrefix(data, oleMagic) || textDoc(head, "<html", "<table", "<?xml", "<!doctype html", "mime-version:")
	case ".png":
		return "ảnh PNG", bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n"))
	case ".jpg", ".jpeg":
		return "ảnh JPEG", bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF})
	}
	return "", false
}

// textDoc reports whether head, the start of a file, is text opening with
// one of the marks (lower case), after a byte-order mark and blank space.
func textDoc(head []byte, marks ...string) bool {
	h := bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n"))
	return slices.ContainsFunc(marks, func(m string) bool { return bytes.HasPrefix(h, []byte(m)) })
}

// oleMagic opens the compound files of Word 97–2003 and Excel 97–2003.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// zipHolds reports whether data is a zip archive with a file called name:
// what makes an Office Open XML file a document or a workbook.
func zipHolds(data []byte, name string) bool {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return false
	}
	return slices.ContainsFunc(z.File, func(f *zip.File) bool { return f.Name == name })
}

// SanitizeFileName keeps a file name's last path element and drops control
// characters and characters that mean something to a file system or a
// header, so a name like "../../etc/passwd" or "a\r\nb.pdf" is harmless.
func SanitizeFileName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = path.Base(nfc(name))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, name)
	name = strings.Trim(name, ". ")
	if r := []rune(name); len(r) > 120 {
		ext := path.Ext(name)
		name = string(r[:120-len([]rune(ext))]) + ext
	}
	if name == "" {
		name = "tep-dinh-kem"
	}
	return name
}

// AddAttachment attaches a file to unit unitID's report in round roundID,
// creating the report as a draft if it has none yet.
func (s *Store) AddAttachment(ctx context.Context, actor Actor, u *tiendo.User, roundID, unitID int64, name string, data []byte) (*tiendo.Attachment, error) {
	if !tiendo.Allowed(u, tiendo.ActionEditReport, unitID) {
		return nil, tiendo.Errorf(tiendo.EFORBIDDEN, "Bạn chỉ được đính kèm tệp vào báo cáo của đơn vị mình.")
	}
	name = SanitizeFileName(name)
	ctype, ok := allowedAttachments[strings.ToLower(path.Ext(name))]
	if !ok {
		return nil, tiendo.Errorf(tiendo.EINVALID, "Tệp %s không được nhận: chỉ đính kèm tệp PDF, Word (.docx, .doc), Excel (.xlsx, .xls) hoặc ảnh (.png, .jpg).", vi.Quote(name))
	}
	if len(data) == 0 {
		return nil, tiendo.Errorf(tiendo.EINVALID, "Tệp %s rỗng.", vi.Quote(name))
	}
	if len(data) > MaxAttachment {
		return nil, tiendo.Errorf(tiendo.ETOOLARGE, "Tệp %s quá lớn: tối đa %d MB mỗi tệp.", vi.Quote(name), MaxAttachment>>20)
	}
	if kind, ok := contentMatches(strings.ToLower(path.Ext(name)), data); !ok {
		return nil, tiendo.Errorf(tiendo.EINVALID, "Tệp %s không phải là tệp %s hợp lệ: nội dung không khớp với phần đuôi tên tệp. Hãy mở tệp bằng phần mềm của nó, lưu lại đúng định dạng rồi đính kèm lại.", vi.Quote(name), kind)
	}
	round, err := s.RoundForUnit(ctx, u, roundID, unitID)
	if err != nil {
		return nil, err
	}
	a := &tiendo.Attachment{Name: name, ContentType: ctype, Size: int64(len(data)), CreatedAt: s.now()}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.editable(ctx, tx, round, unitID); err != nil {
			return err
		}
		// One statement makes the report as a draft or locks the one
		// there (a write that changes nothing), before its state is read:
		// on PostgreSQL, reads alone take no lock, so files attached at
		// once to a report not begun each made it (and all but one failed
		// on its key), and a file could come after a submission running
		// beside it had committed, on a report already sent. As in
		// RemoveAttachment, a submission now commits first, and the state
		// read below refuses, or waits, and then lists this file.
		var reportID int64
		if err := tx.QueryRowContext(ctx, s.q(`INSERT INTO unit_reports (round_id, unit_id, status, version, late, updated_at) VALUES (?, ?, ?, 1, ?, ?)
			ON CONFLICT (round_id, unit_id) DO UPDATE SET version = unit_reports.version RETURNING id`),
			roundID, unitID, tiendo.ReportDraft, false, a.CreatedAt).Scan(&reportID); err != nil {
			return fmt.Errorf("store: create report: %w", err)
		}
		rep, err := s.report(ctx, tx, round, unitID)
		if err != nil {
			return err
		}
		switch rep.Status {
		case tiendo.ReportSubmitted, tiendo.ReportAccepted, tiendo.ReportReview:
			return tiendo.Errorf(tiendo.ECONFLICT, "Báo cáo đã gửi đi; chỉ đính kèm thêm được khi báo cáo đang soạn hoặc bị trả lại.")
		}
		rep.ID = reportID
		if err := tx.QueryRowContext(ctx, s.q(`INSERT INTO attachments (report_id, name, content_type, size, data, created_at, created_by)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`), rep.ID, a.Name, a.ContentType, a.Size, data, a.CreatedAt, nullID(actor.UserID)).Scan(&a.ID); err != nil {
			return fmt.Errorf("store: attachment: %w", err)
		}
		return s.audit(ctx, tx, actor, "attach", "unit_report", rep.ID, nil, a)
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// Attachment returns an attachment and its bytes, if u may read the report
// it belongs to.
func (s *Store) Attachment(ctx context.Context, u *tiendo.User, id int64) (*tiendo.Attachment, []byte, error) {
	var a tiendo.Attachment
	var unitID, roundID int64
	var data []byte
	var status tiendo.ReportStatus
	var submitted sql.NullTime
	err := s.rdb.QueryRowContext(ctx, s.q(`SELECT a.id, a.name, a.content_type, a.size, a.created_at, a.data, r.unit_id, r.round_id, r.status, r.submitted_at
		FROM attachments a JOIN unit_reports r ON r.id = a.report_id WHERE a.id = ?`), id).
		Scan(&a.ID, &a.Name, &a.ContentType, &a.Size, &a.CreatedAt, &data, &unitID, &roundID, &status, &submitted)
	if err != nil {
		return nil, nil, notFound(err, "Không tìm thấy tệp đính kèm.")
	}
	if !tiendo.Allowed(u, tiendo.ActionReadReport, unitID) {
		return nil, nil, tiendo.Errorf(tiendo.ENOTFOUND, "Không tìm thấy tệp đính kèm.")
	}
	// A file that went with a submission is part of what was sent, also
	// while the report is back with the unit.
	if tiendo.ReadsSentOnly(u) && !status.Sent() && !(submitted.Valid && !a.CreatedAt.After(submitted.Time)) {
		return nil, nil, errNotSentYet()
	}
	if _, err := s.RoundForUnit(ctx, u, roundID, unitID); err != nil {
		return nil, nil, err
	}
	return &a, data, nil
}

// RemoveAttachment takes file id off unit unitID's report in round roundID,
// while the unit can still change the report (a draft, or a report returned
// to it). A file that has never left the unit is deleted; one that went to
// the office with a submission stays stored for that submission's revision,
// which lists it, and is only marked removed. Either way the report no
// longer lists it, and the audit log keeps what was removed and by whom.
func (s *Store) RemoveAttachment(ctx context.Context, actor Actor, u *tiendo.User, roundID, unitID, id int64) error {
	if !tiendo.Allowed(u, tiendo.ActionEditReport, unitID) {
		return tiendo.Errorf(tiendo.EFORBIDDEN, "Bạn chỉ được gỡ tệp khỏi báo cáo của đơn vị mình.")
	}
	round, err := s.RoundForUnit(ctx, u, roundID, unitID)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		// Lock the report's row first (a write that changes nothing): a
		// submission running beside this either commits before, and the
		// state read below refuses, or waits, and then lists the files
		// without this one. On PostgreSQL reads alone take no lock.
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE unit_reports SET version = version WHERE round_id = ? AND unit_id = ?`), roundID, unitID); err != nil {
			return fmt.Errorf("store: remove attachment: %w", err)
		}
		if err := s.editable(ctx, tx, round, unitID); err != nil {
			return err
		}
		var a tiendo.Attachment
		var reportID int64
		var status tiendo.ReportStatus
		var submitted sql.NullTime
		err := tx.QueryRowContext(ctx, s.q(`SELECT a.id, a.name, a.content_type, a.size, a.created_at, r.id, r.status, r.submitted_at
			FROM attachments a JOIN unit_reports r ON r.id = a.report_id
			WHERE a.id = ? AND r.round_id = ? AND r.unit_id = ? AND a.removed_at IS NULL`), id, roundID, unitID).
			Scan(&a.ID, &a.Name, &a.ContentType, &a.Size, &a.CreatedAt, &reportID, &status, &submitted)
		if err != nil {
			return notFound(err, "Không tìm thấy tệp đính kèm này trong báo cáo; có thể tệp đã được gỡ. Hãy tải lại trang.")
		}
		if _, ok := status.Next(tiendo.ReportSave); !ok {
			return tiendo.Errorf(tiendo.ECONFLICT, "Báo cáo đang ở trạng thái “%s”; chỉ gỡ được tệp khi báo cáo đang soạn hoặc bị trả lại.", status.Label())
		}
		// Files can be attached only while the report is with the unit, so a
		// file older than the last submission went with it (an equal time
		// counts as sent: keeping a file never costs a revision).
		sent := submitted.Valid && !a.CreatedAt.After(submitted.Time)
		if sent {
			_, err = tx.ExecContext(ctx, s.q(`UPDATE attachments SET removed_at = ?, removed_by = ? WHERE id = ?`), s.now(), nullID(actor.UserID), id)
		} else {
			_, err = tx.ExecContext(ctx, s.q(`DELETE FROM attachments WHERE id = ?`), id)
		}
		if err != nil {
			return fmt.Errorf("store: remove attachment: %w", err)
		}
		return s.audit(ctx, tx, actor, "detach", "unit_report", reportID,
			map[string]any{"attachment": a}, map[string]any{"attachment_removed": a.Name, "kept_for_revision": sent})
	})
}
