package demo

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/vi"
)

var obstacles = []string{
	"Nguồn vốn bố trí cho nhiệm vụ còn chậm, một số hạng mục phải điều chỉnh tiến độ.",
	"Thời tiết mưa kéo dài ảnh hưởng đến tiến độ thi công và triển khai tại cơ sở.",
	"Một số hộ dân chưa đồng thuận với phương án bồi thường, hỗ trợ.",
	"Biên chế cán bộ chuyên môn còn thiếu, một người phải kiêm nhiệm nhiều việc.",
	"Phối hợp giữa các cơ quan, đơn vị có lúc chưa chặt chẽ.",
}

var recommendations = []string{
	"Đề nghị UBND huyện sớm bố trí kinh phí để hoàn thành các hạng mục còn lại.",
	"Đề nghị các cơ quan liên quan phối hợp chặt chẽ hơn trong khâu thẩm định hồ sơ.",
	"Đề nghị UBND tỉnh hướng dẫn cụ thể cơ chế hỗ trợ cho các hộ bị ảnh hưởng.",
	"Không có kiến nghị.",
}

var nextSteps = []string{
	"Tiếp tục đôn đốc, kiểm tra tiến độ tại cơ sở; phấn đấu hoàn thành chỉ tiêu trong quý tới.",
	"Tập trung tháo gỡ vướng mắc, tổng hợp kết quả báo cáo UBND huyện theo định kỳ.",
	"Tăng cường tuyên truyền, vận động nhân dân đồng thuận thực hiện.",
}

// fillReport writes the report of reporter u's unit the way u would: a
// value for each target near its goal and the narrative sections, saved at
// time at and, when submit is true, submitted then, in u's name.
func fillReport(ctx context.Context, st *store.Store, r *tiendo.Round, u *tiendo.User, rng *rand.Rand, at time.Time, submit bool) error {
	clock := st.Now
	st.Now = func() time.Time { return at }
	defer func() { st.Now = clock }()

	unitID, actor := u.UnitID, store.Actor{UserID: u.ID}
	rep, err := st.Report(ctx, u, r.ID, unitID)
	if err != nil {
		return fmt.Errorf("demo: report of unit %d: %w", unitID, err)
	}
	targets := map[int64]*tiendo.Target{}
	tasks := map[int64]*tiendo.Task{}
	for _, t := range r.Tasks {
		tasks[t.ID] = t
		for _, tg := range t.Targets {
			targets[tg.ID] = tg
		}
	}
	for _, sec := range rep.Sections {
		var facts []string
		for i := range sec.Actuals {
			tg := targets[sec.Actuals[i].TargetID]
			v := actualNear(tg, rng)
			last := v * (0.8 + 0.15*rng.Float64())
			if counted(tg) {
				last = math.Round(last) // 1,9 xã last year reads as absurd
			} else {
				last = math.Round(last*10) / 10
			}
			sec.Actuals[i].Value, sec.Actuals[i].SamePeriod = &v, &last
			facts = append(facts, fmt.Sprintf("%s: thực hiện được %s%s", measureOf(tg.Text), vi.FormatNumber(v, -1), unitSuffix(tg.Unit)))
		}
		t := tasks[sec.TaskID]
		sec.Status = []string{"completed", "on_track", "on_track", "behind"}[rng.IntN(4)]
		sec.ResultVsPlan = "Đơn vị đã ban hành kế hoạch triển khai nhiệm vụ " + t.Label + ", phân công cán bộ theo dõi và định kỳ kiểm tra tiến độ."
		if len(facts) > 0 {
			sec.ResultVsPlan += " Kết quả: " + strings.Join(facts, "; ") + "."
		}
		sec.VsSamePeriod = fmt.Sprintf("So với cùng kỳ năm trước, kết quả thực hiện tăng khoảng %s%%.", vi.FormatNumber(float64(5+rng.IntN(20)), 0))
		sec.Obstacles = obstacles[rng.IntN(len(obstacles))]
		sec.Recommendations = recommendations[rng.IntN(len(recommendations))]
		sec.NextSteps = nextSteps[rng.IntN(len(nextSteps))]
	}
	if err := st.SaveReport(ctx, actor, u, rep); err != nil {
		return fmt.Errorf("demo: save report of unit %d: %w", unitID, err)
	}
	if submit {
		if _, err := st.ActOnReport(ctx, actor, u, r.ID, unitID, store.ActRequest{Action: tiendo.ReportSubmit, Version: rep.Version, Confirm: true}); err != nil {
			return fmt.Errorf("demo: submit report of unit %d: %w", unitID, err)
		}
	}
	return nil
}

// actualNear returns a plausible actual for a target: within about 15% of
// its goal, rounded to one decimal, and never over 100 for a percentage.
func actualNear(tg *tiendo.Target, rng *rand.Rand) float64 {
	v := tg.Value * (0.85 + 0.3*rng.Float64())
	if tg.Value == 0 {
		v = float64(rng.IntN(10))
	}
	if tg.Unit == "%" {
		v = math.Min(v, 100)
	} else if counted(tg) {
		v = math.Round(v)
	}
	return math.Round(v*10) / 10
}

// counted reports whether a target counts whole things ("02 xã", "05 mô
// hình"): a small whole goal in a unit other than a percentage.
func counted(tg *tiendo.Target) bool {
	return tg.Unit != "%" && tg.Value == math.Trunc(tg.Value) && tg.Value < 20
}

func unitSuffix(unit string) string {
	if unit == "" || unit == "%" {
		return unit
	}
	return " " + unit
}

// measureOf is a target's words as a unit's own report uses them: without
// the directive's "Báo cáo việc" in front, in lower case.
func measureOf(text string) string {
	for _, lead := range []string{"Báo cáo về việc ", "Báo cáo việc ", "Phấn đấu ", "phấn đấu "} {
		text = strings.TrimPrefix(text, lead)
	}
	r, n := utf8.DecodeRuneInString(text)
	return string(unicode.ToLower(r)) + text[n:]
}
