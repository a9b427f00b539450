package api

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"tiendo"
	"tiendo/internal/directive"
	"tiendo/internal/vi"
)

// handleDirectiveParse reads a directive (text/plain, or multipart with a
// "file" part holding a .docx or .txt) and answers the proposed round.
func (a *Server) handleDirectiveParse(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, directive.MaxInput+64<<10)
	var name string
	var data []byte
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "multipart/form-data":
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				return err
			}
			return tiendo.Errorf(errBadRequest, "Không đọc được nội dung multipart: %v", err)
		}
		f, hdr, err := r.FormFile("file")
		if err != nil {
			return tiendo.Errorf(errBadRequest, "Thiếu phần \"file\" chứa tệp .docx hoặc .txt.")
		}
		defer f.Close()
		name = hdr.Filename
		if data, err = io.ReadAll(f); err != nil {
			return err
		}
	case "text/plain", "":
		var err error
		if data, err = io.ReadAll(r.Body); err != nil {
			return err
		}
	default:
		return tiendo.Errorf(errBadRequest, "Gửi văn bản dạng text/plain (UTF-8), hoặc multipart/form-data với phần \"file\".")
	}
	text, err := directive.Text(name, data)
	if err != nil {
		return err
	}
	units, err := a.store.Units(r.Context())
	if err != nil {
		return err
	}
	// A unit that stopped working (merged, abolished) is not one a new
	// directive can be matched to.
	registry := make([]tiendo.Unit, 0, len(units))
	for _, u := range units {
		if !u.Retired() {
			registry = append(registry, *u)
		}
	}
	res := directive.Parse(vi.NFC(strings.ReplaceAll(text, "\r\n", "\n")), registry)
	return writeJSON(w, http.StatusOK, res)
}

// createRoundRequest is the parse result, edited or not, with the optional
// round title and source text.
type createRoundRequest struct {
	directive.Result
	Title  string `json:"title"`
	Source string `json:"source"`
}

// handleRoundCreate creates a draft round from a parse result. Assignees and
// recipients are named by unit code.
func (a *Server) handleRoundCreate(w http.ResponseWriter, r *http.Request) error {
	var req createRoundRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	units, err := a.store.Units(r.Context())
	if err != nil {
		return err
	}
	ids := make(map[string]int64, len(units))
	for _, u := range units {
		ids[u.Code] = u.ID
	}
	round, err := req.NewRound(ids)
	if err != nil {
		return err
	}
	if req.Title != "" {
		round.Title = req.Title
	}
	round.Source = req.Source
	if err := a.store.CreateRound(r.Context(), actor(r), round); err != nil {
		return err
	}
	created, err := a.store.Round(r.Context(), userFrom(r.Context()), round.ID)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/rounds/"+strconv.FormatInt(round.ID, 10))
	return writeJSON(w, http.StatusCreated, created)
}

func (a *Server) handleRoundPublish(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := a.store.PublishRound(r.Context(), actor(r), id); err != nil {
		return err
	}
	round, err := a.store.Round(r.Context(), userFrom(r.Context()), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, round)
}

// extendRequest is the body of an extension (gia hạn): the new deadline,
// an instant as Round.Deadline is, and an optional reason for the units.
type extendRequest struct {
	Deadline time.Time `json:"deadline"`
	Reason   string    `json:"reason"`
}

// decodeExtend reads an extension's body, refusing one without a deadline:
// the store's message is the web form's ("ví dụ 07/06/2026"), and the API
// takes RFC 3339.
func decodeExtend(w http.ResponseWriter, r *http.Request) (extendRequest, error) {
	var req extendRequest
	if err := decode(w, r, &req); err != nil {
		return req, err
	}
	if req.Deadline.IsZero() {
		return req, &tiendo.Error{Code: tiendo.EINVALID, Message: "Thiếu hạn gửi mới: hãy gửi trường deadline dạng RFC 3339.",
			Fields: map[string]string{"deadline": "Hãy gửi hạn mới dạng RFC 3339, ví dụ 2026-06-07T00:00:00+07:00 (trước ngày 07/06/2026)."}}
	}
	return req, nil
}

// handleRoundExtend extends the deadline of an open round and answers the
// round as it now is; the units still owing their report are told.
func (a *Server) handleRoundExtend(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	req, err := decodeExtend(w, r)
	if err != nil {
		return err
	}
	u := userFrom(r.Context())
	if err := a.store.ExtendDeadline(r.Context(), actor(r), u, id, req.Deadline, req.Reason); err != nil {
		return err
	}
	round, err := a.store.Round(r.Context(), u, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, round)
}

func (a *Server) handleNotifications(w http.ResponseWriter, r *http.Request) error {
	items, unread, err := a.store.Notifications(r.Context(), userFrom(r.Context()), 100)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"notifications": items, "unread": unread})
}
