package web

import (
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"tiendo"
	"tiendo/internal/compose"
	"tiendo/internal/directive"
	"tiendo/internal/document"
	"tiendo/internal/reportdoc"
	"tiendo/internal/store"
)

// The công văn that assigns a round's tasks: drafted from the round, its
// prose edited part by part, its tasks always the round's own (editing one
// here edits the round's task, after the office confirms), checked before it
// goes for signature, approved by a leader and issued, which publishes the
// round.

type directivePage struct {
	docPage
	Units    map[int64]*tiendo.Unit
	Warnings []directive.Warning
	TaskText map[int64]string // as typed, after a refused save
	// Sheet is the công văn as its files print it, task list, "Nơi nhận"
	// and signature included, when it is shown rather than edited: the
	// leader approves what they read here.
	Sheet *document.Sheet
}

var directiveNotices = map[string]string{
	"created":  "Đã dự thảo công văn từ đợt báo cáo. Hãy đọc, sửa rồi trình lãnh đạo duyệt.",
	"saved":    "Đã lưu.",
	"send":     "Đã trình lãnh đạo duyệt.",
	"approve":  "Đã duyệt công văn.",
	"return":   "Đã trả lại Văn phòng.",
	"withdraw": "Đã rút lại công văn về dự thảo: bản đã trình hoặc đã duyệt không còn hiệu lực, lãnh đạo đã được báo. Sửa xong, hãy trình lại để lãnh đạo duyệt.",
	// True whether the issue published a draft round or the round was
	// already open (or closed): its units were told either way.
	"issued": "Đã ban hành công văn; các đơn vị của đợt báo cáo đã nhận thông báo kèm công văn.",
}

func (s *Server) directivePage(r *http.Request, in compose.Input, c *tiendo.Document) (*directivePage, error) {
	p := &directivePage{Units: in.Units, TaskText: map[int64]string{},
		docPage: s.newDocPage(r, "Công văn: "+in.Round.Title, in.Round, c, tiendo.DocDirective, directiveNotices, reportdoc.DirectiveSigner(""),
			"Khi ban hành, công văn lấy số tiếp theo trong sổ văn bản đi của năm, mang ngày hôm nay và được lưu cố định; đợt báo cáo được phát hành và các đơn vị nhận thông báo kèm công văn.")}
	for _, t := range in.Round.Tasks {
		p.TaskText[t.ID] = t.Text
	}
	if c != nil && c.Status != tiendo.DocIssued {
		p.Warnings = compose.Check(in, s.store.Clock())
		p.Warnings = append(p.Warnings, s.publishWarnings(r, in.Round)...)
	}
	if c != nil && !(p.CanDraft && c.Status == tiendo.DocDraft) {
		doc, err := reportdoc.DirectiveModel(r.Context(), s.store, userFrom(r.Context()), in, c)
		if err != nil {
			// The page and its decisions still work; the files are the
			// record, and the page says to read them.
			s.log.Error("directive page: drawing the công văn", "round", in.Round.ID, "err", err)
		} else {
			p.Sheet = document.NewSheet(doc)
		}
	}
	return p, nil
}

// publishWarnings are publishChecks as warnings of the công văn, whose
// issue publishes a draft round without passing the publish button's
// confirmation.
func (s *Server) publishWarnings(r *http.Request, round *tiendo.Round) []directive.Warning {
	if round.Status != tiendo.RoundDraft {
		return nil
	}
	// A deadline not after the day of issue is compose.Check's already.
	var out []directive.Warning
	if msg := s.stalePeriod(r, round); msg != "" {
		out = append(out, directive.Warning{Code: "stale-period", Message: msg})
	}
	if round.HeadApproval {
		// The warnings are not worth failing the page for: an error here
		// leaves this one out, and a unit without a head is still told why
		// it cannot send for review (store.ActOnReport).
		if ids, err := s.store.UnitsWithoutHead(r.Context(), round.UnitIDs); err == nil && len(ids) > 0 {
			out = append(out, directive.Warning{Code: "units-without-head",
				Message: fmt.Sprintf("%d đơn vị chưa có tài khoản lãnh đạo đơn vị, mà đợt này yêu cầu lãnh đạo đơn vị duyệt: báo cáo của các đơn vị đó chưa gửi được cho đến khi quản trị hệ thống tạo tài khoản.", len(ids))})
		}
	}
	return out
}

// loadDirective loads the round, what its công văn is drafted from, and the
// công văn itself (nil when there is none yet and missingOK).
func (s *Server) loadDirective(r *http.Request, missingOK bool) (compose.Input, *tiendo.Document, error) {
	id, err := pathID(r)
	if err != nil {
		return compose.Input{}, nil, err
	}
	u := userFrom(r.Context())
	in, err := reportdoc.DirectiveInput(r.Context(), s.store, u, id)
	if err != nil {
		return compose.Input{}, nil, err
	}
	c, err := s.store.Doc(r.Context(), u, id, tiendo.DocDirective)
	if err != nil && !(missingOK && tiendo.ErrorCode(err) == tiendo.ENOTFOUND) {
		return compose.Input{}, nil, err
	}
	return in, c, nil
}

func (s *Server) handleDirectiveShow(w http.ResponseWriter, r *http.Request) error {
	in, c, err := s.loadDirective(r, true)
	if err != nil {
		return err
	}
	p, err := s.directivePage(r, in, c)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "directive_doc", p)
}

func (s *Server) handleDirectiveCreate(w http.ResponseWriter, r *http.Request) error {
	in, _, err := s.loadDirective(r, true)
	if err != nil {
		return err
	}
	c := &tiendo.Document{Kind: tiendo.DocDirective, RoundID: in.Round.ID, Subject: compose.Subject(in), Parts: reportdoc.DirectiveParts(compose.Parts(in))}
	if err := s.store.CreateDoc(r.Context(), actor(r), userFrom(r.Context()), c); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/rounds/%d/directive?ok=created", in.Round.ID), http.StatusSeeOther)
	return nil
}

// handleDirectivePost saves the công văn's prose and its tasks' texts, or
// moves it through approval and issuing.
func (s *Server) handleDirectivePost(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseFormUpTo(w, r, docFormMax); err != nil {
		return err
	}
	in, c, err := s.loadDirective(r, false)
	if err != nil {
		return err
	}
	u := userFrom(r.Context())
	id := in.Round.ID
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	op := r.PostFormValue("op")
	redirect := func(ok string) error {
		http.Redirect(w, r, fmt.Sprintf("/rounds/%d/directive?ok=%s", id, ok), http.StatusSeeOther)
		return nil
	}
	p, err := s.directivePage(r, in, c)
	if err != nil {
		return err
	}
	refuse := func(err error) error {
		var e *tiendo.Error
		if !errors.As(err, &e) || (e.Code != tiendo.EINVALID && e.Code != tiendo.ECONFLICT && e.Code != tiendo.EFORBIDDEN) {
			return err
		}
		p.Error, p.Fields = e.Message, e.Fields
		return s.render(w, statusOf(e.Code), "directive_doc", p)
	}
	switch op {
	case "save", "send":
		c.Subject, c.Version = r.PostFormValue("subject"), version
		for i := range c.Parts {
			c.Parts[i].Text = r.PostFormValue(fmt.Sprintf("p%d.text", i))
		}
		// Tasks edited here are the round's tasks: change them only when
		// the office says it means to.
		var changed []*tiendo.Task
		for _, t := range in.Round.Tasks {
			text := strings.TrimSpace(r.PostFormValue(fmt.Sprintf("task%d", t.ID)))
			p.TaskText[t.ID] = text
			if text != "" && text != t.Text {
				changed = append(changed, t)
			}
		}
		if len(changed) > 0 && r.PostFormValue("confirm_tasks") != "on" {
			return refuse(&tiendo.Error{Code: tiendo.EINVALID, Message: fmt.Sprintf("Bạn đã sửa %d nhiệm vụ. Sửa ở đây là sửa nhiệm vụ của đợt báo cáo mà các đơn vị sẽ báo cáo: hãy đánh dấu ô xác nhận rồi lưu lại.", len(changed)),
				Fields: map[string]string{"confirm_tasks": "Đánh dấu để xác nhận sửa nhiệm vụ của đợt báo cáo."}})
		}
		for _, t := range changed {
			if err := s.store.UpdateTaskText(r.Context(), actor(r), u, id, t.ID, p.TaskText[t.ID]); err != nil {
				return refuse(err)
			}
		}
		if op == "send" {
			// One click, one version: the edits go with the send.
			if err := s.store.SendDoc(r.Context(), actor(r), u, c); err != nil {
				return refuse(err)
			}
			return redirect("send")
		}
		if err := s.store.UpdateDoc(r.Context(), actor(r), u, c); err != nil {
			return refuse(err)
		}
		return redirect("saved")
	case "approve", "return", "withdraw":
		if _, err := s.store.ActOnDoc(r.Context(), actor(r), u, id, tiendo.DocDirective, store.DocAction(op), version, r.PostFormValue("comment")); err != nil {
			return refuse(err)
		}
		return redirect(op)
	case "issue":
		p.Signer = issueSigner(r)
		if err := issueConfirmed(r); err != nil {
			return refuse(err)
		}
		if _, err := reportdoc.IssueDirective(r.Context(), s.store, u, actor(r), id, version, p.Signer); err != nil {
			return refuse(err)
		}
		return redirect("issued")
	}
	return tiendo.Errorf(tiendo.EINVALID, "Thao tác %q không có.", op)
}

func (s *Server) handleDirectiveFile(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	kind := r.PathValue("kind")
	data, c, err := reportdoc.DirectiveFile(r.Context(), s.store, userFrom(r.Context()), id, kind)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", reportdoc.ContentTypes[kind])
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": reportdoc.FileName(c, kind)}))
	w.Header().Set("Cache-Control", "private, no-store")
	_, err = w.Write(data)
	return err
}
