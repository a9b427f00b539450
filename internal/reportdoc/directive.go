package reportdoc

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"tiendo"
	"tiendo/internal/compose"
	"tiendo/internal/consolidate"
	"tiendo/internal/directive"
	"tiendo/internal/document"
	"tiendo/internal/store"
)

// DirectiveSymbol is the công văn's symbol: the issuer and its drafting office.
const DirectiveSymbol = compose.DefaultSymbol

// DirectiveInput loads what the công văn that assigns round roundID's tasks
// is drafted from: the whole round, the units, and the documents it carries
// out, read from the text of the request the round was built from.
func DirectiveInput(ctx context.Context, st *store.Store, u *tiendo.User, roundID int64) (compose.Input, error) {
	round, err := st.Round(ctx, u, roundID)
	if err != nil {
		return compose.Input{}, err
	}
	units, err := st.Units(ctx)
	if err != nil {
		return compose.Input{}, err
	}
	in := compose.Input{Round: round, Units: make(map[int64]*tiendo.Unit, len(units)), Issuer: round.Issuer}
	for _, x := range units {
		in.Units[x.ID] = x
	}
	// The body running tiendo issues the công văn, as it does the report.
	own, err := st.OwnIssuer(ctx)
	if err != nil {
		return compose.Input{}, err
	}
	if own.Name != "" {
		in.Issuer, in.Place = own.Name, own.Place
		if in.Place == "" {
			in.Place = consolidate.PlaceOf(own.Name)
		}
	}
	if round.Source != "" {
		res := directive.Parse(round.Source, nil)
		in.Basis = res.Basis
		if in.Place == "" {
			in.Place = res.Place
		}
		if in.Issuer == "" {
			in.Issuer = res.Issuer
		}
	}
	if in.Place == "" {
		// A round started from an earlier one keeps the earlier directive's
		// place name, and nothing else of it.
		earlier, err := st.EarlierSource(ctx, roundID)
		if err != nil {
			return compose.Input{}, err
		}
		if earlier != "" {
			in.Place = directive.Parse(earlier, nil).Place
		}
		if in.Place == "" {
			in.Place = consolidate.PlaceOf(in.Issuer)
		}
	}
	in.Office = officeOf(in.Issuer)
	if in.Window, _, err = st.RoundWindow(ctx, round); err != nil {
		return compose.Input{}, err
	}
	return in, nil
}

// officeOf names where a body's units send their reports: its People's
// Committee through its office ("UBND huyện qua Văn phòng HĐND & UBND huyện").
func officeOf(issuer string) string {
	lower := strings.ToLower(issuer)
	for _, level := range []string{"tỉnh", "thành phố", "thị xã", "huyện", "xã", "phường", "thị trấn"} {
		if strings.Contains(lower, " "+level+" ") || strings.HasSuffix(lower, " "+level) || strings.Contains(lower, "nhân dân "+level) {
			if level == "xã" || level == "phường" || level == "thị trấn" {
				return "UBND " + level + " qua Văn phòng - Thống kê"
			}
			return "UBND " + level + " qua Văn phòng HĐND & UBND " + level
		}
	}
	return ""
}

func composeParts(parts []tiendo.ReportPart) []compose.Part {
	out := make([]compose.Part, len(parts))
	for i, p := range parts {
		out[i] = compose.Part{Key: p.Key, Heading: p.Heading, Text: p.Text}
	}
	return out
}

// DirectiveParts converts the drafted parts into the stored ones.
func DirectiveParts(parts []compose.Part) []tiendo.ReportPart {
	out := make([]tiendo.ReportPart, len(parts))
	for i, p := range parts {
		out[i] = tiendo.ReportPart{Key: p.Key, Heading: p.Heading, Text: p.Text}
	}
	return out
}

// directiveMeta is the công văn's page: compose's proposal with the
// number, date and signer of issuing.
func directiveMeta(in compose.Input, number int, date time.Time, signer Signer) compose.Meta {
	m := compose.DraftMeta(in)
	m.Date = date
	if number > 0 {
		m.Number = fmt.Sprint(number)
	}
	if len(signer.Authority) > 0 || signer.Title != "" || signer.Name != "" {
		m.Signer = document.Signer{Authority: signer.Authority, Title: signer.Title, Name: signer.Name}
	}
	return m
}

// DirectiveSigner is the seed's signature: the office's deputy chief, by
// order of the chairman.
func DirectiveSigner(name string) Signer {
	return Signer{Authority: []string{"TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG"}, Title: "PHÓ CHÁNH VĂN PHÒNG", Name: name}
}

// DirectiveFiles renders the công văn as DOCX and PDF.
func DirectiveFiles(in compose.Input, c *tiendo.Document, number int, date time.Time, signer Signer) (map[string][]byte, error) {
	return render(directiveDocument(in, c, number, date, signer), nil)
}

// directiveDocument lays the công văn out as its files print it.
func directiveDocument(in compose.Input, c *tiendo.Document, number int, date time.Time, signer Signer) *document.Document {
	round := *in.Round // the caller's round keeps its own subject
	round.Subject = c.Subject
	in.Round = &round
	meta := directiveMeta(in, number, date, signer)
	meta.Drafted = c.UpdatedAt
	doc := compose.Document(in, meta, composeParts(c.Parts))
	doc.DraftMark = unapproved(c)
	return doc
}

// DirectiveModel is the công văn c of in's round as its files print it, for
// the page to show the leader what they approve, tasks and signature
// included: the model frozen with the files once issued, the draft as
// DirectiveFile renders it now otherwise.
func DirectiveModel(ctx context.Context, st *store.Store, u *tiendo.User, in compose.Input, c *tiendo.Document) (*document.Document, error) {
	if c.Status == tiendo.DocIssued {
		data, err := st.IssuedFile(ctx, u, in.Round.ID, tiendo.DocDirective, ModelFile)
		if err == nil {
			doc := new(document.Document)
			if err := json.Unmarshal(data, doc); err != nil {
				return nil, fmt.Errorf("reportdoc: the frozen model of công văn %d: %w", c.ID, err)
			}
			return doc, nil
		}
		if tiendo.ErrorCode(err) != tiendo.ENOTFOUND {
			return nil, err
		}
		return directiveDocument(in, c, c.Number, c.IssuedAt, DirectiveSigner(c.Signer)), nil
	}
	return directiveDocument(in, c, 0, time.Time{}, DirectiveSigner("")), nil
}

// IssueDirective issues round id's approved công văn signed by signer; the
// round is published with it.
func IssueDirective(ctx context.Context, st *store.Store, u *tiendo.User, a store.Actor, id int64, version int, signer Signer) (*tiendo.Document, error) {
	if err := checkSigner(signer); err != nil {
		return nil, err
	}
	in, err := DirectiveInput(ctx, st, u, id)
	if err != nil {
		return nil, err
	}
	c, err := st.Doc(ctx, u, id, tiendo.DocDirective)
	if err != nil {
		return nil, err
	}
	return st.IssueDoc(ctx, a, u, id, tiendo.DocDirective, version, store.Issue{
		Issuer: registerSeries(in.Issuer), Symbol: DirectiveSymbol, DocType: "CV", Signer: signer.Name,
		Render: func(number int, date time.Time) (map[string][]byte, error) {
			return DirectiveFiles(in, c, number, date, signer)
		},
	})
}

// DirectiveFile returns the công văn as a file: frozen once issued,
// rendered now while a draft.
func DirectiveFile(ctx context.Context, st *store.Store, u *tiendo.User, id int64, kind string) ([]byte, *tiendo.Document, error) {
	if kind != "docx" && kind != "pdf" {
		return nil, nil, tiendo.Errorf(tiendo.ENOTFOUND, "Công văn có ở dạng docx hoặc pdf.")
	}
	c, err := st.Doc(ctx, u, id, tiendo.DocDirective)
	if err != nil {
		return nil, nil, err
	}
	if c.Status == tiendo.DocIssued {
		data, err := st.IssuedFile(ctx, u, id, tiendo.DocDirective, kind)
		return data, c, err
	}
	in, err := DirectiveInput(ctx, st, u, id)
	if err != nil {
		return nil, nil, err
	}
	// That file alone: as DirectiveFiles writes it, without the others.
	data, err := renderOne(directiveDocument(in, c, 0, time.Time{}, DirectiveSigner("")), nil, kind)
	if err != nil {
		return nil, nil, err
	}
	return data, c, nil
}
