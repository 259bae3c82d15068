// Command brotli writes FILE.br beside each FILE it is given: FILE
// compressed with brotli at quality 11 and a 16 MiB window, the densest
// encoding that every browser decodes. make wasm runs it on
// web/apigexport.wasm, and serve sends the copy to a client that accepts br
// (package web).
//
// It is a program of its own so that the compressor
// (github.com/andybalholm/brotli) is linked by it alone: the apigexport
// binary serves the copy as bytes and never compresses. Quality 11 takes
// seconds for the module, so a FILE.br that already decompresses to FILE is
// left as it is; a new one is written to a temporary file and renamed into
// place, so that a failed run leaves no partial copy.
//
// Usage:
//
//	go run ./cmd/apigexport/internal/brotli FILE...
package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/andybalholm/brotli"
)

// The encoder's settings: the best quality, and the largest window a
// decoder must support (RFC 7932; 2^24 bytes less 16).
const (
	quality = brotli.BestCompression
	lgWin   = 24
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: brotli FILE...  (writes FILE.br beside each FILE)")
		os.Exit(2)
	}
	for _, name := range os.Args[1:] {
		wrote, err := compressFile(name)
		if err != nil {
			fmt.Fprintln(os.Stderr, "brotli:", err)
			os.Exit(1)
		}
		if wrote {
			fmt.Printf("brotli: %s.br written\n", name)
		} else {
			fmt.Printf("brotli: %s.br is up to date\n", name)
		}
	}
}

// compressFile writes name+".br" unless it already decompresses to name's
// bytes, and reports whether it wrote it.
func compressFile(name string) (bool, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return false, err
	}
	out := name + ".br"
	if old, err := os.ReadFile(out); err == nil && decompressesTo(old, data) {
		return false, nil
	}
	var buf bytes.Buffer
	if err := compress(&buf, data); err != nil {
		return false, fmt.Errorf("%s: %w", name, err)
	}
	return true, writeFile(out, buf.Bytes())
}

// compress writes data to w compressed.
func compress(w io.Writer, data []byte) error {
	bw := brotli.NewWriterOptions(w, brotli.WriterOptions{Quality: quality, LGWin: lgWin})
	if _, err := bw.Write(data); err != nil {
		return err
	}
	return bw.Close()
}

// decompressesTo reports whether compressed is a brotli stream of want.
func decompressesTo(compressed, want []byte) bool {
	got, err := io.ReadAll(io.LimitReader(brotli.NewReader(bytes.NewReader(compressed)), int64(len(want))+1))
	return err == nil && bytes.Equal(got, want)
}

// writeFile writes data to name through a temporary file in its folder,
// renamed into place.
func writeFile(name string, data []byte) (err error) {
	f, err := os.CreateTemp(filepath.Dir(name), filepath.Base(name)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.Remove(f.Name())
		}
	}()
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	return err
}
