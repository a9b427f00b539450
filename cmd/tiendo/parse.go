package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"tiendo"
	"tiendo/internal/directive"
)

// cmdParse implements `tiendo parse [--json] FILE`: it reads a directive
// (FILE "-" for standard input; a .docx, or any zip, as Word; anything else
// as UTF-8 text) and prints the proposed round, as a Vietnamese summary or,
// with --json, in the shape the API returns.
func cmdParse(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("parse", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "in kết quả dạng JSON")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Cách dùng: tiendo parse [--json] TỆP")
		fmt.Fprintln(stderr, "Đọc văn bản chỉ đạo (tệp .docx hoặc văn bản UTF-8; \"-\" để đọc từ đầu vào chuẩn) và in đợt báo cáo đề xuất.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return tiendo.Errorf(tiendo.EINVALID, "Cần đúng một tệp văn bản (hoặc \"-\" để đọc từ đầu vào chuẩn).")
	}
	name := fs.Arg(0)
	data, err := readInput(name, stdin)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	text, err := directive.Text(name, data)
	if err != nil {
		return err
	}
	res := directive.Parse(text, nil)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false) // ">=" and "&" as themselves, for people reading it
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	_, err = io.WriteString(stdout, res.Summary())
	return err
}

// readInput reads the file, or standard input for "-", up to one byte past
// directive.MaxInput so that directive.Text can tell a file over the limit.
func readInput(name string, stdin io.Reader) ([]byte, error) {
	r := stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, tiendo.Errorf(tiendo.EINVALID, "Không mở được tệp %q: %v", name, err)
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, directive.MaxInput+1))
	if err != nil {
		return nil, tiendo.Errorf(tiendo.EINVALID, "Không đọc được %q: %v", name, err)
	}
	return data, nil
}
