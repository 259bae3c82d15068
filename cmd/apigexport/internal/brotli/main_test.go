package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/andybalholm/brotli"
)

// TestCompressFile: FILE.br decompresses to FILE, is left alone while it
// does, is written again when FILE changes or the copy is damaged, and a
// missing FILE is an error that leaves nothing behind.
func TestCompressFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "m.wasm")
	data := bytes.Repeat([]byte("\x00asm module bytes "), 50000)
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	check := func(step string, want []byte, wantWrote, wrote bool) {
		t.Helper()
		if wrote != wantWrote {
			t.Errorf("%s: wrote %v, want %v", step, wrote, wantWrote)
		}
		br, err := os.ReadFile(name + ".br")
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(brotli.NewReader(bytes.NewReader(br)))
		if err != nil || !bytes.Equal(got, want) || len(br) >= len(want)/10 {
			t.Fatalf("%s: %d bytes of brotli for %d (%v)", step, len(br), len(want), err)
		}
	}
	for _, step := range []struct {
		name   string
		before func()
		wrote  bool
	}{
		{"first", func() {}, true},
		{"again", func() {}, false},
		{"changed", func() { data = append(data, "more"...); os.WriteFile(name, data, 0o644) }, true},
		{"damaged", func() { os.WriteFile(name+".br", []byte("not brotli"), 0o644) }, true},
		{"truncated", func() {
			br, _ := os.ReadFile(name + ".br")
			os.WriteFile(name+".br", br[:len(br)/2], 0o644)
		}, true},
	} {
		step.before()
		wrote, err := compressFile(name)
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		check(step.name, data, step.wrote, wrote)
	}
	if _, err := compressFile(filepath.Join(dir, "missing.wasm")); err == nil {
		t.Error("a missing file: no error")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("the folder holds %d files, want m.wasm and m.wasm.br", len(entries))
	}
}
