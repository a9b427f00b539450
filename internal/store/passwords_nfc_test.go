package store_test

import (
	"errors"
	"testing"

	"tiendo"
	"tiendo/internal/bulk"
	"tiendo/internal/store"
)

// The sentence the account page suggests as a password, as the three kinds
// of Vietnamese keyboard send it: precomposed (NFC: phones, Unikey's
// "Unicode dựng sẵn"), decomposed (NFD: some Macs) and Unikey's "Unicode tổ
// hợp" (â, ơ, ư whole, the tone a combining mark).
const (
	sentenceNFC    = "cây bàng trước sân phòng giáo dục"
	sentenceNFD    = "ca\u0302y ba\u0300ng tru\u031bo\u031b\u0301c sa\u0302n pho\u0300ng gia\u0301o du\u0323c"
	sentenceUnikey = "c\u00e2y ba\u0300ng tr\u01b0\u01a1\u0301c s\u00e2n pho\u0300ng gia\u0301o du\u0323c"
)

var encodings = map[string]string{"NFC": sentenceNFC, "NFD": sentenceNFD, "Unikey tổ hợp": sentenceUnikey}

// Every way a password is set takes it in any encoding, and every login
// (the pages, the password change and the API all log in through Login,
// which calls Authenticate) accepts it in any other.
func TestPasswordAnyEncoding(t *testing.T) {
	f := newFixture(t)
	admin := newAdmin(t, f.s)
	set := map[string]func(t *testing.T, username, pw string){
		"CreateUser": func(t *testing.T, username, pw string) {
			if err := f.s.CreateUser(ctx, store.Actor{}, &tiendo.User{Username: username, Role: tiendo.RoleOffice}, pw); err != nil {
				t.Fatal(err)
			}
		},
		"SetPassword": func(t *testing.T, username, pw string) {
			u := newUser(t, f.s, username)
			if err := f.s.SetPassword(ctx, store.Actor{}, u.ID, pw); err != nil {
				t.Fatal(err)
			}
		},
		"ResetPassword": func(t *testing.T, username, pw string) {
			u := newUser(t, f.s, username)
			if err := f.s.ResetPassword(ctx, store.Actor{}, u.ID, pw, false); err != nil {
				t.Fatal(err)
			}
		},
		"UpdateUserAndPassword": func(t *testing.T, username, pw string) {
			u := newUser(t, f.s, username)
			if err := f.s.UpdateUserAndPassword(ctx, store.Actor{}, u, pw, false); err != nil {
				t.Fatal(err)
			}
		},
		"ApplyBulk": func(t *testing.T, username, pw string) {
			file := &bulk.File{Users: []bulk.UserRow{{Username: username, Role: "Văn phòng", Password: pw}}}
			if _, err := f.s.ApplyBulk(ctx, store.Actor{UserID: admin.ID}, file, "", 0); err != nil {
				plan, _ := f.s.PlanBulk(ctx, file)
				t.Fatalf("%v %+v", err, plan.Errors)
			}
		},
	}
	n := 0
	for how, setIt := range set {
		for setName, setPw := range encodings {
			n++
			username := "nguoi" + itoa(int64(n))
			t.Run(how+" "+setName, func(t *testing.T) {
				setIt(t, username, setPw)
				for typedName, typed := range encodings {
					if _, err := f.s.Login(ctx, store.DefaultThrottle, username, typed, "10.0.0.1"); err != nil {
						t.Errorf("set %s, typed %s: %v", setName, typedName, err)
					}
				}
				if _, err := f.s.Authenticate(ctx, username, "cây bàng trước sân phòng giáo dùc"); code(err) != tiendo.EUNAUTHORIZED {
					t.Errorf("another tone matched: %v", err)
				}
			})
		}
	}
}

// newUser adds an office user with a password that is not the sentence.
func newUser(t *testing.T, s *store.Store, username string) *tiendo.User {
	t.Helper()
	u := &tiendo.User{Username: username, Role: tiendo.RoleOffice}
	if err := s.CreateUser(ctx, store.Actor{}, u, "một mật khẩu khác hẳn"); err != nil {
		t.Fatal(err)
	}
	return u
}

// A hash made before passwords were normalised, from decomposed bytes,
// still opens the account with those bytes; that login replaces it, after
// which the password opens the account in any encoding. A wrong password
// or a locked account replaces nothing.
func TestLegacyPasswordHash(t *testing.T) {
	f := newFixture(t)
	for name, legacy := range map[string]string{"NFD": sentenceNFD, "Unikey tổ hợp": sentenceUnikey} {
		t.Run(name, func(t *testing.T) {
			u := newUser(t, f.s, "cu"+map[string]string{"NFD": "nfd", "Unikey tổ hợp": "unikey"}[name])
			if err := f.s.SetLegacyPasswordHash(ctx, u.ID, legacy); err != nil {
				t.Fatal(err)
			}
			old, _ := f.s.PasswordHash(ctx, u.ID)
			if _, err := f.s.Authenticate(ctx, u.Username, legacy+"x"); code(err) != tiendo.EUNAUTHORIZED {
				t.Errorf("wrong password: %v", err)
			}
			if h, _ := f.s.PasswordHash(ctx, u.ID); h != old {
				t.Error("a wrong password replaced the hash")
			}
			// Before the first login with the old bytes, another encoding
			// cannot match: the hash is of those bytes.
			if _, err := f.s.Authenticate(ctx, u.Username, sentenceNFC); code(err) != tiendo.EUNAUTHORIZED {
				t.Errorf("NFC against a legacy hash of %s: %v, want refused", name, err)
			}
			got, err := f.s.Authenticate(ctx, u.Username, legacy)
			if err != nil || got.ID != u.ID {
				t.Fatalf("the legacy password typed the same way: %v, %v; want in", got, err)
			}
			if h, _ := f.s.PasswordHash(ctx, u.ID); h == old {
				t.Error("the legacy hash was not replaced after a login")
			}
			for typedName, typed := range encodings {
				if _, err := f.s.Authenticate(ctx, u.Username, typed); err != nil {
					t.Errorf("after the login that replaced the hash, typed %s: %v", typedName, err)
				}
			}
		})
	}

	// A locked account's hash stays as it is: the login is refused.
	u := newUser(t, f.s, "khoa")
	if err := f.s.SetLegacyPasswordHash(ctx, u.ID, sentenceNFD); err != nil {
		t.Fatal(err)
	}
	old, _ := f.s.PasswordHash(ctx, u.ID)
	u.Disabled = true
	if err := f.s.UpdateUser(ctx, store.Actor{}, u); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Authenticate(ctx, u.Username, sentenceNFD); err != store.ErrAccountLocked {
		t.Errorf("locked account: %v, want ErrAccountLocked", err)
	}
	if h, _ := f.s.PasswordHash(ctx, u.ID); h != old {
		t.Error("a locked account's hash was replaced")
	}
}

// A password's length is counted in letters, as it is hashed: "cây bàng"
// typed decomposed is ten code points but eight letters, short of ten.
func TestPasswordLengthInLetters(t *testing.T) {
	f := newFixture(t)
	short := "ca\u0302y ba\u0300ng" // cây bàng
	if len([]rune(short)) < store.MinPasswordLength {
		t.Fatalf("the test's password has %d code points; want at least %d", len([]rune(short)), store.MinPasswordLength)
	}
	err := f.s.CreateUser(ctx, store.Actor{}, &tiendo.User{Username: "ngan", Role: tiendo.RoleOffice}, short)
	if code(err) != tiendo.EINVALID || fields(err)["password"] == "" {
		t.Errorf("eight letters typed decomposed: %v, want refused on the password field", err)
	}
	if err := store.CheckPassword("ngan", short); err == nil {
		t.Error("CheckPassword accepted eight letters typed decomposed")
	}
}

// fields returns the field messages of err.
func fields(err error) map[string]string {
	var e *tiendo.Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}
