//go:build unix

package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// nextYear writes the sheet a year on: the same subjects, each with three
// of its values changed (a yes turned to no or back, a number's last digit
// one lower, which keeps it valid), the way a county's report changes
// from one year to the next. The generated sheet has no quoted cells.
func nextYear(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	w := bufio.NewWriter(out)
	for i := 0; sc.Scan(); i++ {
		cells := strings.Split(sc.Text(), ",")
		if i > 0 && len(cells) > 3 {
			n := len(cells) - 3
			for _, k := range []int{i * 7, i*13 + 1, i*29 + 2} {
				c := &cells[3+k%n]
				switch {
				case *c == "true":
					*c = "false"
				case *c == "false":
					*c = "true"
				case *c != "" && (*c)[len(*c)-1] >= '1' && (*c)[len(*c)-1] <= '9':
					*c = (*c)[:len(*c)-1] + string((*c)[len(*c)-1]-1)
				}
			}
		}
		w.WriteString(strings.Join(cells, ","))
		w.WriteByte('\n')
	}
	if err := sc.Err(); err != nil {
		out.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// viewRuns times compare and diff on rows subjects against score on the
// same input, in the same rounds, all with CSV output to /dev/null: the
// target is at most twice score's median wall time and twice its median
// CPU time (user+sys), both; peak memory is reported beside score's. diff
// reads a second sheet, the same subjects with three values changed each.
func viewRuns(bin, csvFile string, rows int, runs int) ([]row, error) {
	newFile := filepath.Join(".bench", strings.TrimSuffix(inputName(rows), ".csv")+"-next.csv")
	if err := nextYear(csvFile, newFile); err != nil {
		return nil, fmt.Errorf("writing %s: %w", newFile, err)
	}
	cmds := []struct {
		name string
		args []string
	}{
		{"score", []string{"score", "--criteria", "garden-county", "--format", "csv", csvFile}},
		{"compare", []string{"compare", "--criteria", "garden-county", "--format", "csv", csvFile}},
		{"diff", []string{"diff", "--criteria", "garden-county", "--format", "csv", csvFile, newFile}},
	}
	// The three run in turn, round after round, so that a slow spell of
	// the machine falls on all of them, not on one block.
	for _, c := range cmds {
		fmt.Printf("## %s %s > /dev/null\n", bin, strings.Join(c.args, " "))
	}
	fmt.Printf("\n%d rounds, the three in turn:\n\n", runs)
	walls, cpu := map[string][]time.Duration{}, map[string][]time.Duration{}
	peaks := map[string]int64{}
	for i := 0; i < runs; i++ {
		for _, c := range cmds {
			m, err := measure(bin, c.args)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", c.name, err)
			}
			fmt.Printf("run %d, %s: wall %v, peak RSS %.1f MB, user %v, sys %v\n", i+1, c.name, m.wall.Round(time.Millisecond),
				mb(m.maxRSS), m.user.Round(time.Millisecond), m.sys.Round(time.Millisecond))
			walls[c.name] = append(walls[c.name], m.wall)
			cpu[c.name] = append(cpu[c.name], m.user+m.sys)
			peaks[c.name] = max(peaks[c.name], m.maxRSS)
		}
	}
	fmt.Println()
	medians, cpus := map[string]time.Duration{}, map[string]time.Duration{}
	for _, c := range cmds {
		medians[c.name], cpus[c.name] = median(walls[c.name]), median(cpu[c.name])
		fmt.Printf("%s: median %v, min %v\n", c.name, medians[c.name].Round(time.Millisecond), slices.Min(walls[c.name]).Round(time.Millisecond))
	}
	fmt.Println()
	base := medians["score"]
	var out []row
	for _, name := range []string{"compare", "diff"} {
		ratio := float64(medians[name]) / float64(base)
		cpuRatio := float64(cpus[name]) / float64(cpus["score"])
		out = append(out, row{
			what:   fmt.Sprintf("`%s --format csv`, %d rows, wall and CPU (median of %s) against `score` in the same run (%.3f s)", name, rows, strconv.Itoa(runs), base.Seconds()),
			target: "≤ 2 × score, wall and CPU",
			measured: fmt.Sprintf("%.3f s = %.2f × score; CPU user+sys %.3f s = %.2f × score's %.3f s; peak RSS %.1f MB (score %.1f MB)",
				medians[name].Seconds(), ratio, cpus[name].Seconds(), cpuRatio, cpus["score"].Seconds(),
				mb(peaks[name]), mb(peaks["score"])),
			pass: ratio <= 2 && cpuRatio <= 2,
		})
	}
	return out, nil
}
