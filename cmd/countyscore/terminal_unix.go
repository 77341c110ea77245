//go:build unix

package main

import (
	"os"

	"golang.org/x/sys/unix"
)

// termWidth is the terminal's width in cells, or 0 when it cannot tell.
func termWidth(f *os.File) int {
	ws, err := unix.IoctlGetWinsize(int(f.Fd()), unix.TIOCGWINSZ)
	if err != nil {
		return 0
	}
	return int(ws.Col)
}
