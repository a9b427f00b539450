package web

// SheetsDrawn is how many consolidated report sheets s has laid out, and
// how many it keeps and their bytes (sheetCache), for the tests.
func SheetsDrawn(s *Server) (drawn int64, kept, bytes int) {
	kept, bytes = s.sheets.size()
	return s.sheets.drawn.Load(), kept, bytes
}
