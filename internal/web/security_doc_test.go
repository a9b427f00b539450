package web_test

import (
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"

	"tiendo"
)

var updateSecurityDoc = flag.Bool("update-security-doc", false, "rewrite the permission matrix in docs/SECURITY.md from access.go")

const (
	securityDoc = "../../docs/SECURITY.md"
	matrixStart = "<!-- matrix:start (generated from access.go by TestSecurityDocMatrix; go test ./internal/web -run SecurityDoc -update-security-doc) -->"
	matrixEnd   = "<!-- matrix:end -->"
)

// actions reads every Action constant from access.go, so a new action shows
// up in the matrix without anyone remembering to add it here.
func actions(t *testing.T) []tiendo.Action {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "../../access.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []tiendo.Action
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, spec := range g.Specs {
			v := spec.(*ast.ValueSpec)
			if id, ok := v.Type.(*ast.Ident); !ok || id.Name != "Action" || len(v.Values) != 1 {
				continue
			}
			if lit, ok := v.Values[0].(*ast.BasicLit); ok {
				s, _ := strconv.Unquote(lit.Value)
				out = append(out, tiendo.Action(s))
			}
		}
	}
	if len(out) < 5 {
		t.Fatalf("found %d actions in access.go", len(out))
	}
	return out
}

func matrix(t *testing.T) string {
	var b strings.Builder
	b.WriteString("| quyền |")
	for _, r := range tiendo.Roles {
		b.WriteString(" " + string(r) + " |")
	}
	b.WriteString("\n|---|")
	b.WriteString(strings.Repeat("---|", len(tiendo.Roles)))
	b.WriteString("\n")
	for _, a := range actions(t) {
		b.WriteString("| `" + string(a) + "` |")
		for _, r := range tiendo.Roles {
			u := &tiendo.User{Role: r, UnitID: 1}
			cell := "—"
			switch tiendo.ScopeOf(u, a) {
			case tiendo.ScopeAll:
				cell = "tất cả"
			case tiendo.ScopeOwnUnit:
				cell = "đơn vị mình"
			case tiendo.ScopeUnitTree:
				cell = "đơn vị mình và cấp dưới"
			}
			b.WriteString(" " + cell + " |")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// The matrix in docs/SECURITY.md is access.go's table, cell for cell.
func TestSecurityDocMatrix(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile(securityDoc)
	if err != nil {
		t.Fatal(err)
	}
	s := string(doc)
	i, j := strings.Index(s, matrixStart), strings.Index(s, matrixEnd)
	if i < 0 || j < i {
		t.Fatalf("%s has no matrix markers", securityDoc)
	}
	got, want := s[i+len(matrixStart)+1:j], matrix(t)
	if got == want {
		return
	}
	if *updateSecurityDoc {
		if err := os.WriteFile(securityDoc, []byte(s[:i+len(matrixStart)+1]+want+s[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("the matrix in %s differs from access.go; run go test ./internal/web -run SecurityDoc -update-security-doc\nwant:\n%s", securityDoc, want)
}
