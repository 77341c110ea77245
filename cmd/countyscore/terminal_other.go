//go:build !unix

package main

import "os"

// termWidth cannot ask the terminal here; COLUMNS or the default serves.
func termWidth(*os.File) int { return 0 }
