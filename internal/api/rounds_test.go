package api_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"os"
	"strings"
	"testing"
)

const smallDirective = `ỦY BAN NHÂN DÂN HUYỆN THỬ NGHIỆM
Số: 12/UBND-VP
V/v báo cáo nhiệm vụ trọng tâm quý I năm 2026
Kính gửi:
- Phòng Nội vụ huyện;
- Công an huyện.

1. Giao Phòng Nội vụ chủ trì: nâng Chỉ số cải cách hành chính đạt 85% trở lên (nhiệm vụ 1).
2. Giao Công an huyện: giảm số vụ phạm pháp hình sự 5% trở lên so với cùng kỳ (nhiệm vụ 2).

Các đơn vị gửi báo cáo về UBND huyện trước ngày 05/4/2026.
`

func (x *app) post(path, token, contentType string, body []byte) (int, map[string]any) {
	x.t.Helper()
	req, _ := http.NewRequest("POST", x.srv.URL+path, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		x.t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		x.t.Fatalf("POST %s: body is not JSON: %v", path, err)
	}
	return resp.StatusCode, out
}

// docx builds a minimal Word file whose paragraphs are the lines of text.
func docx(t *testing.T, text string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("[Content_Types].xml")
	w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`))
	w, _ = zw.Create("word/document.xml")
	var body strings.Builder
	for _, line := range strings.Split(text, "\n") {
		var esc bytes.Buffer
		xmlEscape(&esc, line)
		fmt.Fprintf(&body, `<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>`, esc.String())
	}
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>%s</w:body></w:document>`, body.String())
	zw.Close()
	return buf.Bytes()
}

func xmlEscape(b *bytes.Buffer, s string) {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	b.WriteString(r.Replace(s))
}

func multipartFile(t *testing.T, name string, data []byte) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	return mw.FormDataContentType(), buf.Bytes()
}

func TestDirectiveParse(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	tok := x.login("vanphong")
	seed, err := os.ReadFile("../../testdata/directives/huu-lung-2022-06.txt")
	if err != nil {
		t.Fatal(err)
	}
	code, out := x.post("/api/v1/directives/parse", tok, "text/plain; charset=utf-8", seed)
	tasks, _ := out["tasks"].([]any)
	if code != 200 || len(tasks) != 13 {
		t.Fatalf("parse the seed: %d, %d tasks", code, len(tasks))
	}
	for _, field := range []string{"issuer", "number", "symbol", "place", "date", "subject", "recipients", "basis", "period", "deadline", "tasks", "report_contents", "signer", "distribution", "warnings"} {
		if _, ok := out[field]; !ok {
			t.Errorf("parse result lacks %q", field)
		}
	}
	ct, body := multipartFile(t, "congvan.docx", docx(t, smallDirective))
	code, out = x.post("/api/v1/directives/parse", tok, ct, body)
	if tasks, _ := out["tasks"].([]any); code != 200 || len(tasks) != 2 {
		t.Errorf("parse a .docx: %d %v", code, out)
	}
	for _, tc := range []struct {
		name, ct string
		body     []byte
		want     int
	}{
		{"empty", "text/plain", nil, 422},
		{"binary", "text/plain", []byte("\x00\x01\x02binary"), 422},
		{"latin-1", "text/plain", []byte("Ph\xf2ng N\xf4i v\xf9"), 422},
		{"a .docx that is not a zip", "", nil, 422},
		{"over 10 MB", "text/plain", bytes.Repeat([]byte("a"), 11<<20), 413},
		{"json", "application/json", []byte(`{}`), 400},
	} {
		ct, body := tc.ct, tc.body
		if tc.name == "a .docx that is not a zip" {
			ct, body = multipartFile(t, "hong.docx", []byte("PK\x03\x04 not really a zip"))
		}
		code, out := x.post("/api/v1/directives/parse", tok, ct, body)
		if code != tc.want || errCode(out) == "" {
			t.Errorf("%s: %d %v, want %d with an error", tc.name, code, out, tc.want)
		}
	}
	if code, _ := x.post("/api/v1/directives/parse", x.login("pnv"), "text/plain", seed); code != http.StatusForbidden {
		t.Errorf("a reporter parsing: %d, want 403", code)
	}
}

func TestRoundCreateAndPublish(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	tok := x.login("vanphong")
	code, parsed := x.post("/api/v1/directives/parse", tok, "text/plain", []byte(smallDirective))
	if code != 200 {
		t.Fatalf("parse: %d %v", code, parsed)
	}
	parsed["title"] = "Quý I năm 2026 (thử)"
	body, _ := json.Marshal(parsed)
	code, round := x.post("/api/v1/rounds", tok, "application/json", body)
	if code != http.StatusCreated || round["status"] != "draft" || round["title"] != "Quý I năm 2026 (thử)" {
		t.Fatalf("create: %d %v", code, round)
	}
	if tasks, _ := round["tasks"].([]any); len(tasks) != 2 {
		t.Errorf("created round has %d tasks, want 2", len(tasks))
	}
	if d, _ := round["deadline"].(string); !strings.HasPrefix(d, "2026-04-05T00:00:00+07:00") {
		t.Errorf("deadline = %q, want the start of 05/4/2026 in Vietnam", d)
	}
	id := fmt.Sprint(round["id"])
	rep := x.login("pnv")
	if code, _ := x.do("GET", "/api/v1/rounds/"+id, rep, nil); code != 404 {
		t.Errorf("a unit sees the draft: %d, want 404", code)
	}
	if code, _ := x.post("/api/v1/rounds/"+id+"/publish", rep, "", nil); code != 403 {
		t.Errorf("a reporter publishes: %d, want 403", code)
	}
	if code, out := x.post("/api/v1/rounds/"+id+"/publish", tok, "", nil); code != 200 || out["status"] != "open" {
		t.Fatalf("publish: %d %v", code, out)
	}
	if code, out := x.post("/api/v1/rounds/"+id+"/publish", tok, "", nil); code != 409 || errCode(out) != "conflict" {
		t.Errorf("publish twice: %d %v, want 409", code, out)
	}
	if code, out := x.do("GET", "/api/v1/notifications", rep, nil); code != 200 || out["unread"] != float64(1) {
		t.Errorf("the unit's notifications: %d %v", code, out)
	}
	// An assignee with an unknown unit code is refused, naming it.
	tasks := parsed["tasks"].([]any)
	tasks[0].(map[string]any)["assignees"] = []any{map[string]any{"name": "Phòng Không Có", "unit": "khongco", "role": "lead"}}
	body, _ = json.Marshal(parsed)
	if code, out := x.post("/api/v1/rounds", tok, "application/json", body); code != 422 || !strings.Contains(fmt.Sprint(out), "Phòng Không Có") {
		t.Errorf("unknown unit: %d %v, want 422 naming it", code, out)
	}
	parsed["deadline"] = nil
	body, _ = json.Marshal(parsed)
	if code, _ := x.post("/api/v1/rounds", tok, "application/json", body); code != 422 {
		t.Errorf("no deadline: %d, want 422", code)
	}
}
