package web_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// sourceCalls parses the non-test Go files that glob matches and returns
// the calls in them of a method or package function named one of names
// with nargs arguments ("mux.HandleFunc(pattern, h)", "s.audit(...)"), and
// the file set that places them. Tests read the source this way to check
// every call a package makes, wherever it was added.
func sourceCalls(t *testing.T, glob string, nargs int, names ...string) ([]*ast.CallExpr, *token.FileSet) {
	t.Helper()
	files, err := filepath.Glob(glob)
	if err != nil || len(files) == 0 {
		t.Fatalf("sources %s: %v, %d files", glob, err, len(files))
	}
	fset := token.NewFileSet()
	var out []*ast.CallExpr
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) != nargs {
				return true
			}
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok && slices.Contains(names, sel.Sel.Name) {
				out = append(out, call)
			}
			return true
		})
	}
	return out, fset
}
