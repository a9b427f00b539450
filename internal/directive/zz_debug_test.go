package directive

import "testing"

func TestZZDebug(t *testing.T) {
	s := "Ủy ban nhân dân phường đề nghị Công an phường báo cáo kết quả thực hiện công tác bảo đảm an ninh, trật tự, an toàn giao thông quý IV năm 2025 (số liệu từ ngày 15/9/2025 đến ngày 14/12/2025, trong đó từ ngày 03/12/2025 là số liệu ước thực hiện), đánh giá rõ kết quả đạt được so với các chỉ tiêu: tỷ lệ điều tra, khám phá các vụ án hình sự đạt trên 75%, riêng án rất nghiêm trọng và đặc biệt nghiêm trọng đạt trên 90%; giảm ít nhất 5% số vụ phạm pháp hình sự so với cùng kỳ năm 2024; 100% tin báo, tố giác về tội phạm được tiếp nhận, phân loại và giải quyết đúng thời hạn; nêu khó khăn"
	for _, g := range targets(s) {
		t.Logf("%+v", g)
	}
	t.Logf("%+v", targets("giảm ít nhất 5% số vụ phạm pháp hình sự so với cùng kỳ năm 2024; 100% tin báo, tố giác về tội phạm được tiếp nhận, phân loại và giải quyết đúng thời hạn; nêu khó khăn"))
}
