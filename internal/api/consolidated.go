package api

import (
	"mime"
	"net/http"

	"tiendo"
	"tiendo/internal/consolidate"
	"tiendo/internal/reportdoc"
	"tiendo/internal/store"
)

func (a *Server) handleConsolidatedCreate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	u := userFrom(r.Context())
	in, err := reportdoc.Input(r.Context(), a.store, u, id)
	if err != nil {
		return err
	}
	c := &tiendo.Document{Kind: tiendo.DocReport, RoundID: id, Subject: consolidate.MetaFor(in).Subject, Parts: reportdoc.Parts(consolidate.Draft(in))}
	if err := a.store.CreateDoc(r.Context(), actor(r), u, c); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, c)
}

func (a *Server) handleConsolidated(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	c, err := a.store.Doc(r.Context(), userFrom(r.Context()), id, tiendo.DocReport)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, c)
}

// handleConsolidatedPut saves an edited draft: the document GET returns,
// with its version.
func (a *Server) handleConsolidatedPut(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var c tiendo.Document
	if err := decode(w, r, &c); err != nil {
		return err
	}
	c.RoundID, c.Kind = id, tiendo.DocReport
	if err := a.store.UpdateDoc(r.Context(), actor(r), userFrom(r.Context()), &c); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, c)
}

func (a *Server) consolidatedAction(action store.DocAction) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		var body actBody
		if err := decode(w, r, &body); err != nil {
			return err
		}
		c, err := a.store.ActOnDoc(r.Context(), actor(r), userFrom(r.Context()), id, tiendo.DocReport, action, body.Version, body.Comment)
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

func (a *Server) handleConsolidatedIssue(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var body issueBody
	if err := decode(w, r, &body); err != nil {
		return err
	}
	c, err := reportdoc.Issue(r.Context(), a.store, userFrom(r.Context()), actor(r), id, body.Version, body.Signer)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, c)
}

func (a *Server) consolidatedFile(kind string) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		data, c, err := reportdoc.File(r.Context(), a.store, userFrom(r.Context()), id, kind)
		if err != nil {
			return err
		}
		w.Header().Set("Content-Type", reportdoc.ContentTypes[kind])
		w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": reportdoc.FileName(c, kind)}))
		_, err = w.Write(data)
		return err
	}
}
