package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"tiendo"
	"tiendo/internal/bulk"
	"tiendo/internal/store"
)

func openStore(ctx context.Context, fs *flag.FlagSet, args []string, getenv func(string) string) (*store.Store, error) {
	var cfg Config
	cfg.flags(fs, getenv, "", "sqlite:tiendo.db")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	return cfg.openStore(ctx)
}

func cmdMigrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	st, err := openStore(ctx, fs, args, getenv)
	if err != nil {
		return err
	}
	defer st.Close()
	fmt.Fprintf(stdout, "Cơ sở dữ liệu (%s) đã ở phiên bản mới nhất.\n", st.Dialect())
	return nil
}

const userUsage = `Cách dùng:
  tiendo user add -username TÊN -role VAI_TRÒ [-unit MÃ_ĐƠN_VỊ] [-name "Họ tên"] [-email ĐỊA_CHỈ] [-must-change=false]
  tiendo user passwd -username TÊN [-must-change=false]
  tiendo user must-change TÊN [-off]   bắt đổi mật khẩu ở lần đăng nhập tới (-off: bỏ yêu cầu đó)
  tiendo user enable TÊN               mở khóa tài khoản (và gỡ khóa đăng nhập sai nhiều lần)
  tiendo user disable TÊN              khóa tài khoản
  tiendo user role TÊN VAI_TRÒ [-unit MÃ_ĐƠN_VỊ]
  tiendo user 2fa-off TÊN              tắt xác thực hai bước (mất điện thoại và mã dự phòng)
  tiendo user list
Mật khẩu được đọc từ dòng đầu tiên của đầu vào chuẩn. Người dùng được thêm hoặc
đặt lại mật khẩu ở đây phải tự đặt mật khẩu mới khi đăng nhập lần tới, trừ khi ghi -must-change=false.
Vai trò: admin, office, leader, unit_head, reporter, reader.
Không ai quản trị được nữa? "tiendo user enable TÊN" và "tiendo user role TÊN admin" trả lại quyền.
`

func cmdUser(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, userUsage)
		return fmt.Errorf("thiếu lệnh con của user")
	}
	sub, args := args[0], args[1:]
	// "tiendo user role NAME admin -database-url ...": the words before the
	// flags, and any after them.
	var words []string
	for len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		words, args = append(words, args[0]), args[1:]
	}
	fs := flag.NewFlagSet("user "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	username := fs.String("username", "", "tên đăng nhập")
	role := fs.String("role", "", "vai trò")
	unitCode := fs.String("unit", "", "mã đơn vị (cho cán bộ, lãnh đạo đơn vị)")
	name := fs.String("name", "", "họ và tên")
	email := fs.String("email", "", "thư điện tử")
	mustChange := fs.Bool("must-change", true, "người dùng phải tự đặt mật khẩu mới khi đăng nhập lần tới (add, passwd)")
	off := fs.Bool("off", false, "must-change: bỏ yêu cầu đổi mật khẩu")
	st, err := openStore(ctx, fs, args, getenv)
	if err != nil {
		return err
	}
	defer st.Close()
	words = append(words, fs.Args()...)
	// named is the user the command is about: -username, or the first word.
	named := func() (*tiendo.User, error) {
		if *username == "" && len(words) > 0 {
			*username, words = words[0], words[1:]
		}
		if *username == "" {
			fmt.Fprint(stderr, userUsage)
			return nil, fmt.Errorf("thiếu tên đăng nhập")
		}
		u, err := st.UserByUsername(ctx, *username)
		return u, describe(err)
	}
	readPassword := func() (string, error) {
		fmt.Fprint(stderr, "Mật khẩu: ")
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && line == "" {
			return "", fmt.Errorf("không đọc được mật khẩu từ đầu vào chuẩn")
		}
		fmt.Fprintln(stderr)
		return strings.TrimRight(line, "\r\n"), nil
	}
	switch sub {
	case "add":
		u := &tiendo.User{Username: *username, Role: tiendo.Role(*role), FullName: *name, Email: *email, MustChangePassword: *mustChange}
		if *unitCode != "" {
			unit, err := st.UnitByCode(ctx, *unitCode)
			if err != nil {
				return err
			}
			u.UnitID = unit.ID
		}
		pw, err := readPassword()
		if err != nil {
			return err
		}
		if err := st.CreateUser(ctx, store.Actor{}, u, pw); err != nil {
			return describe(err)
		}
		fmt.Fprintf(stdout, "Đã thêm người dùng %s (%s).%s\n", u.Username, u.Role.Label(), mustChangeNote(u.MustChangePassword))
	case "passwd":
		u, err := st.UserByUsername(ctx, *username)
		if err != nil {
			return describe(err)
		}
		pw, err := readPassword()
		if err != nil {
			return err
		}
		if err := st.ResetPassword(ctx, store.Actor{}, u.ID, pw, *mustChange); err != nil {
			return describe(err)
		}
		fmt.Fprintf(stdout, "Đã đổi mật khẩu của %s; mọi phiên đăng nhập cũ đã kết thúc.%s\n", u.Username, mustChangeNote(*mustChange))
	case "must-change":
		u, err := named()
		if err != nil {
			return err
		}
		if err := st.SetMustChangePassword(ctx, store.Actor{}, u.ID, !*off); err != nil {
			return describe(err)
		}
		if *off {
			fmt.Fprintf(stdout, "Đã bỏ yêu cầu đổi mật khẩu của %s; người này dùng tiếp mật khẩu hiện tại.\n", u.Username)
			break
		}
		fmt.Fprintf(stdout, "%s phải đặt mật khẩu mới trước khi làm việc tiếp (mật khẩu hiện tại vẫn dùng để đăng nhập); mã truy cập API của người này bị từ chối cho đến khi đổi.\n", u.Username)
	case "enable", "disable":
		u, err := named()
		if err != nil {
			return err
		}
		u.Disabled = sub == "disable"
		if err := st.UpdateUser(ctx, store.Actor{}, u); err != nil {
			return describe(err)
		}
		if u.Disabled {
			fmt.Fprintf(stdout, "Đã khóa tài khoản %s; mọi phiên đăng nhập và mã truy cập API của người này đã kết thúc.\n", u.Username)
			break
		}
		// Someone locked out is often also locked out by their own wrong
		// guesses: lift that too.
		if err := st.LiftLoginLock(ctx, store.Actor{}, store.UsernameLockKey(u.Username)); err != nil && tiendo.ErrorCode(err) != tiendo.ENOTFOUND {
			return describe(err)
		}
		fmt.Fprintf(stdout, "Đã mở khóa tài khoản %s (%s); người này đăng nhập lại được.\n", u.Username, u.Role.Label())
	case "2fa-off":
		// The way back for an administrator who lost their phone and their
		// recovery codes when no other administrator can do it on the page.
		u, err := named()
		if err != nil {
			return err
		}
		if err := st.ResetTwoFactor(ctx, store.Actor{}, u.ID); err != nil {
			return describe(err)
		}
		fmt.Fprintf(stdout, "Đã tắt xác thực hai bước của %s; người này đăng nhập bằng mật khẩu và có thể tự bật lại trên trang “Tài khoản của tôi”.\n", u.Username)
	case "role":
		u, err := named()
		if err != nil {
			return err
		}
		if *role == "" && len(words) > 0 {
			*role = words[0]
		}
		r, ok := bulk.ParseRole(*role)
		if !ok {
			fmt.Fprint(stderr, userUsage)
			return fmt.Errorf("không có vai trò %q; hãy ghi một trong: admin, office, leader, unit_head, reporter, reader", *role)
		}
		u.Role = r
		if *unitCode != "" {
			unit, err := st.UnitByCode(ctx, *unitCode)
			if err != nil {
				return describe(err)
			}
			u.UnitID = unit.ID
		}
		if err := st.UpdateUser(ctx, store.Actor{}, u); err != nil {
			return describe(err)
		}
		fmt.Fprintf(stdout, "Đã đổi vai trò của %s thành %s; các phiên đăng nhập cũ của người này đã kết thúc.\n", u.Username, u.Role.Label())
	case "list":
		users, err := st.Users(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "TÊN ĐĂNG NHẬP\tVAI TRÒ\tHỌ TÊN\tTRẠNG THÁI")
		for _, u := range users {
			state := "hoạt động"
			if u.Disabled {
				state = "đã khóa"
			}
			if u.MustChangePassword {
				state += ", phải đổi mật khẩu"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", u.Username, u.Role, u.FullName, state)
		}
		return tw.Flush()
	default:
		fmt.Fprint(stderr, userUsage)
		return fmt.Errorf("không có lệnh con user %q", sub)
	}
	return nil
}

// mustChangeNote is what "user add" and "user passwd" add when the user
// must choose their own password at the next login.
func mustChangeNote(must bool) string {
	if !must {
		return ""
	}
	return " Khi đăng nhập lần tới, người này phải tự đặt mật khẩu mới."
}

// describe turns a tiendo error, with its field messages, into one
// readable error.
func describe(err error) error {
	var e *tiendo.Error
	if !errors.As(err, &e) {
		return err
	}
	if len(e.Fields) == 0 {
		return errors.New(e.Message)
	}
	var b strings.Builder
	b.WriteString(e.Message)
	for _, msg := range e.Fields {
		b.WriteString("\n  - " + msg)
	}
	return fmt.Errorf("%s", b.String())
}
