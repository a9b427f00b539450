package tiendo

import "time"

// DocKind says which of a round's documents a Document is.
type DocKind string

// Document kinds: the consolidated report a round ends with, and the công
// văn that assigns its tasks and starts it.
const (
	DocReport    DocKind = "report"    // báo cáo tổng hợp, symbol BC-UBND
	DocDirective DocKind = "directive" // công văn giao nhiệm vụ, symbol UBND-VP
)

// Label is the Vietnamese name of the kind.
func (k DocKind) Label() string {
	if k == DocDirective {
		return "công văn"
	}
	return "báo cáo tổng hợp"
}

// DocStatus is where a document the office drafts is on its way to being
// issued.
type DocStatus string

// Document states: the office drafts, sends for approval; a leader
// approves or returns it; the office issues it, which numbers and freezes it.
const (
	DocDraft    DocStatus = "draft"
	DocPending  DocStatus = "pending"
	DocApproved DocStatus = "approved"
	DocIssued   DocStatus = "issued"
)

// Label is the Vietnamese name of the state.
func (s DocStatus) Label() string {
	switch s {
	case DocDraft:
		return "Dự thảo"
	case DocPending:
		return "Chờ lãnh đạo duyệt"
	case DocApproved:
		return "Đã duyệt, chờ ban hành"
	case DocIssued:
		return "Đã ban hành"
	}
	return string(s)
}

// ReportPart is one editable part of a document.
type ReportPart struct {
	Key     string `json:"key"`
	Heading string `json:"heading"`
	Text    string `json:"text"` // paragraphs separated by a blank line
}

// Document is a document the office drafts for a round, has approved and
// issues: the consolidated report built from the unit reports (báo cáo
// tổng hợp), or the công văn that assigns the round's tasks.
type Document struct {
	ID            int64        `json:"id"`
	RoundID       int64        `json:"round_id"`
	Kind          DocKind      `json:"kind"`
	Status        DocStatus    `json:"status"`
	Version       int          `json:"version"`
	Subject       string       `json:"subject"`
	Parts         []ReportPart `json:"parts"`
	ReturnComment string       `json:"return_comment"`
	ApprovedBy    int64        `json:"approved_by,omitempty"`
	ApprovedAt    time.Time    `json:"approved_at,omitzero"`
	UpdatedAt     time.Time    `json:"updated_at"`
	// Set when issued, from the outgoing register.
	Number   int       `json:"number,omitempty"`
	Symbol   string    `json:"symbol,omitempty"`
	IssuedAt time.Time `json:"issued_at,omitzero"`
	Signer   string    `json:"signer,omitempty"`
}
