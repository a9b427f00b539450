package web

import (
	"net/http"
	"strings"

	"tiendo"
	"tiendo/internal/store"
)

// searchPage is the search box and what it found.
type searchPage struct {
	page
	Query   string
	Error   string // why the query cannot be searched, shown above the box
	Results []searchItem
	More    bool // there are more results than shown
}

// searchItem is a result with the label of its kind.
type searchItem struct {
	store.SearchResult
	KindLabel string
}

// searchKinds labels each kind of result.
var searchKinds = map[string]string{
	store.SearchRound:        "Đợt báo cáo",
	store.SearchTask:         "Nhiệm vụ",
	store.SearchTarget:       "Chỉ tiêu",
	store.SearchUnit:         "Đơn vị",
	store.SearchSection:      "Báo cáo của đơn vị",
	store.SearchContribution: "Ý kiến phối hợp",
	store.SearchConsolidated: "Báo cáo tổng hợp",
	store.SearchDirective:    "Công văn",
}

// handleSearch finds what the user may see. No query shows the empty box;
// a query that cannot be searched is shown back with why (400), so what was
// typed is not lost.
func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) error {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	data := searchPage{page: s.basePage(r, "Tìm kiếm"), Query: q}
	if q == "" {
		return s.render(w, http.StatusOK, "search", data)
	}
	const limit = store.DefaultSearchLimit
	res, err := s.store.Search(r.Context(), userFrom(r.Context()), q, limit+1)
	if tiendo.ErrorCode(err) == tiendo.EINVALID {
		// The title says the search failed ("Lỗi: Tìm kiếm"), not the
		// query that could not be searched (a lone `"`).
		data.Error = tiendo.ErrorMessage(err)
		return s.render(w, http.StatusBadRequest, "search", data)
	} else if err != nil {
		return err
	}
	data.Title = "Tìm kiếm: “" + q + "”"
	if len(res) > limit {
		res, data.More = res[:limit], true
	}
	for _, r := range res {
		data.Results = append(data.Results, searchItem{SearchResult: r, KindLabel: searchKinds[r.Kind]})
	}
	return s.render(w, http.StatusOK, "search", data)
}
