package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"tiendo/internal/store"
)

const auditUsage = `Cách dùng:
  tiendo audit verify [-database-url URL]
      kiểm tra chuỗi mã băm của nhật ký hệ thống; báo bản ghi đầu tiên bị sửa, xóa hoặc chèn
  tiendo audit prune -keep-days N [-database-url URL]
      xóa các bản ghi cũ hơn N ngày (thời hạn lưu trữ); phần còn lại vẫn kiểm tra được
`

// cmdAudit checks or prunes the audit log. verify exits non-zero when the
// chain is broken, so a cron job or a monitoring check can alert on it.
func cmdAudit(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, auditUsage)
		return fmt.Errorf("thiếu lệnh con của audit")
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("audit "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	keepDays := fs.Int("keep-days", 0, "số ngày giữ nhật ký (cho prune)")
	switch sub {
	case "verify", "prune":
	default:
		fmt.Fprint(stderr, auditUsage)
		return fmt.Errorf("không có lệnh audit %q", sub)
	}
	st, err := openStore(ctx, fs, args, getenv)
	if err != nil {
		return err
	}
	defer st.Close()
	if sub == "prune" {
		if *keepDays <= 0 {
			return fmt.Errorf("hãy cho biết số ngày giữ nhật ký: -keep-days N (N > 0)")
		}
		before := st.Clock().AddDate(0, 0, -*keepDays)
		n, err := st.PruneAudit(ctx, store.Actor{}, before)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Đã xóa %d bản ghi nhật ký trước %s; chuỗi mã băm được neo lại để vẫn kiểm tra được.\n", n, before.Format(time.DateOnly))
		return nil
	}
	rep, err := st.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if !rep.OK() {
		fmt.Fprintf(stdout, "NHẬT KÝ BỊ CAN THIỆP: %s.\nĐã đọc %d bản ghi.\n", rep.Problem, rep.Rows)
		return fmt.Errorf("nhật ký hệ thống không nguyên vẹn: bản ghi #%d", rep.BrokenID)
	}
	fmt.Fprintf(stdout, "Nhật ký hệ thống nguyên vẹn: %d bản ghi", rep.Rows)
	if rep.Legacy > 0 {
		fmt.Fprintf(stdout, " (%d bản ghi ghi trước khi có chuỗi mã băm, không kiểm tra được)", rep.Legacy)
	}
	if rep.AnchorID > 0 {
		fmt.Fprintf(stdout, ", tiếp nối điểm neo #%d", rep.AnchorID)
	}
	fmt.Fprintf(stdout, ".\nBản ghi cuối: #%d, mã băm %s\n(lưu mã này ở nơi khác để phát hiện việc viết lại toàn bộ chuỗi).\n", rep.HeadID, rep.HeadHash)
	return nil
}
