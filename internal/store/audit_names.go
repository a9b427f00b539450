package store

import (
	"context"
	"fmt"
	"slices"

	"tiendo"
)

// AuditRefs lists, by kind, the IDs a page of audit rows mentions: the
// things the rows are about and the IDs inside their before and after
// values. Zero and repeated IDs are allowed.
type AuditRefs struct {
	Units, Users, Rounds, Reports, Documents, Tasks, Targets []int64
}

// AuditNames is what the things an audit page mentions are called, keyed
// by ID. A thing deleted since is missing from its map; the page then
// shows it by number.
type AuditNames struct {
	Units     map[int64]string // name
	Users     map[int64]UserName
	Rounds    map[int64]string // title
	Reports   map[int64]ReportName
	Documents map[int64]DocumentName
	Tasks     map[int64]TaskName
	Targets   map[int64]TargetName
}

// UserName is how a user is named: the username, and the full name when
// the account has one.
type UserName struct {
	Username, FullName string
}

// ReportName names a unit report by its unit and its round.
type ReportName struct {
	RoundID, UnitID                int64
	UnitCode, UnitName, RoundTitle string
}

// DocumentName names a document by its kind and its round.
type DocumentName struct {
	RoundID    int64
	Kind       tiendo.DocKind
	RoundTitle string
}

// TaskName names a task by its label and its round.
type TaskName struct {
	RoundID           int64
	Label, RoundTitle string
}

// TargetName is a target's text and its unit of measure ("%", "xã").
type TargetName struct {
	Text, Unit string
}

// auditNameChunk bounds the IDs of one IN list, well below SQLite's and
// PostgreSQL's limits on bound parameters; a page of a few hundred rows
// needs one query per kind.
const auditNameChunk = 500

// AuditNames loads the names of refs in one query per kind (per
// auditNameChunk IDs), however many rows mention them: the audit page
// lists hundreds of rows and must not ask once for each.
func (s *Store) AuditNames(ctx context.Context, refs AuditRefs) (*AuditNames, error) {
	n := &AuditNames{Units: map[int64]string{}, Users: map[int64]UserName{}, Rounds: map[int64]string{},
		Reports: map[int64]ReportName{}, Documents: map[int64]DocumentName{}, Tasks: map[int64]TaskName{},
		Targets: map[int64]TargetName{}}
	kinds := []struct {
		ids   []int64
		query string // selects the ID first; "%s" is the IN list
		scan  func(scan func(...any) error) error
	}{
		{refs.Units, `SELECT id, name FROM units WHERE id IN (%s)`, func(scan func(...any) error) error {
			var id int64
			var name string
			err := scan(&id, &name)
			n.Units[id] = name
			return err
		}},
		{refs.Users, `SELECT id, username, full_name FROM users WHERE id IN (%s)`, func(scan func(...any) error) error {
			var id int64
			var u UserName
			err := scan(&id, &u.Username, &u.FullName)
			n.Users[id] = u
			return err
		}},
		{refs.Rounds, `SELECT id, title FROM rounds WHERE id IN (%s)`, func(scan func(...any) error) error {
			var id int64
			var title string
			err := scan(&id, &title)
			n.Rounds[id] = title
			return err
		}},
		{refs.Reports, `SELECT p.id, p.round_id, p.unit_id, u.code, u.name, r.title
			FROM unit_reports p JOIN units u ON u.id = p.unit_id JOIN rounds r ON r.id = p.round_id WHERE p.id IN (%s)`,
			func(scan func(...any) error) error {
				var id int64
				var p ReportName
				err := scan(&id, &p.RoundID, &p.UnitID, &p.UnitCode, &p.UnitName, &p.RoundTitle)
				n.Reports[id] = p
				return err
			}},
		{refs.Documents, `SELECT d.id, d.round_id, d.kind, r.title FROM documents d JOIN rounds r ON r.id = d.round_id WHERE d.id IN (%s)`,
			func(scan func(...any) error) error {
				var id int64
				var d DocumentName
				err := scan(&id, &d.RoundID, &d.Kind, &d.RoundTitle)
				n.Documents[id] = d
				return err
			}},
		{refs.Tasks, `SELECT t.id, t.round_id, t.label, r.title FROM tasks t JOIN rounds r ON r.id = t.round_id WHERE t.id IN (%s)`,
			func(scan func(...any) error) error {
				var id int64
				var t TaskName
				err := scan(&id, &t.RoundID, &t.Label, &t.RoundTitle)
				n.Tasks[id] = t
				return err
			}},
		{refs.Targets, `SELECT id, text, unit FROM targets WHERE id IN (%s)`, func(scan func(...any) error) error {
			var id int64
			var t TargetName
			err := scan(&id, &t.Text, &t.Unit)
			n.Targets[id] = t
			return err
		}},
	}
	for _, k := range kinds {
		ids := distinctIDs(k.ids)
		for len(ids) > 0 {
			chunk := ids[:min(len(ids), auditNameChunk)]
			ids = ids[len(chunk):]
			if err := s.auditNameQuery(ctx, fmt.Sprintf(k.query, placeholders(len(chunk))), chunk, k.scan); err != nil {
				return nil, err
			}
		}
	}
	return n, nil
}

func (s *Store) auditNameQuery(ctx context.Context, query string, ids []int64, scan func(func(...any) error) error) error {
	rows, err := s.rdb.QueryContext(ctx, s.q(query), anys(ids)...)
	if err != nil {
		return fmt.Errorf("store: audit names: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows.Scan); err != nil {
			return fmt.Errorf("store: audit names: %w", err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: audit names: %w", err)
	}
	return nil
}

// distinctIDs returns the positive IDs of ids, sorted, each once.
func distinctIDs(ids []int64) []int64 {
	out := slices.DeleteFunc(slices.Clone(ids), func(id int64) bool { return id <= 0 })
	slices.Sort(out)
	return slices.Compact(out)
}
