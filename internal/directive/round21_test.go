package directive

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The rules of round twenty-one, each with the ordinary text it must
// leave alone. Every case that expects something new failed before the
// round.

// r21Letter is a ministry's công văn whose Kính gửi list is put in place
// of "%s", with the body right under it.
const r21Letter = "BỘ XÂY DỰNG\n\nSố: 2105/BXD-QLN\nV/v phát triển nhà ở xã hội\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nHà Nội, ngày 10 tháng 11 năm 2025\n\n%s" +
	"Thực hiện Công điện số 77/CĐ-TTg ngày 21/10/2025 của Thủ tướng Chính phủ, Bộ Xây dựng đề nghị:\n" +
	"1. Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương khởi công mới ít nhất 02 dự án nhà ở xã hội.\n" +
	"2. Sở Xây dựng các tỉnh, thành phố trực thuộc Trung ương cập nhật đầy đủ thông tin của 100%% dự án.\n\n" +
	"Các địa phương gửi báo cáo kết quả quý IV năm 2025 về Bộ Xây dựng trước ngày 20/12/2025./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\n\nLê Văn Hùng\n"

// TestRecipientWrappedAtCapital: pdftotext breaks a long Kính gửi item
// before a capital ("- Ủy ban nhân dân các tỉnh, thành phố trực thuộc" /
// "Trung ương;"). The line above has no mark to end an item and the rest
// ends with one, with the list going on under it or ending: the two lines
// are one recipient, and the list, the body and its basis are read on
// from there. A list written without marks, with the body's first
// sentence right under it, and an item that ends with its mark, are read
// as before.
func TestRecipientWrappedAtCapital(t *testing.T) {
	for _, c := range []struct {
		name, list string
		want       []string
		basis      int
	}{
		{"first item wrapped", "Kính gửi:\n- Ủy ban nhân dân các tỉnh, thành phố trực thuộc\nTrung ương;\n- Sở Xây dựng các tỉnh, thành phố trực thuộc Trung ương;\n- Ngân hàng Nhà nước Việt Nam.\n\n",
			[]string{"Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương", "Sở Xây dựng các tỉnh, thành phố trực thuộc Trung ương", "Ngân hàng Nhà nước Việt Nam"}, 1},
		{"last item wrapped", "Kính gửi:\n- Sở Xây dựng các tỉnh, thành phố trực thuộc Trung ương;\n- Ủy ban nhân dân các tỉnh, thành phố trực thuộc\nTrung ương.\n\n",
			[]string{"Sở Xây dựng các tỉnh, thành phố trực thuộc Trung ương", "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"}, 1},
		// Left alone.
		{"no marks, the body under the list", "Kính gửi:\n- Sở Xây dựng các tỉnh\n- Ngân hàng Nhà nước Việt Nam\nQua theo dõi, tiến độ còn chậm.\nBộ Xây dựng nêu một số kết quả như sau.\n\n",
			[]string{"Sở Xây dựng các tỉnh", "Ngân hàng Nhà nước Việt Nam"}, 1},
		{"an item with its mark", "Kính gửi:\n- Sở Xây dựng các tỉnh, thành phố trực thuộc Trung ương;\n- Ngân hàng Nhà nước Việt Nam.\n\n",
			[]string{"Sở Xây dựng các tỉnh, thành phố trực thuộc Trung ương", "Ngân hàng Nhà nước Việt Nam"}, 1},
	} {
		r := Parse(fmt.Sprintf(r21Letter, c.list), nil)
		var got []string
		for _, rc := range r.Recipients {
			got = append(got, rc.Name)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: recipients %q, want %q", c.name, got, c.want)
		}
		if len(r.Basis) != c.basis {
			t.Errorf("%s: %d basis documents, want %d", c.name, len(r.Basis), c.basis)
		}
	}
}

// TestNumberedProjectName: a number right after "Dự án" or "Đề án" names
// the project ("triển khai Dự án 8 thuộc Chương trình mục tiêu quốc gia
// …", "Đề án 2 thuộc …"): it is no figure to reach. A count before the noun
// ("ít nhất 02 dự án") and a share of a project ("Dự án … 100% khối
// lượng") are targets, as before.
func TestNumberedProjectName(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Hội LHPN các huyện triển khai Dự án 8 thuộc Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số; mỗi huyện duy trì ít nhất 01 mô hình \"Địa chỉ tin cậy ở cộng đồng\".",
			[]string{">= 1 mô hình"}},
		{"Phòng Văn hóa triển khai Đề án 2 thuộc Chương trình; tổ chức ít nhất 03 lớp tập huấn.",
			[]string{">= 3 lớp"}},
		{"Ban Dân tộc thực hiện Dự án 5 hỗ trợ đào tạo nghề.",
			nil},
		{"Phòng Dân tộc thực hiện Tiểu dự án 2 thuộc Dự án 3 của Chương trình.",
			nil},
		// Left alone.
		{"Khởi công mới ít nhất 02 dự án nhà ở xã hội trong quý IV.",
			[]string{">= 2 dự án"}},
		{"Ban Quản lý dự án hoàn thành Dự án 100% khối lượng trước ngày 30/11.",
			[]string{"= 100 %"}},
		{"Xây dựng 05 đề án phát triển du lịch.",
			[]string{"= 5 đề án"}},
	} {
		var got []string
		for _, x := range targets(c.text) {
			got = append(got, fmt.Sprintf("%s %g %s", x.Comparator, x.Value, x.Unit))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q:\n%q\nwant\n%q", c.text, got, c.want)
		}
	}
}

// TestFigureAfterCho: "khám sức khỏe trước khi kết hôn cho ít nhất 650
// người": the comparator right after "cho" sets whom the work serves, a
// goal; the "khi" clause before it says when the work is done. A figure
// inside a "khi" or "nếu" clause ("khi hộ gia đình có trên 50% diện tích
// bị thiệt hại", "khi cho vay trên 100 triệu đồng") is a condition, as
// before.
func TestFigureAfterCho(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Tổ chức tư vấn, khám sức khỏe trước khi kết hôn cho ít nhất 650 người.", []string{">= 650 người"}},
		{"Tập huấn kỹ năng nghề sau khi ra trường cho tối thiểu 120 thanh niên.", []string{">= 120 thanh niên"}},
		// Left alone.
		{"Hỗ trợ khôi phục sản xuất khi hộ gia đình có trên 50% diện tích bị thiệt hại.", nil},
		{"Thẩm định hồ sơ khi cho vay trên 100 triệu đồng.", nil},
		{"Tạm dừng giải ngân nếu tiến độ dưới 30%.", nil},
	} {
		var got []string
		for _, x := range targets(c.text) {
			got = append(got, fmt.Sprintf("%s %g %s", x.Comparator, x.Value, x.Unit))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q:\n%q\nwant\n%q", c.text, got, c.want)
		}
	}
}

// r21Programme is a Hội LHPN tỉnh's Chương trình công tác for 2025 whose
// closing paragraphs are put in place of "%s", under a symbol "%s".
const r21Programme = "HỘI LHPN VIỆT NAM\nBCH HỘI LHPN TỈNH CAO BẰNG\n***\nSố: 05/%s\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nCao Bằng, ngày 10 tháng 01 năm 2025\n\nCHƯƠNG TRÌNH\nCông tác Hội và phong trào phụ nữ năm 2025\n\n" +
	"I. NHIỆM VỤ TRỌNG TÂM\n1. Ban Tuyên giáo tổ chức ít nhất 02 đợt truyền thông về bình đẳng giới.\n2. Ban Tổ chức - Kiểm tra tổ chức ít nhất 04 cuộc kiểm tra tại cơ sở.\n" +
	"II. TỔ CHỨC THỰC HIỆN\n%s\n\nNơi nhận:\n- Lưu: VT.\n\nTM. BAN THƯỜNG VỤ\nCHỦ TỊCH\n\nNông Thị Hà\n"

// TestPlanSubmissionNotReport: a date by which the units send the plans
// they draw up themselves ("xây dựng chương trình công tác năm 2025 của
// cấp mình, gửi về Hội LHPN tỉnh trước ngày 25/01/2025") is a step before
// the work, not the report the round collects: a report date given
// elsewhere ("báo cáo năm (trước ngày 10/11/2025)") is the deadline. And a
// Chương trình for a year asks its interim and yearly reports as a Kế
// hoạch does: the year's report is the round's. The plan's date is kept
// when no report has a date, or when the same sentence asks a report too;
// a công văn keeps the first of its reports' dates.
func TestPlanSubmissionNotReport(t *testing.T) {
	plans := "Hội LHPN các huyện, thành phố xây dựng chương trình công tác năm 2025 của cấp mình, gửi về Hội LHPN tỉnh (qua Văn phòng) trước ngày 25/01/2025."
	reports := "Chế độ báo cáo: Hội LHPN các huyện, thành phố thực hiện báo cáo định kỳ hằng tháng (trước ngày 18), báo cáo 6 tháng (trước ngày 10/6/2025) và báo cáo năm (trước ngày 10/11/2025) về Ban Thường vụ Hội LHPN tỉnh (qua Văn phòng)."
	for _, c := range []struct {
		name, symbol, closing, want string
	}{
		{"plans, then the reports", "CTr-HPN", plans + "\n" + reports, "2025-11-10"},
		{"the reports of a programme", "CTr-HPN", reports, "2025-11-10"},
		// Left alone.
		{"plans only", "CTr-HPN", plans, "2025-01-25"},
		{"plans and a report in one sentence", "CTr-HPN", "Hội LHPN các huyện, thành phố xây dựng kế hoạch và báo cáo kết quả thực hiện năm 2025, gửi về Hội LHPN tỉnh trước ngày 25/11/2025.", "2025-11-25"},
		{"the reports of a công văn", "HPN-VP", reports, "2025-06-10"},
	} {
		r := Parse(fmt.Sprintf(r21Programme, c.symbol, c.closing), nil)
		got := ""
		if r.Deadline != nil {
			got = r.Deadline.Date
		}
		if got != c.want {
			t.Errorf("%s: deadline %q, want %q", c.name, got, c.want)
		}
		if c.name == "plans, then the reports" && (r.Period == nil || r.Period.Year != 2025 || !strings.EqualFold(string(r.Period.Kind), "year")) {
			t.Errorf("%s: period %+v, want the year 2025", c.name, r.Period)
		}
	}
}
