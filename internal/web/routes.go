package web

import (
	"net/http"

	"tiendo"
)

// routes lists every page. Each names the permission it needs; the table in
// package tiendo (access.go) says who has it.
func (s *Server) routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /static/", s.assets.serve)
	mux.HandleFunc("GET /healthz", s.handleHealth)
	mux.HandleFunc("GET /metrics", s.handleMetrics) // loopback only: metrics.go

	mux.HandleFunc("GET /login", s.handle(s.handleLoginForm))
	mux.HandleFunc("POST /login", s.handle(s.handleLogin))
	mux.HandleFunc("POST /logout", s.handle(s.handleLogout))
	mux.HandleFunc("GET /login/code", s.handle(s.handleLoginCodeForm)) // twofactor.go: the login's second step
	mux.HandleFunc("POST /login/code", s.handle(s.handleLoginCode))

	mux.HandleFunc("GET /{$}", s.authed("", s.handleHome))
	mux.HandleFunc("GET /rounds", s.authed(tiendo.ActionReadRounds, s.handleRoundList))
	mux.HandleFunc("GET /rounds/new", s.authed(tiendo.ActionManageRounds, s.handleIntakeForm))
	mux.HandleFunc("POST /rounds/new", s.authed(tiendo.ActionManageRounds, s.handleIntakeParse))
	mux.HandleFunc("POST /rounds/preview", s.authed(tiendo.ActionManageRounds, s.handleIntakePreview))
	mux.HandleFunc("GET /rounds/{id}/publish", s.authed(tiendo.ActionManageRounds, s.handleRoundPublishConfirm))
	mux.HandleFunc("POST /rounds/{id}/publish", s.authed(tiendo.ActionManageRounds, s.handleRoundPublish))
	mux.HandleFunc("POST /rounds/{id}/delete", s.authed(tiendo.ActionManageRounds, s.handleRoundDelete))
	mux.HandleFunc("GET /rounds/{id}/edit", s.authed(tiendo.ActionManageRounds, s.handleRoundEditForm))
	mux.HandleFunc("POST /rounds/{id}/edit", s.authed(tiendo.ActionManageRounds, s.handleRoundEdit))
	mux.HandleFunc("POST /rounds/{id}/years", s.authed(tiendo.ActionManageRounds, s.handleRoundMoveYears))  // round_edit.go: "năm 2022" of a carried-over draft
	mux.HandleFunc("GET /rounds/{id}/extend", s.authed(tiendo.ActionManageRounds, s.handleRoundExtendForm)) // extend.go: gia hạn
	mux.HandleFunc("POST /rounds/{id}/extend", s.authed(tiendo.ActionManageRounds, s.handleRoundExtend))
	mux.HandleFunc("POST /rounds/{id}/extend/unit", s.authed(tiendo.ActionManageRounds, s.handleUnitExtend)) // gia hạn cho một đơn vị
	// Hủy hạn riêng: the GET asks, the POST withdraws once confirmed.
	mux.HandleFunc("GET /rounds/{id}/extend/unit/{unit}/withdraw", s.authed(tiendo.ActionManageRounds, s.handleUnitWithdrawConfirm))
	mux.HandleFunc("POST /rounds/{id}/extend/unit/{unit}/withdraw", s.authed(tiendo.ActionManageRounds, s.handleUnitWithdraw))
	mux.HandleFunc("GET /notifications", s.authed("", s.handleNotifications))
	mux.HandleFunc("GET /notifications/{id}", s.authed("", s.handleNotificationOpen)) // notifications.go: marks it read, follows its link
	mux.HandleFunc("POST /notifications/read", s.authed("", s.handleNotificationsRead))
	mux.HandleFunc("GET /account", s.authed("", s.handleAccount))
	mux.HandleFunc("GET /account/password", s.authed("", s.handleAccountPasswordForm))
	mux.HandleFunc("POST /account/password", s.authed("", s.handleAccountPassword))
	mux.HandleFunc("POST /account/logout-everywhere", s.authed("", s.handleAccountLogoutEverywhere))
	mux.HandleFunc("POST /account/sessions/{key}/end", s.authed("", s.handleAccountSessionEnd))
	mux.HandleFunc("POST /account/tokens/{id}/revoke", s.authed("", s.handleAccountTokenRevoke))
	// twofactor.go: xác thực hai bước. The page checks account:2fa itself,
	// since it also shows a user whose role changed how to turn theirs off.
	mux.HandleFunc("GET /account/2fa", s.authed("", s.handleTwoFactor))
	mux.HandleFunc("POST /account/2fa/start", s.authed(tiendo.ActionTwoFactor, s.handleTwoFactorStart))
	mux.HandleFunc("POST /account/2fa/enable", s.authed(tiendo.ActionTwoFactor, s.handleTwoFactorEnable))
	mux.HandleFunc("POST /account/2fa/disable", s.authed("", s.handleTwoFactorDisable)) // also after a change of role
	mux.HandleFunc("GET /search", s.authed("", s.handleSearch))
	mux.HandleFunc("GET /rounds/{id}", s.authed(tiendo.ActionReadRounds, s.handleRoundShow))
	mux.HandleFunc("GET /rounds/{id}/reports/{unit}", s.authed(tiendo.ActionReadReport, s.handleReportShow))
	mux.HandleFunc("POST /rounds/{id}/reports/{unit}", s.authed(tiendo.ActionReadReport, s.handleReportPost))
	mux.HandleFunc("POST /rounds/{id}/reports/{unit}/autosave", s.authed(tiendo.ActionEditReport, s.handleReportAutosave))
	mux.HandleFunc("POST /rounds/{id}/reports/{unit}/attachments", s.authed(tiendo.ActionEditReport, s.handleAttachmentUpload))
	// A refused upload answers at its own address; reloaded, it is the report.
	mux.HandleFunc("GET /rounds/{id}/reports/{unit}/attachments", s.authed(tiendo.ActionReadReport, s.handleAttachmentsPage))
	mux.HandleFunc("POST /rounds/{id}/reports/{unit}/attachments/{file}/delete", s.authed(tiendo.ActionEditReport, s.handleAttachmentRemove))
	mux.HandleFunc("GET /rounds/{id}/reports/{unit}/revisions", s.authed(tiendo.ActionReadReport, s.handleRevisions))
	mux.HandleFunc("GET /rounds/{id}/reports/{unit}/revisions/{n}", s.authed(tiendo.ActionReadReport, s.handleRevision))
	mux.HandleFunc("GET /attachments/{id}", s.authed(tiendo.ActionReadReport, s.handleAttachment))
	mux.HandleFunc("POST /rounds/{id}/successor", s.authed(tiendo.ActionManageRounds, s.handleSuccessor))
	mux.HandleFunc("POST /rounds/{id}/links", s.authed(tiendo.ActionManageRounds, s.handleLinks))
	mux.HandleFunc("GET /targets/{id}", s.authed(tiendo.ActionReadRounds, s.handleSeries))
	mux.HandleFunc("GET /rounds/{id}/directive", s.authed(tiendo.ActionReadRounds, s.handleDirectiveShow))
	mux.HandleFunc("POST /rounds/{id}/directive/new", s.authed(tiendo.ActionConsolidate, s.handleDirectiveCreate))
	mux.HandleFunc("POST /rounds/{id}/directive", s.authed(tiendo.ActionReadRounds, s.handleDirectivePost))
	mux.HandleFunc("GET /rounds/{id}/directive/file/{kind}", s.authed(tiendo.ActionReadRounds, s.handleDirectiveFile))
	mux.HandleFunc("GET /rounds/{id}/consolidated", s.authed(tiendo.ActionReadReport, s.handleConsolidatedShow))
	mux.HandleFunc("POST /rounds/{id}/consolidated/new", s.authed(tiendo.ActionConsolidate, s.handleConsolidatedCreate))
	mux.HandleFunc("POST /rounds/{id}/consolidated", s.authed(tiendo.ActionReadReport, s.handleConsolidatedPost))
	mux.HandleFunc("GET /rounds/{id}/consolidated/file/{kind}", s.authed(tiendo.ActionReadReport, s.handleConsolidatedFile))
	mux.HandleFunc("GET /rounds/{id}/consolidated/print", s.authed(tiendo.ActionReadReport, s.handleConsolidatedPrint))
	mux.HandleFunc("GET /register", s.authed(tiendo.ActionReadReport, s.handleRegister))                 // register.go: the outgoing register
	mux.HandleFunc("GET /register.xlsx", s.authed(tiendo.ActionReadReport, s.handleRegisterXLSX))        // register_xlsx.go: the register of a year
	mux.HandleFunc("POST /register/{id}/note", s.authed(tiendo.ActionConsolidate, s.handleRegisterNote)) // register.go: the clerk's columns of a line
	mux.HandleFunc("POST /rounds/{id}/remind", s.authed(tiendo.ActionManageRounds, s.handleRoundRemind))
	mux.HandleFunc("GET /rounds/{id}/matrix.xlsx", s.authed(tiendo.ActionReadReport, s.handleMatrixXLSX)) // watch_matrix.go: the matrix as shown
	mux.HandleFunc("GET /outbox", s.authed(tiendo.ActionManageMail, s.handleOutbox))
	mux.HandleFunc("POST /outbox/{id}/retry", s.authed(tiendo.ActionManageMail, s.handleOutboxRetry))
	// The page's address before the office could see it too.
	mux.Handle("GET /admin/outbox", http.RedirectHandler("/outbox", http.StatusMovedPermanently))
	mux.HandleFunc("/admin/audit", s.authed(tiendo.ActionManageUsers, s.handleAudit))
	mux.HandleFunc("POST /rounds/{id}/lock", s.authed(tiendo.ActionManageRounds, s.handleRoundLock))
	mux.HandleFunc("POST /rounds/{id}/reopen/{unit}", s.authed(tiendo.ActionManageRounds, s.handleRoundReopen))

	mux.HandleFunc("GET /admin/units", s.authed(tiendo.ActionManageUnits, s.handleUnitList))
	mux.HandleFunc("GET /admin/units/new", s.authed(tiendo.ActionManageUnits, s.handleUnitNew))
	mux.HandleFunc("POST /admin/units", s.authed(tiendo.ActionManageUnits, s.handleUnitCreate))
	mux.HandleFunc("GET /admin/units/{id}", s.authed(tiendo.ActionManageUnits, s.handleUnitEdit))
	mux.HandleFunc("POST /admin/units/{id}", s.authed(tiendo.ActionManageUnits, s.handleUnitUpdate))
	mux.HandleFunc("POST /admin/units/{id}/retire", s.authed(tiendo.ActionManageUnits, s.handleUnitRetire)) // units.go: ngừng hoạt động
	mux.HandleFunc("POST /admin/units/{id}/reactivate", s.authed(tiendo.ActionManageUnits, s.handleUnitReactivate))
	mux.HandleFunc("GET /admin/cutoff", s.authed(tiendo.ActionManageUnits, s.handleCutoff))
	mux.HandleFunc("POST /admin/cutoff", s.authed(tiendo.ActionManageUnits, s.handleCutoffPost))
	mux.HandleFunc("GET /admin/issuer", s.authed(tiendo.ActionManageUnits, s.handleIssuer)) // issuer.go: the body running tiendo
	mux.HandleFunc("POST /admin/issuer", s.authed(tiendo.ActionManageUnits, s.handleIssuerPost))
	mux.HandleFunc("GET /admin/bulk", s.authed(tiendo.ActionManageUnits, s.handleBulk)) // bulk.go: units and users from Excel
	mux.HandleFunc("GET /admin/bulk/template.xlsx", s.authed(tiendo.ActionManageUnits, s.handleBulkTemplate))
	mux.HandleFunc("GET /admin/bulk/export.xlsx", s.authed(tiendo.ActionManageUnits, s.handleBulkExport))
	mux.HandleFunc("POST /admin/bulk", s.authed(tiendo.ActionManageUnits, s.handleBulkUpload))
	mux.HandleFunc("GET /admin/bulk/{id}", s.authed(tiendo.ActionManageUnits, s.handleBulkPreview))
	mux.HandleFunc("POST /admin/bulk/{id}", s.authed(tiendo.ActionManageUnits, s.handleBulkApply))

	mux.HandleFunc("GET /admin/users/{id}/sessions", s.authed(tiendo.ActionManageUsers, s.handleUserSessions))
	mux.HandleFunc("POST /admin/users/{id}/logout-everywhere", s.authed(tiendo.ActionManageUsers, s.handleUserLogoutEverywhere))
	mux.HandleFunc("POST /admin/users/{id}/2fa/reset", s.authed(tiendo.ActionManageUsers, s.handleUserTwoFactorReset))
	mux.HandleFunc("GET /admin/users", s.authed(tiendo.ActionManageUsers, s.handleUserList))
	mux.HandleFunc("GET /admin/users/new", s.authed(tiendo.ActionManageUsers, s.handleUserNew))
	mux.HandleFunc("POST /admin/users", s.authed(tiendo.ActionManageUsers, s.handleUserCreate))
	mux.HandleFunc("GET /admin/users/{id}", s.authed(tiendo.ActionManageUsers, s.handleUserEdit))
	mux.HandleFunc("POST /admin/users/{id}", s.authed(tiendo.ActionManageUsers, s.handleUserUpdate))

	mux.HandleFunc("/", s.handle(func(w http.ResponseWriter, r *http.Request) error {
		return tiendo.Errorf(tiendo.ENOTFOUND, "Không có trang này. Hãy kiểm tra lại địa chỉ hoặc quay về trang chủ.")
	}))
}

// handleHealth answers 200 when the store answers, for load balancers.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := s.store.Ping(r.Context()); err != nil {
		s.log.Error("health check", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("store unavailable\n"))
		return
	}
	w.Write([]byte("ok\n"))
}
