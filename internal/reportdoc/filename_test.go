package reportdoc

import (
	"testing"
	"time"

	"tiendo"
)

// A download's name is one function's, for both documents, from the pages
// and the API: the number as the register writes it, the symbol and the
// year (the register's numbers start again each year), in ASCII.
func TestFileName(t *testing.T) {
	issued := func(kind tiendo.DocKind, number int, symbol string, year int) *tiendo.Document {
		return &tiendo.Document{Kind: kind, RoundID: 7, Status: tiendo.DocIssued, Number: number, Symbol: symbol,
			IssuedAt: time.Date(year, 12, 31, 23, 30, 0, 0, tiendo.Zone)}
	}
	for _, tt := range []struct {
		c    *tiendo.Document
		kind string
		want string
	}{
		{issued(tiendo.DocReport, 1, "BC-UBND", 2022), "docx", "bao-cao-tong-hop-so-01-BC-UBND-2022.docx"},
		{issued(tiendo.DocReport, 1, "BC-UBND", 2026), "docx", "bao-cao-tong-hop-so-01-BC-UBND-2026.docx"},
		{issued(tiendo.DocDirective, 2, "UBND-VP", 2026), "pdf", "cong-van-so-02-UBND-VP-2026.pdf"},
		{issued(tiendo.DocReport, 123, "BC-ĐU/VP  ", 2025), "xlsx", "bao-cao-tong-hop-so-123-BC-DU-VP-2025.xlsx"},
		{issued(tiendo.DocDirective, 5, "QĐ-Sở Tư pháp", 2025), "pdf", "cong-van-so-05-QD-So-Tu-phap-2025.pdf"},
		{&tiendo.Document{Kind: tiendo.DocReport, RoundID: 7, Status: tiendo.DocApproved}, "pdf", "du-thao-bao-cao-tong-hop-dot-7.pdf"},
		{&tiendo.Document{Kind: tiendo.DocDirective, RoundID: 7, Status: tiendo.DocDraft}, "docx", "du-thao-cong-van-dot-7.docx"},
	} {
		if got := FileName(tt.c, tt.kind); got != tt.want {
			t.Errorf("FileName(%s %d/%s %s) = %q, want %q", tt.c.Kind, tt.c.Number, tt.c.Symbol, tt.c.Status, got, tt.want)
		}
		for _, r := range FileName(tt.c, tt.kind) {
			if r >= 0x80 {
				t.Errorf("FileName %q is not ASCII", FileName(tt.c, tt.kind))
				break
			}
		}
	}
}
