//go:build unix

package main

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// parseFloorArg makes benchrun, run as a child, parse a CSV with
// encoding/csv and nothing else: the floor every score run is compared to,
// measured the same way (a process of its own, its wall time).
const parseFloorArg = "-parse-floor"

// parseFloor reads every record of path, as bare as the standard library
// allows (64 KiB buffer, reused records), and prints the count.
func parseFloor(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReaderSize(f, 64<<10))
	r.ReuseRecord = true
	n := 0
	for {
		_, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		n++
	}
	fmt.Fprintln(io.Discard, n)
	return nil
}

// scaleCase is one command of the scale comparison.
type scaleCase struct {
	name string
	args []string // nil: the parse floor
}

// scaleResult is what the cases measured, interleaved over runs.
type scaleResult struct {
	walls, cpus map[string][]time.Duration
	peak        map[string]int64
}

func (s scaleResult) wall(name string) time.Duration { return median(s.walls[name]) }
func (s scaleResult) cpu(name string) time.Duration  { return median(s.cpus[name]) }

// runScale times the parse floor, score in csv, json and table, and gaps,
// on the same file, one of each in turn, runs times: on a shared machine
// the ratios of one run mean more than any absolute time.
func runScale(bin, csvFile string, rows, runs int) (scaleResult, []row, error) {
	self, err := os.Executable()
	if err != nil {
		return scaleResult{}, nil, err
	}
	cases := []scaleCase{
		{name: "parse"},
		{name: "csv", args: []string{"score", "--criteria", "garden-county", "--format", "csv", csvFile}},
		{name: "json", args: []string{"score", "--criteria", "garden-county", "--format", "json", csvFile}},
		{name: "table", args: []string{"score", "--criteria", "garden-county", csvFile}},
		{name: "gaps", args: []string{"gaps", "--criteria", "garden-county", "--format", "csv", csvFile}},
	}
	res := scaleResult{walls: map[string][]time.Duration{}, cpus: map[string][]time.Duration{}, peak: map[string]int64{}}
	fmt.Printf("## scale: the parse floor, score csv/json/table and gaps on %s, interleaved, %d runs\n\n", csvFile, runs)
	for _, c := range cases {
		if c.args != nil {
			fmt.Printf("- %s: %s %s > /dev/null\n", c.name, bin, strings.Join(c.args, " "))
		} else {
			fmt.Printf("- parse: encoding/csv alone (%s %s %s)\n", filepath.Base(self), parseFloorArg, csvFile)
		}
	}
	fmt.Println()
	for i := range runs {
		for _, c := range cases {
			var m measurement
			var err error
			if c.args == nil {
				m, err = measure(self, []string{parseFloorArg, csvFile})
			} else {
				m, err = measure(bin, c.args)
			}
			if err != nil {
				return res, nil, fmt.Errorf("%s: %v", c.name, err)
			}
			fmt.Printf("run %d %-5s wall %7.3f s  cpu %7.3f s  peak RSS %6.1f MB\n", i+1, c.name, m.wall.Seconds(), (m.user + m.sys).Seconds(), mb(m.maxRSS))
			res.walls[c.name] = append(res.walls[c.name], m.wall)
			res.cpus[c.name] = append(res.cpus[c.name], m.user+m.sys)
			res.peak[c.name] = max(res.peak[c.name], m.maxRSS)
		}
	}
	fmt.Println()
	floor := res.wall("parse")
	ratio := func(name string) string {
		return fmt.Sprintf("%.3f s wall (median of %d), %.1f× the parse floor (%.3f s); CPU %.3f s, %.1f× the floor's CPU",
			res.wall(name).Seconds(), runs, float64(res.wall(name))/float64(floor), floor.Seconds(),
			res.cpu(name).Seconds(), float64(res.cpu(name))/float64(res.cpu("parse")))
	}
	csvWall := res.wall("csv")
	var table []row
	table = append(table,
		row{what: fmt.Sprintf("`score --format csv`, %d rows, against the bare encoding/csv parse of the same file", rows), target: "≤ 4× the parse floor",
			measured: ratio("csv"), pass: csvWall <= 4*floor},
		row{what: fmt.Sprintf("`score --format json`, %d rows, against the parse floor", rows), target: "≤ 6× the parse floor",
			measured: ratio("json"), pass: res.wall("json") <= 6*floor},
		row{what: fmt.Sprintf("`score --format table` (the default), %d rows, against csv in the same run", rows), target: "≤ 5× the csv time",
			measured: fmt.Sprintf("%.1f× csv (%s); CPU %.1f× csv; peak %.1f MB", float64(res.wall("table"))/float64(csvWall), ratio("table"),
				float64(res.cpu("table"))/float64(res.cpu("csv")), mb(res.peak["table"])),
			pass: res.wall("table") <= 5*csvWall},
		row{what: fmt.Sprintf("`gaps --format csv`, %d rows, time against score csv in the same run", rows), target: "≤ 2× the csv time",
			measured: fmt.Sprintf("%.1f× csv (%s); CPU %.1f× csv", float64(res.wall("gaps"))/float64(csvWall), ratio("gaps"),
				float64(res.cpu("gaps"))/float64(res.cpu("csv"))),
			pass: res.wall("gaps") <= 2*csvWall},
		row{what: fmt.Sprintf("`gaps --format csv`, %d rows, peak RSS (max of %d)", rows, runs), target: "≤ 200 MB",
			measured: fmt.Sprintf("%.1f MB", mb(res.peak["gaps"])), pass: res.peak["gaps"] <= 200e6},
	)
	for _, f := range []string{"csv", "json"} {
		table = append(table, row{what: fmt.Sprintf("`score --format %s`, %d rows, peak RSS (max of %d)", f, rows, runs),
			target: "flat (see the 1,000,000-row figure)", measured: fmt.Sprintf("%.1f MB", mb(res.peak[f])), pass: true})
	}
	return res, table, nil
}

// runBig scores a file of bigRows subjects in one run for each streaming
// format, above the default input limit (so with --max-input-size), with a
// heap profile taken at the last subject; it also times the refusal of the
// same file without the flag, which must come before any reading.
func runBig(bin, bigFile string, bigRows int) ([]row, error) {
	var table []row
	fmt.Printf("## %d rows: %s\n\n", bigRows, bigFile)
	st, err := os.Stat(bigFile)
	if err != nil {
		return nil, err
	}
	// The refusal: exit 2 at once, naming the limit.
	args := []string{"score", "--criteria", "garden-county", "--format", "csv", bigFile}
	start := time.Now()
	cmd := exec.Command("./"+bin, args...)
	out, _ := cmd.CombinedOutput()
	refusal := time.Since(start)
	code := cmd.ProcessState.ExitCode()
	fmt.Printf("without --max-input-size: exit %d in %v: %s\n", code, refusal.Round(time.Millisecond), firstLines(string(out), 2))
	table = append(table, row{what: fmt.Sprintf("a %.0f MB file above the 256 MiB input limit is refused before reading", float64(st.Size())/1e6),
		target: "exit 2, ≤ 0.5 s", measured: fmt.Sprintf("exit %d in %.3f s", code, refusal.Seconds()),
		pass: code == 2 && refusal <= 500*time.Millisecond && strings.Contains(string(out), "limit")})

	for _, f := range []string{"csv", "json"} {
		prof := filepath.Join(".bench", "heap-"+f+".pprof")
		// --quiet: past row 141,000 the generated names (县0141100) read as
		// subject codes (141100 is 吕梁市), and score rightly warns of them.
		args := []string{"--memprofile", prof, "score", "--criteria", "garden-county", "--format", f, "--max-input-size", "2GiB", "--quiet", bigFile}
		fmt.Printf("%s %s > /dev/null\n", bin, strings.Join(args, " "))
		m, err := measureRun(bin, args, true)
		what := fmt.Sprintf("`score --format %s --max-input-size 2GiB`, %d rows in one run, peak RSS", f, bigRows)
		if err != nil {
			fmt.Printf("FAILED: %v\n\n", err)
			table = append(table, row{what: what, target: "exit 0, ≤ 100 MB", measured: "FAILED: " + err.Error()})
			return table, err
		}
		fmt.Printf("wall %v, cpu %v, peak RSS %.1f MB\n", m.wall.Round(time.Millisecond), (m.user + m.sys).Round(time.Millisecond), mb(m.maxRSS))
		inuse, top := heapTop(bin, prof)
		fmt.Printf("heap in use at the last subject: %.1f MB, %.1f bytes a subject; top:\n%s\n", mb(inuse), float64(inuse)/float64(bigRows), top)
		table = append(table, row{what: what, target: "≤ 100 MB",
			measured: fmt.Sprintf("%.1f MB (wall %.1f s); heap in use at the last subject %.1f MB = %.0f B a subject (%s)",
				mb(m.maxRSS), m.wall.Seconds(), mb(inuse), float64(inuse)/float64(bigRows), prof),
			pass: m.maxRSS <= 100e6})
	}
	return table, nil
}

// heapTop reads a heap profile with go tool pprof: the bytes in use and the
// top entries.
func heapTop(bin, prof string) (int64, string) {
	out, err := exec.Command("go", "tool", "pprof", "-sample_index=inuse_space", "-top", "-nodecount=6", bin, prof).Output()
	if err != nil {
		return 0, "(go tool pprof failed: " + err.Error() + ")"
	}
	var total int64
	var lines []string
	for _, l := range strings.Split(string(out), "\n") {
		if strings.Contains(l, "% of ") && strings.Contains(l, "total") {
			// "Showing nodes accounting for 40.01MB, 99.1% of 40.35MB total"
			f := strings.Fields(l[strings.Index(l, "% of ")+5:])
			if len(f) > 0 {
				total = parseBytes(f[0])
			}
		}
		if strings.HasPrefix(strings.TrimSpace(l), "flat") || strings.Contains(l, "MB ") || strings.Contains(l, "kB ") {
			lines = append(lines, "    "+strings.TrimSpace(l))
		}
	}
	return total, strings.Join(lines, "\n")
}

// parseBytes reads pprof's 40.35MB, 512.02kB, 12B.
func parseBytes(s string) int64 {
	units := []struct {
		suffix string
		mult   float64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"kB", 1 << 10}, {"B", 1}}
	for _, u := range units {
		if v, ok := strings.CutSuffix(s, u.suffix); ok {
			var f float64
			if _, err := fmt.Sscanf(v, "%g", &f); err == nil {
				return int64(f * u.mult)
			}
		}
	}
	return 0
}
