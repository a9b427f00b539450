package main

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestSecretFileVariants checks that the secret variables can come from a
// file (container secrets), that the file wins over the plain variable, and
// that the demo ignores serve's database wherever it is given.
func TestSecretFileVariants(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	env := map[string]string{
		"TIENDO_DATABASE_URL":       "sqlite:plain.db",
		"TIENDO_DATABASE_URL_FILE":  write("db", "postgres://tiendo:bí-mật@db/tiendo\n"),
		"TIENDO_DEMO_PASSWORD_FILE": write("demo", "  mật khẩu trình diễn  \n"),
		"TIENDO_SMTP_PASSWORD_FILE": write("smtp", "smtp-secret\n"),
	}
	getenv := func(k string) string { return env[k] }

	var cfg Config
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	cfg.flags(fs, getenv, "127.0.0.1:0", "sqlite:default.db")
	if err := fs.Parse(nil); err != nil {
		t.Fatal(err)
	}
	if want := "postgres://tiendo:bí-mật@db/tiendo"; cfg.DatabaseURL != want {
		t.Errorf("DatabaseURL = %q, want %q from TIENDO_DATABASE_URL_FILE", cfg.DatabaseURL, want)
	}
	if cfg.SMTPPassword != "smtp-secret" {
		t.Errorf("SMTPPassword = %q", cfg.SMTPPassword)
	}
	if got := secret(getenv, "TIENDO_DEMO_PASSWORD"); got != "mật khẩu trình diễn" {
		t.Errorf("demo password = %q, want it from TIENDO_DEMO_PASSWORD_FILE, trimmed", got)
	}

	// Without the file, the plain variable; without either, the default.
	delete(env, "TIENDO_DATABASE_URL_FILE")
	cfg = Config{}
	fs = flag.NewFlagSet("serve", flag.ContinueOnError)
	cfg.flags(fs, getenv, "127.0.0.1:0", "sqlite:default.db")
	if cfg.DatabaseURL != "sqlite:plain.db" {
		t.Errorf("DatabaseURL = %q, want the plain variable", cfg.DatabaseURL)
	}
	delete(env, "TIENDO_DATABASE_URL")
	cfg = Config{}
	fs = flag.NewFlagSet("serve", flag.ContinueOnError)
	cfg.flags(fs, getenv, "127.0.0.1:0", "sqlite:default.db")
	if cfg.DatabaseURL != "sqlite:default.db" {
		t.Errorf("DatabaseURL = %q, want the default", cfg.DatabaseURL)
	}
}
