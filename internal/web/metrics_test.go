package web_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
	"tiendo/internal/web"
)

// /metrics counts requests by route pattern (never by raw path), times
// them, counts submissions made through the page and the API (and not
// saves), and shows the outbox and the database pools.
func TestMetrics(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	c := x.login("pnv")
	path := "/rounds/" + itoa(x.round.ID) + "/reports/pnv"
	task := "t" + itoa(x.round.Tasks[0].ID)
	form := url.Values{"version": {"0"}, "op": {"save"}, task + ".status": {"on_track"},
		task + ".result_vs_plan": {"Đã hoàn thành kế hoạch năm, chỉ số cải cách hành chính tăng 3 bậc."}}
	resp := x.post(c, path, form)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d, want 303", resp.StatusCode)
	}
	form.Set("version", "1")
	form.Set("confirm", "on")
	// "Gửi báo cáo" asks to confirm first (TestSubmitAsksFirstWithoutJavaScript).
	if code, loc, _ := x.sendConfirmed(c, path, form); code != http.StatusSeeOther || !strings.Contains(loc, "ok=submitted") {
		t.Fatalf("submit: %d to %q, want 303 to ?ok=submitted", code, loc)
	}
	for range 2 {
		if code, _ := x.get(c, path); code != 200 {
			t.Fatalf("GET %s: %d", path, code)
		}
	}
	x.get(c, "/rounds/"+itoa(x.round.ID)+"/khong-co-trang-nay")

	// The other unit submits through the API.
	cah := &tiendo.User{Role: tiendo.RoleReporter, UnitID: x.b.ID}
	rep, err := x.st.Report(ctx, cah, x.round.ID, x.b.ID)
	if err != nil {
		t.Fatal(err)
	}
	v := 6.0
	for _, sec := range rep.Sections {
		sec.Status, sec.ResultVsPlan = "on_track", "Số vụ phạm pháp hình sự giảm 6% so với cùng kỳ."
		for i := range sec.Actuals {
			sec.Actuals[i].Value = &v
		}
	}
	if err := x.st.SaveReport(ctx, store.Actor{}, cah, rep); err != nil {
		t.Fatal(err)
	}
	token := apiToken(t, x.srv.URL, "cah")
	body, _ := json.Marshal(map[string]any{"version": rep.Version, "confirm": true})
	req, _ := http.NewRequest("POST", x.srv.URL+"/api/v1/rounds/"+itoa(x.round.ID)+"/reports/cah/submit", strings.NewReader(string(body)))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("API submit: %d %s", resp.StatusCode, b)
	}

	code, out := x.get(x.client(), "/metrics")
	if code != 200 {
		t.Fatalf("/metrics from 127.0.0.1: %d, want 200\n%s", code, out)
	}
	for _, want := range []string{
		"# TYPE tiendo_http_requests_total counter\n",
		`tiendo_http_requests_total{route="POST /login",method="POST",status="303"} 1` + "\n",
		`tiendo_http_requests_total{route="POST /rounds/{id}/reports/{unit}",method="POST",status="303"} 2` + "\n",
		`tiendo_http_requests_total{route="GET /rounds/{id}/reports/{unit}",method="GET",status="200"} 2` + "\n",
		`tiendo_http_requests_total{route="POST /api/v1/rounds/{id}/reports/{unit}/submit",method="POST",status="200"} 1` + "\n",
		`tiendo_http_requests_total{route="/",method="GET",status="404"} 1` + "\n",
		"# TYPE tiendo_http_request_duration_seconds histogram\n",
		`tiendo_http_request_duration_seconds_bucket{route="GET /rounds/{id}/reports/{unit}",le="+Inf"} 2` + "\n",
		`tiendo_http_request_duration_seconds_count{route="GET /rounds/{id}/reports/{unit}"} 2` + "\n",
		"tiendo_submissions_total 2\n",
		// Submitting queued the office's notification e-mails, or nothing.
		`tiendo_outbox_messages{status="pending"} `,
		`tiendo_outbox_messages{status="sent"} 0` + "\n",
		`tiendo_db_open_connections{pool="`,
		`tiendo_db_in_use_connections{pool="`,
		`tiendo_db_idle_connections{pool="`,
		`tiendo_db_wait_count_total{pool="`,
		`tiendo_db_wait_duration_seconds_total{pool="`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("/metrics lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "khong-co-trang-nay") || strings.Contains(out, "/rounds/"+itoa(x.round.ID)) {
		t.Errorf("/metrics names a raw path: its labels must be route patterns\n%s", out)
	}
	// Every sample line is "name{labels} value" or "name value".
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if strings.HasPrefix(line, "# ") {
			continue
		}
		if i := strings.LastIndexByte(line, ' '); i < 0 || !strings.HasPrefix(line, "tiendo_") {
			t.Errorf("malformed sample line %q", line)
		}
	}
}

func apiToken(t *testing.T, base, username string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"username": username, "password": pw})
	resp, err := http.Post(base+"/api/v1/tokens", "application/json", strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct{ Token string }
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.Token == "" {
		t.Fatalf("token for %s: %d %v", username, resp.StatusCode, err)
	}
	return out.Token
}

// /metrics answers only this machine: not a remote address, and not a
// request that came through a proxy, even one claiming to be 127.0.0.1.
func TestMetricsOnlyForThisMachine(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	h, err := web.New(web.Config{TrustProxy: true}, st, nil, log)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, remote, forwarded string
		want                    int
	}{
		{"loopback", "127.0.0.1:40000", "", 200},
		{"loopback IPv6", "[::1]:40000", "", 200},
		{"remote", "192.0.2.7:40000", "", 403},
		{"through a proxy", "127.0.0.1:40000", "198.51.100.4", 403},
		{"forged through a proxy", "127.0.0.1:40000", "127.0.0.1", 403},
		{"remote forging loopback", "192.0.2.7:40000", "127.0.0.1", 403},
	} {
		r := httptest.NewRequest("GET", "/metrics", nil)
		r.RemoteAddr = tc.remote
		if tc.forwarded != "" {
			r.Header.Set("X-Forwarded-For", tc.forwarded)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, w.Code, tc.want)
		}
		if w.Code == 200 && !strings.Contains(w.Body.String(), "tiendo_submissions_total 0\n") {
			t.Errorf("%s: no metrics in the answer:\n%s", tc.name, w.Body.String())
		}
	}
}
