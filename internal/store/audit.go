package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Actor is who makes a change and from where; every write records it in the
// audit log. The zero Actor is the system itself (the demo loader, migrations).
type Actor struct {
	UserID  int64
	Address string
}

// AuditEntry is one row of the audit log.
type AuditEntry struct {
	ID       int64
	At       time.Time
	UserID   int64
	Address  string
	Action   string
	Entity   string
	EntityID int64
	Before   string
	After    string
	PrevHash string
	Hash     string
}

// auditHash is the row's SHA-256 over a canonical encoding of its fields and
// the previous row's hash: a version tag, then each field as its length (8
// bytes, big-endian) and its bytes, so no two different rows encode alike.
// The time is UTC in RFC 3339 with nanoseconds; the store keeps
// microseconds, which both databases return exactly.
func auditHash(e *AuditEntry) string {
	h := sha256.New()
	var n [8]byte
	for _, f := range []string{auditVersion, e.PrevHash, e.At.UTC().Format(time.RFC3339Nano),
		strconv.FormatInt(e.UserID, 10), e.Address, e.Action, e.Entity, strconv.FormatInt(e.EntityID, 10), e.Before, e.After} {
		binary.BigEndian.PutUint64(n[:], uint64(len(f)))
		h.Write(n[:])
		h.Write([]byte(f))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// lockChain is the suffix that locks audit_chain's row for the transaction
// on PostgreSQL, so that concurrent writers append one after another (and
// take audit ids in commit order). SQLite's single writer connection and
// BEGIN IMMEDIATE already serialise them.
func (s *Store) lockChain() string {
	if s.dialect == postgres {
		return " FOR UPDATE"
	}
	return ""
}

// audit writes one audit row inside the transaction that makes the change,
// so that a change and its record stand or fall together. The row is chained
// to the one before it (see auditHash), and the chain's head moves to it.
//
// On PostgreSQL the row is kept until the transaction is about to commit
// (Store.tx calls appendAudit then): the chain's row lock serialises every
// audited write of every instance, so it is taken last, by one statement
// just before COMMIT (appendAuditPostgres).
func (s *Store) audit(ctx context.Context, tx *sql.Tx, actor Actor, action, entity string, id int64, before, after any) error {
	enc := func(v any) string {
		switch v := v.(type) {
		case nil:
			return ""
		case rawJSON:
			return string(v)
		}
		b, _ := json.Marshal(v)
		return string(b)
	}
	e := &AuditEntry{At: s.now(), UserID: actor.UserID, Address: actor.Address, Action: action, Entity: entity,
		EntityID: id, Before: enc(before), After: enc(after)}
	if q, ok := s.pendingAudit.Load(tx); ok {
		p := q.(*[]*AuditEntry)
		*p = append(*p, e)
		return nil
	}
	return s.appendAudit(ctx, tx, []*AuditEntry{e})
}

// appendAudit chains entries to the audit log in tx, in order.
func (s *Store) appendAudit(ctx context.Context, tx *sql.Tx, entries []*AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	if s.dialect == postgres && len(entries) == 1 {
		return s.appendAuditPostgres(ctx, tx, entries[0])
	}
	db := s.prep(tx)
	var prev string
	if err := db.QueryRowContext(ctx, sqlChainHead+s.lockChain()).Scan(&prev); err != nil {
		return fmt.Errorf("store: audit: chain: %w", err)
	}
	for _, e := range entries {
		e.PrevHash = prev
		e.Hash = auditHash(e)
		err := db.QueryRowContext(ctx, s.q(sqlInsertAudit), e.At, nullID(e.UserID), e.Address, e.Action, e.Entity, e.EntityID,
			e.Before, e.After, e.PrevHash, e.Hash).Scan(&e.ID)
		if err != nil {
			return fmt.Errorf("store: audit: %w", err)
		}
		prev = e.Hash
	}
	last := entries[len(entries)-1]
	if _, err := s.exec(ctx, tx, sqlMoveChainHead, last.ID, last.Hash); err != nil {
		return fmt.Errorf("store: audit: chain: %w", err)
	}
	return nil
}

// appendAuditPostgres chains one entry in a single statement: it locks the
// chain's head, inserts the row with the hash computed by PostgreSQL from
// the head's hash and the parts that Go encoded (auditHash's encoding, with
// the previous hash left for the database to fill in), and moves the head.
// The lock is then held for this statement, its answer and the COMMIT,
// where it was held for three statements and their round trips. Go checks
// the hash the database computed before the transaction may commit, so the
// chain never holds a row that auditHash rejects.
func (s *Store) appendAuditPostgres(ctx context.Context, tx *sql.Tx, e *AuditEntry) error {
	var small []byte
	for _, f := range []string{e.At.UTC().Format(time.RFC3339Nano), strconv.FormatInt(e.UserID, 10), e.Address, e.Action, e.Entity, strconv.FormatInt(e.EntityID, 10)} {
		small = binary.BigEndian.AppendUint64(small, uint64(len(f)))
		small = append(small, f...)
	}
	err := tx.QueryRowContext(ctx, sqlAppendAuditPostgres, e.At, nullID(e.UserID), e.Address, e.Action, e.Entity, e.EntityID,
		e.Before, e.After, auditTag, small).Scan(&e.ID, &e.PrevHash, &e.Hash)
	if err != nil {
		return fmt.Errorf("store: audit: %w", err)
	}
	if want := auditHash(e); e.Hash != want {
		return fmt.Errorf("store: audit: the database computed hash %s for row %d, want %s (is the database's encoding UTF8?)", e.Hash, e.ID, want)
	}
	return nil
}

const auditVersion = "tiendo-audit-v1"

// auditTag is the encoded version tag that begins every hashed row.
var auditTag = append(binary.BigEndian.AppendUint64(nil, uint64(len(auditVersion))), auditVersion...)

// sqlAppendAuditPostgres is appendAuditPostgres's statement; $9 is the
// encoded version tag, $10 the encoded fields from at to entity_id, and the
// texts before and after are encoded by the statement itself, so that they
// travel once.
const sqlAppendAuditPostgres = `WITH head AS (SELECT head_hash FROM audit_chain WHERE id = 1 FOR UPDATE),
	row AS (INSERT INTO audit_log (at, user_id, address, action, entity, entity_id, before, after, prev_hash, hash)
		SELECT $1::timestamptz, $2::bigint, $3::text, $4::text, $5::text, $6::bigint, $7::text, $8::text, head.head_hash,
			encode(sha256($9::bytea || int8send(octet_length(head.head_hash)::int8) || convert_to(head.head_hash, 'UTF8') || $10::bytea
				|| int8send(octet_length($7::text)::int8) || convert_to($7::text, 'UTF8')
				|| int8send(octet_length($8::text)::int8) || convert_to($8::text, 'UTF8')), 'hex')
		FROM head RETURNING id, prev_hash, hash)
	UPDATE audit_chain SET head_id = row.id, head_hash = row.hash FROM row WHERE audit_chain.id = 1
	RETURNING row.id, row.prev_hash, row.hash`

// The statements every audited write runs; Open prepares them on SQLite.
const (
	sqlChainHead   = `SELECT head_hash FROM audit_chain WHERE id = 1`
	sqlInsertAudit = `INSERT INTO audit_log (at, user_id, address, action, entity, entity_id, before, after, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
	sqlMoveChainHead = `UPDATE audit_chain SET head_id = ?, head_hash = ? WHERE id = 1`
)

// rawJSON is a before or after value already encoded, by encodeJSON: a
// write can encode it before its transaction rather than while holding the
// writer.
type rawJSON string

func encodeJSON(v any) rawJSON {
	b, _ := json.Marshal(v)
	return rawJSON(b)
}

const auditColumns = `id, at, COALESCE(user_id, 0), address, action, entity, entity_id, before, after, prev_hash, hash`

func scanAudit(row interface{ Scan(...any) error }) (AuditEntry, error) {
	var e AuditEntry
	err := row.Scan(&e.ID, &e.At, &e.UserID, &e.Address, &e.Action, &e.Entity, &e.EntityID, &e.Before, &e.After, &e.PrevHash, &e.Hash)
	return e, err
}

// AuditLog returns the newest audit rows about entity (all entities when
// entity is ""), at most limit of them.
func (s *Store) AuditLog(ctx context.Context, entity string, limit int) ([]AuditEntry, error) {
	return s.AuditSearch(ctx, AuditFilter{Entity: entity, Limit: limit})
}

// AuditFilter narrows AuditSearch. Zero fields do not narrow.
type AuditFilter struct {
	Entity   string
	EntityID int64
	UserID   int64
	UserIDs  []int64 // rows by any of these users (at most a few hundred)
	Action   string
	From, To time.Time // From inclusive, To exclusive
	BeforeID int64     // rows older than this one: the next page
	Limit    int       // at most 500; 0 means 100
}

// AuditSearch returns the audit rows that match f, newest first.
func (s *Store) AuditSearch(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	if f.Limit <= 0 {
		f.Limit = 100
	}
	f.Limit = min(f.Limit, 500)
	if !storable(f.Entity) || !storable(f.Action) {
		return nil, nil // no row was ever written so
	}
	var where []string
	var args []any
	add := func(cond string, arg any) { where = append(where, cond); args = append(args, arg) }
	if f.Entity != "" {
		add("entity = ?", f.Entity)
	}
	if f.EntityID != 0 {
		add("entity_id = ?", f.EntityID)
	}
	if f.UserID != 0 {
		add("user_id = ?", f.UserID)
	}
	if len(f.UserIDs) > 0 {
		where = append(where, "user_id IN (?"+strings.Repeat(", ?", len(f.UserIDs)-1)+")")
		for _, id := range f.UserIDs {
			args = append(args, id)
		}
	}
	if f.Action != "" {
		add("action = ?", f.Action)
	}
	if !f.From.IsZero() {
		add("at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		add("at < ?", f.To.UTC())
	}
	if f.BeforeID != 0 {
		add("id < ?", f.BeforeID)
	}
	q := `SELECT ` + auditColumns + ` FROM audit_log`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	rows, err := s.rdb.QueryContext(ctx, s.q(q+` ORDER BY id DESC LIMIT ?`), append(args, f.Limit)...)
	if err != nil {
		return nil, fmt.Errorf("store: audit log: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, fmt.Errorf("store: audit log: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// AuditReport is what VerifyAudit found.
type AuditReport struct {
	Rows     int    // rows checked
	Legacy   int    // rows written before the chain began, which carry no hash
	HeadID   int64  // the last row
	HeadHash string // its hash: write it down elsewhere to notice a rewrite of the whole chain
	AnchorID int64  // rows up to this one were pruned by the retention setting
	// BrokenID is the first row that does not fit the chain (0: none), and
	// Problem says how, in Vietnamese.
	BrokenID int64
	Problem  string
}

// OK reports whether the chain is unbroken.
func (r *AuditReport) OK() bool { return r.Problem == "" }

// VerifyAudit walks the audit log in id order and checks each row's hash and
// its link to the row before, from the retention anchor to the recorded
// head. A row edited in the database no longer matches its hash; a row
// deleted leaves the next row pointing at a hash that is not the one before
// it (or, for the newest rows, leaves the head pointing past the end); a row
// inserted by hand has no valid link. The chain proves nothing against
// someone who rewrites every row after the change and the head: compare
// HeadHash with a copy kept outside the database for that.
func (s *Store) VerifyAudit(ctx context.Context) (*AuditReport, error) {
	rep := &AuditReport{}
	var legacyID int64
	var anchorHash, headHash string
	var headID int64
	if err := s.rdb.QueryRowContext(ctx, `SELECT head_id, head_hash, anchor_id, anchor_hash, legacy_id FROM audit_chain WHERE id = 1`).
		Scan(&headID, &headHash, &rep.AnchorID, &anchorHash, &legacyID); err != nil {
		return nil, fmt.Errorf("store: verify audit: %w", err)
	}
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT `+auditColumns+` FROM audit_log WHERE id > ? ORDER BY id`), rep.AnchorID)
	if err != nil {
		return nil, fmt.Errorf("store: verify audit: %w", err)
	}
	defer rows.Close()
	prev, prevID := anchorHash, rep.AnchorID
	broken := func(id int64, format string, args ...any) {
		if rep.Problem == "" {
			rep.BrokenID, rep.Problem = id, fmt.Sprintf(format, args...)
		}
	}
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, fmt.Errorf("store: verify audit: %w", err)
		}
		rep.Rows++
		if rep.Problem != "" {
			continue // count the rest, report the first break
		}
		if e.ID <= legacyID {
			rep.Legacy++
			prevID = e.ID
			continue
		}
		switch {
		case e.Hash == "":
			broken(e.ID, "bản ghi #%d không có mã băm: nó được chèn thẳng vào cơ sở dữ liệu, không qua ứng dụng", e.ID)
		case e.PrevHash != prev:
			if prevID == rep.AnchorID && rep.AnchorID > 0 {
				broken(e.ID, "chuỗi bị đứt ngay trước bản ghi #%d: không khớp với điểm neo #%d để lại khi xóa theo thời hạn lưu trữ; có bản ghi bị xóa hoặc chèn vào", e.ID, rep.AnchorID)
			} else {
				broken(e.ID, "chuỗi bị đứt giữa bản ghi #%d và #%d: có bản ghi bị xóa, hoặc bản ghi #%d bị chèn vào hay bị sửa", prevID, e.ID, e.ID)
			}
		case auditHash(&e) != e.Hash:
			broken(e.ID, "bản ghi #%d đã bị sửa: nội dung không còn khớp với mã băm của nó", e.ID)
		}
		prev, prevID = e.Hash, e.ID
		rep.HeadID, rep.HeadHash = e.ID, e.Hash
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: verify audit: %w", err)
	}
	if rep.Problem == "" && (headID != rep.HeadID || headHash != rep.HeadHash) && headID > legacyID {
		if headID > rep.HeadID {
			broken(headID, "bản ghi mới nhất #%d đã bị xóa: nhật ký chỉ còn đến #%d", headID, rep.HeadID)
		} else {
			broken(rep.HeadID, "bản ghi #%d nằm sau bản ghi cuối cùng mà ứng dụng đã ghi (#%d): nó được chèn vào, hoặc đầu chuỗi bị sửa", rep.HeadID, headID)
		}
	}
	return rep, nil
}

// PruneAudit deletes the audit rows older than before, for the retention
// setting, and keeps the rest verifiable: the last pruned row's id and hash
// become the anchor the first remaining row must link to. It returns how
// many rows went. The newest row is never pruned, so the head stays.
func (s *Store) PruneAudit(ctx context.Context, actor Actor, before time.Time) (int, error) {
	var n int
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var headID int64
		if err := tx.QueryRowContext(ctx, `SELECT head_id FROM audit_chain WHERE id = 1`+s.lockChain()).Scan(&headID); err != nil {
			return fmt.Errorf("store: prune audit: %w", err)
		}
		var lastID int64
		var lastHash string
		err := tx.QueryRowContext(ctx, s.q(`SELECT id, hash FROM audit_log WHERE at < ? AND id < ? ORDER BY id DESC LIMIT 1`),
			before.UTC(), headID).Scan(&lastID, &lastHash)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		} else if err != nil {
			return fmt.Errorf("store: prune audit: %w", err)
		}
		res, err := tx.ExecContext(ctx, s.q(`DELETE FROM audit_log WHERE id <= ?`), lastID)
		if err != nil {
			return fmt.Errorf("store: prune audit: %w", err)
		}
		k, _ := res.RowsAffected()
		n = int(k)
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE audit_chain SET anchor_id = ?, anchor_hash = ?, pruned_at = ? WHERE id = 1`),
			lastID, lastHash, s.now()); err != nil {
			return fmt.Errorf("store: prune audit: %w", err)
		}
		// The pruning is itself a change worth a row.
		return s.audit(ctx, tx, actor, "prune", "audit_log", lastID, nil, map[string]any{"rows": n, "before": before.UTC()})
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}
