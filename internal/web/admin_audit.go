package web

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/vi"
)

// auditPage is the admin's view of the audit log and of login lockouts.
type auditPage struct {
	page
	Rows     []auditRow
	Filter   auditFilterForm
	Fields   map[string]string // the filter's field errors, by parameter
	Next     string            // the address of the next (older) page, "" on the last
	Locks    []store.LoginLock
	Verified *store.AuditReport // set when the admin asked for a check
	Notice   string
	Error    string
}

type auditFilterForm struct {
	Entity, Action, Username, From, To, EntityID string
}

// auditRow is one audit row as the admin reads it: who, about what, and
// what changed, in words rather than codes and JSON.
type auditRow struct {
	store.AuditEntry
	Who     auditName // empty Text: the system itself
	Subject auditName
	Changes []auditChange // shown at once
	More    []auditChange // the rest, behind a disclosure
}

// auditName is a person or thing as the page names it, with the page that
// shows it when there is one.
type auditName struct {
	Text, Note, Link string // Note: a second, smaller line (a full name)
}

// auditChange is one field an audit row records: its name, and its value
// before and after ("Trạng thái: Chờ lãnh đạo duyệt → Đã duyệt"), or only
// its value when the row has one side (a creation, a deletion).
type auditChange struct {
	Field         string
	Before, After auditText
	Diff          bool // show Before → After
	rank          int  // see auditRank
}

// auditText is a value as people read it. A long one (a report's section
// runs to kilobytes) has a shortened Short to show, with Full behind it.
type auditText struct {
	Full, Short string
	Empty       bool
}

// Long reports whether the page shows Short with Full behind a disclosure.
func (t auditText) Long() bool { return t.Short != t.Full }

// auditShown is how many changes a row shows before "Xem thêm".
const auditShown = 6

// Texts longer than auditLongRunes (or than auditLongLines lines) are
// shortened to about auditShortRunes.
const (
	auditLongRunes  = 160
	auditLongLines  = 3
	auditShortRunes = 120
)

// handleAudit shows the audit log, newest first, filtered by entity, action,
// user and dates, with the login lockouts and a button to lift each. A POST
// lifts one lockout (op=unlock, key=...). One route serves both because
// routes.go gives this page one line.
//
// The page reads in a fixed number of queries whatever it lists: the rows,
// then the names they mention in one query per kind (store.AuditNames).
func (s *Server) handleAudit(w http.ResponseWriter, r *http.Request) error {
	switch r.Method {
	case http.MethodGet, http.MethodHead:
	case http.MethodPost:
		return s.handleAuditUnlock(w, r)
	default:
		w.Header().Set("Allow", "GET, POST")
		http.Error(w, "Phương thức không được hỗ trợ.", http.StatusMethodNotAllowed)
		return nil
	}
	q := r.URL.Query()
	data := auditPage{page: s.basePage(r, "Nhật ký hệ thống"), Fields: map[string]string{},
		Filter: auditFilterForm{Entity: q.Get("entity"), Action: q.Get("action"), Username: strings.TrimSpace(q.Get("user")),
			From: strings.TrimSpace(q.Get("from")), To: strings.TrimSpace(q.Get("to")), EntityID: q.Get("entity_id")}}
	if q.Get("ok") == "unlocked" {
		data.Notice = "Đã mở khóa đăng nhập."
	}
	f := store.AuditFilter{Entity: data.Filter.Entity, Action: data.Filter.Action, Limit: 100}
	if data.Filter.Username != "" {
		// The one whose username it is, or else everyone whose username or
		// full name holds it: an admin tracing what someone did knows
		// their name before their username.
		var users []*tiendo.User
		u, err := s.store.UserByUsername(r.Context(), data.Filter.Username)
		switch {
		case err == nil:
			users = []*tiendo.User{u}
		case tiendo.ErrorCode(err) != tiendo.ENOTFOUND:
			return err
		default:
			all, err := s.store.Users(r.Context())
			if err != nil {
				return err
			}
			users = usersNamed(all, data.Filter.Username)
		}
		switch {
		case len(users) == 0:
			data.Fields["user"] = "Không có người dùng nào có tên đăng nhập hoặc họ tên “" + data.Filter.Username + "”. Hãy ghi tên đăng nhập (ví dụ: vanphong) hoặc một phần họ tên."
		case len(users) > maxAuditUsers:
			data.Fields["user"] = fmt.Sprintf("“%s” khớp với %d người dùng: hãy ghi đầy đủ hơn, hoặc tên đăng nhập.", data.Filter.Username, len(users))
		default:
			for _, u := range users {
				f.UserIDs = append(f.UserIDs, u.ID)
			}
			if len(users) > 1 {
				data.Notice = "Đang xem việc của " + auditUserList(users) + "."
			}
		}
	}
	f.EntityID, _ = strconv.ParseInt(data.Filter.EntityID, 10, 64)
	var msg string
	if f.From, msg = auditDay("Từ ngày", data.Filter.From); msg != "" {
		data.Fields["from"] = msg
	}
	if f.To, msg = auditDay("Đến ngày", data.Filter.To); msg != "" {
		data.Fields["to"] = msg
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		data.Fields["to"] = "“Đến ngày” đang trước “Từ ngày”: hãy đổi lại cho đúng thứ tự."
	}
	if !f.To.IsZero() {
		f.To = f.To.AddDate(0, 0, 1) // the whole last day
	}
	f.BeforeID, _ = strconv.ParseInt(q.Get("before"), 10, 64)
	if len(data.Fields) > 0 {
		data.Error = "Bộ lọc chưa hợp lệ: " + joinFields(data.Fields)
		return s.render(w, http.StatusUnprocessableEntity, "audit", data)
	}
	entries, err := s.store.AuditSearch(r.Context(), f)
	if err != nil {
		return err
	}
	if len(entries) == f.Limit {
		next := url.Values{}
		for k, v := range q {
			next[k] = v
		}
		next.Set("before", strconv.FormatInt(entries[len(entries)-1].ID, 10))
		next.Del("verify")
		data.Next = "/admin/audit?" + next.Encode() // a whole address: html/template escapes "=" in a query written after "?"
	}
	values := make([]auditValues, len(entries))
	var refs store.AuditRefs
	for i := range entries {
		values[i] = decodeAudit(&entries[i])
		values[i].refs(&entries[i], &refs)
	}
	names, err := s.store.AuditNames(r.Context(), refs)
	if err != nil {
		return err
	}
	data.Rows = make([]auditRow, len(entries))
	for i, e := range entries {
		data.Rows[i] = auditRowOf(e, values[i], names)
	}
	if data.Locks, err = s.store.LoginLocks(r.Context(), store.DefaultThrottle); err != nil {
		return err
	}
	if q.Get("verify") == "1" {
		if data.Verified, err = s.store.VerifyAudit(r.Context()); err != nil {
			return err
		}
	}
	return s.render(w, http.StatusOK, "audit", data)
}

// maxAuditUsers bounds how many people one filter may name.
const maxAuditUsers = 20

// usersNamed returns the users whose username or full name holds typed,
// compared folded: "nguyen van an" finds Nguyễn Văn An.
func usersNamed(all []*tiendo.User, typed string) []*tiendo.User {
	f := filterFor(typed)
	var out []*tiendo.User
	for _, u := range all {
		if f.matchText(u.Username, u.FullName) {
			out = append(out, u)
		}
	}
	return out
}

// auditUserList names the people a filter found: "Nguyễn Văn An (nva),
// Nguyễn Thị Bình (ntb)".
func auditUserList(users []*tiendo.User) string {
	names := make([]string, len(users))
	for i, u := range users {
		names[i] = cmp.Or(u.FullName, u.Username) + " (" + u.Username + ")"
	}
	return strings.Join(names, ", ")
}

// auditDay reads a filter's day as the other date fields of the app take
// it, day/month/year ("07/06/2026"); the ISO form of older links still
// works. It returns the start of that day, or a message for the field.
func auditDay(field, typed string) (time.Time, string) {
	if typed == "" {
		return time.Time{}, ""
	}
	iso, err := docDateISO(typed)
	day, err2 := time.ParseInLocation(time.DateOnly, iso, tiendo.Zone)
	if err == nil && err2 == nil {
		return day, ""
	}
	if msg := noSuchDay(typed); msg != "" {
		return time.Time{}, msg
	}
	return time.Time{}, fmt.Sprintf("%s “%s” chưa đúng: viết ngày/tháng/năm như 07/06/2026.", field, typed)
}

func joinFields(fields map[string]string) string {
	out := ""
	for _, k := range []string{"user", "from", "to"} {
		if v, ok := fields[k]; ok {
			if out != "" {
				out += " "
			}
			out += v
		}
	}
	return out
}

func (s *Server) handleAuditUnlock(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	if r.PostFormValue("op") != "unlock" {
		return tiendo.Errorf(tiendo.EINVALID, "Không rõ thao tác; hãy tải lại trang và thử lại.")
	}
	if err := s.store.LiftLoginLock(r.Context(), actor(r), r.PostFormValue("key")); err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/audit?ok=unlocked", http.StatusSeeOther)
	return nil
}

// The before and after values of audit rows are JSON the store encoded
// from its own structs and maps. They are decoded keeping the order of
// each object's keys, which is the order of the struct's fields: the
// order a person expects (a unit's name before its e-mail address).

// jsonObject is a decoded JSON object with its keys in order.
type jsonObject struct {
	keys []string
	vals map[string]any
}

// auditValues is an audit row's before and after values, decoded. A side
// the row does not have is nil; one that is not JSON (a row written by
// hand) is kept as its text.
type auditValues struct {
	before, after any
}

func decodeAudit(e *store.AuditEntry) auditValues {
	return auditValues{decodeOrdered(e.Before), decodeOrdered(e.After)}
}

// decodeOrdered decodes s into *jsonObject, []any, string, json.Number,
// bool or nil. An empty s is nil; text that is not JSON stays a string.
func decodeOrdered(s string) any {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	v, err := decodeValue(dec)
	if err != nil {
		return s
	}
	if _, err := dec.Token(); err == nil {
		return s // more than one value
	}
	return v
}

func decodeValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	d, ok := tok.(json.Delim)
	if !ok {
		return tok, nil
	}
	switch d {
	case '{':
		o := &jsonObject{vals: map[string]any{}}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return nil, err
			}
			k, _ := kt.(string)
			v, err := decodeValue(dec)
			if err != nil {
				return nil, err
			}
			if _, dup := o.vals[k]; !dup {
				o.keys = append(o.keys, k)
			}
			o.vals[k] = v
		}
		_, err = dec.Token()
		return o, err
	case '[':
		a := []any{}
		for dec.More() {
			v, err := decodeValue(dec)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
		_, err = dec.Token()
		return a, err
	}
	return nil, fmt.Errorf("web: audit value: unexpected %v", d)
}

// refs adds to r what row e and its values mention: the thing the row is
// about, the person who acted, and the units, users, tasks and targets its
// values hold by ID.
func (v auditValues) refs(e *store.AuditEntry, r *store.AuditRefs) {
	if e.UserID != 0 {
		r.Users = append(r.Users, e.UserID)
	}
	if e.EntityID != 0 {
		switch e.Entity {
		case "unit":
			r.Units = append(r.Units, e.EntityID)
		case "user":
			r.Users = append(r.Users, e.EntityID)
		case "round":
			r.Rounds = append(r.Rounds, e.EntityID)
		case "unit_report":
			r.Reports = append(r.Reports, e.EntityID)
		case "document":
			r.Documents = append(r.Documents, e.EntityID)
		case "task":
			r.Tasks = append(r.Tasks, e.EntityID)
		}
	}
	var walk func(x any, parent, field string)
	walk = func(x any, parent, field string) {
		switch x := x.(type) {
		case *jsonObject:
			for _, k := range x.keys {
				walk(x.vals[k], field, k)
			}
		case []any:
			for _, y := range x {
				walk(y, parent, field)
			}
		case json.Number:
			id, err := x.Int64()
			if err != nil {
				return
			}
			switch refKind(parent, field) {
			case "unit":
				r.Units = append(r.Units, id)
			case "user":
				r.Users = append(r.Users, id)
			case "task":
				r.Tasks = append(r.Tasks, id)
			case "target":
				r.Targets = append(r.Targets, id)
			}
		}
	}
	walk(v.before, "", "")
	walk(v.after, "", "")
}

// refKind says what kind of thing a numeric field of an audit value
// refers to by ID, "" for a plain number.
func refKind(parent, field string) string {
	switch field {
	case "unit_id", "unit_ids", "parent_id", "reported_by":
		return "unit"
	case "approved_by":
		return "user"
	case "task_id":
		return "task"
	case "target_id":
		return "target"
	case "predecessor_id":
		if parent == "targets" {
			return "target"
		}
		return "task"
	}
	return ""
}

// auditRowOf builds the row the page shows for e.
func auditRowOf(e store.AuditEntry, v auditValues, n *store.AuditNames) auditRow {
	row := auditRow{AuditEntry: e, Subject: auditSubject(e, v, n)}
	if e.UserID != 0 {
		row.Who = userName(e.UserID, n)
	}
	c := &auditReader{entity: e.Entity, action: e.Action, names: n}
	changes := c.changes(v.before, v.after)
	if len(changes) > auditShown+1 { // "Xem thêm 1 mục" would hide no more than it takes
		row.Changes, row.More = changes[:auditShown], changes[auditShown:]
	} else {
		row.Changes = changes
	}
	return row
}

func userName(id int64, n *store.AuditNames) auditName {
	u, ok := n.Users[id]
	if !ok {
		return auditName{Text: fmt.Sprintf("Người dùng #%d (đã xóa)", id)}
	}
	return auditName{Text: u.Username, Note: strings.TrimSpace(u.FullName), Link: fmt.Sprintf("/admin/users/%d", id)}
}

// auditSubject names what row e is about, with a link to its page: a unit
// report as "Báo cáo của <đơn vị> · <đợt>", a round by its title, a user
// by username and full name, a unit by its name. What has no cheap name,
// or was deleted since, keeps its number.
func auditSubject(e store.AuditEntry, v auditValues, n *store.AuditNames) auditName {
	kind := auditEntities.Label(e.Entity)
	byNumber := auditName{Text: kind}
	if e.EntityID != 0 {
		byNumber.Text += fmt.Sprintf(" #%d", e.EntityID)
	}
	gone := func() auditName {
		if e.EntityID != 0 {
			byNumber.Text += " (đã xóa)"
		}
		return byNumber
	}
	id := e.EntityID
	switch e.Entity {
	case "unit_report":
		if p, ok := n.Reports[id]; ok {
			return auditName{Text: "Báo cáo của " + p.UnitName + " · " + p.RoundTitle,
				Link: fmt.Sprintf("/rounds/%d/reports/%s", p.RoundID, url.PathEscape(p.UnitCode))}
		}
		return gone()
	case "round":
		if title, ok := n.Rounds[id]; ok {
			return auditName{Text: kind + ": " + title, Link: fmt.Sprintf("/rounds/%d", id)}
		}
		// A deleted draft: its deletion, creation and edits say its title.
		if title := cmp.Or(stringField(v.before, "title"), stringField(v.after, "title")); title != "" {
			return auditName{Text: kind + ": " + title + " (đã xóa)"}
		}
		return gone()
	case "document":
		if d, ok := n.Documents[id]; ok {
			page := "consolidated"
			if d.Kind == tiendo.DocDirective {
				page = "directive"
			}
			return auditName{Text: capitalize(d.Kind.Label()) + " · " + d.RoundTitle, Link: fmt.Sprintf("/rounds/%d/%s", d.RoundID, page)}
		}
		return gone()
	case "task":
		if t, ok := n.Tasks[id]; ok {
			return auditName{Text: "Nhiệm vụ " + t.Label + " · " + t.RoundTitle, Link: fmt.Sprintf("/rounds/%d", t.RoundID)}
		}
		return gone()
	case "user":
		if _, ok := n.Users[id]; ok {
			u := userName(id, n)
			return auditName{Text: kind + ": " + u.Text, Note: u.Note, Link: u.Link}
		}
		return gone()
	case "unit":
		if name, ok := n.Units[id]; ok {
			return auditName{Text: kind + ": " + name, Link: fmt.Sprintf("/admin/units/%d", id)}
		}
		return gone()
	case "username", "address": // a login lockout: who is in its key
		if key := stringField(v.after, "key"); key != "" {
			return auditName{Text: kind + ": " + key}
		}
	case "issuer_setting":
		if issuer := stringField(v.after, "issuer"); issuer != "" {
			return auditName{Text: kind + ": " + issuer, Link: "/admin/cutoff"}
		}
	}
	return byNumber
}

// stringField is the string field key of a decoded object, "" when it has
// none.
func stringField(v any, key string) string {
	if o, ok := v.(*jsonObject); ok {
		s, _ := o.vals[key].(string)
		return s
	}
	return ""
}

// intField is the integer field key of a decoded object, 0 when it has
// none.
func intField(o *jsonObject, key string) int64 {
	n, _ := o.vals[key].(json.Number)
	i, _ := n.Int64()
	return i
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return strings.ToUpper(string(r)) + s[n:]
}

// auditReader turns the values of one audit row into the changes the page
// shows, reading each field by what the row is about.
type auditReader struct {
	entity, action string
	names          *store.AuditNames
}

// auditLeaf is one field of a value, flattened: id is the same for the
// same field on both sides ("sections/12/obstacles"), label its path in
// words ("Nhiệm vụ 3", "Khó khăn, vướng mắc").
type auditLeaf struct {
	id, field string // field: the JSON name
	item      string // the list item it is in: see auditAt
	label     []string
	text      auditText
}

// auditHidden are fields the page leaves out: internal numbers, and times
// the row's own time already says.
var auditHidden = map[string]bool{"id": true, "round_id": true, "created_at": true, "updated_at": true}

// changes lists what a row records. With both sides, only the fields whose
// value differs, each as before → after; with one side (a creation, a
// deletion, an action that records only its result), the fields that have
// a value. A state comes first and a version number last, whatever the
// order the store wrote them in (a map's keys are written sorted).
func (c *auditReader) changes(before, after any) []auditChange {
	b, a := c.leaves(before), c.leaves(after)
	was := map[string]auditLeaf{}
	for _, l := range b {
		was[l.id] = l
	}
	shared := slices.ContainsFunc(a, func(l auditLeaf) bool { _, ok := was[l.id]; return ok })
	var out []auditChange
	if before == nil || after == nil || !shared {
		// One side, or two that share no field (a removed attachment and
		// the note of its removal): each field as it is.
		for _, l := range append(b, a...) {
			if !l.text.Empty {
				out = append(out, auditChange{Field: strings.Join(l.label, " › "), After: l.text, rank: auditRank(l.field)})
			}
		}
	} else {
		empty := auditText{Empty: true}
		items := map[string]bool{}
		for _, l := range b {
			items[l.item] = true
		}
		seen := map[string]bool{}
		for _, l := range a {
			seen[l.id] = true
			old, ok := was[l.id]
			switch {
			case !ok && (auditActFields[l.field] || !items[l.item]):
				// What the act itself recorded (a return's comment), or a
				// list item that had nothing before (a section written for
				// the first time): its value, without "(trống) →".
				if !l.text.Empty {
					out = append(out, auditChange{Field: strings.Join(l.label, " › "), After: l.text, rank: auditRank(l.field)})
				}
				continue
			case !ok:
				old.text = empty
			}
			if old.text != l.text {
				out = append(out, auditChange{Field: strings.Join(l.label, " › "), Before: old.text, After: l.text, Diff: true, rank: auditRank(l.field)})
			}
		}
		for _, l := range b {
			if !seen[l.id] && !l.text.Empty {
				out = append(out, auditChange{Field: strings.Join(l.label, " › "), Before: l.text, After: empty, Diff: true, rank: auditRank(l.field)})
			}
		}
	}
	slices.SortStableFunc(out, func(x, y auditChange) int { return x.rank - y.rank })
	return out
}

// auditActFields are the fields an action records about itself rather
// than about the thing it changes: they have no "before".
var auditActFields = map[string]bool{"comment": true, "late": true, "reason": true, "unit_id": true}

// auditRank orders a row's changes: its state first, its version last.
func auditRank(field string) int {
	switch field {
	case "status":
		return -1
	case "version":
		return 1
	}
	return 0
}

// leaves flattens a decoded value into its fields.
func (c *auditReader) leaves(v any) []auditLeaf {
	var out []auditLeaf
	switch v := v.(type) {
	case nil:
	case *jsonObject:
		c.object(&out, v, auditAt{}, "")
	default:
		c.value(&out, v, auditAt{}, "")
	}
	return out
}

// auditAt is where in a value a field is.
type auditAt struct {
	id     string   // its path of JSON names and list keys: "/sections/12"
	item   string   // the id of the list item it is in, "" outside lists
	label  []string // its path in words
	parent string   // the JSON name of the object or list it is in
	target int64    // the target whose values these are (for their unit)
}

// in is the place of field name inside at, labelled label.
func (at auditAt) in(name, label string) auditAt {
	at.id += "/" + name
	at.label = append(slices.Clip(at.label), label)
	return at
}

// object adds the fields of o, but skip (the key its list already names
// it by) and the hidden ones.
func (c *auditReader) object(out *[]auditLeaf, o *jsonObject, at auditAt, skip string) {
	for _, k := range o.keys {
		if k == skip || auditHidden[k] || (skip == "key" && k == "heading") { // a part is named by its heading
			continue
		}
		c.value(out, o.vals[k], at, k)
	}
}

// value adds field's value v: one leaf for a scalar or a list of them,
// the fields of an object, the fields of each item of a list of objects
// (matched between before and after by their key: a section by its task).
func (c *auditReader) value(out *[]auditLeaf, v any, at auditAt, field string) {
	name := auditFieldLabel(c.action, at.parent, c.entity, field)
	leaf := func(t auditText) {
		here := at.in(field, name)
		*out = append(*out, auditLeaf{id: here.id, item: at.item, field: field, label: here.label, text: t})
	}
	switch v := v.(type) {
	case *jsonObject:
		if field == "period" {
			leaf(c.period(v))
			return
		}
		inner := at.in(field, name)
		inner.parent = field
		c.object(out, v, inner, "")
		return
	case []any:
		if field == "tasks" {
			leaf(c.tasks(v))
			return
		}
		if key := elementKey(v); key != "" {
			for _, e := range v {
				o := e.(*jsonObject)
				item := at
				item.id += "/" + field + "/" + scalarText(o.vals[key])
				item.item, item.parent = item.id, field
				item.label = append(slices.Clip(at.label), c.elementLabel(field, key, o))
				if key == "target_id" {
					item.target = intField(o, key)
				}
				c.object(out, o, item, key)
			}
			return
		}
		if !slices.ContainsFunc(v, func(x any) bool { _, ok := x.(*jsonObject); return ok }) {
			parts := make([]string, 0, len(v))
			for _, x := range v {
				if t := c.scalar(at.parent, field, x, at.target); !t.Empty {
					parts = append(parts, t.Full)
				}
			}
			if len(parts) == 0 {
				leaf(auditText{Empty: true})
			} else {
				leaf(newAuditText(strings.Join(parts, "; ")))
			}
			return
		}
		for i, x := range v { // items without a key: by position
			item := at.in(fmt.Sprintf("%s/%d", field, i), fmt.Sprintf("%s %d", name, i+1))
			item.item, item.parent = item.id, field
			if o, ok := x.(*jsonObject); ok {
				c.object(out, o, item, "")
			} else {
				*out = append(*out, auditLeaf{id: item.id, item: item.item, field: field, label: item.label, text: c.scalar(at.parent, field, x, at.target)})
			}
		}
		return
	}
	leaf(c.scalar(at.parent, field, v, at.target))
}

// elementKey is the field that tells the items of list apart, "" when
// they are not objects or no field does.
func elementKey(list []any) string {
	if len(list) == 0 {
		return ""
	}
	for _, key := range []string{"id", "key", "target_id", "task_id", "unit_id"} {
		seen := map[string]bool{}
		ok := true
		for _, x := range list {
			o, isObj := x.(*jsonObject)
			if !isObj {
				return ""
			}
			v, has := o.vals[key]
			if _, isNum := v.(json.Number); !has || (!isNum && key != "key") || seen[scalarText(v)] {
				ok = false
				break
			}
			seen[scalarText(v)] = true
		}
		if ok {
			return key
		}
	}
	return ""
}

// elementLabel names one item of list field by its key: "Nhiệm vụ 3",
// "Chỉ tiêu “tỷ lệ GPMB đạt 70%”", "Phòng Nội vụ".
func (c *auditReader) elementLabel(field, key string, o *jsonObject) string {
	id := intField(o, key)
	switch key {
	case "task_id":
		label := fmt.Sprintf("#%d", id)
		if t, ok := c.names.Tasks[id]; ok {
			label = t.Label
		}
		if field == "contributions" {
			return "Phối hợp nhiệm vụ " + label
		}
		if _, ok := o.vals["unit_id"]; ok { // a unit's part in the task: name the unit too
			return "Nhiệm vụ " + label + ", " + c.unit(intField(o, "unit_id"))
		}
		return "Nhiệm vụ " + label
	case "target_id":
		if t, ok := c.names.Targets[id]; ok {
			return "Chỉ tiêu “" + shorten(t.Text, 60) + "”"
		}
		return fmt.Sprintf("Chỉ tiêu #%d", id)
	case "unit_id":
		return c.unit(id)
	case "key":
		if h := stringField(o, "heading"); h != "" {
			return "Phần “" + shorten(h, 60) + "”"
		}
		return "Phần “" + stringField(o, "key") + "”"
	}
	if text := stringField(o, "text"); text != "" && field == "targets" {
		return "Chỉ tiêu “" + shorten(text, 60) + "”"
	}
	return fmt.Sprintf("%s #%d", auditFieldLabel(c.action, "", c.entity, field), id)
}

// scalar reads one value of field as people read it.
func (c *auditReader) scalar(parent, field string, v any, target int64) auditText {
	switch v := v.(type) {
	case nil:
		return auditText{Empty: true}
	case bool:
		if v {
			return newAuditText("Có")
		}
		return newAuditText("Không")
	case json.Number:
		return newAuditText(c.number(parent, field, v, target))
	case string:
		if v == "" {
			return auditText{Empty: true}
		}
		return newAuditText(c.text(parent, field, v))
	case *jsonObject, []any:
		var parts []string
		for _, l := range c.leaves(v) {
			if !l.text.Empty {
				parts = append(parts, strings.Join(l.label, " › ")+": "+l.text.Full)
			}
		}
		if len(parts) == 0 {
			return auditText{Empty: true}
		}
		return newAuditText(strings.Join(parts, "; "))
	}
	return newAuditText(fmt.Sprint(v))
}

func (c *auditReader) number(parent, field string, v json.Number, target int64) string {
	if id, err := v.Int64(); err == nil {
		switch refKind(parent, field) {
		case "unit":
			if field == "reported_by" && id == 0 {
				return "Mọi đơn vị chủ trì" // tiendo.Target.ReportedBy
			}
			return c.unit(id)
		case "user":
			return userName(id, c.names).Text
		case "task":
			if t, ok := c.names.Tasks[id]; ok {
				return "Nhiệm vụ " + t.Label + " · " + t.RoundTitle
			}
			return fmt.Sprintf("Nhiệm vụ #%d", id)
		case "target":
			if t, ok := c.names.Targets[id]; ok {
				return "Chỉ tiêu “" + shorten(t.Text, 60) + "”"
			}
			return fmt.Sprintf("Chỉ tiêu #%d", id)
		}
		switch field {
		case "size":
			return fileSize(id)
		case "token_id":
			return fmt.Sprintf("#%d", id)
		}
	}
	f, err := v.Float64()
	if err != nil {
		return v.String()
	}
	s := vi.FormatNumber(f, -1)
	if parent == "actuals" {
		if t, ok := c.names.Targets[target]; ok {
			s += unitSuffix(t.Unit)
		}
	}
	return s
}

func (c *auditReader) unit(id int64) string {
	if name, ok := c.names.Units[id]; ok {
		return name
	}
	return fmt.Sprintf("Đơn vị #%d", id)
}

// isoDay is a day or a month as the store writes a document's date.
var isoDay = regexp.MustCompile(`^(\d{4})-(\d{2})(?:-(\d{2}))?$`)

func (c *auditReader) text(parent, field, s string) string {
	switch field {
	case "status":
		return c.status(parent, s)
	case "role":
		if parent == "assignees" {
			return assigneeRoles.Label(s)
		}
		return tiendo.Role(s).Label()
	case "kind":
		return capitalize(tiendo.DocKind(s).Label())
	case "comparator":
		return comparatorLabel(s)
	case "direction":
		return directions.Label(s)
	case "relative_to":
		return relativeTos.Label(s)
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		t = t.In(tiendo.Zone)
		if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
			return formatDate(t) // a "trước ngày" deadline is a day
		}
		return formatDateTime(t)
	}
	if m := isoDay.FindStringSubmatch(s); m != nil {
		if m[3] == "" {
			return m[2] + "/" + m[1]
		}
		return m[3] + "/" + m[2] + "/" + m[1]
	}
	return s
}

// status names a state by what it is the state of.
func (c *auditReader) status(parent, s string) string {
	if parent == "sections" {
		for _, st := range tiendo.SectionStatuses {
			if st.Value == s {
				return st.Label
			}
		}
		return s
	}
	switch c.entity {
	case "unit_report":
		return tiendo.ReportStatus(s).Label()
	case "document":
		return tiendo.DocStatus(s).Label()
	case "round":
		return roundStatuses.Label(s)
	case "outbox":
		return store.MessageStatusLabel(s)
	}
	return s
}

func (c *auditReader) period(o *jsonObject) auditText {
	n := func(k string) int { return int(intField(o, k)) }
	kind, _ := o.vals["kind"].(string)
	if kind == "" && n("year") == 0 {
		return auditText{Empty: true}
	}
	return newAuditText(periodLabel(tiendo.Period{Kind: tiendo.PeriodKind(kind), Year: n("year"), Index: n("index")}))
}

// tasks writes a new round's tasks as a list, one a line: the round page
// shows them whole, with their units and targets.
func (c *auditReader) tasks(list []any) auditText {
	var lines []string
	for _, x := range list {
		o, ok := x.(*jsonObject)
		if !ok {
			continue
		}
		lines = append(lines, "Nhiệm vụ "+stringField(o, "label")+": "+stringField(o, "text"))
	}
	if len(lines) == 0 {
		return auditText{Empty: true}
	}
	return newAuditText(fmt.Sprintf("%d nhiệm vụ.\n", len(lines)) + strings.Join(lines, "\n"))
}

// scalarText is a list key's value as text, for matching.
func scalarText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	}
	return fmt.Sprint(v)
}

// newAuditText is s, shortened when long.
func newAuditText(s string) auditText {
	t := auditText{Full: s, Short: s}
	if utf8.RuneCountInString(s) > auditLongRunes || strings.Count(s, "\n") >= auditLongLines {
		t.Short = shorten(firstLines(s, auditLongLines), auditShortRunes)
		if !strings.HasSuffix(t.Short, "…") {
			t.Short += "…"
		}
	}
	return t
}

// firstLines is the first n lines of s, joined by spaces.
func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	return strings.Join(strings.Fields(strings.Join(lines[:min(n, len(lines))], " ")), " ")
}

// shorten cuts s to about n characters at a space, with "…" when it cut.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	cut := string(r)
	if i := strings.LastIndexAny(cut, " \n"); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:") + "…"
}

// fileSize writes a file's size for people, as the report page does.
func fileSize(n int64) string {
	return (&reportPage{}).FileSize(n)
}
