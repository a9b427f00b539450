package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"tiendo"
)

// The outgoing register's columns besides the number, date, type, subject
// and signer (Decree 30, Phụ lục IV): where the document went and who
// keeps its file copy, taken from the document as issued; and what the
// records clerk (văn thư) writes in afterwards — the number of copies,
// the receipt, a note. The document itself never changes once issued; its
// register line's clerk columns may, each change audited.

// modelFile is the kind of issued file that keeps the document its files
// were drawn from, as JSON (reportdoc.ModelFile).
const modelFile = "json"

// RegisterNote is what the records clerk writes in a register line after
// the document is issued.
type RegisterNote struct {
	// Copies is the number of copies (số lượng bản) when the clerk gives
	// it; 0 counts one a recipient and one a file copy (CopyCount).
	Copies  int
	Receipt string // ký nhận: who signed for it, or how it was received
	Note    string // ghi chú
}

// CopyCount is the register's "Số lượng bản": the clerk's number when
// given, or else one copy for each recipient line and each holder of the
// file copy ("Lưu: VT, VP" is two), as a document sent electronically is
// one copy each, plus those printed for the file.
func (l RegisterLine) CopyCount() int {
	if l.Copies > 0 {
		return l.Copies
	}
	n := len(l.Recipients)
	for _, f := range strings.FieldsFunc(l.FileCopy, func(r rune) bool { return r == ',' || r == ';' }) {
		if strings.TrimSpace(f) != "" {
			n++
		}
	}
	return n
}

// Limits of what the clerk writes, in characters.
const (
	maxRegisterCopies  = 9999
	maxRegisterReceipt = 500
	maxRegisterNote    = 2000
)

// Version names the values of a register line's clerk columns: the form
// that writes them carries the version of the line it was shown with
// (SetRegisterNote), so that what another clerk wrote meanwhile is not
// written over unseen. Two lines with the same values have the same
// version, whoever wrote them and however often.
func (n RegisterNote) Version() string {
	h := sha256.New()
	fmt.Fprintf(h, "%d\x00%s\x00%s", n.Copies, n.Receipt, n.Note)
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// SetRegisterNote writes the clerk's columns of register line id, for
// whoever issues documents (the office, whose clerk keeps the register),
// over the line as it was when the clerk saw it: seen is that line's
// Version. When the line has changed since (another clerk wrote in it),
// nothing is written and the error is ECONFLICT, saying who wrote it and
// when, with the line's version now in its Fields["version"]; writing the
// same values as are there already changes nothing, and is no conflict.
// The change is audited with what was there before.
func (s *Store) SetRegisterNote(ctx context.Context, actor Actor, u *tiendo.User, id int64, seen string, n RegisterNote) error {
	if !tiendo.Allowed(u, tiendo.ActionConsolidate, 0) {
		return tiendo.Errorf(tiendo.EFORBIDDEN, "Chỉ Văn phòng (văn thư) được ghi vào sổ văn bản đi.")
	}
	clean := func(v string) string {
		return strings.TrimSpace(strings.ReplaceAll(nfc(v), "\r\n", "\n"))
	}
	n.Receipt = strings.Join(strings.Fields(clean(n.Receipt)), " ")
	n.Note = clean(n.Note)
	switch {
	case n.Copies < 0 || n.Copies > maxRegisterCopies:
		return &tiendo.Error{Code: tiendo.EINVALID, Message: fmt.Sprintf("Số lượng bản phải từ 1 đến %d; để trống để tính theo nơi nhận.", maxRegisterCopies),
			Fields: map[string]string{"copies": "Hãy ghi số bản, ví dụ 5, hoặc để trống."}}
	case utf8.RuneCountInString(n.Receipt) > maxRegisterReceipt:
		return &tiendo.Error{Code: tiendo.EINVALID, Message: fmt.Sprintf("Ký nhận dài quá %d ký tự.", maxRegisterReceipt),
			Fields: map[string]string{"receipt": "Hãy rút gọn phần ký nhận."}}
	case utf8.RuneCountInString(n.Note) > maxRegisterNote:
		return &tiendo.Error{Code: tiendo.EINVALID, Message: fmt.Sprintf("Ghi chú dài quá %d ký tự.", maxRegisterNote),
			Fields: map[string]string{"note": "Hãy rút gọn ghi chú."}}
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		before, err := s.registerNoteNow(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.RegisterNote == n {
			return nil
		}
		if before.Version() != seen {
			return before.conflict()
		}
		// Only over the values checked: on PostgreSQL, a clerk whose
		// transaction read the line before another's committed waits for
		// that one here, and then finds the line changed.
		res, err := tx.ExecContext(ctx, s.q(`UPDATE register SET copies = ?, receipt = ?, note = ?, note_by = ?, note_at = ?
			WHERE id = ? AND copies = ? AND receipt = ? AND note = ?`),
			n.Copies, n.Receipt, n.Note, nullID(u.ID), s.now(), id, before.Copies, before.Receipt, before.Note)
		if err != nil {
			return fmt.Errorf("store: register note: %w", err)
		}
		if changed, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: register note: %w", err)
		} else if changed == 0 {
			now, err := s.registerNoteNow(ctx, tx, id)
			if err != nil {
				return err
			}
			return now.conflict()
		}
		type line struct {
			Copies  int    `json:"copies"`
			Receipt string `json:"receipt"`
			Note    string `json:"note"`
		}
		return s.audit(ctx, tx, actor, "update", "register", id, line(before.RegisterNote), line(n))
	})
}

// registerNote is a register line's clerk columns as they are, with who
// wrote them last and when, and the line's number for a message.
type registerNote struct {
	RegisterNote
	Number int
	Symbol string
	By     string    // full name, or username; "" when unknown
	At     time.Time // zero when nobody has written in the line
}

// registerNoteNow reads register line id's clerk columns in tx.
func (s *Store) registerNoteNow(ctx context.Context, tx *sql.Tx, id int64) (registerNote, error) {
	var n registerNote
	var at sql.NullTime
	err := tx.QueryRowContext(ctx, s.q(`SELECT g.copies, g.receipt, g.note, g.number, g.symbol, COALESCE(NULLIF(u.full_name, ''), u.username, ''), g.note_at
		FROM register g LEFT JOIN users u ON u.id = g.note_by WHERE g.id = ?`), id).
		Scan(&n.Copies, &n.Receipt, &n.Note, &n.Number, &n.Symbol, &n.By, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return n, tiendo.Errorf(tiendo.ENOTFOUND, "Không có dòng %d trong sổ văn bản đi; hãy tải lại sổ.", id)
	} else if err != nil {
		return n, fmt.Errorf("store: register note: %w", err)
	}
	n.At = at.Time
	return n, nil
}

// conflict is the error of a write over line n made from an earlier view
// of it: who changed it and when, as far as the line says.
func (n registerNote) conflict() error {
	changed := "không còn như lúc bạn mở sổ"
	if !n.At.IsZero() {
		who := n.By
		if who == "" {
			who = "người khác"
		}
		changed = fmt.Sprintf("đã được %s ghi lúc %s, sau khi bạn mở sổ", who, n.At.In(tiendo.Zone).Format("15:04 02/01/2006"))
	}
	return &tiendo.Error{Code: tiendo.ECONFLICT,
		Message: fmt.Sprintf("Dòng %02d/%s của sổ văn bản đi %s; phần bạn ghi chưa được lưu, để không ghi đè lên nội dung đó. "+
			"Hãy đối chiếu với nội dung đang có trong sổ, rồi ghi lại.", n.Number, n.Symbol, changed),
		Fields: map[string]string{"version": n.Version()}}
}

// registerDelivery keeps on register line id where the document went,
// read from model, the document its files were drawn from (modelFile); a
// document without one keeps none.
func (s *Store) registerDelivery(ctx context.Context, tx *sql.Tx, id int64, model []byte) error {
	if model == nil {
		return nil
	}
	recipients, file, err := deliveryOf(model)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, s.q(`UPDATE register SET recipients = ?, file_copy = ?, delivery_read = TRUE WHERE id = ?`),
		strings.Join(recipients, "\n"), file, id); err != nil {
		return fmt.Errorf("store: register delivery: %w", err)
	}
	return nil
}

// readDelivery fills in l's delivery from its frozen model, for a line
// issued before the register kept it, and keeps it so that the model (a
// province's report is 25 MB) is read once.
func (s *Store) readDelivery(ctx context.Context, l *RegisterLine) error {
	var model []byte
	err := s.rdb.QueryRowContext(ctx, s.q(`SELECT data FROM issued_files WHERE register_id = ? AND kind = ?`), l.ID, modelFile).Scan(&model)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: register delivery: %w", err)
	}
	if model == nil {
		model = []byte("{}") // no model: nothing to read, nothing to read again
	}
	if l.Recipients, l.FileCopy, err = deliveryOf(model); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error { return s.registerDelivery(ctx, tx, l.ID, model) })
}

// deliveryOf reads a document model's recipients: a letter's "Kính gửi"
// entries, then its "Nơi nhận" entries but "Như trên" (those same
// recipients) and the file copy, as written; and who keeps the file copy,
// "VT, VP" from "Lưu: VT, VP" ("VT", the văn thư, when it names none, as the
// document's files then print).
func deliveryOf(model []byte) ([]string, string, error) {
	var m struct {
		Kind         int // document.Letter is 1
		Recipients   []string
		Distribution []string
	}
	if err := json.Unmarshal(model, &m); err != nil {
		return nil, "", fmt.Errorf("store: the issued document's model: %w", err)
	}
	entry := func(e string) string {
		e = strings.TrimLeft(strings.TrimSpace(e), "-–—+•* \t")
		return strings.Join(strings.Fields(strings.TrimRight(e, ";.,: \t")), " ")
	}
	var out, file []string
	if m.Kind == 1 {
		for _, r := range m.Recipients {
			if r = entry(r); r != "" {
				out = append(out, r)
			}
		}
	}
	for _, d := range m.Distribution {
		d = entry(d)
		switch {
		case d == "" || strings.EqualFold(d, "như trên"):
		case strings.HasPrefix(strings.ToLower(d), "lưu"):
			if f := strings.TrimSpace(strings.TrimLeft(d[len("lưu"):], ": ")); f != "" {
				file = append(file, f)
			}
		default:
			out = append(out, d)
		}
	}
	if len(file) == 0 {
		file = []string{"VT"}
	}
	return out, strings.Join(file, "; "), nil
}

// splitLines splits a column of one entry a line.
func splitLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
