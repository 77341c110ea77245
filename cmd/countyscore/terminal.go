package main

import (
	"os"
	"strconv"

	"github.com/mattn/go-isatty"
	"github.com/urfave/cli/v2"
)

// defaultWidth is the width of a comparison written anywhere but a
// terminal (a file, a pipe, a test).
const defaultWidth = 120

// terminal reports whether the command's results go to a terminal, and
// its width: only then may compare colour its cells and fit the terminal.
func terminal(c *cli.Context) (bool, int) {
	if c.String("output") != "" {
		return false, defaultWidth
	}
	f, ok := c.App.Writer.(*os.File)
	if !ok || !isatty.IsTerminal(f.Fd()) {
		return false, defaultWidth
	}
	if w := termWidth(f); w > 0 {
		return true, w
	}
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		return true, n
	}
	return true, defaultWidth
}

// useColor honours NO_COLOR (https://no-color.org): set to anything
// but empty, it turns colour off.
func useColor(isTerm bool) bool {
	return isTerm && os.Getenv("NO_COLOR") == ""
}
