package main

import (
	"bytes"
	"context"
	"database/sql"
	"strconv"
	"strings"
	"testing"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// tiendo audit verify passes on an untouched log and fails, naming the row,
// once a row is edited in the database.
func TestAuditVerifyCommand(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.DSN(t)
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"pnv", "cah", "ptp"} {
		if err := st.CreateUnit(ctx, store.Actor{}, &tiendo.Unit{Code: code, Name: "Phòng " + code}); err != nil {
			t.Fatal(err)
		}
	}
	entries, _ := st.AuditLog(ctx, "", 10)
	st.Close()
	audit := func() (string, error) {
		var out, errOut bytes.Buffer
		err := run(ctx, []string{"audit", "verify", "-database-url", dsn}, func(string) string { return "" }, nil, &out, &errOut)
		return out.String(), err
	}
	if out, err := audit(); err != nil || !strings.Contains(out, "nguyên vẹn: 3 bản ghi") {
		t.Fatalf("verify on an untouched log: %v\n%s", err, out)
	}
	driver, src := "pgx", dsn
	if path, ok := strings.CutPrefix(dsn, "sqlite:"); ok {
		driver, src = "sqlite", "file:"+path
	}
	db, err := sql.Open(driver, src)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	middle := entries[1].ID
	q := `UPDATE audit_log SET address = '203.0.113.9' WHERE id = ?`
	if driver == "pgx" {
		q = strings.Replace(q, "?", "$1", 1)
	}
	if _, err := db.Exec(q, middle); err != nil {
		t.Fatal(err)
	}
	out, err := audit()
	if err == nil || !strings.Contains(out, "#"+strconv.FormatInt(middle, 10)+" đã bị sửa") {
		t.Errorf("verify after an edit: %v, want a failure naming #%d:\n%s", err, middle, out)
	}
}
