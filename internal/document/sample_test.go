package document

import (
	"fmt"
	"strings"
	"time"

	"tiendo"
)

func f(v float64) *float64 { return &v }

// seedTask is one task of the seed directive (Công văn of UBND huyện Hữu
// Lũng, June 2022) with an invented but plausible account of its progress.
type seedTask struct {
	label, heading string
	narrative      []Block
	targets        []Indicator
}

// seedTasks are the thirteen tasks of the seed ("nhiệm vụ 12" is used twice
// there; the report numbers them in order).
func seedTasks() []seedTask {
	unit := func(name, text string) Block {
		return Rich(Span{Text: name + ": ", Italic: true}, Span{Text: text})
	}
	return []seedTask{
		{"Nhiệm vụ 1", "Xây dựng nông thôn mới", []Block{
			unit("Phòng Nông nghiệp và PTNT", "Đã tham mưu UBND huyện ban hành Kế hoạch xây dựng xã Vân Nham, xã Hồ Sơn đạt chuẩn nông thôn mới và xã Sơn Hà đạt chuẩn nông thôn mới nâng cao năm 2022. Đến ngày 14/6/2022, xã Vân Nham đạt 17/19 tiêu chí, xã Hồ Sơn đạt 16/19 tiêu chí; bình quân toàn huyện đạt 14,8 tiêu chí/xã; đã xây dựng được 01 khu dân cư kiểu mẫu tại thôn Đoàn Kết, xã Minh Sơn."),
		}, []Indicator{
			{Target: "Số xã đạt chuẩn nông thôn mới", Unit: "xã", Plan: f(2), Actual: f(0), SamePeriod: f(1), Verdict: "Chưa đạt"},
			{Target: "Bình quân số tiêu chí đạt/xã", Unit: "tiêu chí", Plan: f(15.2), Actual: f(14.8), SamePeriod: f(14.1), Verdict: "Chưa đạt"},
			{Target: "Khu dân cư kiểu mẫu xây dựng mới", Unit: "khu", Plan: f(2), Actual: f(1), SamePeriod: f(1), Verdict: "Chưa đạt"},
		}},
		{"Nhiệm vụ 2", "Phát triển sản xuất nông nghiệp, OCOP và lâm nghiệp bền vững", []Block{
			unit("Phòng Nông nghiệp và PTNT", "Diện tích sản xuất theo tiêu chuẩn VietGAP, GlobalGAP đạt 21,5 ha, chủ yếu trên cây na, cây bưởi; 02 sản phẩm đã được chấm điểm OCOP cấp tỉnh đạt 3 sao; mô hình lúa Nhật JAPONICA J02 đã gieo cấy 12 ha tại xã Đồng Tân. Trồng rừng tập trung 1.245 ha, đạt 83% kế hoạch năm."),
		}, []Indicator{
			{Target: "Diện tích sản xuất theo tiêu chuẩn VietGAP, GlobalGAP", Unit: "ha", Plan: f(20), Actual: f(21.5), SamePeriod: f(15), Verdict: "Vượt"},
			{Target: "Sản phẩm OCOP được tiêu chuẩn hóa, gắn sao", Unit: "sản phẩm", Plan: f(2), Actual: f(2), SamePeriod: f(1), Verdict: "Đạt"},
		}},
		{"Nhiệm vụ 3", "Thu hút dự án hưởng ưu đãi đầu tư", []Block{
			unit("Phòng Nông nghiệp và PTNT", "Đã hướng dẫn 03 doanh nghiệp lập hồ sơ đề nghị hưởng ưu đãi theo Nghị quyết số 08/2019/NQ-HĐND; 01 dự án chăn nuôi lợn công nghệ cao tại xã Yên Bình đã được chấp thuận."),
		}, []Indicator{
			{Target: "Dự án được hưởng ưu đãi đầu tư", Unit: "dự án", Plan: f(2), Actual: f(1), Verdict: "Chưa đạt"},
		}},
		{"Nhiệm vụ 4", "Bồi thường, giải phóng mặt bằng", []Block{
			unit("Trung tâm Phát triển quỹ đất", "Dự án Khu đô thị mới Hữu Lũng tại xã Sơn Hà đã giải phóng mặt bằng được 65% diện tích; dự án khu tái định cư xã Hồ Sơn, xã Hòa Thắng đạt 62%; dự án Nút giao đường cao tốc vào Khu công nghiệp Hữu Lũng đã bàn giao toàn bộ mặt bằng cho chủ đầu tư ngày 30/5/2022."),
			unit("Công an huyện", "Phối hợp bảo đảm an ninh trật tự tại 06 buổi cưỡng chế thu hồi đất, không để xảy ra điểm nóng."),
		}, []Indicator{
			{Target: "Tỷ lệ GPMB dự án Khu đô thị mới Hữu Lũng", Unit: "%", Plan: f(70), Actual: f(65), SamePeriod: f(40), Verdict: "Chưa đạt"},
			{Target: "Tỷ lệ GPMB khu tái định cư xã Hồ Sơn, Hòa Thắng", Unit: "%", Plan: f(60), Actual: f(62), Verdict: "Vượt"},
		}},
		{"Nhiệm vụ 5", "Phương án sử dụng đất Công ty Lâm nghiệp Đông Bắc bàn giao", []Block{
			unit("Phòng Tài nguyên và Môi trường", "Đã hoàn thành đo đạc 2.130 ha trên tổng số 2.856 ha đất Công ty TNHH MTV Lâm nghiệp Đông Bắc bàn giao; giải quyết dứt điểm 14/19 vụ tranh chấp, lấn chiếm đất đai."),
		}, nil},
		{"Nhiệm vụ 6", "Thu ngân sách nội địa", []Block{
			unit("Chi cục Thuế khu vực I", "Thu nội địa 6 tháng đầu năm ước đạt 186,4 tỷ đồng, bằng 61,2% dự toán tỉnh giao, tăng 12,5% so với cùng kỳ; số thu tiền sử dụng đất đạt 92,1 tỷ đồng."),
		}, []Indicator{
			{Target: "Thu nội địa tăng so với dự toán tỉnh giao", Unit: "%", Plan: f(10), Actual: f(12.5), SamePeriod: f(8.3), Verdict: "Vượt"},
		}},
		{"Nhiệm vụ 7", "Giảm nghèo, giáo dục và y tế", []Block{
			unit("Phòng Lao động - Thương binh và Xã hội", "Tỷ lệ hộ nghèo ước giảm 1,6% (kế hoạch cả năm giảm 3%); đã hỗ trợ xây dựng 48 nhà ở cho hộ nghèo."),
			unit("Phòng Giáo dục và Đào tạo", "Trường Tiểu học Hồ Sơn đã được công nhận đạt chuẩn quốc gia; Trường THCS Minh Tiến đang hoàn thiện hồ sơ. Tỷ lệ huy động trẻ nhà trẻ ra lớp đạt 40,3%."),
			unit("Trung tâm Y tế huyện", "Trạm Y tế xã Hữu Liên đạt Bộ tiêu chí quốc gia về y tế xã; trạm y tế xã Đồng Tiến đang được sửa chữa."),
		}, []Indicator{
			{Target: "Giảm tỷ lệ hộ nghèo", Unit: "%", Plan: f(3), Actual: f(1.6), SamePeriod: f(1.9), Verdict: "Chưa đạt"},
			{Target: "Trường học đạt chuẩn quốc gia", Unit: "trường", Plan: f(2), Actual: f(1), SamePeriod: f(1), Verdict: "Chưa đạt"},
			{Target: "Tỷ lệ huy động trẻ nhà trẻ ra lớp", Unit: "%", Plan: f(42), Actual: f(40.3), SamePeriod: f(39.5), Verdict: "Chưa đạt"},
			{Target: "Trạm y tế xã đạt chuẩn quốc gia", Unit: "trạm", Plan: f(2), Actual: f(1), Verdict: "Chưa đạt"},
		}},
		{"Nhiệm vụ 8", "Phát triển du lịch cộng đồng", []Block{
			unit("Phòng Văn hóa và Thông tin", "Đã hoàn thành bãi đỗ xe và nhà vệ sinh công cộng tại điểm du lịch cộng đồng xã Hữu Liên; hình thành 02 sản phẩm du lịch (tắm thuốc của người Dao, homestay) phục vụ khách."),
		}, []Indicator{
			{Target: "Sản phẩm du lịch mới hình thành", Unit: "sản phẩm", Plan: f(2), Actual: f(2), Verdict: "Đạt"},
		}},
		{"Nhiệm vụ 9", "Phòng, chống dịch COVID-19", []Block{
			unit("Trung tâm Y tế huyện", "Tỷ lệ tiêm vắc xin phòng COVID-19 mũi 3 cho người từ 18 tuổi trở lên đạt 96,8%; không để dịch bùng phát trên diện rộng."),
		}, nil},
		{"Nhiệm vụ 10", "Quốc phòng địa phương và tuyển quân", []Block{
			unit("Ban Chỉ huy Quân sự huyện", "Đã tổ chức diễn tập chiến đấu phòng thủ 04 xã bảo đảm an toàn tuyệt đối; giao 185/185 công dân nhập ngũ năm 2022, đạt 100% chỉ tiêu."),
		}, []Indicator{
			{Target: "Giao quân đạt chỉ tiêu được giao", Unit: "%", Plan: f(100), Actual: f(100), SamePeriod: f(100), Verdict: "Đạt"},
		}},
		{"Nhiệm vụ 11", "Bảo đảm an ninh trật tự", []Block{
			unit("Công an huyện", "Số vụ phạm pháp hình sự giảm 7,1% so với cùng kỳ; tỷ lệ khám phá án đạt 87,5%; giải quyết tố giác, tin báo tội phạm đạt 92%; tai nạn giao thông giảm cả 3 tiêu chí."),
		}, []Indicator{
			{Target: "Giảm số vụ phạm pháp hình sự", Unit: "%", Plan: f(5), Actual: f(7.1), Verdict: "Vượt"},
			{Target: "Tỷ lệ khám phá án", Unit: "%", Plan: f(85), Actual: f(87.5), SamePeriod: f(84.2), Verdict: "Vượt"},
			{Target: "Tỷ lệ giải quyết tố giác, tin báo tội phạm", Unit: "%", Plan: f(90), Actual: f(92), SamePeriod: f(90.6), Verdict: "Vượt"},
		}},
		{"Nhiệm vụ 12", "Cải cách hành chính (PAPI, SIPAS, PAR INDEX)", []Block{
			unit("Phòng Nội vụ", "Đã ban hành kế hoạch nâng cao các chỉ số PAPI, SIPAS, PAR INDEX năm 2022; kiểm tra công vụ tại 08 cơ quan, đơn vị."),
		}, nil},
		{"Nhiệm vụ 12 (Phòng Tài chính - Kế hoạch)", "Nâng hạng chỉ số DDCI", []Block{
			unit("Phòng Tài chính - Kế hoạch", "Chưa gửi báo cáo."),
		}, []Indicator{
			{Target: "Xếp hạng DDCI trong nhóm dẫn đầu", Unit: "hạng", Plan: f(3), Verdict: "Chưa có số liệu"},
		}},
	}
}

// seedReport is the consolidated report of the seed round, issued (number
// 01, 05/6/2022) or, with issued false, the draft.
func seedReport(issued bool) *Document {
	d := &Document{
		Kind:         Report,
		Issuer:       "Ủy ban nhân dân huyện Hữu Lũng",
		Symbol:       "BC-UBND",
		Place:        "Hữu Lũng",
		Subject:      "Tiến độ thực hiện các nhiệm vụ trọng tâm của Ban Thường vụ Huyện ủy 06 tháng đầu năm 2022",
		Signer:       Signer{Authority: []string{"TM. Ủy ban nhân dân"}, Title: "Chủ tịch", Name: "Nguyễn Văn An"},
		Distribution: []string{"TT Huyện ủy (b/c)", "TT HĐND huyện", "CT, các PCT UBND huyện", "C, PCVP HĐND&UBND huyện", "Lưu: VT, VP"},
	}
	if issued {
		d.Number = "1"
		d.Date = time.Date(2022, 6, 5, 0, 0, 0, 0, tiendo.Zone)
	}
	d.Body = append(d.Body,
		P("Thực hiện Công văn số 635-CV/HU ngày 02/6/2022 của Ban Thường vụ Huyện ủy về việc báo cáo tiến độ thực hiện các nhiệm vụ trọng tâm của Ban Thường vụ Huyện ủy 06 tháng đầu năm 2022; trên cơ sở báo cáo của 11 cơ quan, đơn vị, Ủy ban nhân dân huyện báo cáo như sau:"),
		H1("I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ TRỌNG TÂM"),
	)
	var rows []Indicator
	for i, t := range seedTasks() {
		d.Body = append(d.Body, H2(fmt.Sprintf("%d. %s: %s", i+1, t.label, t.heading)))
		d.Body = append(d.Body, t.narrative...)
		for _, ind := range t.targets {
			ind.Task = t.label
			rows = append(rows, ind)
		}
	}
	d.Body = append(d.Body,
		H1("II. BẢNG TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"),
		TableOf(IndicatorTable("Kết quả thực hiện các chỉ tiêu 06 tháng đầu năm 2022", rows)),
		H1("III. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ"),
		P("Công tác bồi thường, giải phóng mặt bằng dự án Khu đô thị mới Hữu Lũng còn chậm do một số hộ chưa đồng thuận với đơn giá bồi thường; nguồn vốn đối ứng cho xây dựng nông thôn mới còn hạn chế. Đề nghị UBND tỉnh sớm phê duyệt điều chỉnh đơn giá bồi thường và bổ sung vốn cho xã Vân Nham, xã Hồ Sơn."),
		H1("IV. NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM 2022"),
		P("Tập trung hoàn thành các chỉ tiêu chưa đạt, nhất là giải phóng mặt bằng dự án Khu đô thị mới Hữu Lũng, xây dựng xã đạt chuẩn nông thôn mới và giảm tỷ lệ hộ nghèo; đôn đốc Phòng Tài chính - Kế hoạch gửi báo cáo nhiệm vụ nâng hạng chỉ số DDCI."),
		H1("V. ĐƠN VỊ GỬI BÁO CÁO CHẬM HOẶC CHƯA GỬI"),
		P("Gửi chậm: Ban Chỉ huy Quân sự huyện (ngày 08/6/2022). Chưa gửi: Phòng Tài chính - Kế hoạch."),
		P("Trên đây là báo cáo tiến độ thực hiện các nhiệm vụ trọng tâm của Ban Thường vụ Huyện ủy 06 tháng đầu năm 2022 của Ủy ban nhân dân huyện Hữu Lũng"),
	)
	return d
}

// seedLetter is the seed directive itself as a công văn draft.
func seedLetter() *Document {
	return &Document{
		Kind:    Letter,
		Issuer:  "UỶ BAN NHÂN DÂN\nHUYỆN HỮU LŨNG",
		Symbol:  "UBND-VP",
		Place:   "Hữu Lũng",
		Subject: "báo cáo tiến độ thực hiện các nhiệm vụ trọng tâm của Ban Thường vụ Huyện ủy 06 tháng đầu năm 2022",
		Recipients: []string{
			"Phòng Nông nghiệp & PTNT huyện", "Chi Cục Thuế khu vực I", "Phòng Giáo dục và Đào tạo",
			"Trung tâm Y tế huyện Hữu Lũng", "Công an huyện",
		},
		Body: []Block{
			P("Thực hiện Công văn số 635-CV/HU ngày 02/6/2022 của Ban Thường vụ Huyện ủy về việc báo cáo tiến độ thực hiện các nhiệm vụ trọng tâm của Ban Thường vụ Huyện ủy 06 tháng đầu năm 2022. UBND huyện yêu cầu các cơ quan, đơn vị căn cứ chức năng, nhiệm vụ, báo cáo tiến độ thực hiện, cụ thể như sau:"),
			P("1. Giao Phòng Nông nghiệp và Phát triển nông thôn xây dựng:"),
			P("1.1. Báo cáo việc tập trung chỉ đạo 02 xã Vân Nham và xã Hồ Sơn đạt chuẩn quốc gia nông thôn mới (nhiệm vụ 1)."),
			Rich(Span{Text: "UBND huyện yêu cầu các cơ quan, đơn vị gửi báo cáo về UBND huyện qua Văn phòng HĐND & UBND huyện "}, Span{Text: "trước ngày 07/6/2022", Bold: true}, Span{Text: " để tổng hợp."}),
			P("UBND huyện đề nghị các cơ quan, đơn vị nghiêm túc triển khai thực hiện./."),
		},
		Signer:       Signer{Authority: []string{"TL. Chủ tịch", "KT. Chánh Văn phòng"}, Title: "Phó Chánh Văn phòng", Name: "Hoàng Thị Bình"},
		Distribution: []string{"TT HU, HĐND huyện", "CT, các PCT UBND huyện", "- C, PCVP HĐND&UBND huyện;", "Lưu: VT."},
	}
}

// longText is about n bytes of Vietnamese prose.
func longText(n int) string {
	const s = "Các cơ quan, đơn vị đã tập trung triển khai quyết liệt các giải pháp, bám sát kế hoạch, kịp thời tháo gỡ khó khăn, vướng mắc trong quá trình thực hiện nhiệm vụ được giao. "
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(s)
	}
	return strings.TrimSpace(b.String())
}

// largeReport is the benchmark's report: tasks x units, each task with
// paragraphs of about 1 KB and three targets.
func largeReport(units, tasks, paras int) *Document {
	d := seedReport(true)
	d.Body = d.Body[:2]
	var rows []Indicator
	for t := range tasks {
		d.Body = append(d.Body, H2(fmt.Sprintf("%d. Nhiệm vụ %d: nhiệm vụ trọng tâm số %d", t+1, t+1, t+1)))
		for p := range paras {
			u := (t*paras + p) % units
			d.Body = append(d.Body, Rich(Span{Text: fmt.Sprintf("Đơn vị số %d: ", u+1), Italic: true}, Span{Text: longText(1000)}))
		}
		for k := range 3 {
			rows = append(rows, Indicator{Task: fmt.Sprintf("Nhiệm vụ %d", t+1), Target: fmt.Sprintf("Chỉ tiêu %d.%d đạt từ %d%% trở lên", t+1, k+1, 50+k*10), Unit: "%", Plan: f(float64(50 + k*10)), Actual: f(float64(45 + (t+k)%20)), SamePeriod: f(40.5), Verdict: "Chưa đạt"})
		}
	}
	d.Body = append(d.Body, H1("II. BẢNG TỔNG HỢP"), TableOf(IndicatorTable("Kết quả thực hiện các chỉ tiêu", rows)))
	return d
}
