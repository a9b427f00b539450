// Package web serves tiendo's HTML pages: the login, a home page per role,
// rounds, and the admin's units and users. It also wraps the JSON API with
// the protections every request gets (security headers, cross-origin
// protection, logging, panic recovery). It knows no SQL: it calls the store.
package web

import (
	"html/template"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"tiendo/internal/remind"
	"tiendo/internal/store"
)

// Config is what the pages need to know about their surroundings.
type Config struct {
	// SecureCookies marks cookies Secure: set it when users reach tiendo over
	// TLS (directly or through a proxy).
	SecureCookies bool
	// TrustProxy takes the client address from X-Forwarded-For, for use
	// behind a reverse proxy that sets it.
	TrustProxy bool
	// MaxBodyBytes caps a form or JSON body.
	MaxBodyBytes int64
	// Reminders plans and sends reminders; nil turns the "đôn đốc" button
	// and the reminder schedule off.
	Reminders *remind.Service
}

// Server is the web application: pages, static assets and the API handler.
type Server struct {
	cfg     Config
	store   *store.Store
	log     *slog.Logger
	pages   map[string]*template.Template
	assets  *assets
	handler http.Handler
	metrics metrics     // what protect counts, for GET /metrics (metrics.go)
	stale   staleCache  // what loadStale found, by document and round fingerprint
	sheets  *sheetCache // the consolidated report's sheet, by document and round fingerprint
}

// New returns the application's root handler. api serves everything under
// /api/; it gets the same protections as the pages.
func New(cfg Config, st *store.Store, api http.Handler, log *slog.Logger) (*Server, error) {
	if cfg.MaxBodyBytes == 0 {
		cfg.MaxBodyBytes = 1 << 20
	}
	s := &Server{cfg: cfg, store: st, log: log, sheets: &sheetCache{}}
	var err error
	if s.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	if s.pages, err = s.parseTemplates(); err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	s.routes(mux)
	if api != nil {
		mux.Handle("/api/", api)
	}
	s.handler = s.protect(mux)
	return s, nil
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// protect wraps every request: the client's address, a recovery that turns
// a panic into a 500 rather than a dropped connection, security headers,
// cross-origin protection for state-changing requests, and a log line.
func (s *Server) protect(h http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.log.Warn("cross-origin request refused", "method", r.Method, "path", r.URL.Path, "origin", r.Header.Get("Origin"))
		if strings.HasPrefix(r.URL.Path, "/api/") {
			writeJSONError(w, http.StatusForbidden, "forbidden", "Yêu cầu từ trang web khác bị từ chối.")
			return
		}
		http.Error(w, "Yêu cầu từ trang web khác bị từ chối (bảo vệ CSRF).", http.StatusForbidden)
	}))
	h = cop.Handler(h)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.cfg.TrustProxy {
			// The last entry is the one our proxy added; the ones before it
			// are whatever the client claimed.
			if fwd := r.Header.Get("X-Forwarded-For"); fwd != "" {
				parts := strings.Split(fwd, ",")
				if ip := net.ParseIP(strings.TrimSpace(parts[len(parts)-1])); ip != nil {
					r.RemoteAddr = net.JoinHostPort(ip.String(), "0")
				}
			}
		}
		hdr := w.Header()
		hdr.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
		hdr.Set("X-Content-Type-Options", "nosniff")
		hdr.Set("X-Frame-Options", "DENY")
		hdr.Set("Referrer-Policy", "same-origin")
		hdr.Set("Cross-Origin-Opener-Policy", "same-origin")
		if s.cfg.SecureCookies {
			hdr.Set("Strict-Transport-Security", "max-age=31536000")
		}
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		start := time.Now()
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", v)
				if !rec.wrote {
					http.Error(rec, "Đã có lỗi hệ thống.", http.StatusInternalServerError)
				}
			}
			s.log.Debug("request", "method", r.Method, "path", r.URL.Path, "status", rec.status)
			s.metrics.observe(r, rec.status, rec.Header().Get("Location"), time.Since(start))
		}()
		h.ServeHTTP(rec, r)
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (r *statusRecorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.ResponseWriter.Write(b)
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// clientAddr is the request's client address without the port.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
