package web

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// metrics counts what protect sees, for GET /metrics. Its zero value is
// ready to use. Every label is bounded: the route is the ServeMux pattern
// that matched (never the raw path, which a client chooses), the method is
// one of the standard ones or "OTHER", the status is a number.
type metrics struct {
	mu          sync.Mutex
	requests    map[requestKey]uint64
	durations   map[string]*histogram // by route
	submissions uint64
}

type requestKey struct {
	route, method string
	status        int
}

// durationBuckets are the latency histogram's upper bounds, in seconds: a
// page or a save takes milliseconds, an issued document's rendering up to a
// few seconds.
var durationBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5}

type histogram struct {
	counts []uint64 // per bucket, not cumulative; the last is +Inf
	sum    float64
	count  uint64
}

// submitRoutes are the patterns that submit a unit's report: the API's
// submit action, and the report form, which answers a submission (or a
// unit head's approval, which submits) with a redirect to "?ok=submitted".
const (
	apiSubmitRoute  = "POST /api/v1/rounds/{id}/reports/{unit}/submit"
	pageReportRoute = "POST /rounds/{id}/reports/{unit}"
)

// observe records a finished request. r.Pattern is set by the ServeMux
// that routed it (the API's own mux for /api/), on the same *http.Request.
func (m *metrics) observe(r *http.Request, status int, location string, took time.Duration) {
	route := r.Pattern
	if route == "" {
		route = "unmatched" // refused before routing, or no API route matched
	}
	method := r.Method
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
	default:
		method = "OTHER"
	}
	submitted := route == apiSubmitRoute && status >= 200 && status < 300 ||
		route == pageReportRoute && status == http.StatusSeeOther && strings.Contains(location, "ok=submitted")

	m.mu.Lock()
	defer m.mu.Unlock()
	if m.requests == nil {
		m.requests, m.durations = map[requestKey]uint64{}, map[string]*histogram{}
	}
	m.requests[requestKey{route, method, status}]++
	h := m.durations[route]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(durationBuckets)+1)}
		m.durations[route] = h
	}
	secs := took.Seconds()
	i, _ := slices.BinarySearch(durationBuckets, secs) // the first bound >= secs
	h.counts[i]++
	h.sum += secs
	h.count++
	if submitted {
		m.submissions++
	}
}

// handleMetrics writes the counters, the reminder queue and the database
// pools in Prometheus' text exposition format (version 0.0.4).
//
// It answers only requests made on this machine (a loopback peer) that did
// not come through a proxy (no X-Forwarded-For or Forwarded header): route
// names, queue depth and pool sizes are not for the public, and a scraper
// on the same host or in the same network namespace needs no secret. The
// connection's own address is checked, not the one protect may have taken
// from X-Forwarded-For, which a client can write.
func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) {
	if !metricsAllowed(r) {
		http.Error(w, "Trang số liệu vận hành chỉ mở cho máy chủ này (127.0.0.1).", http.StatusForbidden)
		return
	}
	var b bytes.Buffer
	s.metrics.write(&b)

	outbox, err := s.store.OutboxCounts(r.Context())
	if err != nil {
		// The HTTP and pool figures are still worth having.
		s.log.Error("metrics: outbox counts", "err", err)
	} else {
		header(&b, "tiendo_outbox_messages", "gauge", "Messages in the e-mail outbox (the reminder queue), by status.")
		statuses := []string{"pending", "sending", "sent", "failed", "skipped", "cancelled", "expired"}
		for st := range outbox {
			if !slices.Contains(statuses, st) {
				statuses = append(statuses, st)
			}
		}
		for _, st := range statuses {
			fmt.Fprintf(&b, "tiendo_outbox_messages{status=%s} %d\n", quote(st), outbox[st])
		}
	}

	pools := s.store.Stats()
	gauges := []struct {
		name, help string
		value      func(i int) float64
	}{
		{"tiendo_db_max_open_connections", "The pool's limit on open connections (0: none).", func(i int) float64 { return float64(pools[i].MaxOpenConnections) }},
		{"tiendo_db_open_connections", "Connections open, in use or idle.", func(i int) float64 { return float64(pools[i].OpenConnections) }},
		{"tiendo_db_in_use_connections", "Connections in use.", func(i int) float64 { return float64(pools[i].InUse) }},
		{"tiendo_db_idle_connections", "Idle connections.", func(i int) float64 { return float64(pools[i].Idle) }},
	}
	for _, g := range gauges {
		header(&b, g.name, "gauge", g.help)
		for i, p := range pools {
			fmt.Fprintf(&b, "%s{pool=%s} %s\n", g.name, quote(p.Pool), num(g.value(i)))
		}
	}
	header(&b, "tiendo_db_wait_count_total", "counter", "Times a request waited for a free connection.")
	for _, p := range pools {
		fmt.Fprintf(&b, "tiendo_db_wait_count_total{pool=%s} %d\n", quote(p.Pool), p.WaitCount)
	}
	header(&b, "tiendo_db_wait_duration_seconds_total", "counter", "Time spent waiting for a free connection.")
	for _, p := range pools {
		fmt.Fprintf(&b, "tiendo_db_wait_duration_seconds_total{pool=%s} %s\n", quote(p.Pool), num(p.WaitDuration.Seconds()))
	}

	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(b.Bytes())
}

// metricsAllowed reports whether r came straight from this machine.
func metricsAllowed(r *http.Request) bool {
	if r.Header.Get("X-Forwarded-For") != "" || r.Header.Get("Forwarded") != "" {
		return false
	}
	// protect rewrites RemoteAddr only from X-Forwarded-For, which is
	// absent here, so RemoteAddr is the connection's peer.
	ip := net.ParseIP(clientAddr(r))
	return ip != nil && ip.IsLoopback()
}

// write writes the request counters and histograms, sorted so that two
// scrapes list series in the same order.
func (m *metrics) write(b *bytes.Buffer) {
	m.mu.Lock()
	defer m.mu.Unlock()
	header(b, "tiendo_http_requests_total", "counter", "HTTP requests answered, by route pattern, method and status.")
	keys := make([]requestKey, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b requestKey) int {
		return cmpOr(strings.Compare(a.route, b.route), strings.Compare(a.method, b.method), a.status-b.status)
	})
	for _, k := range keys {
		fmt.Fprintf(b, "tiendo_http_requests_total{route=%s,method=%s,status=\"%d\"} %d\n", quote(k.route), quote(k.method), k.status, m.requests[k])
	}

	header(b, "tiendo_http_request_duration_seconds", "histogram", "Time to answer an HTTP request, by route pattern.")
	routes := make([]string, 0, len(m.durations))
	for r := range m.durations {
		routes = append(routes, r)
	}
	slices.Sort(routes)
	for _, route := range routes {
		h, label := m.durations[route], quote(route)
		var cum uint64
		for i, c := range h.counts {
			cum += c
			le := "+Inf"
			if i < len(durationBuckets) {
				le = num(durationBuckets[i])
			}
			fmt.Fprintf(b, "tiendo_http_request_duration_seconds_bucket{route=%s,le=\"%s\"} %d\n", label, le, cum)
		}
		fmt.Fprintf(b, "tiendo_http_request_duration_seconds_sum{route=%s} %s\n", label, num(h.sum))
		fmt.Fprintf(b, "tiendo_http_request_duration_seconds_count{route=%s} %d\n", label, h.count)
	}

	header(b, "tiendo_submissions_total", "counter", "Unit reports submitted to the office through this instance (page or API).")
	fmt.Fprintf(b, "tiendo_submissions_total %d\n", m.submissions)
}

func cmpOr(cs ...int) int {
	for _, c := range cs {
		if c != 0 {
			return c
		}
	}
	return 0
}

func header(b *bytes.Buffer, name, typ, help string) {
	fmt.Fprintf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, typ)
}

func num(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// labelEscaper escapes a label value as the exposition format wants:
// backslash, double quote and newline, nothing else (Go's %q would also
// escape other characters, differently).
var labelEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)

// quote returns a label value in double quotes.
func quote(s string) string { return `"` + labelEscaper.Replace(s) + `"` }
