package directive

import (
	"bytes"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"tiendo"
)

// MaxInput bounds a directive read from a file or an upload: a directive is
// a few pages; ten megabytes is far beyond any and keeps a wrong file from
// filling memory.
const MaxInput = 10 << 20

// Text turns a file's bytes into the text Parse reads: a .docx (by name or
// by its zip signature) through ReadDOCX, anything else as UTF-8 text. It
// refuses what it cannot read with a Vietnamese message that says what to
// do: binary data, old .doc and PDF files, legacy encodings, empty input.
func Text(name string, data []byte) (string, error) {
	if len(data) > MaxInput {
		return "", tiendo.Errorf(tiendo.ETOOLARGE, "Tệp quá lớn: giới hạn %d MB cho một văn bản. Hãy kiểm tra lại tệp, hoặc chỉ lấy phần nội dung văn bản.", MaxInput>>20)
	}
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".docx" || bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return ReadDOCX(bytes.NewReader(data), int64(len(data)))
	}
	if ext == ".doc" || bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0")) {
		return "", tiendo.Errorf(tiendo.EINVALID, "Tệp Word .doc (định dạng cũ) chưa đọc được. Hãy mở bằng Word và lưu lại dạng .docx, hoặc dán nội dung văn bản.")
	}
	if bytes.HasPrefix(data, []byte("%PDF")) {
		return "", tiendo.Errorf(tiendo.EINVALID, "Tệp PDF chưa đọc được. Hãy sao chép nội dung văn bản ra tệp .txt, hoặc dùng tệp .docx.")
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(data, 0) >= 0 {
		return "", tiendo.Errorf(tiendo.EINVALID, "Tệp %q là tệp nhị phân, không phải văn bản. Hãy dùng tệp .docx hoặc tệp văn bản UTF-8.", name)
	}
	if !utf8.Valid(data) {
		return "", tiendo.Errorf(tiendo.EINVALID, "Nội dung không phải văn bản UTF-8 (có thể là bảng mã TCVN3/VNI). Hãy chuyển sang Unicode UTF-8 rồi thử lại, hoặc dùng tệp .docx.")
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return "", tiendo.Errorf(tiendo.EINVALID, "Văn bản trống. Hãy dán nội dung công văn hoặc chọn tệp .docx/.txt.")
	}
	return string(data), nil
}
