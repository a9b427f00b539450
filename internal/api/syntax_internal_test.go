package api

import (
	"net/http/httptest"
	"strings"
	"testing"

	"tiendo"
)

// A body that is not JSON is told in Vietnamese: where it breaks, the
// character, and for the usual slips what is wrong; never the decoder's
// English.
func TestSyntaxErrorsInVietnamese(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ body, says string }{
		{`{"version":NaN}`, "ở byte 11 (trong /version): ký tự 'N' không mở đầu được một giá trị JSON"},
		{`{"version":1,}`, "ký tự ',' đứng ở chỗ cần một giá trị: có thể thừa dấu phẩy"},
		{`{'version':1}`, "không dùng dấu nháy đơn"},
		{`{"version" 1}`, "cần dấu hai chấm"},
		{`{"version":1 "comment":"x"}`, "có thể thiếu dấu phẩy giữa hai trường"},
		{`{"version":[1 2]}`, "cần dấu phẩy ',' hoặc dấu đóng ']'"},
		{`{"version":tru}`, "JSON chỉ có true, false và null"},
		{`{"version":1.}`, "làm sai một số"},
		{"{\"comment\":\"a\nb\"}", `phải viết là \n, \t`},
		{`{"comment":"\q"}`, "dấu gạch ngược"},
		{`{1:2}`, "tên trường phải là một chuỗi"},
		{`{"version":1]`, "cần dấu phẩy ',' hoặc dấu đóng '}'"},
	} {
		r := httptest.NewRequest("POST", "/api/v1/x", strings.NewReader(tc.body))
		err := decode(httptest.NewRecorder(), r, new(reportActBody))
		msg := tiendo.ErrorMessage(err)
		if tiendo.ErrorCode(err) != errBadRequest || !strings.HasPrefix(msg, "JSON không hợp lệ: lỗi cú pháp ở byte ") || !strings.Contains(msg, tc.says) {
			t.Errorf("decode(%q) = %q, want a bad request saying %q", tc.body, msg, tc.says)
		}
		for _, english := range []string{"invalid", "character", "expecting", "after", "value"} {
			if strings.Contains(msg, english) {
				t.Errorf("decode(%q) = %q, which says %q", tc.body, msg, english)
			}
		}
	}
}
