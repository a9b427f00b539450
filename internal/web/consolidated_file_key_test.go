package web

// FilesRendered is how many files of a draft s has rendered
// (reportdoc.DraftFile), rather than give one it keeps (fileCache), for
// the tests.
func FilesRendered(s *Server) int64 { return s.sheets.files.rendered.Load() }
