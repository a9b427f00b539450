package directive

import (
	"slices"
	"strings"
	"testing"

	"tiendo"
)

// The rules of round thirty-three, each with the ordinary text it must
// leave alone. Every case that expects something new failed before the
// round.

// r33Leads lists a task's leads.
func r33Leads(t Task) []string { return r32Roles(t, tiendo.Lead) }

// TestChatThreadMessage: a notice pasted into a chat group and copied out
// with the thread is read from its own message only; the messages' heads,
// day separators and replies give nothing. A letter without message heads
// is read as before.
func TestChatThreadMessage(t *testing.T) {
	const notice = "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH\nSố: 88/TB-UBND\nHòa Bình, ngày 03 tháng 3 năm 2026\nTHÔNG BÁO\n" +
		"Phân công chuẩn bị ngày hội đại đoàn kết\n\nỦy ban nhân dân xã phân công như sau:\n" +
		"1/ Phòng Văn hóa - Xã hội chủ trì chuẩn bị chương trình.\n2/ Công an xã bảo đảm an ninh trật tự.\n" +
		"Các đơn vị báo cáo trước 16h00 ngày 06/3/2026.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Văn Tâm\n"
	thread := "Nhóm điều hành UBND xã Hòa Bình\n\n02/03/2026\n\nMai Lan - Văn phòng  09:12\n" +
		"Văn phòng gửi các phòng thông báo số 88 ngày 02/3/2026, đề nghị các đơn vị triển khai kịp thời và phản hồi trong nhóm khi nhận được văn bản này.\n\n" +
		"Mai Lan - Văn phòng  09:13\n" + notice + "\nHữu Phúc - Công an xã  09:40\nCA xã nhận ạ, 14:00 mai họp.\n"
	r := Parse(thread, nil)
	if r.Issuer != "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH" || r.Number != "88" || r.Symbol != "TB-UBND" || r.Date != "2026-03-03" || r.Place != "Hòa Bình" {
		t.Errorf("header: %q %q %q %q %q", r.Issuer, r.Number, r.Symbol, r.Date, r.Place)
	}
	if r.Subject != "Phân công chuẩn bị ngày hội đại đoàn kết" {
		t.Errorf("subject %q", r.Subject)
	}
	if len(r.Tasks) != 2 || r.Deadline == nil || r.Deadline.Date != "2026-03-06" {
		t.Errorf("tasks %d, deadline %+v", len(r.Tasks), r.Deadline)
	}
	// The letter itself, with no thread around it, is read the same.
	plain := Parse(notice, nil)
	if plain.Number != "88" || len(plain.Tasks) != 2 {
		t.Errorf("plain notice: number %q, %d tasks", plain.Number, len(plain.Tasks))
	}
	// One line ending in a time is no thread.
	if _, _, ok := chatSpan(splitLines("Họp giao ban lúc 14:00\nỦY BAN NHÂN DÂN XÃ A\nSố: 1/UBND\n")); ok {
		t.Error("one timed line read as a chat thread")
	}
}

// TestSignedNoteAfterName: "Name (đã ký)" on the signature's last line is
// the name; a name alone is read as before.
func TestSignedNoteAfterName(t *testing.T) {
	for _, tc := range []struct{ last, want string }{
		{"Phan Thị Hồng (đã ký)", "Phan Thị Hồng"},
		{"Phan Thị Hồng (Đã ký)", "Phan Thị Hồng"},
		{"Phan Thị Hồng", "Phan Thị Hồng"},
	} {
		r := Parse("UBND XÃ AN LẠC\nSố: 5/UBND\nAn Lạc, ngày 02 tháng 02 năm 2026\nV/v báo cáo\n\n"+
			"1. Phòng Kinh tế báo cáo kết quả.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n"+tc.last+"\n", nil)
		if r.Signer.Name != tc.want {
			t.Errorf("%q: name %q, want %q", tc.last, r.Signer.Name, tc.want)
		}
	}
}

// TestVPOffice: "VP" written short opens an office's name ("VP HĐND và
// UBND xã"), in capitals only.
func TestVPOffice(t *testing.T) {
	r := Parse("UBND XÃ AN LẠC\nSố: 5/TB-UBND\nAn Lạc, ngày 02 tháng 02 năm 2026\nTHÔNG BÁO\nKết luận giao ban\n\n"+
		"1. Phòng Kinh tế rà soát các hộ sản xuất.\n2. VP HĐND và UBND xã tổng hợp kết quả, báo cáo Chủ tịch.\n", nil)
	if len(r.Tasks) != 2 || !slices.Equal(r33Leads(r.Tasks[1]), []string{"VP HĐND và UBND xã"}) {
		t.Fatalf("tasks: %+v", r.Tasks)
	}
	if opensUnit("vp tổng hợp số liệu") {
		t.Error("lower-case vp read as an office")
	}
}

// TestRepeatedPlaceKind: a body written once over places that each repeat
// their kind ("Ban nhân dân ấp A, ấp B") is each place's body; a name with
// a comma inside and a single place stay whole.
func TestRepeatedPlaceKind(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"Ban nhân dân ấp Tân Lợi, ấp Bàu Sen", []string{"Ban nhân dân ấp Tân Lợi", "Ban nhân dân ấp Bàu Sen"}},
		{"Ủy ban nhân dân xã Tân Lập và xã Hòa Sơn", []string{"Ủy ban nhân dân xã Tân Lập", "Ủy ban nhân dân xã Hòa Sơn"}},
		{"thôn Đồng Tâm, thôn Làng Mới", []string{"thôn Đồng Tâm", "thôn Làng Mới"}},
		{"Ủy ban nhân dân xã Tân Lập", []string{"Ủy ban nhân dân xã Tân Lập"}},
		{"Phòng Kinh tế, Hạ tầng và Đô thị", []string{"Phòng Kinh tế, Hạ tầng và Đô thị"}},
		{"Ủy ban nhân dân xã Tân Lập, Phòng Nội vụ", []string{"Ủy ban nhân dân xã Tân Lập, Phòng Nội vụ"}},
	} {
		if got := expandPlaces(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("expandPlaces(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestShortenCompleteVerbs: "rút ngắn" and "hoàn tất" are what a unit does,
// so they end its name ("Sở Xây dựng rút ngắn …") and the qualifier of a
// group of places before them ("các xã có dự án hoàn tất …").
func TestShortenCompleteVerbs(t *testing.T) {
	r := Parse("UBND TỈNH BÌNH AN\nSố: 7/KH-UBND\nBình An, ngày 02 tháng 02 năm 2026\nKẾ HOẠCH\nGiải ngân vốn\n\n"+
		"1. Sở Xây dựng rút ngắn thời gian thẩm định dự án.\n"+
		"2. Sở Tài chính chủ trì, phối hợp với Ủy ban nhân dân các xã có dự án hoàn tất thủ tục quyết toán.\n", nil)
	if len(r.Tasks) != 2 {
		t.Fatalf("tasks: %+v", r.Tasks)
	}
	if got := r33Leads(r.Tasks[0]); !slices.Equal(got, []string{"Sở Xây dựng"}) {
		t.Errorf("lead %q", got)
	}
	if got := r32Roles(r.Tasks[1], tiendo.Support); !slices.Equal(got, []string{"Ủy ban nhân dân các xã có dự án"}) {
		t.Errorf("support %q", got)
	}
}

// TestHyphenBreakInVowels: a hyphen that cuts a syllable in its vowels
// ("ngư-" / "ời") is an OCR break when the halves carry one tone mark;
// two whole syllables around a dash stay.
func TestHyphenBreakInVowels(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"vận động ngư-\nời dân tham gia", "vận động người\ndân tham gia"},
		{"các tổ chức của phư-\nờng", "các tổ chức của phường\n"},
		{"phát triển kinh tế-\nxã hội", "phát triển kinh tế-\nxã hội"},
		{"văn hóa-\nổn định", "văn hóa-\nổn định"},
	} {
		if got := ocrText(tc.in); got != tc.want {
			t.Errorf("ocrText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestKinhGuiPlacesWrapped: a Kính gửi item listing places after a colon,
// wrapped at a comma onto a line without a bullet, goes on there; each
// place is an addressee. Items ending in commas, each with its bullet, are
// read as before.
func TestKinhGuiPlacesWrapped(t *testing.T) {
	names := func(r *Result) []string {
		var out []string
		for _, rc := range r.Recipients {
			out = append(out, rc.Name)
		}
		return out
	}
	r := Parse("UBND TỈNH BÌNH AN\nSố: 9/UBND-VP\nBình An, ngày 02 tháng 02 năm 2026\nV/v báo cáo\n\n"+
		"Kính gửi:\n- Sở Nội vụ;\n- Ủy ban nhân dân các xã: Tân Lập, Hòa Sơn,\nMỹ Lộc, Phú Thành;\n- Ủy ban nhân dân các phường: Đông Hà, Tây Sơn.\n\n"+
		"Ủy ban nhân dân tỉnh đề nghị các đơn vị báo cáo kết quả.\n", nil)
	want := []string{"Sở Nội vụ", "Ủy ban nhân dân xã Tân Lập", "Ủy ban nhân dân xã Hòa Sơn", "Ủy ban nhân dân xã Mỹ Lộc",
		"Ủy ban nhân dân xã Phú Thành", "Ủy ban nhân dân phường Đông Hà", "Ủy ban nhân dân phường Tây Sơn"}
	if got := names(r); !slices.Equal(got, want) {
		t.Errorf("recipients %q", got)
	}
	r = Parse("HUYỆN ỦY AN LẠC\nSố 12-CV/HU\nAn Lạc, ngày 02 tháng 02 năm 2026\n\n"+
		"Kính gửi:\n- Các chi bộ trực thuộc,\n- Ban Tuyên giáo Huyện ủy,\n- Văn phòng Huyện ủy.\n\nBan Thường vụ đề nghị các đơn vị báo cáo.\n", nil)
	if got := names(r); len(got) != 3 || strings.Contains(strings.Join(got, "|"), ",") {
		t.Errorf("comma-ended items: %q", got)
	}
}
