// Package browsertest drives a real Chromium through chromedp for the
// browser tests. Tests skip, naming the variable to set, when no Chromium is
// installed; CI sets TIENDO_TEST_CHROMIUM so that a missing browser fails
// instead of skipping. When a test fails, a screenshot of the page is saved
// and its path logged.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// EnvChromium names the variable that points the tests at a Chromium binary.
const EnvChromium = "TIENDO_TEST_CHROMIUM"

// EnvArtifacts names the folder where failure screenshots go (default: the
// system's temporary folder).
const EnvArtifacts = "TIENDO_TEST_ARTIFACTS"

// chromium returns the browser to use, or skips the test.
func chromium(t testing.TB) string {
	t.Helper()
	if p := os.Getenv(EnvChromium); p != "" {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("%s=%s: %v", EnvChromium, p, err)
		}
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skipf("browser test skipped: no Chromium found; install Debian's chromium or set %s=/path/to/chromium", EnvChromium)
	return ""
}

// New starts a headless Chromium for the test and returns a chromedp
// context bound to one tab. The browser stops when the test ends; if the test
// failed, a screenshot of the tab is saved first.
func New(t testing.TB) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox, // CI runs as root
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("lang", "vi-VN"),
		chromedp.WindowSize(1366, 768),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	if err := chromedp.Do(ctx); err != nil {
		cancelTab()
		cancelAlloc()
		t.Fatalf("start Chromium: %v", err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			Screenshot(t, ctx, "failure")
		}
		cancelTab()
		cancelAlloc()
	})
	return ctx
}

// Screenshot saves a full-page PNG of the tab and logs its path.
func Screenshot(t testing.TB, ctx context.Context, label string) string {
	t.Helper()
	return save(t, ctx, label, chromedp.FullScreenshot(100))
}

// ScreenshotOf saves a PNG of the element sel matches and logs its path.
func ScreenshotOf(t testing.TB, ctx context.Context, sel, label string) string {
	t.Helper()
	return save(t, ctx, label, chromedp.Screenshot(sel))
}

func save(t testing.TB, ctx context.Context, label string, shot chromedp.Action[[]byte]) string {
	t.Helper()
	dir := os.Getenv(EnvArtifacts)
	if dir == "" {
		dir = os.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Logf("screenshot: %v", err)
		return ""
	}
	name := strings.NewReplacer("/", "_", " ", "_").Replace(t.Name()) + "-" + label + ".png"
	path := filepath.Join(dir, name)
	sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	png, err := chromedp.Run(sctx, shot)
	if err != nil {
		t.Logf("screenshot: %v", err)
		return ""
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Logf("screenshot: %v", err)
		return ""
	}
	t.Logf("screenshot saved: %s", path)
	return path
}

// patience is how long a step or a wait may take before the test fails. A
// step returns as soon as it is done, so only a failure waits this long;
// it is generous because CI's two shared cores can be several times slower
// than a quiet machine (a bulk import of a hundred accounts, each with its
// password hash, took over 15 s there).
const patience = 60 * time.Second

// Do runs chromedp steps with a timeout, failing the test on error.
func Do(t testing.TB, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	rctx, cancel := context.WithTimeout(ctx, patience)
	defer cancel()
	if err := chromedp.Do(rctx, steps...); err != nil {
		t.Fatalf("browser: %v", err)
	}
}

// Get runs one chromedp action that returns a value, with a timeout,
// failing the test on error.
func Get[T any](t testing.TB, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	rctx, cancel := context.WithTimeout(ctx, patience)
	defer cancel()
	v, err := chromedp.Run(rctx, a)
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	return v
}

// WaitFor evaluates the JavaScript expression js until it is true, for up
// to patience, tolerating the errors a page in the middle of navigating
// gives. Use it after an action that loads a new page, when the old page
// would satisfy any selector-based wait.
func WaitFor(t testing.TB, ctx context.Context, js string) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for time.Now().Before(deadline) {
		ectx, cancel := context.WithTimeout(ctx, 2*time.Second)
		ok, err := chromedp.Run(ectx, chromedp.Evaluate[bool](js))
		cancel()
		if err == nil && ok {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("browser: %s did not become true in %v", js, patience)
}
