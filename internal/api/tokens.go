package api

import (
	"net/http"
	"strings"
)

// bearer is the token the request was made with.
func bearer(r *http.Request) string {
	// The scheme is case-insensitive (RFC 7235): "bearer" is "Bearer".
	scheme, token, _ := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	if !strings.EqualFold(scheme, "Bearer") {
		return ""
	}
	return strings.TrimSpace(token)
}

// handleTokens lists the caller's API tokens: metadata only, since the
// secrets are not kept.
func (a *Server) handleTokens(w http.ResponseWriter, r *http.Request) error {
	tokens, err := a.store.Tokens(r.Context(), userFrom(r.Context()).ID, bearer(r))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"tokens": tokens})
}

// handleTokenRevoke revokes one token: the caller's own, or anyone's for an
// admin. Another user's token is 404, so IDs cannot be probed.
func (a *Server) handleTokenRevoke(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := a.store.RevokeToken(r.Context(), actor(r), userFrom(r.Context()), id); err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNoContent)
	return nil
}
