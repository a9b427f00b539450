package api

import (
	"net/http"
	"strconv"

	"tiendo"
	"tiendo/internal/store"
)

// searchItem is one result as the API gives it: the page's title and
// snippet as plain text, and as segments with the matched words marked.
type searchItem struct {
	Kind            string          `json:"kind"`
	Title           string          `json:"title"`
	TitleSegments   []store.Segment `json:"title_segments"`
	Context         string          `json:"context"`
	Snippet         string          `json:"snippet"`
	SnippetSegments []store.Segment `json:"snippet_segments"`
	Link            string          `json:"link,omitempty"`
	RoundID         int64           `json:"round_id,omitempty"`
	TaskID          int64           `json:"task_id,omitempty"`
	TargetID        int64           `json:"target_id,omitempty"`
	UnitID          int64           `json:"unit_id,omitempty"`
	UnitCode        string          `json:"unit_code,omitempty"`
}

// handleSearch answers GET /api/v1/search?q=...&limit=...: what the caller
// may see, best first. A missing, empty or too long query is a 400.
func (a *Server) handleSearch(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query().Get("q")
	limit := 0
	if l := r.URL.Query().Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > 200 {
			return tiendo.Errorf(errBadRequest, "limit phải là số nguyên từ 1 đến 200.")
		}
		limit = n
	}
	res, err := a.store.Search(r.Context(), userFrom(r.Context()), q, limit)
	if tiendo.ErrorCode(err) == tiendo.EINVALID {
		// The query string is the whole request: a bad one is a bad request.
		return tiendo.Errorf(errBadRequest, "%s", tiendo.ErrorMessage(err))
	} else if err != nil {
		return err
	}
	items := make([]searchItem, 0, len(res))
	for _, x := range res {
		items = append(items, searchItem{Kind: x.Kind, Title: store.SegmentsText(x.Title), TitleSegments: nonNilSegs(x.Title),
			Context: x.Context, Snippet: store.SegmentsText(x.Snippet), SnippetSegments: nonNilSegs(x.Snippet), Link: x.Link,
			RoundID: x.RoundID, TaskID: x.TaskID, TargetID: x.TargetID, UnitID: x.UnitID, UnitCode: x.UnitCode})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"results": items})
}

func nonNilSegs(s []store.Segment) []store.Segment {
	if s == nil {
		return []store.Segment{}
	}
	return s
}
