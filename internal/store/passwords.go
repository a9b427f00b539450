package store

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"tiendo"
	"tiendo/internal/vi"
)

// commonPasswordsText is the list of passwords an attacker tries first: the
// well-known top lists and the Vietnamese favourites ("matkhau",
// "anhyeuem", "abc@123"). Refusing them is what NIST SP 800-63B asks
// instead of composition rules.
//
//go:embed common_passwords.txt
var commonPasswordsText string

var commonPasswords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(commonPasswordsText, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			m[passwordKey(line)] = true
		}
	}
	return m
})

// passwordKey is the form passwords are compared in: folded (lower case, no
// diacritics, đ as d) and without spaces, so "Mật Khẩu" and "matkhau" are
// the same guess, as they are to an attacker's list.
func passwordKey(pw string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, vi.Fold(pw))
}

// guessable reports whether key (a passwordKey) is a common password, or one
// with only digits and symbols put before or after it ("matkhau@2024",
// "123anhyeuem"), or the username so dressed up, or one character repeated.
func guessable(key, username string) (common, isUsername bool) {
	if key == "" {
		return true, false
	}
	if r, _ := utf8.DecodeRuneInString(key); strings.Trim(key, string(r)) == "" {
		return true, false
	}
	core := strings.TrimFunc(key, func(r rune) bool { return !unicode.IsLetter(r) })
	if username = passwordKey(username); username != "" && (key == username || core == username) {
		return false, true
	}
	list := commonPasswords()
	return list[key] || (core != "" && list[core]), false
}

// checkPassword applies the password policy: at least MinPasswordLength
// characters, not one of the commonest passwords, not the username. Length
// matters more than composition, so nothing else is demanded. Characters
// are counted in NFC, as the password is hashed: "dấu" typed decomposed is
// three letters, not six code points.
func checkPassword(username, pw string) error {
	if utf8.RuneCountInString(vi.NFC(pw)) < MinPasswordLength {
		return &tiendo.Error{Code: tiendo.EINVALID, Message: "Mật khẩu quá ngắn.",
			Fields: map[string]string{"password": fmt.Sprintf("Mật khẩu cần ít nhất %d ký tự; một câu dễ nhớ là lựa chọn tốt.", MinPasswordLength)}}
	}
	switch common, isUsername := guessable(passwordKey(pw), username); {
	case isUsername:
		return &tiendo.Error{Code: tiendo.EINVALID, Message: "Mật khẩu không được giống tên đăng nhập.",
			Fields: map[string]string{"password": "Mật khẩu trùng với tên đăng nhập (kể cả khi thêm số hay ký hiệu) thì ai cũng đoán được; hãy chọn một câu dễ nhớ của riêng bạn."}}
	case common:
		return &tiendo.Error{Code: tiendo.EINVALID, Message: "Mật khẩu này quá phổ biến.",
			Fields: map[string]string{"password": "Mật khẩu này nằm trong danh sách mật khẩu hay dùng nhất (như “matkhau123”, “anhyeuem”, “abc@123”) nên rất dễ bị đoán; hãy chọn một câu dễ nhớ của riêng bạn, ví dụ “cây bàng trước sân đã ra lá”."}}
	}
	return nil
}

// CheckPassword says whether pw is acceptable as username's password, with
// the messages the forms show; callers that create several accounts at once
// ask before writing anything.
func CheckPassword(username, pw string) error { return checkPassword(username, pw) }
