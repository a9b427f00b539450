package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"tiendo"
	"tiendo/internal/store"
)

// The data cut-off of periodic reports (thời gian chốt số liệu), set by the
// administrator for each issuing body, with a default for the others.

type cutoffRow struct {
	store.IssuerCutoff
	Value   string // the input as shown: the day, or what was typed in a refused form
	Example string // the window of this year's first half with the day that applies
	Error   string // the day's field's message
	// IssuerError is the issuer's name field's message, on the form that
	// adds an issuer (New).
	IssuerError string
}

type cutoffPage struct {
	page
	Rows  []cutoffRow
	Year  int
	Saved bool
	Error string // the form's message, above the table
	// Problems lists the fields marked, for the message to link to.
	Problems []unreadField
	New      cutoffRow
	Default  int
}

func (s *Server) cutoffPage(r *http.Request) (*cutoffPage, error) {
	list, err := s.store.CutoffSettings(r.Context())
	if err != nil {
		return nil, err
	}
	p := &cutoffPage{page: s.basePage(r, "Thời gian chốt số liệu"), Year: s.store.Clock().Year(), Default: tiendo.DefaultCutoffDay,
		Saved: r.URL.Query().Get("saved") == "1"}
	for _, c := range list {
		row := cutoffRow{IssuerCutoff: c, Example: s.windowExample(p.Year, c.Applies)}
		if c.Day != 0 {
			row.Value = strconv.Itoa(c.Day)
		}
		p.Rows = append(p.Rows, row)
	}
	return p, nil
}

// windowExample is the first half of year with cut-off day: "15/12/2025 –
// 14/06/2026".
func (s *Server) windowExample(year, day int) string {
	w, ok := tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: year, Index: 1}.Window(day)
	if !ok {
		return ""
	}
	return formatDate(w.From) + " – " + formatDate(w.To)
}

func (s *Server) handleCutoff(w http.ResponseWriter, r *http.Request) error {
	p, err := s.cutoffPage(r)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "cutoff", p)
}

// handleCutoffPost saves one issuer's cut-off day (or the default, issuer
// ""); an empty day gives an issuer back to the default. A refused value
// comes back as typed, with the reason beside it.
func (s *Server) handleCutoffPost(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	issuer := strings.TrimSpace(r.PostFormValue("issuer"))
	typed := strings.TrimSpace(r.PostFormValue("cutoff_day"))
	adding := r.PostFormValue("new") == "1"
	var err error
	day := 0
	if typed != "" {
		if day, err = strconv.Atoi(typed); err != nil {
			err = &tiendo.Error{Code: tiendo.EINVALID, Message: "Ngày chốt số liệu phải là một số, từ 1 đến 28.",
				Fields: map[string]string{"cutoff_day": "Hãy nhập một số từ 1 đến 28."}}
		}
	}
	if err == nil && adding && issuer == "" {
		err = &tiendo.Error{Code: tiendo.EINVALID, Message: "Hãy nhập tên cơ quan ban hành cần đặt ngày chốt số liệu riêng.",
			Fields: map[string]string{"issuer": "Hãy nhập tên cơ quan ban hành."}}
	}
	if err == nil && adding && typed == "" {
		err = &tiendo.Error{Code: tiendo.EINVALID, Message: "Hãy nhập ngày chốt số liệu cho cơ quan ban hành mới.",
			Fields: map[string]string{"cutoff_day": "Hãy nhập một số từ 1 đến 28."}}
	}
	if err == nil {
		if err = s.store.SetCutoffDay(r.Context(), actor(r), userFrom(r.Context()), issuer, day); err == nil {
			http.Redirect(w, r, "/admin/cutoff?saved=1", http.StatusSeeOther)
			return nil
		}
	}
	if tiendo.ErrorCode(err) != tiendo.EINVALID {
		return err
	}
	p, perr := s.cutoffPage(r)
	if perr != nil {
		return perr
	}
	p.Saved = false
	p.Error = tiendo.ErrorMessage(err)
	field, issuerField := p.Error, ""
	var e *tiendo.Error
	if errors.As(err, &e) && e.Fields["cutoff_day"] != "" {
		field = e.Fields["cutoff_day"]
	} else if e != nil && e.Fields["issuer"] != "" {
		field, issuerField = "", e.Fields["issuer"]
	}
	matched := false
	if !adding {
		for i := range p.Rows {
			if p.Rows[i].Issuer == issuer || (issuer != "" && strings.EqualFold(p.Rows[i].Issuer, issuer)) {
				p.Rows[i].Value, p.Rows[i].Error, matched = typed, field, true
				name := p.Rows[i].Issuer
				if name == "" {
					name = "mặc định"
				}
				p.Problems = append(p.Problems, unreadField{Key: fmt.Sprintf("cutoff-%d", i), Label: "Ngày chốt số liệu của " + name, Message: field})
				break
			}
		}
	}
	if !matched {
		p.New = cutoffRow{IssuerCutoff: store.IssuerCutoff{Issuer: issuer}, Value: typed, Error: field, IssuerError: issuerField}
		if issuerField != "" {
			p.Problems = append(p.Problems, unreadField{Key: "new-issuer", Label: "Tên cơ quan ban hành", Message: issuerField})
		}
		if field != "" {
			p.Problems = append(p.Problems, unreadField{Key: "new-cutoff", Label: "Ngày chốt số liệu của cơ quan ban hành khác", Message: field})
		}
	}
	return s.render(w, http.StatusUnprocessableEntity, "cutoff", p)
}
