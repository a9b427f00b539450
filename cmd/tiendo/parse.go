package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"tiendo"
	"tiendo/internal/directive"
)

// cmdParse implements `tiendo parse [--json] [--units UNITS.json] FILE`: it
// reads a directive (FILE "-" for standard input; a .docx, or any zip, as
// Word; anything else as UTF-8 text) and prints the proposed round, as a
// Vietnamese summary or, with --json, in the shape the API returns. With
// --units, unit names are resolved to the codes of that registry, as the
// server resolves them against its units.
func cmdParse(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("parse", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "in kết quả dạng JSON")
	unitsFile := fs.String("units", "", "tệp JSON danh mục đơn vị để nhận mã đơn vị: một mảng [{\"code\", \"name\", \"short_name\", \"aliases\"}]")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Cách dùng: tiendo parse [--json] [--units DANH_MUC.json] TỆP")
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
	var units []tiendo.Unit
	if *unitsFile != "" {
		var err error
		if units, err = readUnits(*unitsFile); err != nil {
			return err
		}
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
	res := directive.Parse(text, units)
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

// readUnits reads a unit registry for --units: a JSON array of units with
// at least a code and a name each.
func readUnits(path string) ([]tiendo.Unit, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, tiendo.Errorf(tiendo.EINVALID, "Không mở được tệp danh mục đơn vị %q: %v", path, err)
	}
	var units []tiendo.Unit
	if err := json.Unmarshal(b, &units); err != nil {
		return nil, tiendo.Errorf(tiendo.EINVALID, "Tệp danh mục đơn vị %q không đúng dạng: cần một mảng JSON [{\"code\": \"pnv\", \"name\": \"Phòng Nội vụ\"}, ...] (%v).", path, err)
	}
	for i, u := range units {
		if strings.TrimSpace(u.Code) == "" || strings.TrimSpace(u.Name) == "" {
			return nil, tiendo.Errorf(tiendo.EINVALID, "Tệp danh mục đơn vị %q: đơn vị thứ %d thiếu mã (code) hoặc tên (name).", path, i+1)
		}
	}
	return units, nil
}
