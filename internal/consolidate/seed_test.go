package consolidate

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/directive"
	"tiendo/internal/watch"
)

func f(v float64) *float64 { return &v }

// registry is the seed's units, as the demo registers them.
var registry = []tiendo.Unit{
	{ID: 1, Code: "pnnptnt", Name: "Phòng Nông nghiệp và Phát triển nông thôn", ShortName: "Phòng NN&PTNT", Aliases: []string{"Phòng Nông nghiệp & PTNT huyện"}},
	{ID: 2, Code: "ccthue", Name: "Chi cục Thuế khu vực I", ShortName: "Chi cục Thuế KV I"},
	{ID: 3, Code: "pgddt", Name: "Phòng Giáo dục và Đào tạo", ShortName: "Phòng GD&ĐT"},
	{ID: 4, Code: "pldtbxh", Name: "Phòng Lao động - Thương binh và Xã hội", ShortName: "Phòng LĐ-TB&XH", Aliases: []string{"Lao động, Thương binh, Xã hội – Dân tộc"}},
	{ID: 5, Code: "pvhtt", Name: "Phòng Văn hóa và Thông tin", ShortName: "Phòng VH&TT"},
	{ID: 6, Code: "ptnmt", Name: "Phòng Tài nguyên và Môi trường", ShortName: "Phòng TN&MT"},
	{ID: 7, Code: "pnv", Name: "Phòng Nội vụ", ShortName: "Phòng Nội vụ"},
	{ID: 8, Code: "ttptqd", Name: "Trung tâm Phát triển quỹ đất", ShortName: "TT Phát triển quỹ đất"},
	{ID: 9, Code: "ttyt", Name: "Trung tâm Y tế huyện Hữu Lũng", ShortName: "TTYT huyện"},
	{ID: 10, Code: "bchqs", Name: "Ban Chỉ huy Quân sự huyện", ShortName: "BCH Quân sự"},
	{ID: 11, Code: "cah", Name: "Công an huyện", ShortName: "Công an huyện"},
	{ID: 12, Code: "ptckh", Name: "Phòng Tài chính - Kế hoạch", ShortName: "Phòng TC-KH"},
}

// seedRound parses the seed directive into a round with IDs, as the store
// would give it back.
func seedRound(t *testing.T) *tiendo.Round {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "directives", "huu-lung-2022-06.txt"))
	if err != nil {
		t.Fatal(err)
	}
	res := directive.Parse(string(src), registry)
	ids := map[string]int64{}
	for _, u := range registry {
		ids[u.Code] = u.ID
	}
	r, err := res.NewRound(ids)
	if err != nil {
		t.Fatalf("NewRound: %v", err)
	}
	r.ID = 1
	r.Source = string(src)
	r.Status = tiendo.RoundOpen
	var tid, gid int64
	for _, task := range r.Tasks {
		tid++
		task.ID, task.RoundID = tid, r.ID
		for _, g := range task.Targets {
			gid++
			g.ID, g.TaskID = gid, task.ID
		}
	}
	return r
}

// seedNarrative is what each unit writes on each task, by task label and
// unit code: result against plan, against the same period, obstacles,
// recommendations, next steps, and the values of the task's targets in order.
type narrative struct {
	plan, same, obstacles, recs, next string
	values, last                      []*float64
}

var seedNarratives = map[string]map[string]narrative{
	"1": {"pnnptnt": {
		plan:      "Đã tham mưu UBND huyện ban hành Kế hoạch xây dựng xã Vân Nham, xã Hồ Sơn đạt chuẩn nông thôn mới và xã Sơn Hà đạt chuẩn nông thôn mới nâng cao năm 2022. Đến ngày 14/6/2022, xã Vân Nham đạt 17/19 tiêu chí, xã Hồ Sơn đạt 16/19 tiêu chí.",
		same:      "Bình quân toàn huyện tăng 0,7 tiêu chí/xã so với cùng kỳ.",
		obstacles: "Nguồn vốn bố trí cho nhiệm vụ còn chậm, một số hạng mục phải điều chỉnh tiến độ.",
		recs:      "Đề nghị UBND huyện sớm bố trí kinh phí để hoàn thành các hạng mục còn lại.",
		next:      "Tập trung hoàn thiện hồ sơ đề nghị công nhận xã Vân Nham đạt chuẩn nông thôn mới.",
		values:    []*float64{f(0), f(14.8), f(1)}, last: []*float64{f(1), f(14.1), f(1)},
	}},
	"2": {"pnnptnt": {
		plan:      "Diện tích sản xuất theo tiêu chuẩn VietGAP, GlobalGAP đạt 21,5 ha; 02 sản phẩm đã được chấm điểm OCOP cấp tỉnh đạt 3 sao.",
		same:      "Diện tích VietGAP tăng 6,5 ha so với cùng kỳ.",
		obstacles: "Nguồn vốn bố trí cho nhiệm vụ còn chậm, một số hạng mục phải điều chỉnh tiến độ.",
		recs:      "Không có kiến nghị.",
		values:    []*float64{f(21.5), f(2), nil}, last: []*float64{f(15), f(1), nil},
	}},
	"3": {"pnnptnt": {
		plan:   "Đã hướng dẫn 03 doanh nghiệp lập hồ sơ đề nghị hưởng ưu đãi; 01 dự án chăn nuôi lợn công nghệ cao tại xã Yên Bình đã được chấp thuận.",
		values: []*float64{f(1)},
	}},
	"4": {"ttptqd": {
		plan:      "Dự án Khu đô thị mới Hữu Lũng tại xã Sơn Hà đã giải phóng mặt bằng được 65% diện tích; dự án khu tái định cư xã Hồ Sơn, xã Hòa Thắng đạt 62%.",
		same:      "Cùng kỳ năm trước, dự án Khu đô thị mới đạt 40%.",
		obstacles: "Một số hộ dân chưa đồng thuận với phương án bồi thường, hỗ trợ.",
		recs:      "Đề nghị UBND tỉnh hướng dẫn cụ thể cơ chế hỗ trợ cho các hộ bị ảnh hưởng.",
		next:      "Tăng cường tuyên truyền, vận động nhân dân đồng thuận thực hiện.",
		values:    []*float64{f(65), f(62)}, last: []*float64{f(40), nil},
	}},
	"5": {"ptnmt": {
		plan:      "Đã hoàn thành đo đạc 2.130 ha trên tổng số 2.856 ha đất Công ty TNHH MTV Lâm nghiệp Đông Bắc bàn giao; giải quyết dứt điểm 14/19 vụ tranh chấp.",
		obstacles: "Biên chế cán bộ chuyên môn còn thiếu, một người phải kiêm nhiệm nhiều việc.",
	}},
	"6": {"ccthue": {
		plan:   "Thu nội địa 6 tháng đầu năm ước đạt 186,4 tỷ đồng, bằng 61,2% dự toán tỉnh giao.",
		same:   "Tăng 12,5% so với cùng kỳ.",
		next:   "Tăng cường tuyên truyền, vận động nhân dân đồng thuận thực hiện.",
		values: []*float64{f(12.5)}, last: []*float64{f(8.3)},
	}},
	"7": {
		"pldtbxh": {
			plan:      "Tỷ lệ hộ nghèo ước giảm 1,6%; đã hỗ trợ xây dựng 48 nhà ở cho hộ nghèo.",
			obstacles: "Một số hộ dân chưa đồng thuận với phương án bồi thường, hỗ trợ.",
			values:    []*float64{f(1.6), nil, nil, nil}, last: []*float64{f(1.9), nil, nil, nil},
		},
		"pgddt": {
			plan:   "Trường Tiểu học Hồ Sơn đã được công nhận đạt chuẩn quốc gia. Tỷ lệ huy động trẻ nhà trẻ ra lớp đạt 40,3%. Đã phối hợp tuyên truyền chính sách hỗ trợ hộ nghèo tại xã Hòa Thắng.",
			values: []*float64{nil, f(1), f(40.3), nil}, last: []*float64{nil, f(1), f(39.5), nil},
		},
		"ttyt": {
			// The sentence the education office wrote, with the other
			// tone-mark placement ("Hoà"): said once, by both.
			plan:   "Trạm Y tế xã Hữu Liên đạt Bộ tiêu chí quốc gia về y tế xã. Đã phối hợp tuyên truyền chính sách hỗ trợ hộ nghèo tại xã Hoà Thắng.",
			values: []*float64{nil, nil, nil, f(1)},
		},
	},
	"8": {"pvhtt": {
		plan:   "Đã hoàn thành bãi đỗ xe và nhà vệ sinh công cộng tại điểm du lịch cộng đồng xã Hữu Liên; hình thành 02 sản phẩm du lịch.",
		values: []*float64{f(2)},
	}},
	"9": {"ttyt": {
		plan: "Tỷ lệ tiêm vắc xin phòng COVID-19 mũi 3 cho người từ 18 tuổi trở lên đạt 96,8%.",
		same: "Không để dịch bùng phát trên diện rộng.",
	}},
	"10": {"bchqs": {
		plan:   "Đã tổ chức diễn tập chiến đấu phòng thủ 04 xã bảo đảm an toàn tuyệt đối; giao 185/185 công dân nhập ngũ năm 2022.",
		values: []*float64{f(100)}, last: []*float64{f(100)},
	}},
	"11": {"cah": {
		plan:   "Số vụ phạm pháp hình sự giảm 7,1%; tỷ lệ khám phá án đạt 87,5%; giải quyết tố giác, tin báo tội phạm đạt 92%.",
		values: []*float64{f(7.1), f(87.5), f(92)}, last: []*float64{nil, f(84.2), f(90.6)},
	}},
	"12": {"pnv": {
		plan: "Đã ban hành kế hoạch nâng cao các chỉ số PAPI, SIPAS, PAR INDEX năm 2022.",
		recs: "Đề nghị các cơ quan liên quan phối hợp chặt chẽ hơn trong khâu thẩm định hồ sơ.",
	}},
}

// seedInput is the seed round with every unit's report but that of Phòng
// Tài chính - Kế hoạch, Ban Chỉ huy Quân sự late, and Công an huyện
// supporting task 4.
func seedInput(t *testing.T) Input {
	t.Helper()
	r := seedRound(t)
	units := map[int64]*tiendo.Unit{}
	code := map[int64]string{}
	for i := range registry {
		units[registry[i].ID] = &registry[i]
		code[registry[i].ID] = registry[i].Code
	}
	// Công an huyện supports the land clearance (the directive names it only
	// for task 11; the office added it).
	r.Tasks[3].Assignees = append(r.Tasks[3].Assignees, tiendo.Assignee{UnitID: 11, Role: tiendo.Support})

	deadline := r.Deadline
	reports := map[int64]*tiendo.UnitReport{}
	var actuals []watch.Actual
	states := map[int64]watch.State{}
	for _, task := range r.Tasks {
		for _, a := range task.Assignees {
			if a.Role != tiendo.Lead || a.UnitID == 12 {
				continue
			}
			rep := reports[a.UnitID]
			if rep == nil {
				at := deadline.Add(-26 * time.Hour)
				if a.UnitID == 10 {
					at = deadline.Add(30 * time.Hour)
				}
				rep = &tiendo.UnitReport{RoundID: r.ID, UnitID: a.UnitID, Status: tiendo.ReportSubmitted, Version: 1, SubmittedAt: at, Late: a.UnitID == 10}
				reports[a.UnitID] = rep
				states[a.UnitID] = watch.State{Status: rep.Status, SubmittedAt: at, Late: rep.Late}
			}
			n := seedNarratives[task.Label][code[a.UnitID]]
			if task.Label == "12" && code[a.UnitID] != "pnv" {
				continue
			}
			sec := &tiendo.Section{TaskID: task.ID, Status: "on_track", ResultVsPlan: n.plan, VsSamePeriod: n.same,
				Obstacles: n.obstacles, Recommendations: n.recs, NextSteps: n.next}
			for i, g := range task.Targets {
				ac := tiendo.Actual{TargetID: g.ID}
				if i < len(n.values) {
					ac.Value = n.values[i]
				}
				if i < len(n.last) {
					ac.SamePeriod = n.last[i]
				}
				sec.Actuals = append(sec.Actuals, ac)
				actuals = append(actuals, watch.Actual{UnitID: a.UnitID, TargetID: g.ID, Value: ac.Value, SamePeriod: ac.SamePeriod})
			}
			rep.Sections = append(rep.Sections, sec)
		}
	}
	reports[11].Contributions = append(reports[11].Contributions, tiendo.Contribution{TaskID: r.Tasks[3].ID,
		Text: "Phối hợp bảo đảm an ninh trật tự tại 06 buổi cưỡng chế thu hồi đất, không để xảy ra điểm nóng."})
	var list []*tiendo.UnitReport
	for _, u := range registry {
		if rep := reports[u.ID]; rep != nil {
			list = append(list, rep)
		}
	}
	now := time.Date(2022, 6, 8, 9, 0, 0, 0, tiendo.Zone)
	window, _ := r.Period.Window(tiendo.DefaultCutoffDay)
	return Input{
		Round: r, Units: units, Reports: list,
		Targets: watch.Targets(r, window, actuals, states, now),
		Late:    []int64{10}, Missing: []int64{12},
		Issuer: "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG", Now: now,
	}
}
