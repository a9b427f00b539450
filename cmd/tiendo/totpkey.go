package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"tiendo/internal/store"
)

// cmdTOTPKey writes a new key for TIENDO_TOTP_KEY_FILE: 32 random bytes in
// base64, to a file only its owner may read, which must not exist yet (a
// key overwritten is every wrapped second-factor key lost).
func cmdTOTPKey(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("totp-key", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, "Cách dùng: tiendo totp-key TỆP\n\n"+
			"Tạo khóa ngẫu nhiên (32 byte, base64) để mã hóa khóa xác thực hai bước trong cơ sở dữ liệu,\n"+
			"ghi vào TỆP (quyền 0600; TỆP phải chưa có). Rồi đặt TIENDO_TOTP_KEY_FILE=TỆP cho mọi máy chủ\n"+
			"dùng chung cơ sở dữ liệu, và sao lưu TỆP riêng, ngoài bản sao lưu cơ sở dữ liệu.\n")
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("cần đúng một tệp khóa")
	}
	path := fs.Arg(0)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s đã có: không ghi đè, vì khóa cũ mất thì mọi khóa xác thực hai bước đã mã hóa bằng nó cũng mất", path)
	} else if err != nil {
		return err
	}
	if _, err := io.WriteString(f, store.NewTOTPKeyText()); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return err
	}
	fmt.Fprintf(stdout, "Đã ghi khóa mới vào %s. Đặt TIENDO_TOTP_KEY_FILE=%s rồi khởi động lại máy chủ; hãy sao lưu tệp này riêng.\n", path, path)
	return nil
}
