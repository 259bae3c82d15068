package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"unsafe"
)

// testTerminalStdin runs export with a terminal (a pseudo-terminal) as
// stdin and no file: it must say that it reads standard input, then end
// at the Ctrl-D that the test types.
func testTerminalStdin(t *testing.T, bin string) {
	t.Helper()
	master, slave, err := openPTY()
	if err != nil {
		t.Logf("no pseudo-terminal (%v): the terminal hint is not tested with the binary", err)
		return
	}
	defer master.Close()
	cmd := exec.Command(bin, "export", "-define", "dev")
	cmd.Stdin = slave
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	slave.Close()
	// Ctrl-D at the start of a line: the end of input in canonical mode.
	if _, err := master.Write([]byte{4}); err != nil {
		t.Fatal(err)
	}
	go func() { // the terminal's echo must not fill up
		buf := make([]byte, 256)
		for {
			if _, err := master.Read(buf); err != nil {
				return
			}
		}
	}()
	cmd.Wait()
	want := "apigexport: reading standard input, end it with Ctrl-D (or give a bundle FILE, or -sample)\n" +
		"apigexport: <stdin>: empty; expected a bundle, the gateway's JSON (or YAML) model of an API group\n"
	if code := cmd.ProcessState.ExitCode(); code != 1 || stderr.String() != want {
		t.Errorf("stdin at a terminal: exit %d, stderr %q, want %q", code, stderr.String(), want)
	}
}

// openPTY opens a pseudo-terminal pair with /dev/ptmx.
func openPTY() (master, slave *os.File, err error) {
	master, err = os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, nil, err
	}
	var unlock int32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, master.Fd(), syscall.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); e != 0 {
		master.Close()
		return nil, nil, e
	}
	var n uint32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, master.Fd(), syscall.TIOCGPTN, uintptr(unsafe.Pointer(&n))); e != 0 {
		master.Close()
		return nil, nil, e
	}
	slave, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		master.Close()
		return nil, nil, err
	}
	return master, slave, nil
}
