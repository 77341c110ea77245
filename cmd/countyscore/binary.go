package main

import (
	"io"
	"os"

	"github.com/urfave/cli/v2"

	"countyscore/report"
)

// utf8BOM opens a CSV file so that Excel reads it as UTF-8: without it,
// Excel on a Chinese Windows reads the file as GBK and shows mojibake.
const utf8BOM = "\xef\xbb\xbf"

// bomFlag asks for the BOM on stdout too (a file written with -o gets it
// anyway).
func bomFlag() *cli.BoolFlag {
	return &cli.BoolFlag{Name: "bom", Usage: "start CSV output with a UTF-8 byte-order mark, for Excel (always done with --output)"}
}

// addBOMFlags gives --bom to every command that has --format and
// --output, so a new command gets it without its own line.
func addBOMFlags(cmds []*cli.Command) {
	for _, cmd := range cmds {
		var hasFormat, hasOutput bool
		for _, f := range cmd.Flags {
			for _, n := range f.Names() {
				hasFormat = hasFormat || n == "format"
				hasOutput = hasOutput || n == "output"
			}
		}
		if hasFormat && hasOutput {
			cmd.Flags = append(cmd.Flags, bomFlag())
		}
		addBOMFlags(cmd.Subcommands)
	}
}

// wantBOM reports whether the output starts with a BOM: CSV written to a
// file, or asked for with --bom. --bom with another format is a usage
// error: a BOM in JSON or a workbook breaks it.
func wantBOM(c *cli.Context) (bool, error) {
	csv := c.String("format") == "csv"
	if c.Bool("bom") && !csv {
		return false, usagef("%s: --bom is for --format csv", c.Command.Name)
	}
	return csv && (c.Bool("bom") || c.String("output") != ""), nil
}

// checkBinaryDest refuses to send a binary format (a workbook) to a
// terminal, where it would print as garbage and could upset the terminal:
// it needs --output or a redirect. Pipes, files and /dev/null are fine.
func checkBinaryDest(c *cli.Context, stdout io.Writer) error {
	format := c.String("format")
	if !report.IsBinary(format) || c.String("output") != "" {
		return nil
	}
	if isTerminal(stdout) {
		return usagef("%s: --format %s writes a binary file; give --output FILE.%s, or redirect stdout to a file", c.Command.Name, format, format)
	}
	return nil
}

// isTerminal reports whether w is a character device other than
// /dev/null: a terminal, for the purpose of refusing binary output.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	if null, err := os.Stat(os.DevNull); err == nil && os.SameFile(st, null) {
		return false
	}
	return true
}
