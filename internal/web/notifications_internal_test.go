package web

import "testing"

// A notification's link is followed by a redirect, which must stay on the
// site whatever the stored link says.
func TestNotificationTargetStaysOnSite(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ link, want string }{
		{"/rounds/12", "/rounds/12"},
		{"/rounds/12/reports/pnv?ok=returned#obstacles", "/rounds/12/reports/pnv?ok=returned#obstacles"},
		{"", "/notifications"},
		{"//evil.example/", "/notifications"},
		{"https://evil.example/", "/notifications"},
		{"/\\evil.example", "/notifications"},
		{"/\t/evil.example", "/notifications"},
		{"javascript:alert(1)", "/notifications"},
		{"rounds/12", "/notifications"},
	} {
		if got := notificationTarget(tc.link); got != tc.want {
			t.Errorf("notificationTarget(%q) = %q, want %q", tc.link, got, tc.want)
		}
	}
}
