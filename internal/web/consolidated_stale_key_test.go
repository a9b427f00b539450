package web

// StalesFound is how many times s has sought afresh which parts of a
// consolidated report are out of date (reportdoc.StaleOf), rather than
// answer from what it keeps (staleCache), for the tests.
func StalesFound(s *Server) int64 { return s.stale.found.Load() }
