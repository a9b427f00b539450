package web

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"tiendo"
	"tiendo/internal/consolidate"
	"tiendo/internal/reportdoc"
	"tiendo/internal/store"
	"tiendo/internal/vi"
	"tiendo/internal/watch"
)

// The consolidated report's editor: the office drafts it in one click,
// edits it part by part (regenerating one part from the latest unit reports
// keeps the edits elsewhere), sends it to a leader, who approves or returns
// it, and the office issues it: numbered, dated, frozen.

// docPage is what the pages of a round's two documents share: the round,
// the document, who may draft or approve it, and the approval and issuing
// forms (partials/doc.html).
type docPage struct {
	page
	Round      *tiendo.Round
	C          *tiendo.Document
	Error      string
	Fields     map[string]string
	Notice     string
	CanDraft   bool
	CanApprove bool
	Signer     reportdoc.Signer
	// SignerFixed is the leader who approved the document, when only they
	// may sign it (the consolidated report): the issue form shows their
	// name and says how to have someone else sign.
	SignerFixed string
	Action      string // where the decision forms post
	IssueNote   string // what issuing does
	// StaleNote says, by the approval form, which parts of the document
	// are older than the reports they use; the leader approving ticks a
	// box that says they know (confirm_stale). ReturnNote is what the
	// return form's comment offers to say then.
	StaleNote, ReturnNote string
}

// docFields are the fields of a document's forms a refused step may
// mark, in the order of the page, with the element each is and what the
// message at the top calls it. A part's text ("p3.text") comes first, named
// by its part.
var docFields = []struct{ key, id, label string }{
	{"confirm_tasks", "confirm_tasks", "Ô xác nhận sửa nhiệm vụ của đợt báo cáo"},
	{"comment", "comment", "Ý kiến khi trả lại"},
	{"confirm_stale", "confirm_stale", "Ô xác nhận duyệt khi dự thảo chưa cập nhật"},
	{"signer_title", "signer_title", "Chức vụ"},
	{"signer_name", "signer_name", "Họ tên người ký"},
	{"confirm_issue", "confirm_issue", "Ô xác nhận trước khi cấp số và ban hành"},
}

// Problems lists what a refused step marked, each with a link to its field,
// for the message at the top of the page (partials/doc.html "docError"),
// as the unit's report form lists its own (reportPage.Problems).
func (p docPage) Problems() []unreadField {
	if len(p.Fields) == 0 {
		return nil
	}
	var out []unreadField
	if p.C != nil {
		for i, part := range p.C.Parts {
			if msg := p.Fields[partField(i)]; msg != "" {
				out = append(out, unreadField{Key: fmt.Sprintf("p%d-text", i), Label: vi.Capitalize(consolidate.PartName(p.Round, part)), Message: msg})
			}
		}
	}
	for _, f := range docFields {
		if msg := p.Fields[f.key]; msg != "" {
			out = append(out, unreadField{Key: f.id, Label: f.label, Message: msg})
		}
	}
	return out
}

// newDocPage fills a docPage for the request; notices are the messages
// keyed by the redirect's ?ok= value.
func (s *Server) newDocPage(r *http.Request, title string, round *tiendo.Round, c *tiendo.Document, kind tiendo.DocKind,
	notices map[string]string, signer reportdoc.Signer, issueNote string) docPage {
	u := userFrom(r.Context())
	return docPage{page: s.basePage(r, title), Round: round, C: c,
		CanDraft: tiendo.Allowed(u, tiendo.ActionConsolidate, 0), CanApprove: tiendo.Allowed(u, tiendo.ActionApproveDoc, 0),
		Notice: notices[r.URL.Query().Get("ok")], Signer: signer, IssueNote: issueNote,
		Action: fmt.Sprintf("/rounds/%d/%s", round.ID, map[tiendo.DocKind]string{tiendo.DocReport: "consolidated", tiendo.DocDirective: "directive"}[kind])}
}

// consolidatedPage is the consolidated report's page, and its print view.
type consolidatedPage struct {
	docPage
	// Sheet is the report as its DOCX and PDF print it (document.Sheet,
	// written by partials/sheet.html), for the preview and the print view;
	// empty while the office edits a draft.
	Sheet template.HTML
	// Rebuilt says the sheet of an issued report was drawn again from today's
	// data (it was issued before its model was kept with its files).
	Rebuilt bool
	// Gaps is which units' reports the report goes without, until it is
	// issued: the office sends it and the leader approves it knowing.
	Gaps *unitGaps
	// Issuer is the body the report is issued by; IssuerUnset says it is
	// the round's issuer standing in, as the body running tiendo is not set.
	Issuer      string
	IssuerUnset bool
	// Theirs holds, after a save refused because someone else saved first,
	// the saved version's text of every field that differs from the form's
	// ("subject", "p3.heading", "p3.text"), shown under it to compare; the
	// form keeps what was typed and carries TheirsVersion, so that the next
	// save goes through.
	Theirs        map[string]string
	TheirsVersion int
	// Confirm asks before parts are drawn again from the units' reports,
	// over what they now say, ConfirmKeys being the parts to draw (those
	// that would not change included); Replaced says, after, what they
	// said.
	Confirm     []*regenPart
	ConfirmKeys string
	Replaced    []*regenPart
	// Stale is what of the draft is older than the units' reports it
	// uses, until it is issued; nil when nothing is.
	Stale *staleDraft
}

// Confirming is the part of index i when the page asks before drawing it
// again, alone, so that the question stands in the part; nil otherwise.
func (p *consolidatedPage) Confirming(i int) *regenPart {
	if len(p.Confirm) == 1 && p.Confirm[0].Index == i {
		return p.Confirm[0]
	}
	return nil
}

// PartLegend names part i of the form for its fieldset's legend: "Phần 3:
// 2. Nhiệm vụ 2 …" by its heading, or by what the part is ("Phần 1: Phần
// mở đầu") when it has none.
func (p *consolidatedPage) PartLegend(i int) string {
	part := p.C.Parts[i]
	name := strings.TrimSpace(part.Heading)
	if name == "" {
		name = vi.Capitalize(consolidate.PartName(p.Round, part))
	}
	return fmt.Sprintf("Phần %d: %s", i+1, name)
}

// regenPart is a part drawn again from the latest unit reports: its place
// in the form, what it said and what it says drawn again.
type regenPart struct {
	Index               int
	Key, Name           string // Name: "phần mở đầu", as consolidate.PartName says
	OldHeading, OldText string
	NewHeading, NewText string
}

// unitGaps is how a round's reports stand as the round page counts them
// (watch.Rates: missing, returned while back with the unit, late by the
// first submission), with the units named, in Vietnamese order.
type unitGaps struct {
	watch.Rates
	MissingUnits, ReturnedUnits, LateUnits []string
}

// loadUnitGaps counts round's reports and names the units behind each count.
func (s *Server) loadUnitGaps(r *http.Request, round *tiendo.Round) (*unitGaps, error) {
	units, err := s.store.Units(r.Context())
	if err != nil {
		return nil, err
	}
	raw, err := s.store.ReportStates(r.Context(), round.ID)
	if err != nil {
		return nil, err
	}
	states := make(map[int64]watch.State, len(raw))
	for id, st := range raw {
		states[id] = watch.State{Status: st.Status, SubmittedAt: st.SubmittedAt, Late: st.Late}
	}
	g := &unitGaps{Rates: watch.RoundRates(round, states)}
	asked := make(map[int64]bool, len(round.UnitIDs))
	for _, id := range round.UnitIDs {
		asked[id] = true
	}
	for _, x := range units {
		if !asked[x.ID] {
			continue
		}
		// Counted alone, by the same rule as the round's counts.
		var one watch.Rates
		one.AddState(states[x.ID])
		if one.Missing > 0 {
			g.MissingUnits = append(g.MissingUnits, x.Name)
		}
		if one.Returned > 0 {
			g.ReturnedUnits = append(g.ReturnedUnits, x.Name)
		}
		if one.Late > 0 {
			g.LateUnits = append(g.LateUnits, x.Name)
		}
	}
	return g, nil
}

// Complete reports whether every unit asked has sent its report, on time,
// and none is back with its unit.
func (g *unitGaps) Complete() bool { return g.Missing == 0 && g.Returned == 0 && g.Late == 0 }

// Names lists units for a warning: at most 20 of them, then how many more
// ("…, và 12 đơn vị khác"), so a round of 3,000 communes stays readable.
func (g *unitGaps) Names(units []string) string { return consolidate.NameList(units) }

// consolidatedNotices are the messages after each action, keyed by the
// redirect's ?ok= value.
var consolidatedNotices = map[string]string{
	"created":    "Đã dự thảo báo cáo tổng hợp từ các báo cáo của đơn vị. Hãy đọc, sửa rồi trình lãnh đạo duyệt.",
	"saved":      "Đã lưu.",
	"regen-same": "Đã lưu. Phần vừa tạo lại đã trùng với báo cáo mới nhất của đơn vị, không có gì bị thay.",
	"send":       "Đã trình lãnh đạo duyệt.",
	"approve":    "Đã duyệt báo cáo.",
	"return":     "Đã trả lại Văn phòng.",
	"withdraw":   "Đã rút lại báo cáo về dự thảo: bản đã trình hoặc đã duyệt không còn hiệu lực, lãnh đạo đã được báo. Sửa xong, hãy trình lại để lãnh đạo duyệt.",
	"issued":     "Đã ban hành báo cáo; các tệp đã được lưu cố định.",
}

// consolidatedPage fills the page of round's report c (nil: none yet). The
// report is laid out as a sheet for the preview, unless the office is
// editing it. saved says c is the document as stored, not the form as
// typed, and only then is what the page draws from it (loadStale,
// laySheet) kept for the next view. A stored c may come without its text
// (store.DocHead): it is read when the page needs it.
func (s *Server) consolidatedPage(r *http.Request, round *tiendo.Round, c *tiendo.Document, saved bool) (*consolidatedPage, error) {
	p, err := s.consolidatedPageOf(r, round, c, saved)
	var moved *docMoved
	if errors.As(err, &moved) {
		// Changed between its head and its text: the page is laid out
		// again from the document as read with its text.
		return s.consolidatedPageOf(r, round, moved.c, saved)
	}
	return p, err
}

func (s *Server) consolidatedPageOf(r *http.Request, round *tiendo.Round, c *tiendo.Document, saved bool) (*consolidatedPage, error) {
	name := ""
	if c != nil && c.ApprovedBy != 0 {
		if leader, err := s.store.User(r.Context(), c.ApprovedBy); err == nil {
			name = leader.FullName
		}
	}
	p := &consolidatedPage{docPage: s.newDocPage(r, "Báo cáo tổng hợp: "+round.Title, round, c, tiendo.DocReport, consolidatedNotices, reportdoc.DefaultSigner(name),
		"Khi ban hành, báo cáo lấy số tiếp theo trong sổ văn bản đi của năm, mang ngày hôm nay, và các tệp được lưu cố định: mọi thay đổi sau đó phải là văn bản mới.")}
	if c != nil && c.Status == tiendo.DocApproved {
		// Approving is consenting to sign: the approver signs.
		p.SignerFixed = name
		if name == "" {
			p.SignerFixed = "(chưa rõ họ tên)"
		}
	}
	own, err := s.store.OwnIssuer(r.Context())
	if err != nil {
		return nil, err
	}
	p.Issuer, p.IssuerUnset = own.Name, own.Name == ""
	if p.IssuerUnset {
		p.Issuer = round.Issuer
	}
	if c == nil {
		return p, nil
	}
	sheet := !(p.CanDraft && c.Status == tiendo.DocDraft)
	// The round once, before what is drawn from it, for both the answer
	// and the sheet kept.
	var at *roundAt
	if saved {
		if at, err = s.readRoundAt(r.Context(), c.RoundID); err != nil {
			return nil, err
		}
	}
	text := s.textOf(r.Context(), c)
	if c.Status != tiendo.DocIssued {
		var err error
		if p.Gaps, err = s.loadUnitGaps(r, round); err != nil {
			return nil, err
		}
		if p.Stale, err = s.staleOf(r.Context(), userFrom(r.Context()), c, at, text); err != nil {
			return nil, err
		}
		if p.Stale != nil {
			p.StaleNote, p.ReturnNote = p.Stale.Notice(), p.Stale.ReturnRequest()
		}
	}
	if !sheet {
		// The office's form: the text itself.
		p.C, err = text()
		return p, err
	}
	return p, s.laySheet(r.Context(), p, at, text)
}

// docMoved is the document a page was given the head of (store.DocHead),
// as read with its text at another version: the page is to be laid out
// again from it.
type docMoved struct{ c *tiendo.Document }

func (e *docMoved) Error() string {
	return fmt.Sprintf("web: document %d changed while its page was laid out", e.c.ID)
}

// textOf returns what gives report c with its text: c itself, or, for a
// head (store.DocHead, Parts nil), the document read again whole, once,
// and a *docMoved if it is no longer the version c is.
func (s *Server) textOf(ctx context.Context, c *tiendo.Document) func() (*tiendo.Document, error) {
	if c.Parts != nil {
		return func() (*tiendo.Document, error) { return c, nil }
	}
	var whole *tiendo.Document
	return func() (*tiendo.Document, error) {
		if whole == nil {
			d, err := s.store.Doc(ctx, userFrom(ctx), c.RoundID, tiendo.DocReport)
			if err != nil {
				return nil, err
			}
			whole = d
		}
		if whole.Version != c.Version {
			return nil, &docMoved{whole}
		}
		return whole, nil
	}
}

// loadConsolidated loads the round of the request and its consolidated
// report, without its text (store.DocHead); a round without one yet gives
// a nil report when missingOK.
func (s *Server) loadConsolidated(r *http.Request, missingOK bool) (*tiendo.Round, *tiendo.Document, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, nil, err
	}
	u := userFrom(r.Context())
	round, err := s.store.Round(r.Context(), u, id)
	if err != nil {
		return nil, nil, err
	}
	// Without its text: the pages keep what they draw from it, and read it
	// when they draw it (textOf).
	c, err := s.store.DocHead(r.Context(), u, id, tiendo.DocReport)
	if err != nil && !(missingOK && tiendo.ErrorCode(err) == tiendo.ENOTFOUND) {
		return nil, nil, err
	}
	return round, c, nil
}

func (s *Server) handleConsolidatedShow(w http.ResponseWriter, r *http.Request) error {
	round, c, err := s.loadConsolidated(r, true)
	if err != nil {
		return err
	}
	p, err := s.consolidatedPage(r, round, c, true)
	if err != nil {
		return err
	}
	return s.renderConsolidated(w, http.StatusOK, "consolidated", p)
}

// handleConsolidatedCreate drafts the report from the round's unit reports.
func (s *Server) handleConsolidatedCreate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	u := userFrom(r.Context())
	in, err := reportdoc.Input(r.Context(), s.store, u, id)
	if err != nil {
		return err
	}
	c := &tiendo.Document{Kind: tiendo.DocReport, RoundID: id, Subject: consolidate.MetaFor(in).Subject, Parts: reportdoc.Parts(consolidate.Draft(in))}
	if err := s.store.CreateDoc(r.Context(), actor(r), u, c); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/rounds/%d/consolidated?ok=created", id), http.StatusSeeOther)
	return nil
}

// handleConsolidatedPost saves edits, regenerates a part, or moves the
// report through its approval, as the button says.
func (s *Server) handleConsolidatedPost(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.parseFormUpTo(w, r, docFormMax); err != nil {
		return err
	}
	u := userFrom(r.Context())
	round, err := s.store.Round(r.Context(), u, id)
	if err != nil {
		return err
	}
	c, err := s.store.Doc(r.Context(), u, id, tiendo.DocReport)
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	op := r.PostFormValue("op")
	stored := *c // as saved, before the form's text goes over it
	stored.Parts = slices.Clone(c.Parts)
	redirect := func(ok string) error {
		http.Redirect(w, r, fmt.Sprintf("/rounds/%d/consolidated?ok=%s", id, ok), http.StatusSeeOther)
		return nil
	}
	typed := op == "save" || op == "send" || strings.HasPrefix(op, "regen:") || strings.HasPrefix(op, "regen-confirm:")
	// show renders the page with the form as typed (c), status and what
	// the page is to say.
	show := func(status int, fill func(p *consolidatedPage)) error {
		shown := c
		if typed && c.Status != tiendo.DocDraft {
			// Someone sent or approved it meanwhile: the text typed here
			// stays in the form, under the message that says why it was
			// not saved, rather than give way to the stored one.
			draft := *c
			draft.Status = tiendo.DocDraft
			shown = &draft
		}
		p, err := s.consolidatedPage(r, round, shown, !typed)
		if err != nil {
			return err
		}
		fill(p)
		return s.renderConsolidated(w, status, "consolidated", p)
	}
	refuse := func(err error) error {
		var e *tiendo.Error
		if !errors.As(err, &e) || (e.Code != tiendo.EINVALID && e.Code != tiendo.ECONFLICT && e.Code != tiendo.EFORBIDDEN) {
			return err
		}
		return show(statusOf(e.Code), func(p *consolidatedPage) {
			p.Error, p.Fields = e.Message, e.Fields
			if op == "issue" {
				p.Signer = issueSigner(r) // as typed
				if p.SignerFixed != "" && c.ApprovedBy != 0 {
					p.Signer.Name = p.SignerFixed // the approver, whatever was sent
				}
			}
			if typed && e.Code == tiendo.ECONFLICT && stored.Status == tiendo.DocDraft && stored.Version != version {
				// Saved by someone else since this form was loaded: the
				// form keeps what was typed, shows beside it what they
				// saved, and carries their version, so that "Lưu" saves
				// the text once it has been compared.
				p.Theirs, p.TheirsVersion = theirs(&stored, c), stored.Version
				p.C.Version = stored.Version
			}
		})
	}
	switch {
	case typed:
		// The form's text is what the person sees: keep it whatever happens.
		c.Subject, c.Version = r.PostFormValue("subject"), version
		for i := range c.Parts {
			c.Parts[i].Heading = r.PostFormValue(fmt.Sprintf("p%d.heading", i))
			c.Parts[i].Text = r.PostFormValue(fmt.Sprintf("p%d.text", i))
		}
		var done []*regenPart
		keys, confirmed := regenKeys(op)
		if len(keys) > 0 && !tiendo.Allowed(u, tiendo.ActionConsolidate, 0) {
			return tiendo.Errorf(tiendo.EFORBIDDEN, "Chỉ Văn phòng được tạo lại các phần của báo cáo tổng hợp.")
		}
		if len(keys) > len(c.Parts) {
			return tiendo.Errorf(tiendo.EINVALID, "Báo cáo chỉ có %d phần, không thể tạo lại %d phần; hãy tải lại trang.", len(c.Parts), len(keys))
		}
		if len(keys) > 0 {
			in, err := reportdoc.Input(r.Context(), s.store, u, id)
			if err != nil {
				return err
			}
			fresh := map[string]consolidate.Section{}
			for _, sec := range consolidate.Draft(in) {
				fresh[sec.Key] = sec
			}
			var changed []*regenPart
			for _, key := range keys {
				sec, ok := fresh[key]
				i := slices.IndexFunc(c.Parts, func(p tiendo.ReportPart) bool { return p.Key == key })
				if !ok || i < 0 {
					return tiendo.Errorf(tiendo.EINVALID, "Báo cáo không có phần %q để tạo lại; hãy tải lại trang.", shortKey(key))
				}
				if !consolidate.SameText(c.Parts[i], sec) {
					changed = append(changed, &regenPart{Index: i, Key: key, Name: consolidate.PartName(round, c.Parts[i]), OldHeading: c.Parts[i].Heading, OldText: c.Parts[i].Text, NewHeading: sec.Heading, NewText: sec.Text})
				}
				c.Parts[i] = tiendo.ReportPart{Key: sec.Key, Heading: sec.Heading, Text: sec.Text}
			}
			if !confirmed && len(changed) > 0 {
				// What the parts say now would be lost: ask first, with
				// the form as typed (the form's text, not the parts drawn
				// again), nothing saved yet.
				for _, part := range changed {
					c.Parts[part.Index].Heading, c.Parts[part.Index].Text = part.OldHeading, part.OldText
				}
				// Yes replaces the parts the question shows, no others:
				// one unchanged now may differ by the time yes is pressed,
				// and it was not asked about.
				shownKeys := make([]string, len(changed))
				for i, part := range changed {
					shownKeys[i] = part.Key
				}
				return show(http.StatusOK, func(p *consolidatedPage) { p.Confirm, p.ConfirmKeys = changed, strings.Join(shownKeys, ",") })
			}
			done = changed
		}
		if op == "send" {
			// Not with a part left empty: the leader would approve, and
			// the report print, a heading with nothing under it. The
			// form keeps what was typed, the message beside each part.
			if err := consolidate.CheckFilled(round, c.Parts, consolidate.StepSend, partField); err != nil {
				return refuse(err)
			}
			// One click, one version: the edits go with the send.
			if err := s.store.SendDoc(r.Context(), actor(r), u, c); err != nil {
				return refuse(err)
			}
			return redirect("send")
		}
		save := s.store.UpdateDoc
		if len(keys) > 0 {
			// Drawn again, and recorded so: the page no longer counts
			// these parts older than the reports they use.
			save = func(ctx context.Context, a store.Actor, u *tiendo.User, c *tiendo.Document) error {
				return s.store.RegenerateDoc(ctx, a, u, c, keys)
			}
		}
		if err := save(r.Context(), actor(r), u, c); err != nil {
			return refuse(err)
		}
		if len(done) > 0 {
			// Saved, and the page says what the part said before, so that
			// a sentence the office wants back can be copied from it.
			saved, err := s.store.Doc(r.Context(), u, id, tiendo.DocReport)
			if err != nil {
				return err
			}
			c, typed = saved, false
			return show(http.StatusOK, func(p *consolidatedPage) { p.Replaced = done })
		}
		if strings.HasPrefix(op, "regen") {
			return redirect("regen-same")
		}
		return redirect("saved")
	case op == "approve" || op == "return" || op == "withdraw":
		if op == "approve" && c.Status == tiendo.DocPending && c.Version == version {
			// Sent before parts could not be left empty: the leader
			// returns it to be filled in.
			if err := consolidate.CheckFilled(round, c.Parts, consolidate.StepApprove, partField); err != nil {
				return refuse(err)
			}
		}
		if op == "approve" && c.Status == tiendo.DocPending && r.PostFormValue("confirm_stale") == "" {
			if err := s.approveStaleConfirmed(r, c); err != nil {
				return refuse(err)
			}
		}
		if _, err := s.store.ActOnDoc(r.Context(), actor(r), u, id, tiendo.DocReport, store.DocAction(op), version, r.PostFormValue("comment")); err != nil {
			return refuse(err)
		}
		return redirect(op)
	case op == "issue":
		if err := issueConfirmed(r); err != nil {
			return refuse(err)
		}
		if _, err := s.issueConsolidated(r, u, id, version, issueSigner(r)); err != nil {
			return refuse(err)
		}
		return redirect("issued")
	}
	return tiendo.Errorf(tiendo.EINVALID, "Thao tác %q không có.", op)
}

// partField is the form's name of part i's text.
func partField(i int) string { return fmt.Sprintf("p%d.text", i) }

// regenKeys reads the parts' keys from a regenerate button:
// "regen:task-3" (one part's button) or "regen:opening,task-3,late-units"
// (the parts older than the reports they use) asks first when a part would
// change, "regen-confirm:..." is the answer yes.
func regenKeys(op string) (keys []string, confirmed bool) {
	list, confirmed := strings.CutPrefix(op, "regen-confirm:")
	if !confirmed {
		var ok bool
		if list, ok = strings.CutPrefix(op, "regen:"); !ok {
			return nil, false
		}
	}
	seen := map[string]bool{}
	for k := range strings.SplitSeq(list, ",") {
		if k = strings.TrimSpace(k); k != "" && !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	return keys, confirmed
}

// shortKey cuts a part's key as sent for a message: the form is the
// person's, but what comes back is not always what the page sent.
func shortKey(k string) string {
	if r := []rune(k); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return k
}

// approveStaleConfirmed refuses to approve, unconfirmed, a report with
// parts older than the unit reports they use: the leader is shown which,
// beside the approval form, and approves by ticking that they know. It
// asks and does not block (as the units missing do not): a report may have
// to go out on time, and the office can still withdraw an approved one to
// draw the parts again before it is issued.
func (s *Server) approveStaleConfirmed(r *http.Request, c *tiendo.Document) error {
	stale, err := s.loadStale(r.Context(), userFrom(r.Context()), c, true)
	if err != nil || stale == nil {
		return err
	}
	return &tiendo.Error{Code: tiendo.EINVALID, Message: "Báo cáo chưa được duyệt: " + stale.Notice() + " Nếu vẫn duyệt, hãy đánh dấu ô xác nhận rồi bấm “Duyệt” lần nữa; hoặc trả lại để Văn phòng tạo lại các phần này.",
		Fields: map[string]string{"confirm_stale": "Hãy đánh dấu ô này nếu vẫn duyệt báo cáo như hiện có."}}
}

// theirs is the text of saved that differs from the form's (mine), by the
// form's field names.
func theirs(saved, mine *tiendo.Document) map[string]string {
	out := map[string]string{}
	norm := func(s string) string { return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n")) }
	if norm(saved.Subject) != norm(mine.Subject) {
		out["subject"] = saved.Subject
	}
	for i, p := range saved.Parts {
		if i >= len(mine.Parts) {
			break
		}
		if norm(p.Heading) != norm(mine.Parts[i].Heading) {
			out[fmt.Sprintf("p%d.heading", i)] = p.Heading
		}
		if norm(p.Text) != norm(mine.Parts[i].Text) {
			out[fmt.Sprintf("p%d.text", i)] = p.Text
		}
	}
	return out
}

// issueConsolidated issues the report with the signer given.
func (s *Server) issueConsolidated(r *http.Request, u *tiendo.User, id int64, version int, signer reportdoc.Signer) (*tiendo.Document, error) {
	return reportdoc.Issue(r.Context(), s.store, u, actor(r), id, version, signer)
}

// handleConsolidatedFile downloads the report: the frozen file once issued,
// the draft rendered now before that, that file alone, and kept while it
// holds (consolidatedFile).
func (s *Server) handleConsolidatedFile(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	kind := r.PathValue("kind")
	if reportdoc.ContentTypes[kind] == "" {
		return tiendo.Errorf(tiendo.ENOTFOUND, "Không có định dạng %q; chọn docx, pdf hoặc xlsx.", kind)
	}
	data, c, err := s.consolidatedFile(r.Context(), id, kind)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", reportdoc.ContentTypes[kind])
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": reportdoc.FileName(c, kind)}))
	w.Header().Set("Cache-Control", "private, no-store")
	_, err = w.Write(data)
	return err
}

// handleConsolidatedPrint is the report as the browser prints it on A4:
// the page the DOCX and PDF have, from the same model; a draft with the
// blanks of its number and date.
func (s *Server) handleConsolidatedPrint(w http.ResponseWriter, r *http.Request) error {
	round, c, err := s.loadConsolidated(r, false)
	if err != nil {
		return err
	}
	p := &consolidatedPage{docPage: s.newDocPage(r, "Bản in dự thảo báo cáo tổng hợp: "+round.Title, round, c, tiendo.DocReport, nil, reportdoc.Signer{}, "")}
	for {
		at, err := s.readRoundAt(r.Context(), p.C.RoundID)
		if err != nil {
			return err
		}
		err = s.laySheet(r.Context(), p, at, s.textOf(r.Context(), p.C))
		var moved *docMoved
		if !errors.As(err, &moved) {
			if err != nil {
				return err
			}
			break
		}
		p.C = moved.c // changed meanwhile: laid out as it now is
	}
	if p.C.Status == tiendo.DocIssued {
		p.Title = fmt.Sprintf("Báo cáo số %02d/%s: %s", p.C.Number, p.C.Symbol, round.Title)
	}
	return s.renderConsolidated(w, http.StatusOK, "consolidated_print", p)
}

// issueSigner is who signs, as the issue form of either document has it.
func issueSigner(r *http.Request) reportdoc.Signer {
	signer := reportdoc.Signer{Title: r.PostFormValue("signer_title"), Name: r.PostFormValue("signer_name")}
	for _, line := range strings.Split(r.PostFormValue("signer_authority"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			signer.Authority = append(signer.Authority, line)
		}
	}
	return signer
}

// issueConfirmed refuses an issue whose form's confirmation box is not
// ticked: issuing takes the register's next number and freezes the
// document, and cannot be undone. (A box the browser required would say so
// in the browser's own language.)
func issueConfirmed(r *http.Request) error {
	if r.PostFormValue("confirm_issue") != "" {
		return nil
	}
	return &tiendo.Error{Code: tiendo.EINVALID, Message: "Văn bản chưa được ban hành: hãy đánh dấu ô xác nhận rồi bấm “Cấp số và ban hành” lần nữa.",
		Fields: map[string]string{"confirm_issue": "Hãy đánh dấu ô này: cấp số rồi thì văn bản không sửa hay rút lại được."}}
}
