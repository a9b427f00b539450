package web

import (
	"net/http"

	"tiendo"
	"tiendo/internal/consolidate"
	"tiendo/internal/store"
)

// The body that runs tiendo (cơ quan ban hành văn bản), set by the
// administrator: it heads and dates the consolidated reports and công văn
// the office issues, whoever issued the directive a round came from, and its
// outgoing register is one series a year.

// issuerPath is the setting's page.
const issuerPath = "/admin/issuer"

type issuerPage struct {
	page
	Own    store.OwnIssuer
	Place  string // the place the date line takes when Own.Place is empty
	Saved  bool
	Error  string
	Fields map[string]string
}

func (s *Server) handleIssuer(w http.ResponseWriter, r *http.Request) error {
	own, err := s.store.OwnIssuer(r.Context())
	if err != nil {
		return err
	}
	p := issuerPage{page: s.basePage(r, "Cơ quan ban hành văn bản"), Own: own, Place: consolidate.PlaceOf(own.Name), Saved: r.URL.Query().Get("saved") == "1"}
	return s.render(w, http.StatusOK, "issuer", p)
}

// handleIssuerPost saves the body's name and place; a refused form comes
// back as typed, with the reason beside the field.
func (s *Server) handleIssuerPost(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	own := store.OwnIssuer{Name: r.PostFormValue("name"), Place: r.PostFormValue("place")}
	err := s.store.SetOwnIssuer(r.Context(), actor(r), userFrom(r.Context()), own)
	if err == nil {
		http.Redirect(w, r, issuerPath+"?saved=1", http.StatusSeeOther)
		return nil
	}
	e, ok := err.(*tiendo.Error)
	if !ok || e.Code != tiendo.EINVALID {
		return err
	}
	p := issuerPage{page: s.basePage(r, "Cơ quan ban hành văn bản"), Own: own, Place: consolidate.PlaceOf(own.Name), Error: e.Message, Fields: e.Fields}
	return s.render(w, http.StatusUnprocessableEntity, "issuer", p)
}
