package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"tiendo"
	"tiendo/internal/document"
	"tiendo/internal/mail"
	"tiendo/internal/store"
)

// payloads are what an attacker types into a text field: a script, markup
// that breaks out of an attribute, and SQL that breaks out of a string.
var payloads = []string{
	`<script>alert("xss")</script>`,
	`"><img src=x onerror=alert(1)>`,
	`Robert'); DROP TABLE units;--`,
}

// dangerous are the raw forms that must never appear in a page.
var dangerous = []string{`<script>alert(`, `<img src=x onerror`}

func checkEscaped(t *testing.T, where, body string) {
	t.Helper()
	for _, d := range dangerous {
		if strings.Contains(body, d) {
			i := strings.Index(body, d)
			t.Errorf("%s: raw %q in the page: …%s…", where, d, body[max(0, i-80):min(len(body), i+80)])
		}
	}
}

// Every text a user can fill in — unit names, round titles and task text
// (directive text), report narratives, search words — is escaped on every
// page that shows it, and stored exactly as typed.
func TestHostileTextIsEscapedEverywhere(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	admin, office, rep := x.login("admin"), x.login("vanphong"), x.login("pnv")
	payload := strings.Join(payloads, " ")
	resp := x.post(admin, "/admin/units", url.Values{"code": {"xss"}, "name": {payload}, "short_name": {payloads[1]}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("unit with a hostile name: %d, want 303", resp.StatusCode)
	}
	if u, err := x.st.UnitByCode(ctx, "xss"); err != nil || u.Name != payload {
		t.Errorf("stored name = %q, %v; want it exactly as typed", u.Name, err)
	}
	r := &tiendo.Round{Title: "Đợt " + payload, Status: tiendo.RoundOpen, Deadline: time.Now().Add(48 * time.Hour),
		Tasks: []*tiendo.Task{{Label: "1", Text: "Nhiệm vụ " + payload,
			Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}},
			Targets:   []*tiendo.Target{{Text: "đạt " + payload, Comparator: tiendo.AtLeast, Value: 5, Unit: "%"}}}}}
	if err := x.st.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	reportPath := "/rounds/" + itoa(r.ID) + "/reports/pnv"
	field := "t" + itoa(r.Tasks[0].ID) + ".result_vs_plan"
	resp = x.post(rep, reportPath, url.Values{"version": {"0"}, "op": {"save"}, field: {payload}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("report with hostile text: %d, want 303", resp.StatusCode)
	}
	pages := map[string]*http.Client{
		"/admin/units": admin, "/admin/units/" + itoa(x.a.ID): admin, "/admin/audit": admin,
		"/": office, "/rounds": office, "/rounds/" + itoa(r.ID): office, reportPath: office,
		reportPath + "/revisions": office, "/search?q=" + url.QueryEscape(payload): office,
	}
	for p, c := range pages {
		code, body := x.get(c, p)
		if code != 200 {
			t.Errorf("GET %s: %d", p, code)
		}
		checkEscaped(t, p, body)
	}
	code, body := x.get(rep, reportPath)
	checkEscaped(t, "the reporter's form", body)
	if code != 200 || !strings.Contains(body, "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;") {
		t.Errorf("the report form does not show the text escaped (%d)", code)
	}
	// The SQL stayed text.
	if _, err := x.st.UnitByCode(ctx, "pnv"); err != nil {
		t.Errorf("units after the SQL payload: %v", err)
	}
}

// The DOCX writer escapes text into well-formed XML.
func TestHostileTextInDOCX(t *testing.T) {
	t.Parallel()
	payload := strings.Join(payloads, " ") + ` & ]]> <w:p/>`
	var buf bytes.Buffer
	d := &document.Document{Kind: document.Report, Issuer: "Ủy ban nhân dân huyện " + payload, Subject: payload,
		Body: []document.Block{document.H1(payload), document.P(payload)}, Distribution: []string{payload}}
	if err := document.WriteDOCX(&buf, d); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name != "word/document.xml" {
			continue
		}
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if bytes.Contains(b, []byte("<script>")) || bytes.Contains(b, []byte("<w:p/> ")) {
			t.Errorf("document.xml holds the payload unescaped")
		}
		dec := xml.NewDecoder(bytes.NewReader(b))
		var text strings.Builder
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("document.xml is not well-formed: %v", err)
			}
			if cd, ok := tok.(xml.CharData); ok {
				text.Write(cd)
			}
		}
		if !strings.Contains(text.String(), `<script>alert("xss")</script>`) {
			t.Errorf("the payload's text is lost from the document")
		}
		return
	}
	t.Fatal("no word/document.xml")
}

// Oversized bodies get 413, broken UTF-8 never reaches the database, and
// deeply nested JSON is refused without a server error.
func TestHostileBodies(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	admin := x.login("admin")
	resp := x.post(admin, "/admin/units", url.Values{"code": {"big"}, "name": {strings.Repeat("a", 2<<20)}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("2 MB form: %d, want 413", resp.StatusCode)
	}
	resp = x.post(admin, "/admin/units", url.Values{"code": {"utf"}, "name": {"Phòng \xff\xfe Tư pháp"}})
	resp.Body.Close()
	if u, err := x.st.UnitByCode(context.Background(), "utf"); err == nil && !utf8.ValidString(u.Name) {
		t.Errorf("a form's invalid UTF-8 was stored: %q", u.Name)
	}
	for name, body := range map[string]string{
		"nested":       strings.Repeat("[", 100000) + strings.Repeat("]", 100000),
		"nested obj":   strings.Repeat(`{"a":`, 20000) + "1" + strings.Repeat("}", 20000),
		"huge":         `{"username":"` + strings.Repeat("x", 3<<20) + `"}`,
		"invalid utf8": "{\"username\":\"\xff\xfe\",\"password\":\"\xc3\x28\"}",
	} {
		req, _ := http.NewRequest("POST", x.srv.URL+"/api/v1/tokens", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode >= 500 || resp.StatusCode < 400 {
			t.Errorf("%s JSON: %d, want a 4xx refusal", name, resp.StatusCode)
		}
	}
}

// An attachment's name cannot climb out of its place, and comes back in a
// header that cannot be split.
func TestAttachmentNameTraversal(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("pnv")
	path := "/rounds/" + itoa(x.round.ID) + "/reports/pnv/attachments"
	for _, name := range []string{"../../../etc/passwd.pdf", `..\..\windows\win.ini.pdf`, "a\r\nSet-Cookie: x=1.pdf"} {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		h := make(map[string][]string)
		h["Content-Disposition"] = []string{`form-data; name="file"; filename="` + strings.NewReplacer(`"`, `\"`).Replace(name) + `"`}
		h["Content-Type"] = []string{"application/pdf"}
		fw, _ := mw.CreatePart(h)
		fw.Write([]byte("%PDF-1.4 thử"))
		mw.Close()
		req, _ := http.NewRequest("POST", x.srv.URL+path, &buf)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Origin", x.srv.URL)
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	u, _ := x.st.UserByUsername(context.Background(), "pnv")
	rep, err := x.st.Report(context.Background(), u, x.round.ID, x.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Attachments) == 0 {
		t.Fatal("no attachment stored: the uploads did not reach the store")
	}
	for _, a := range rep.Attachments {
		if strings.ContainsAny(a.Name, "/\\\r\n") || strings.HasPrefix(a.Name, "..") {
			t.Errorf("stored attachment name %q", a.Name)
		}
		resp, err := c.Get(x.srv.URL + "/attachments/" + itoa(a.ID))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.Header.Get("Set-Cookie") != "" || strings.ContainsAny(resp.Header.Get("Content-Disposition"), "\r\n") {
			t.Errorf("download of %q: headers %v", a.Name, resp.Header)
		}
	}
}

// A subject built from user text cannot add a header to an e-mail.
func TestMailHeaderInjection(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"Đôn đốc\r\nBcc: evil@example.com", "Nhắc\nX-Injected: 1", "Nhắc\u2028Bcc: a@b"} {
		if got := mail.CleanHeader(s); strings.ContainsAny(got, "\r\n\u2028") {
			t.Errorf("CleanHeader(%q) = %q", s, got)
		}
	}
}

// After login, next never leads to another site.
func TestOpenRedirectVariants(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	for _, next := range []string{"//evil.example/", "/\\evil.example", "https://evil.example/", "javascript:alert(1)",
		"/\t/evil.example", "\\\\evil.example", "/%0d%0aSet-Cookie:x=1", "http:/evil.example"} {
		resp := x.post(x.client(), "/login", url.Values{"username": {"vanphong"}, "password": {pw}, "next": {next}})
		resp.Body.Close()
		loc := resp.Header.Get("Location")
		u, err := url.Parse(loc)
		if err != nil || u.Host != "" || u.Scheme != "" || !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, "/\\") ||
			strings.ContainsAny(loc, "\t\r\n") {
			t.Errorf("next=%q redirected to %q", next, loc)
		}
	}
}
