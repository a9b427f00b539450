package store

import (
	"strings"
	"testing"

	"tiendo"
)

func TestCheckPassword(t *testing.T) {
	for _, tt := range []struct {
		username, pw string
		want         string // "" accepted, else the start of the message
	}{
		{"pnv", "ngắn", "Mật khẩu quá ngắn"},
		{"pnv", "mật khẩu dài đủ", ""},
		{"pnv", "một câu dễ nhớ của riêng tôi", ""},
		{"pnv", "cây bàng trước sân đã ra lá", ""},
		{"pnv", "1234567890", "Mật khẩu này quá phổ biến"},
		{"pnv", "qwertyuiop", "Mật khẩu này quá phổ biến"},
		{"pnv", "Password123", "Mật khẩu này quá phổ biến"},
		{"pnv", "iloveyou123", "Mật khẩu này quá phổ biến"},
		{"pnv", "ANHYEUEM123", "Mật khẩu này quá phổ biến"},
		{"pnv", "anh yêu em 123", "Mật khẩu này quá phổ biến"}, // spaces and diacritics do not hide it
		{"pnv", "Mật Khẩu 2024", "Mật khẩu này quá phổ biến"},
		{"pnv", "matkhau@2024", "Mật khẩu này quá phổ biến"},
		{"pnv", "Abc@123456", "Mật khẩu này quá phổ biến"},
		{"pnv", "P@ssw0rd123!", "Mật khẩu này quá phổ biến"},
		{"pnv", "tiendo@2026", "Mật khẩu này quá phổ biến"},
		{"pnv", "Ubnd@123456", "Mật khẩu này quá phổ biến"},
		{"pnv", "!!vietnam!!", "Mật khẩu này quá phổ biến"},
		{"pnv", "aaaaaaaaaaaa", "Mật khẩu này quá phổ biến"},
		{"pnv", "            ", "Mật khẩu này quá phổ biến"},
		{"vanphong.huyen", "VanPhong.Huyen", "Mật khẩu không được giống tên đăng nhập"},
		{"vanphong.huyen", "vanphong.huyen2026", "Mật khẩu không được giống tên đăng nhập"},
		{"nguyenthanhhai", "NguyenThanhHai", "Mật khẩu không được giống tên đăng nhập"},
		{"nguyenthanhhai", "nguyễn thanh hải 1990", "Mật khẩu không được giống tên đăng nhập"},
		{"nguyenthanhhai", "nguyễn thanh hải thích đi câu", ""},
		{"pnv", "matkhau là gì nhỉ", ""}, // a common word inside a longer phrase is fine
	} {
		err := checkPassword(tt.username, tt.pw)
		if tt.want == "" {
			if err != nil {
				t.Errorf("checkPassword(%q, %q) = %v, want accepted", tt.username, tt.pw, err)
			}
			continue
		}
		if tiendo.ErrorCode(err) != tiendo.EINVALID || !strings.HasPrefix(tiendo.ErrorMessage(err), tt.want) {
			t.Errorf("checkPassword(%q, %q) = %v, want %q", tt.username, tt.pw, err, tt.want)
			continue
		}
		var e *tiendo.Error
		if !errorAs(err, &e) || e.Fields["password"] == "" {
			t.Errorf("checkPassword(%q, %q): no message on the password field", tt.username, tt.pw)
		}
	}
}

func errorAs(err error, e **tiendo.Error) bool {
	x, ok := err.(*tiendo.Error)
	*e = x
	return ok
}

// TestCommonPasswordList checks the embedded list: about a thousand
// entries, the famous ones and the Vietnamese ones present, each in the
// folded form it is compared in.
func TestCommonPasswordList(t *testing.T) {
	list := commonPasswords()
	if n := len(list); n < 1000 {
		t.Errorf("the list has %d passwords, want at least 1000", n)
	}
	for _, pw := range []string{"123456", "password", "qwerty", "iloveyou", "matkhau", "anhyeuem", "abc@123", "tiendo", "ubnd@2024", "emyeuanh"} {
		if !list[pw] {
			t.Errorf("%q is not in the list", pw)
		}
	}
	for _, line := range strings.Split(commonPasswordsText, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if k := passwordKey(line); k != line {
			t.Errorf("list entry %q is not in folded form %q", line, k)
		}
	}
}
