package api

import (
	"net/http"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

type tokenRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
	// TOTP is the code from the user's authenticator app, or one of their
	// recovery codes, for an account whose second factor is on.
	TOTP string `json:"totp"`
}

type tokenResponse struct {
	Token     string    `json:"token"`
	ExpiresAt time.Time `json:"expires_at"`
}

func (a *Server) handleTokenCreate(w http.ResponseWriter, r *http.Request) error {
	var req tokenRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	if req.Username == "" || req.Password == "" {
		return tiendo.Errorf(tiendo.EINVALID, "Cần có username và password.")
	}
	u, err := a.store.Login(r.Context(), store.DefaultThrottle, req.Username, req.Password, actor(r).Address)
	if err != nil {
		return err
	}
	if u.TwoFactor {
		// A program that has the password but no code is told so with a
		// code of its own, so that it can ask its user for one.
		if req.TOTP == "" {
			return tiendo.Errorf(tiendo.ETOTPREQUIRED, "Tài khoản này đã bật xác thực hai bước: gửi thêm trường totp, là mã 6 chữ số đang hiện trong ứng dụng xác thực (hoặc một mã dự phòng).")
		}
		if err := a.store.CheckSecondFactor(r.Context(), store.DefaultThrottle, u, req.TOTP, actor(r).Address); err != nil {
			return err
		}
	}
	token, expires, err := a.store.CreateToken(r.Context(), u.ID, actor(r).Address)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, tokenResponse{Token: token, ExpiresAt: expires})
}

func (a *Server) handleMe(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, http.StatusOK, userFrom(r.Context()))
}

func (a *Server) handleUnits(w http.ResponseWriter, r *http.Request) error {
	units, err := a.store.Units(r.Context())
	if err != nil {
		return err
	}
	if units == nil {
		units = []*tiendo.Unit{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"units": units})
}

// roundItem is a round in a list: the round and its reporting counts.
type roundItem struct {
	*tiendo.Round
	TaskCount int `json:"task_count"`
	Expected  int `json:"expected"`
	Received  int `json:"received"`
	OnTime    int `json:"on_time"`
}

func (a *Server) handleRounds(w http.ResponseWriter, r *http.Request) error {
	rounds, err := a.store.Rounds(r.Context(), userFrom(r.Context()))
	if err != nil {
		return err
	}
	items := make([]roundItem, 0, len(rounds))
	for _, s := range rounds {
		round := s.Round
		if round.UnitIDs == nil {
			// A list reads no round's units (expected counts them), and an
			// array is never null. A copy: the round may be shared.
			c := *round
			c.UnitIDs = []int64{}
			round = &c
		}
		items = append(items, roundItem{Round: round, TaskCount: s.Tasks, Expected: s.Expected, Received: s.Submitted, OnTime: s.OnTime})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"rounds": items})
}

func (a *Server) handleRound(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	u := userFrom(r.Context())
	round, err := a.store.Round(r.Context(), u, id)
	if err != nil {
		return err
	}
	if u.Role.UnitScoped() && u.UnitID != 0 {
		// A unit's user reads the round as its unit takes part in it, as
		// the list of rounds gives it: with the unit's own deadline when
		// the office extended it for the unit.
		if round, err = a.store.RoundAsUnit(r.Context(), round, u.UnitID); err != nil {
			return err
		}
	}
	return writeJSON(w, http.StatusOK, round)
}
