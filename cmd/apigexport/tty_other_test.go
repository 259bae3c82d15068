//go:build !linux

package main

import "testing"

// testTerminalStdin needs a pseudo-terminal; the test opens one on Linux.
func testTerminalStdin(t *testing.T, bin string) {
	t.Log("the terminal hint is tested with the binary on Linux only")
}
