package tiendo

import "time"

// DocStatus is where a document the office drafts (the consolidated report,
// later the assigning công văn) is on its way to being issued.
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

// ReportPart is one editable part of a consolidated report.
type ReportPart struct {
	Key     string `json:"key"`
	Heading string `json:"heading"`
	Text    string `json:"text"` // paragraphs separated by a blank line
}

// ConsolidatedReport is the office's one report built from a round's unit
// reports (báo cáo tổng hợp).
type ConsolidatedReport struct {
	ID            int64        `json:"id"`
	RoundID       int64        `json:"round_id"`
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
