package api

import (
	"context"
	"mime"
	"net/http"
	"slices"

	"tiendo"
	"tiendo/internal/compose"
	"tiendo/internal/consolidate"
	"tiendo/internal/reportdoc"
	"tiendo/internal/store"
)

// docSpec is what differs between a round's two documents, the
// consolidated report and the công văn; their API is otherwise the same.
type docSpec struct {
	kind  tiendo.DocKind
	draft func(ctx context.Context, st *store.Store, u *tiendo.User, id int64) (*tiendo.Document, error)
	issue func(ctx context.Context, st *store.Store, u *tiendo.User, a store.Actor, id int64, version int, signer reportdoc.Signer) (*tiendo.Document, error)
	file  func(ctx context.Context, st *store.Store, u *tiendo.User, id int64, kind string) ([]byte, *tiendo.Document, error)
	// stale finds what of a document is older than the units' reports it
	// draws on (reportdoc.Stale); nil for a document drawn from none.
	stale func(ctx context.Context, st *store.Store, u *tiendo.User, c *tiendo.Document) (*consolidate.Stale, error)
}

var consolidatedSpec = docSpec{
	kind: tiendo.DocReport,
	draft: func(ctx context.Context, st *store.Store, u *tiendo.User, id int64) (*tiendo.Document, error) {
		in, err := reportdoc.Input(ctx, st, u, id)
		if err != nil {
			return nil, err
		}
		return &tiendo.Document{Kind: tiendo.DocReport, RoundID: id, Subject: consolidate.MetaFor(in).Subject, Parts: reportdoc.Parts(consolidate.Draft(in))}, nil
	},
	issue: reportdoc.Issue,
	file:  reportdoc.File,
	stale: reportdoc.Stale,
}

var directiveSpec = docSpec{
	kind: tiendo.DocDirective,
	draft: func(ctx context.Context, st *store.Store, u *tiendo.User, id int64) (*tiendo.Document, error) {
		in, err := reportdoc.DirectiveInput(ctx, st, u, id)
		if err != nil {
			return nil, err
		}
		return &tiendo.Document{Kind: tiendo.DocDirective, RoundID: id, Subject: compose.Subject(in), Parts: reportdoc.DirectiveParts(compose.Parts(in))}, nil
	},
	issue: reportdoc.IssueDirective,
	file:  reportdoc.DirectiveFile,
}

func (a *Server) docCreate(spec docSpec) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		u := userFrom(r.Context())
		c, err := spec.draft(r.Context(), a.store, u, id)
		if err != nil {
			return err
		}
		if err := a.store.CreateDoc(r.Context(), actor(r), u, c); err != nil {
			return err
		}
		return writeJSON(w, http.StatusCreated, c)
	}
}

func (a *Server) docGet(spec docSpec) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		c, err := a.store.Doc(r.Context(), userFrom(r.Context()), id, spec.kind)
		if err != nil {
			return err
		}
		return writeJSON(w, http.StatusOK, c)
	}
}

// docPut saves an edited draft: the document GET returns, with its version.
func (a *Server) docPut(spec docSpec) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		var c tiendo.Document
		if err := decode(w, r, &c); err != nil {
			return err
		}
		c.RoundID, c.Kind = id, spec.kind
		if err := a.store.UpdateDoc(r.Context(), actor(r), userFrom(r.Context()), &c); err != nil {
			return err
		}
		return writeJSON(w, http.StatusOK, c)
	}
}

func (a *Server) docAction(spec docSpec, action store.DocAction) handlerFunc {
	asks := action == store.DocApprove && spec.stale != nil
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		var body approveBody
		if asks {
			err = decode(w, r, &body)
		} else {
			err = decode(w, r, &body.actBody)
		}
		if err != nil {
			return err
		}
		u := userFrom(r.Context())
		if spec.kind == tiendo.DocReport && (action == store.DocSend || action == store.DocApprove) {
			if err := a.filled(r.Context(), u, id, action, body.Version); err != nil {
				return err
			}
		}
		if asks && !body.ConfirmStale {
			if err := a.staleConfirmed(r.Context(), spec, u, id, body.Version); err != nil {
				return err
			}
		}
		c, err := a.store.ActOnDoc(r.Context(), actor(r), u, id, spec.kind, action, body.Version, body.Comment)
		if err != nil {
			return err
		}
		return writeJSON(w, http.StatusOK, c)
	}
}

// filled refuses, as the pages do, to send or approve round id's report at
// version while a part has a heading and no text (consolidate.CheckFilled):
// 422 naming the parts, a message for each under "parts[i].text". Only the
// document at the version sent is checked; any other ActOnDoc refuses (409)
// as it is.
func (a *Server) filled(ctx context.Context, u *tiendo.User, id int64, action store.DocAction, version int) error {
	c, err := a.store.Doc(ctx, u, id, tiendo.DocReport)
	if err != nil || c.Version != version {
		return err
	}
	step, from := consolidate.StepSend, tiendo.DocDraft
	if action == store.DocApprove {
		step, from = consolidate.StepApprove, tiendo.DocPending
	}
	if c.Status != from {
		return nil // not where the step starts: ActOnDoc says so
	}
	round, err := a.store.Round(ctx, u, id)
	if err != nil {
		return err
	}
	return consolidate.CheckFilled(round, c.Parts, step, reportdoc.PartField)
}

// approveBody is the body of a leader's approval of the consolidated
// report: a step's, and "confirm_stale" to approve a draft with parts
// older than the units' reports.
type approveBody struct {
	actBody
	ConfirmStale bool `json:"confirm_stale"`
}

// staleConfirmed refuses, as the page does without its box ticked, to
// approve round id's document at version while parts of it are older than
// the units' reports they use: 422 naming the units and the parts, the
// client approving with "confirm_stale": true once its user knows. Only a
// document waiting for approval at the version sent is asked about; any
// other approval ActOnDoc refuses (409) as it is.
func (a *Server) staleConfirmed(ctx context.Context, spec docSpec, u *tiendo.User, id int64, version int) error {
	c, err := a.store.Doc(ctx, u, id, spec.kind)
	if err != nil || c.Status != tiendo.DocPending || c.Version != version {
		return err
	}
	stale, err := spec.stale(ctx, a.store, u, c)
	if err != nil || stale == nil {
		return err
	}
	return &tiendo.Error{Code: tiendo.EINVALID,
		Message: "Báo cáo chưa được duyệt: " + stale.Summary() + ` Nếu vẫn duyệt, hãy gửi lại với "confirm_stale": true; hoặc trả lại Văn phòng (POST …/consolidated/return) để tạo lại các phần này.`,
		Fields:  map[string]string{"confirm_stale": "Dự thảo chưa cập nhật báo cáo của " + staleUnits(stale) + `: gửi "confirm_stale": true nếu vẫn duyệt báo cáo như hiện có.`}}
}

// staleUnits names the units behind what is out of date, those whose
// reports came first.
func staleUnits(s *consolidate.Stale) string {
	return consolidate.NameList(append(slices.Clone(s.Units), s.Returned...))
}

type issueBody struct {
	Version int              `json:"version"`
	Signer  reportdoc.Signer `json:"signer"`
}

func (a *Server) docIssue(spec docSpec) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		var body issueBody
		if err := decode(w, r, &body); err != nil {
			return err
		}
		c, err := spec.issue(r.Context(), a.store, userFrom(r.Context()), actor(r), id, body.Version, body.Signer)
		if err != nil {
			return err
		}
		return writeJSON(w, http.StatusOK, c)
	}
}

func (a *Server) docFile(spec docSpec, kind string) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		data, c, err := spec.file(r.Context(), a.store, userFrom(r.Context()), id, kind)
		if err != nil {
			return err
		}
		w.Header().Set("Content-Type", reportdoc.ContentTypes[kind])
		w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": reportdoc.FileName(c, kind)}))
		_, err = w.Write(data)
		return err
	}
}
