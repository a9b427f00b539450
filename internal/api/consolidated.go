package api

import (
	"context"
	"mime"
	"net/http"

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
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		var body actBody
		if err := decode(w, r, &body); err != nil {
			return err
		}
		c, err := a.store.ActOnDoc(r.Context(), actor(r), userFrom(r.Context()), id, spec.kind, action, body.Version, body.Comment)
		if err != nil {
			return err
		}
		return writeJSON(w, http.StatusOK, c)
	}
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
		name := reportdoc.FileName(c, kind)
		if spec.kind == tiendo.DocDirective {
			name = "cong-van-" + name
		}
		w.Header().Set("Content-Type", reportdoc.ContentTypes[kind])
		w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
		_, err = w.Write(data)
		return err
	}
}
