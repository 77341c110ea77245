package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"countyscore/criteria"
	"countyscore/inputs"
	"countyscore/internal/memtune"
	"countyscore/internal/messages"
	"countyscore/internal/profile"
	"countyscore/pipeline"
	"countyscore/report"
)

// run is the whole program behind main: it parses args, runs one command
// and returns the exit code. Tests call it directly.
func run(args []string, stdout, stderr io.Writer) (code int) {
	lang := messages.Lang(args)
	defer func() {
		if p := recover(); p != nil {
			say(stderr, lang, fmt.Sprintf("internal error (a bug, please report it): %v", p))
			stderr.Write(debug.Stack())
			code = exitInternal
		}
	}()
	app := newApp(stdout, stderr)
	app.Metadata = map[string]any{langKey: lang}
	if !completing(args) {
		args = reorder(app, args)
	}
	err := app.Run(args)
	code = exitCode(err)
	switch {
	case err == nil, code == exitFailed, code == exitPartial:
	case code == exitInternal:
		say(stderr, lang, fmt.Sprintf("internal error (a bug, please report it): %v", err))
	default:
		printError(stderr, lang, err)
	}
	return code
}

// printError writes err to stderr, one problem a line, each line
// "countyscore: file:line: field: message": every bad cell of a run, in
// file and line order, the first inputs.ShownErrors of them, then how
// many more. Each is in lang ("en" as the code words it, else Chinese).
func printError(w io.Writer, lang string, err error) {
	var errs *inputs.Errors
	if !errors.As(err, &errs) {
		sayError(w, lang, err)
		return
	}
	for i, e := range errs.List {
		if i == inputs.ShownErrors {
			break
		}
		sayError(w, lang, e)
	}
	if n := errs.Len() - min(len(errs.List), inputs.ShownErrors); n > 0 {
		say(w, lang, fmt.Sprintf("… and %d more", n))
	}
}

func newApp(stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
		Name:      "countyscore",
		Usage:     "evaluate counties against government standards and targets (吕梁市 criteria built in)",
		UsageText: "countyscore COMMAND [options] [arguments]",
		Writer:    stdout,
		ErrWriter: stderr,
		// urfave/cli would call os.Exit inside Run; codes are mapped in run.
		ExitErrHandler:       func(*cli.Context, error) {},
		Version:              version(),
		EnableBashCompletion: true,
		Flags: append([]cli.Flag{
			// --lang before a command: messages of a mistyped command follow it.
			langFlag(),
			&cli.StringSliceFlag{
				Name:    "criteria-dir",
				Usage:   "a directory of criteria files found by ID (DIR/ID.toml), searched before the built-in sets; repeatable",
				EnvVars: []string{"COUNTYSCORE_CRITERIA_DIR"},
			},
		}, profileFlags()...),
		Before: func(c *cli.Context) error {
			criteria.SetSearchPath(c.StringSlice("criteria-dir"))
			return startProfiles(c)
		},
		After: stopProfiles,
		Commands: []*cli.Command{
			criteriaCommand(),
			templateCommand(),
			scoreCommand(),
			gapsCommand(),
			planCommand(),
			explainCommand(),
			completionCommand(),
			compareCommand(),
			diffCommand(),
			trendCommand(),
		},
		// A misspelt command exits 2 (urfave/cli's own code would be 3).
		CommandNotFound: func(c *cli.Context, name string) {},
		OnUsageError: func(c *cli.Context, err error, _ bool) error {
			return usageError{msg: err.Error()}
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return unknownCommand(c.App.Commands, c.Args().First())
			}
			return cli.ShowAppHelp(c)
		},
	}
	addBOMFlags(app.Commands)
	for _, cmd := range app.Commands {
		addOutputFlags(cmd)
		setUsageErrors(cmd)
	}
	return app
}

// addOutputFlags gives every command that renders (it has --format) the
// flags of its output's layout: --width (unless the command defines its
// own) and --quiet.
func addOutputFlags(cmd *cli.Command) {
	has := func(name string) bool {
		return slices.ContainsFunc(cmd.Flags, func(f cli.Flag) bool { return slices.Contains(f.Names(), name) })
	}
	if has("format") {
		if !has("width") {
			cmd.Flags = append(cmd.Flags, &cli.IntFlag{Name: "width", Usage: "fit tables to `N` columns (default: the terminal's width; none when piped)"})
		}
		cmd.Flags = append(cmd.Flags, &cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "drop warnings"})
	}
	for _, sub := range cmd.Subcommands {
		addOutputFlags(sub)
	}
}

// setUsageErrors makes every flag error of cmd and its subcommands a usage
// error (exit 2).
func setUsageErrors(cmd *cli.Command) {
	cmd.OnUsageError = func(c *cli.Context, err error, _ bool) error {
		return usageError{msg: fmt.Sprintf("%s: %v", cmd.Name, err)}
	}
	for _, sub := range cmd.Subcommands {
		setUsageErrors(sub)
	}
}

func unknownCommand(cmds []*cli.Command, name string) error {
	var names []string
	for _, c := range cmds {
		names = append(names, c.Name)
	}
	msg := fmt.Sprintf("unknown command %q", name)
	if near, ok := criteria.Nearest(name, names); ok {
		msg += fmt.Sprintf("; did you mean %q?", near)
	} else {
		msg += fmt.Sprintf(" (commands: %s)", strings.Join(names, ", "))
	}
	return usageError{msg: msg}
}

// reorder moves flags before positional arguments, so that
// `countyscore explain garden-county G10 --input a.toml` works as people
// type it: urfave/cli stops reading flags at the first argument.
func reorder(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	out := []string{args[0]}
	rest := args[1:]
	cmds := app.Commands
	var cmd *cli.Command
	for len(rest) > 0 {
		found := findCommand(cmds, rest[0])
		if found == nil {
			break
		}
		cmd, cmds = found, found.Subcommands
		out = append(out, rest[0])
		rest = rest[1:]
	}
	if cmd == nil {
		return args
	}
	var flags, positional []string
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if a == "--" {
			positional = append(positional, rest[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			positional = append(positional, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		if takesValue(cmd, name) && i+1 < len(rest) {
			flags = append(flags, rest[i+1])
			i++
		}
	}
	out = append(out, flags...)
	if len(positional) > 0 {
		out = append(out, "--")
		out = append(out, positional...)
	}
	return out
}

func findCommand(cmds []*cli.Command, name string) *cli.Command {
	for _, c := range cmds {
		if c.Name == name {
			return c
		}
		for _, a := range c.Aliases {
			if a == name {
				return c
			}
		}
	}
	return nil
}

func takesValue(cmd *cli.Command, name string) bool {
	for _, f := range cmd.Flags {
		for _, n := range f.Names() {
			if n != name {
				continue
			}
			_, isBool := f.(*cli.BoolFlag)
			return !isBool
		}
	}
	return false
}

// formatFlag, langFlag, criteriaFlag and outputFlag are shared by the
// commands. formatFlag lists the formats that render the command's
// document, from the renderers' one registry.
func formatFlag(def, kind string) *cli.StringFlag {
	return &cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: def,
		Usage: "output format: " + strings.Join(report.Formats(kind), ", ")}
}

func langFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "lang", Value: "zh", Usage: "language of labels: " + strings.Join(report.Langs, ", ")}
}

// criteriaFlag is checked in loadCriteria rather than marked Required:
// urfave/cli's own "required flag" error bypasses OnUsageError.
func criteriaFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "criteria", Aliases: []string{"c"},
		Usage: "criteria set (required): a built-in ID (" + strings.Join(criteria.BuiltinIDs(), ", ") + ") or a .toml file"}
}

func outputFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to FILE (whole or not at all) instead of stdout"}
}

// renderer returns the renderer that --format and --lang ask for, for a
// document of kind; a format that does not render it is a usage error,
// found before any input is read.
func renderer(c *cli.Context, kind string) (report.Renderer, error) {
	w, err := width(c)
	if err != nil {
		return nil, err
	}
	r, err := report.New(c.String("format"), c.String("lang"), kind, report.Width(w))
	if err != nil {
		return nil, usageError{msg: fmt.Sprintf("%s: %v", c.Command.Name, err)}
	}
	if _, err := wantBOM(c); err != nil {
		return nil, err
	}
	return r, checkBinaryDest(c, c.App.Writer)
}

// deliver renders doc to --output (when the command has it) or stdout,
// whole or not at all, then prints the run's warnings.
func deliver(c *cli.Context, r report.Renderer, doc pipeline.Document, warns *inputs.Warnings) error {
	out := newOutput(c.App.Writer, c.String("output"))
	if bom, _ := wantBOM(c); bom {
		io.WriteString(out, utf8BOM)
	}
	if err := r.Render(out, doc); err != nil {
		out.discard()
		return err
	}
	if !c.Bool("quiet") {
		printWarnings(c.App.ErrWriter, msgLang(c), warns)
	}
	return out.commit()
}

// printWarnings writes the run's warnings to stderr in lang.
func printWarnings(w io.Writer, lang string, warns *inputs.Warnings) {
	if warns == nil {
		return
	}
	for _, msg := range warns.List() {
		say(w, lang, "warning: "+msg)
	}
}

// evaluation reads what score and gaps share: the renderer, the criteria
// set and the input files, each checked before anything is read.
func evaluation(c *cli.Context, kind func(*criteria.Set) string) (report.Renderer, *criteria.Set, []string, error) {
	if err := report.CheckLang(c.String("lang")); err != nil {
		return nil, nil, nil, usageError{msg: err.Error()}
	}
	s, err := loadCriteria(c.String("criteria"))
	if err != nil {
		return nil, nil, nil, err
	}
	r, err := renderer(c, kind(s))
	if err != nil {
		return nil, nil, nil, err
	}
	files := c.Args().Slice()
	if len(files) == 0 {
		return nil, nil, nil, usagef("%s: give one or more input files (.toml, .csv or .xlsx)", c.Command.Name)
	}
	return r, s, files, checkOutputPath(c.String("output"), files)
}

// loadCriteria loads --criteria; its errors are bad input (exit 2).
func loadCriteria(ref string) (*criteria.Set, error) {
	if ref == "" {
		return nil, usagef("--criteria is required: a built-in set (%s) or a .toml file", strings.Join(criteria.BuiltinIDs(), ", "))
	}
	s, err := criteria.Load(ref)
	if err != nil {
		var le *criteria.LoadError
		if errors.As(err, &le) {
			return nil, err
		}
		return nil, usageError{msg: err.Error()}
	}
	return s, nil
}

// profileFlags are the developers' global flags (docs/performance.md):
// `countyscore --cpuprofile cpu.out score …`, or the same through the
// environment, for a run started by a script.
func profileFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "cpuprofile", EnvVars: []string{"COUNTYSCORE_CPUPROFILE"},
			Usage: "write a CPU profile of the run to `FILE` (for go tool pprof)"},
		&cli.StringFlag{Name: "memprofile", EnvVars: []string{"COUNTYSCORE_MEMPROFILE"},
			Usage: "write a heap profile to `FILE` when the last subject has been read (for go tool pprof)"},
	}
}

// profileKey is where the run's profiling session lives in the app's
// metadata, for the commands that mark the moment of the heap profile.
const profileKey = "profile"

func startProfiles(c *cli.Context) error {
	if c.String("cpuprofile") == "" && c.String("memprofile") == "" {
		return nil
	}
	s, err := profile.Start(c.String("cpuprofile"), c.String("memprofile"))
	if err != nil {
		return usageError{msg: err.Error()}
	}
	if c.App.Metadata == nil {
		c.App.Metadata = map[string]any{}
	}
	c.App.Metadata[profileKey] = s
	return nil
}

func stopProfiles(c *cli.Context) error {
	if err := profiling(c).Stop(); err != nil {
		return outputError{err}
	}
	return nil
}

// profiling is the run's profiling session, or nil (whose methods do
// nothing) when no profile was asked for.
func profiling(c *cli.Context) *profile.Session {
	s, _ := c.App.Metadata[profileKey].(*profile.Session)
	return s
}

// maxInputFlag raises or lowers the size limit of a CSV input.
func maxInputFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "max-input-size", Value: inputs.SizeText(inputs.MaxCSVSize),
		Usage: "refuse a CSV input larger than `SIZE` (bytes, or with KiB, MiB, GiB, KB, MB, GB), checked before it is read"}
}

// runOptions are the pipeline options of score and gaps: the input size
// limit, and the moment of the heap profile.
func runOptions(c *cli.Context, s *criteria.Set) ([]pipeline.Option, error) {
	n, err := parseSize(c.String("max-input-size"))
	if err != nil {
		return nil, usagef("--max-input-size %q: %v", c.String("max-input-size"), err)
	}
	opts, err := setOptions(c, s)
	if err != nil {
		return nil, err
	}
	opts = append(opts, pipeline.MaxInputSize(n))
	if p := profiling(c); p != nil {
		opts = append(opts, pipeline.AtEnd(p.Snapshot))
	}
	return opts, nil
}

// parseSize reads a byte count: 2GiB, 512 MiB, 300MB, 1000000.
func parseSize(s string) (int64, error) {
	text := strings.TrimSpace(s)
	i := 0
	for i < len(text) && (text[i] >= '0' && text[i] <= '9' || text[i] == '.') {
		i++
	}
	units := map[string]float64{"": 1, "b": 1, "kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40,
		"kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
	unit, ok := units[strings.ToLower(strings.TrimSpace(text[i:]))]
	v, err := strconv.ParseFloat(text[:i], 64)
	if !ok || err != nil || v <= 0 {
		return 0, errors.New("want a size such as 512MiB or 2GiB")
	}
	if n := v * unit; n < math.MaxInt64 {
		return int64(n), nil
	}
	return 0, errors.New("too large")
}

// setMemory tunes the collector for a run and returns what restores it:
// GOGC 400 while the heap is small, a memory limit that follows 1.25 times
// the live heap above memoryFloor (package memtune), so the peak stays flat
// however many subjects stream past. GOGC and GOMEMLIMIT in the
// environment win.
func setMemory() (restore func()) { return memtune.Start(memoryFloor) }

// memoryFloor is the heap the collector lets a run reach freely: room for
// a million subjects' duplicate check (about 35 MB) and the renderers'
// buffers.
const memoryFloor = 48 << 20
