package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"text/tabwriter"
	"time"

	jsonv2 "github.com/go-json-experiment/json"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/vi"
)

const benchUsage = `Cách dùng: tiendo bench rush [tùy chọn]

Đo tải giờ cao điểm: tạo một đợt báo cáo gửi U đơn vị với T nhiệm vụ, mỗi đơn
vị một cán bộ; đăng nhập tất cả rồi cho C người dùng đồng thời đọc, lưu nháp
và gửi báo cáo đầy đủ, trong khi Văn phòng đọc ma trận theo dõi. Lệnh tự dừng
khi mọi đơn vị đã gửi hoặc hết thời gian --duration.

`

// cmdBench runs a load test; "rush" is the only one so far.
func cmdBench(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "rush" {
		fmt.Fprint(stderr, benchUsage)
		return errors.New("hãy chọn bài đo: tiendo bench rush")
	}
	fs := flag.NewFlagSet("bench rush", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, benchUsage); fs.PrintDefaults() }
	var cfg rushConfig
	fs.IntVar(&cfg.Units, "units", 3321, "số đơn vị (xã) trong đợt báo cáo")
	fs.IntVar(&cfg.Tasks, "tasks", 12, "số nhiệm vụ, đơn vị nào cũng chủ trì mọi nhiệm vụ")
	fs.IntVar(&cfg.Clients, "clients", 64, "số người dùng đồng thời")
	fs.StringVar(&cfg.URL, "url", "", "địa chỉ một máy chủ đang chạy (cần kèm --database-url của chính cơ sở dữ liệu đó); bỏ trống: tự chạy \"tiendo serve\" trên một cơ sở dữ liệu tạm")
	fs.StringVar(&cfg.DatabaseURL, "database-url", "", "postgres://... để đo trên PostgreSQL (lệnh tạo một schema mới rồi xóa khi xong); bỏ trống: tệp SQLite tạm")
	fs.DurationVar(&cfg.Duration, "duration", 3*time.Minute, "thời gian tối đa cho phần gửi báo cáo")
	fs.DurationVar(&cfg.LoginDuration, "login-duration", 15*time.Minute, "thời gian tối đa cho phần đăng nhập (mỗi lần là một phép băm argon2id); đơn vị chưa đăng nhập kịp thì không gửi")
	fs.DurationVar(&cfg.MatrixEvery, "matrix-every", time.Second, "Văn phòng đọc ma trận theo dõi cách nhau bao lâu (0: liên tục)")
	fs.IntVar(&cfg.LoadProcs, "load-procs", 1, "số luồng Go (GOMAXPROCS) của bộ tạo tải trong phần gửi báo cáo; máy chủ có tiến trình và số luồng riêng (0: như máy)")
	fs.StringVar(&cfg.CPUProfile, "cpuprofile", "", "ghi hồ sơ CPU (pprof) của phần gửi báo cáo vào tệp này; khi đó máy chủ chạy ngay trong tiến trình đo")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if cfg.Units < 1 || cfg.Tasks < 1 || cfg.Clients < 1 || cfg.LoadProcs < 0 {
		return errors.New("--units, --tasks và --clients phải lớn hơn 0, --load-procs không được âm")
	}
	if cfg.URL != "" && cfg.DatabaseURL == "" {
		return errors.New("--url cần kèm --database-url của cơ sở dữ liệu mà máy chủ đó dùng: lệnh tạo đơn vị, tài khoản và đợt báo cáo thẳng trong cơ sở dữ liệu")
	}
	if cfg.URL != "" && cfg.CPUProfile != "" {
		return errors.New("--cpuprofile chỉ dùng được khi lệnh tự chạy máy chủ (không có --url)")
	}
	// Progress lines and the child server's log share stderr.
	res, err := benchRush(ctx, cfg, &syncWriter{w: stderr})
	if res != nil {
		res.print(stdout)
	}
	return err
}

// syncWriter lets several goroutines write to w.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// rushConfig is what "tiendo bench rush" runs.
type rushConfig struct {
	Units, Tasks, Clients   int
	URL, DatabaseURL        string
	Duration, LoginDuration time.Duration
	MatrixEvery             time.Duration
	CPUProfile              string
	// LoadProcs is the load generator's GOMAXPROCS during the rush. The
	// server is a process of its own with its own; the generator needs a
	// fraction of a core, and with as many threads as the machine has
	// cores the two processes' runnable threads outnumber the cores, so
	// that the kernel takes the server's threads off a core in the middle
	// of its work (the SQLite writer among them) to run the generator's.
	LoadProcs int
}

// rushResult is what a rush measured.
type rushResult struct {
	cfg         rushConfig
	dialect     string
	setup       time.Duration
	coldStart   time.Duration // start of the server process to a served /healthz; 0 when not measured
	loginTime   time.Duration
	rushTime    time.Duration
	submissions int // acknowledged with a 2xx
	stored      int // submitted according to the store afterwards
	rss         string
	ops         *recorder
}

// benchUnit is one unit of the rush and its reporter.
type benchUnit struct {
	id       int64
	code     string
	username string
	userID   int64
	token    string
}

// rushPassword is every rush account's password; the accounts live in a
// throwaway database or under a random prefix.
const rushPassword = "mật khẩu đo tải giờ cao điểm"

func benchRush(ctx context.Context, cfg rushConfig, stderr io.Writer) (*rushResult, error) {
	progress := func(format string, a ...any) { fmt.Fprintf(stderr, "bench: "+format+"\n", a...) }
	dsn, cleanup, err := rushDatabase(ctx, cfg)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	res := &rushResult{cfg: cfg, dialect: st.Dialect(), ops: newRecorder()}

	progress("chuẩn bị %d đơn vị x %d nhiệm vụ, %d tài khoản trên %s (không tính vào kết quả)", cfg.Units, cfg.Tasks, cfg.Units+1, st.Dialect())
	start := time.Now()
	fx, err := rushFixture(ctx, st, cfg.Units, cfg.Tasks, true)
	if err != nil {
		return nil, err
	}
	res.setup = time.Since(start)
	progress("chuẩn bị xong sau %.1f s", res.setup.Seconds())

	base, stop, err := rushServer(ctx, cfg, st, dsn, res, stderr)
	if err != nil {
		return nil, err
	}
	defer stop()

	tr := &http.Transport{MaxIdleConns: 2 * cfg.Clients, MaxIdleConnsPerHost: 2 * cfg.Clients, IdleConnTimeout: 90 * time.Second}
	defer tr.CloseIdleConnections()
	c := &client{http: &http.Client{Transport: tr, Timeout: time.Minute}, base: base, ops: res.ops}
	officeToken, err := c.login(ctx, fx.office, "")
	if err != nil {
		return res, fmt.Errorf("Văn phòng không đăng nhập được: %w", err)
	}
	res.ops = newRecorder() // the office's login is setup

	c.ops = res.ops
	progress("đăng nhập %d đơn vị với %d người dùng đồng thời", len(fx.units), cfg.Clients)
	start = time.Now()
	parallel(cfg.Clients, len(fx.units), start.Add(cfg.LoginDuration), func(i int) {
		u := &fx.units[i]
		u.token, _ = c.login(ctx, u.username, "login")
	})
	res.loginTime = time.Since(start)

	progress("giờ cao điểm: %d người dùng đồng thời đọc, lưu nháp và gửi báo cáo", cfg.Clients)
	if cfg.LoadProcs > 0 && cfg.CPUProfile == "" { // with --cpuprofile the server runs in this process
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(cfg.LoadProcs))
	}
	if cfg.CPUProfile != "" {
		// Only the rush is profiled: the logins are argon2id and nothing else.
		f, err := os.Create(cfg.CPUProfile)
		if err != nil {
			return res, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return res, err
		}
	}
	var acked atomic.Int64
	done := make(chan struct{})
	var office sync.WaitGroup
	office.Go(func() {
		path := fmt.Sprintf("/api/v1/rounds/%d/matrix", fx.round)
		for {
			select {
			case <-done:
				return
			default:
			}
			c.do(ctx, "matrix", "GET", path, officeToken, nil, nil)
			select {
			case <-done:
				return
			case <-time.After(cfg.MatrixEvery):
			}
		}
	})
	start = time.Now()
	parallel(cfg.Clients, len(fx.units), start.Add(cfg.Duration), func(i int) {
		u := fx.units[i]
		if u.token == "" {
			return // its login failed and is counted there
		}
		if err := c.fullReport(ctx, fx.round, u, i, ""); err == nil {
			acked.Add(1)
		}
	})
	res.rushTime = time.Since(start)
	if cfg.CPUProfile != "" {
		pprof.StopCPUProfile()
	}
	close(done)
	office.Wait()
	res.submissions = int(acked.Load())

	states, err := st.ReportStates(ctx, fx.round)
	if err != nil {
		return res, err
	}
	for _, s := range states {
		if s.Status == tiendo.ReportSubmitted {
			res.stored++
		}
	}
	if res.stored < res.submissions {
		return res, fmt.Errorf("chỉ %d báo cáo ở trạng thái đã gửi trong cơ sở dữ liệu, trong khi %d lần gửi được máy chủ xác nhận", res.stored, res.submissions)
	}
	return res, nil
}

// rushDatabase returns the database to run on and how to remove it: a
// temporary SQLite file, or a fresh schema in the PostgreSQL database given
// so that nothing already there is touched. With --url the database is the
// running server's own, used as it is.
func rushDatabase(ctx context.Context, cfg rushConfig) (dsn string, cleanup func(), err error) {
	switch {
	case cfg.URL != "":
		return cfg.DatabaseURL, func() {}, nil
	case cfg.DatabaseURL == "":
		dir, err := os.MkdirTemp("", "tiendo-rush-")
		if err != nil {
			return "", nil, err
		}
		return "sqlite:" + filepath.Join(dir, "rush.db"), func() { os.RemoveAll(dir) }, nil
	case strings.HasPrefix(cfg.DatabaseURL, "postgres://"), strings.HasPrefix(cfg.DatabaseURL, "postgresql://"):
		u, err := url.Parse(cfg.DatabaseURL)
		if err != nil {
			return "", nil, fmt.Errorf("--database-url: %w", err)
		}
		db, err := sql.Open("pgx", cfg.DatabaseURL)
		if err != nil {
			return "", nil, err
		}
		schema := "tiendo_rush_" + strings.ToLower(rand.Text()[:8])
		if _, err := db.ExecContext(ctx, `CREATE SCHEMA `+schema); err != nil {
			db.Close()
			return "", nil, fmt.Errorf("không tạo được schema %s trên PostgreSQL: %w", schema, err)
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String(), func() {
			db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
			db.Close()
		}, nil
	default:
		// A SQLite file the user names is used as given, which is only
		// right for a throwaway file: refuse one that holds data.
		path := strings.TrimPrefix(cfg.DatabaseURL, "sqlite:")
		if fi, err := os.Stat(path); err == nil && fi.Size() > 0 {
			return "", nil, fmt.Errorf("tệp %s đã có dữ liệu: hãy chỉ một tệp mới, hoặc bỏ --database-url để dùng tệp tạm", path)
		}
		return cfg.DatabaseURL, func() {}, nil
	}
}

// serveInProcess runs serve on st in this process, on a free loopback port,
// logging warnings to logs. It returns the server's base URL and a function
// that stops it.
func serveInProcess(ctx context.Context, st *store.Store, logs io.Writer) (string, func(), error) {
	sctx, cancel := context.WithCancel(ctx)
	addrc, errc := make(chan string, 1), make(chan error, 1)
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
	go func() {
		errc <- serve(sctx, Config{Addr: "127.0.0.1:0", LogLevel: slog.LevelWarn}, st, log, func(a string) { addrc <- a })
	}()
	select {
	case addr := <-addrc:
		return "http://" + addr, func() { cancel(); <-errc }, nil
	case err := <-errc:
		cancel()
		return "", nil, err
	}
}

// rushServer starts the server the rush drives and returns its address and
// how to stop it. Without --url the server is a child process running
// "tiendo serve", so that its peak RSS is its own and not the load
// generator's; with --cpuprofile it runs in this process instead, so that
// runtime/pprof sees it.
func rushServer(ctx context.Context, cfg rushConfig, st *store.Store, dsn string, res *rushResult, stderr io.Writer) (string, func(), error) {
	if cfg.URL != "" {
		res.rss = "không đo (máy chủ ngoài, --url)"
		return strings.TrimSuffix(cfg.URL, "/"), func() {}, nil
	}
	if cfg.CPUProfile != "" {
		base, stop, err := serveInProcess(ctx, st, stderr)
		if err != nil {
			return "", nil, err
		}
		return base, func() {
			res.rss = vmHWM("/proc/self/status") + " (cả máy chủ lẫn bộ tạo tải trong một tiến trình, tính cả phần chuẩn bị)"
			stop()
		}, nil
	}
	exe, err := os.Executable()
	if err != nil {
		return "", nil, err
	}
	cmd := exec.Command(exe, "serve", "-addr", "127.0.0.1:0", "-database-url", dsn)
	cmd.Env = append(os.Environ(), "TIENDO_LOG_LEVEL=WARN")
	cmd.Stderr = stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return "", nil, err
	}
	started := time.Now()
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	stop := func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	}
	addrc := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if m := serveAddrRE.FindStringSubmatch(sc.Text()); m != nil {
				addrc <- m[1]
			}
		}
		close(addrc)
	}()
	addr, ok := <-addrc
	if !ok {
		stop()
		return "", nil, errors.New("máy chủ con dừng trước khi mở cổng")
	}
	base := "http://" + addr
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Since(started) > 30*time.Second {
			stop()
			return "", nil, fmt.Errorf("máy chủ con không trả lời /healthz: %v", err)
		}
		time.Sleep(5 * time.Millisecond)
	}
	res.coldStart = time.Since(started)
	status := fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)
	return base, func() {
		res.rss = vmHWM(status) + fmt.Sprintf(" (tiến trình máy chủ riêng, pid %d)", cmd.Process.Pid)
		stop()
	}, nil
}

// serveAddrRE finds the address "tiendo serve" prints when it is ready.
var serveAddrRE = regexp.MustCompile(`http://(127\.0\.0\.1:\d+)`)

// vmHWM reads a process's peak resident set size from /proc.
func vmHWM(statusFile string) string {
	b, err := os.ReadFile(statusFile)
	if err != nil {
		return "không đọc được: " + err.Error()
	}
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return fmt.Sprintf("%d MB", kb/1024)
		}
	}
	return "không có VmHWM"
}

// parallel runs fn(0..n-1) on workers goroutines and returns when all have
// run, or when the deadline has passed and those in flight have finished.
func parallel(workers, n int, deadline time.Time, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n || time.Now().After(deadline) {
					return
				}
				fn(i)
			}
		})
	}
	wg.Wait()
}

// rushFix is the round a rush runs on.
type rushFix struct {
	round  int64
	office string // the office account's username
	units  []benchUnit
}

// rushFixture creates, through the store, units units whose codes and
// usernames share a random prefix (so a rush can run against a database
// that has data), a reporter for each (when reporters is set), an office
// account and an open round with tasks tasks that every unit leads, each
// with a percentage target and one in millions of đồng.
func rushFixture(ctx context.Context, st *store.Store, units, tasks int, reporters bool) (*rushFix, error) {
	prefix := "r" + strings.ToLower(rand.Text()[:4])
	fx := &rushFix{office: prefix + "-vanphong", units: make([]benchUnit, units)}
	if err := st.CreateUser(ctx, store.Actor{}, &tiendo.User{Username: fx.office, FullName: "Văn phòng (đo tải)", Role: tiendo.RoleOffice}, rushPassword); err != nil {
		return nil, fmt.Errorf("tạo tài khoản Văn phòng: %w", err)
	}
	// Units and users are created on several goroutines: hashing a
	// password (argon2id) is most of the setup, and it uses every core.
	var mu sync.Mutex
	var firstErr error
	fail := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		if firstErr == nil {
			firstErr = err
		}
	}
	parallel(2*runtime.GOMAXPROCS(0), units, time.Now().Add(24*time.Hour), func(i int) {
		u := &fx.units[i]
		u.code = fmt.Sprintf("%s-%04d", prefix, i+1)
		unit := &tiendo.Unit{Code: u.code, Name: fmt.Sprintf("UBND xã số %d", i+1)}
		if err := st.CreateUnit(ctx, store.Actor{}, unit); err != nil {
			fail(fmt.Errorf("tạo đơn vị %s: %w", u.code, err))
			return
		}
		u.id = unit.ID
		if !reporters {
			return
		}
		u.username = u.code
		user := &tiendo.User{Username: u.username, FullName: "Cán bộ " + unit.Name, Role: tiendo.RoleReporter, UnitID: u.id}
		if err := st.CreateUser(ctx, store.Actor{}, user, rushPassword); err != nil {
			fail(fmt.Errorf("tạo tài khoản %s: %w", u.username, err))
		}
		u.userID = user.ID
	})
	if firstErr != nil {
		return nil, firstErr
	}
	ids := make([]int64, units)
	for i, u := range fx.units {
		ids[i] = u.id
	}
	now := time.Now()
	r := &tiendo.Round{Title: "Đợt báo cáo đo tải giờ cao điểm", Status: tiendo.RoundOpen, Deadline: now.Add(24 * time.Hour),
		Period: tiendo.Period{Kind: tiendo.PeriodYear, Year: now.Year()}, UnitIDs: ids}
	for t := range tasks {
		task := &tiendo.Task{Label: strconv.Itoa(t + 1), Text: fmt.Sprintf("Nhiệm vụ trọng tâm số %d: đẩy mạnh cải cách hành chính, nâng cao chất lượng phục vụ người dân", t+1),
			Targets: []*tiendo.Target{
				{Text: "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 95% trở lên", Comparator: tiendo.AtLeast, Value: 95, Unit: "%"},
				{Text: "Thu ngân sách trên địa bàn đạt " + vi.FormatNumber(12500.5, 1) + " triệu đồng", Comparator: tiendo.AtLeast, Value: 12500.5, Unit: "triệu đồng"},
			}}
		for _, id := range ids {
			task.Assignees = append(task.Assignees, tiendo.Assignee{UnitID: id, Role: tiendo.Lead})
		}
		r.Tasks = append(r.Tasks, task)
	}
	if err := st.CreateRound(ctx, store.Actor{}, r); err != nil {
		return nil, fmt.Errorf("tạo đợt báo cáo: %w", err)
	}
	fx.round = r.ID
	return fx, nil
}

// fillReport writes a full report into rep: every section on track, about
// a kilobyte of Vietnamese text in its five fields, numbers written the
// Vietnamese way, and a value for every target. What it writes depends on
// unit i and salt, so a test can tell one attempt's content from another's.
func fillReport(rep *tiendo.UnitReport, i int, salt string) {
	salt = vi.NFC(salt)
	for k, sec := range rep.Sections {
		n := float64(i*31 + k*7)
		money := 12000 + n + 0.5
		sec.Status = "on_track"
		// The texts are in normal form (NFC) with numbers put in: what a
		// browser sends, without the load generator normalising each one.
		sec.ResultVsPlan = fmt.Sprintf(rushResultText, vi.FormatNumber(1000+n, 0), vi.FormatNumber(95.5, 1), vi.FormatNumber(money, 1), vi.FormatNumber(money/12500.5*100, 1), salt)
		sec.VsSamePeriod = fmt.Sprintf(rushSamePeriodText, vi.FormatNumber(7.25, 2), vi.FormatNumber(1.5, 1), vi.FormatNumber(842.75, 2))
		sec.Obstacles = rushObstacles
		sec.Recommendations = rushRecommendations
		sec.NextSteps = fmt.Sprintf(rushNextSteps, vi.FormatNumber(100, 0), "15/12")
		for j := range sec.Actuals {
			v := 95 + float64((i+k+j)%5)
			if j == 1 {
				v = money
			}
			sec.Actuals[j].Value = &v
		}
	}
}

// The texts fillReport writes, in normal form; the numbers that go into
// them are digits and separators, which keep it.
var (
	rushResultText = vi.NFC("Đơn vị đã quán triệt và triển khai nhiệm vụ đến từng thôn, tổ dân phố; %s hồ sơ được tiếp nhận, " +
		"giải quyết đúng hạn %s%%. Thu ngân sách ước đạt %s triệu đồng, bằng %s%% kế hoạch năm; công tác tuyên truyền được duy trì thường xuyên. %s")
	rushSamePeriodText = vi.NFC("So với cùng kỳ năm trước, số hồ sơ tăng %s%%, thời gian giải quyết trung bình giảm %s ngày; " +
		"thu ngân sách tăng %s triệu đồng nhờ khai thác tốt nguồn thu từ đất và phí, lệ phí.")
	rushObstacles = vi.NFC("Một số thủ tục còn phải bổ sung hồ sơ nhiều lần; đường truyền mạng ở các thôn vùng cao chưa ổn định, " +
		"cán bộ một cửa kiêm nhiệm nhiều việc nên việc cập nhật phần mềm đôi khi chậm.")
	rushRecommendations = vi.NFC("Đề nghị Ủy ban nhân dân huyện bố trí kinh phí nâng cấp đường truyền, tổ chức tập huấn nghiệp vụ " +
		"cho công chức tư pháp – hộ tịch và địa chính – xây dựng trong quý tới.")
	rushNextSteps = vi.NFC("Tiếp tục rà soát, đơn giản hóa thủ tục; phấn đấu hoàn thành %s%% chỉ tiêu trước ngày %s; " +
		"tăng cường kiểm tra, đôn đốc các thôn chậm tiến độ.")
)

// client is a rush participant's HTTP client.
type client struct {
	http *http.Client
	base string
	ops  *recorder
}

// do sends a JSON request, records its latency as operation op (unless op
// is ""), and decodes a 2xx answer into out. It encodes and decodes with
// the json v2 prototype, as the API reads bodies (internal/api's decode):
// the load generator's CPU is taken from the server beside it.
func (c *client) do(ctx context.Context, op, method, path, token string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := jsonv2.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if _, ok := out.(*reportState); ok {
		// Only the version and state are read: ask for no more (RFC 7240).
		req.Header.Set("Prefer", "return=minimal")
	}
	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		c.ops.fail(op, "mạng: "+netKind(err), err)
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	elapsed := time.Since(start)
	if err != nil {
		c.ops.fail(op, "mạng: "+netKind(err), err)
		return err
	}
	if resp.StatusCode/100 != 2 {
		var e struct {
			Error struct{ Code, Message string }
		}
		json.Unmarshal(b, &e)
		err := fmt.Errorf("%s %s: HTTP %d %s: %s", method, path, resp.StatusCode, e.Error.Code, e.Error.Message)
		c.ops.fail(op, fmt.Sprintf("HTTP %d %s", resp.StatusCode, e.Error.Code), err)
		return err
	}
	c.ops.ok(op, elapsed)
	if out != nil {
		if err := jsonv2.Unmarshal(b, out, jsonv2.MatchCaseInsensitiveNames(true)); err != nil {
			c.ops.fail(op, "JSON hỏng", err)
			return err
		}
	}
	return nil
}

func netKind(err error) string {
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded):
		return "hết giờ chờ"
	case errors.Is(err, context.Canceled):
		return "đã hủy"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "bị từ chối kết nối"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "kết nối bị cắt"
	}
	return "khác"
}

// login gets an API token.
func (c *client) login(ctx context.Context, username, op string) (string, error) {
	var tok struct{ Token string }
	err := c.do(ctx, op, "POST", "/api/v1/tokens", "", map[string]string{"username": username, "password": rushPassword}, &tok)
	return tok.Token, err
}

// fullReport does what a unit does at the deadline: open its report, save
// it filled in as a draft, and submit it. Of the answers to the save and
// the submission it asks for and reads only the version and the state, as a
// script would: encoding and decoding the whole report twice more would be
// CPU taken from the server, which shares the machine with the load
// generator.
func (c *client) fullReport(ctx context.Context, round int64, u benchUnit, i int, salt string) error {
	path := fmt.Sprintf("/api/v1/rounds/%d/reports/%s", round, u.code)
	var rep tiendo.UnitReport
	if err := c.do(ctx, "get", "GET", path, u.token, nil, &rep); err != nil {
		return err
	}
	fillReport(&rep, i, salt)
	var saved, submitted reportState
	if err := c.do(ctx, "save", "PUT", path, u.token, &rep, &saved); err != nil {
		return err
	}
	if err := c.do(ctx, "submit", "POST", path+"/submit", u.token, map[string]any{"version": saved.Version}, &submitted); err != nil {
		return err
	}
	if submitted.Status != tiendo.ReportSubmitted || submitted.Version != saved.Version+1 {
		err := fmt.Errorf("POST %s/submit: trạng thái %q phiên bản %d, cần %q phiên bản %d", path, submitted.Status, submitted.Version, tiendo.ReportSubmitted, saved.Version+1)
		c.ops.fail("submit", "sai trạng thái", err)
		return err
	}
	return nil
}

// reportState is the part of a report's JSON the rush reads back.
type reportState struct {
	Version int                 `json:"version"`
	Status  tiendo.ReportStatus `json:"status"`
}

// recorder keeps every operation's latencies and errors.
type recorder struct {
	mu     sync.Mutex
	lat    map[string][]time.Duration
	errs   map[string]map[string]int
	shown  int
	sample []string // the first few error messages, to say what went wrong
}

func newRecorder() *recorder {
	return &recorder{lat: map[string][]time.Duration{}, errs: map[string]map[string]int{}}
}

func (r *recorder) ok(op string, d time.Duration) {
	if op == "" {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.lat[op] = append(r.lat[op], d)
}

func (r *recorder) fail(op, kind string, err error) {
	if op == "" {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.errs[op] == nil {
		r.errs[op] = map[string]int{}
	}
	r.errs[op][kind]++
	if len(r.sample) < 5 {
		r.sample = append(r.sample, op+": "+err.Error())
	}
}

func (r *recorder) errorCount() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, kinds := range r.errs {
		for _, k := range kinds {
			n += k
		}
	}
	return n
}

// rushOps are the operations in the order a unit does them.
var rushOps = []string{"login", "get", "save", "submit", "matrix"}

func (res *rushResult) print(w io.Writer) {
	cfg := res.cfg
	fmt.Fprintf(w, "Giờ cao điểm trên %s: %d đơn vị x %d nhiệm vụ, %d người dùng đồng thời, Văn phòng đọc ma trận mỗi %s\n",
		res.dialect, cfg.Units, cfg.Tasks, cfg.Clients, cfg.MatrixEvery)
	if cfg.LoadProcs > 0 && cfg.CPUProfile == "" {
		fmt.Fprintf(w, "bộ tạo tải chạy %d luồng Go (--load-procs); máy chủ là tiến trình riêng, trên cả %d lõi\n", cfg.LoadProcs, runtime.NumCPU())
	}
	fmt.Fprintf(w, "chuẩn bị %.1f s (không tính); đăng nhập %.1f s; gửi báo cáo %.1f s", res.setup.Seconds(), res.loginTime.Seconds(), res.rushTime.Seconds())
	if res.coldStart > 0 {
		fmt.Fprintf(w, "; khởi động máy chủ đến /healthz %d ms", res.coldStart.Milliseconds())
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "thao tác\tsố lượt\tp50\tp90\tp99\tmax\tlỗi\t")
	res.ops.mu.Lock()
	for _, op := range rushOps {
		lat := slices.Clone(res.ops.lat[op])
		slices.Sort(lat)
		nerr := 0
		for _, n := range res.ops.errs[op] {
			nerr += n
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%d\t\n", op, len(lat), pct(lat, 50), pct(lat, 90), pct(lat, 99), pct(lat, 100), nerr)
	}
	tw.Flush()
	var kinds []string
	for _, op := range rushOps {
		for k, n := range res.ops.errs[op] {
			kinds = append(kinds, fmt.Sprintf("  %s %s: %d", op, k, n))
		}
	}
	sample := res.ops.sample
	res.ops.mu.Unlock()
	if len(kinds) > 0 {
		slices.Sort(kinds)
		fmt.Fprintln(w, "\nlỗi theo loại:")
		fmt.Fprintln(w, strings.Join(kinds, "\n"))
		fmt.Fprintln(w, "ví dụ:")
		for _, s := range sample {
			fmt.Fprintln(w, "  "+s)
		}
	}
	fmt.Fprintln(w)
	rate := 0.0
	if res.rushTime > 0 {
		rate = float64(res.submissions) / res.rushTime.Seconds()
	}
	fmt.Fprintf(w, "đã gửi: %d được xác nhận, %d ở trạng thái đã gửi trong cơ sở dữ liệu\n", res.submissions, res.stored)
	fmt.Fprintf(w, "submissions/s: %.0f\n", rate)
	fmt.Fprintf(w, "errors: %d\n", res.ops.errorCount())
	fmt.Fprintf(w, "RSS đỉnh của máy chủ: %s\n", res.rss)
}

// pct returns the p-th percentile of sorted durations (nearest rank).
func pct(sorted []time.Duration, p int) string {
	if len(sorted) == 0 {
		return "-"
	}
	i := (p*len(sorted)+99)/100 - 1
	i = max(0, min(i, len(sorted)-1))
	d := sorted[i]
	if d < 10*time.Millisecond {
		return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000)
	}
	return fmt.Sprintf("%dms", d.Milliseconds())
}
