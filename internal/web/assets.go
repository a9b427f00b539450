package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

//go:embed static
var staticFS embed.FS

// assets serves the embedded static files under names that carry a hash of
// their content ("/static/css/app.3f2a1b9c.css"), so browsers may cache them
// for a year and still see a new file the moment it changes.
type assets struct {
	byName map[string]string // "css/app.css" -> "/static/css/app.3f2a1b9c.css"
	byURL  map[string]string // "/static/css/app.3f2a1b9c.css" -> "static/css/app.css"
}

func loadAssets() (*assets, error) {
	a := &assets{byName: map[string]string{}, byURL: map[string]string{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".md") {
			return err
		}
		b, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		name := strings.TrimPrefix(p, "static/")
		ext := path.Ext(name)
		url := "/static/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext
		a.byName[name], a.byURL[url] = url, p
		return nil
	})
	return a, err
}

// url returns the hashed URL of a static file; templates call it as asset.
func (a *assets) url(name string) string {
	if u, ok := a.byName[name]; ok {
		return u
	}
	panic("web: no static file " + name) // a template names a file that is not embedded: a build mistake
}

func (a *assets) serve(w http.ResponseWriter, r *http.Request) {
	p, ok := a.byURL[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	http.ServeFileFS(w, r, staticFS, p)
}
