package model_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"

	"github.com/apigexport/apigexport/model"
	"github.com/apigexport/apigexport/model/bundlegen"
	"github.com/apigexport/apigexport/model/sample"
)

// sameAsReference: model.Load and model.Decode give what the decoder of a
// generic tree gave (model.LoadReference, model.DecodeReference), in both
// modes: the same bundle, or the same errors (each file, path and message,
// and the same Go types); and the reader's generated fast pass gives up
// where its reflect-driven one does and reads the same bundle otherwise.
func sameAsReference(t *testing.T, name string, files []model.File) {
	t.Helper()
	sameLoad(t, name, files)
	for _, strict := range []bool{false, true} {
		for _, f := range files {
			got, gerr := model.Decode(f.Name, f.Data, strict)
			want, werr := model.DecodeReference(f.Name, f.Data, strict)
			if d := diffErrors(gerr, werr); d != "" {
				t.Fatalf("%s (strict %v): Decode: %s", name, strict, d)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s (strict %v): Decode gave a different bundle", name, strict)
			}
		}
	}
}

// sameLoad is sameAsReference for Load alone (and the fast passes).
func sameLoad(t *testing.T, name string, files []model.File) {
	t.Helper()
	for _, strict := range []bool{false, true} {
		for _, f := range files {
			if err := model.SameFastPass(f.Data, strict); err != nil {
				t.Fatalf("%s (strict %v): %v", name, strict, err)
			}
		}
		opts := model.LoadOptions{Strict: strict}
		got, gerr := model.Load(files, opts)
		want, werr := model.LoadReference(files, opts)
		if d := diffErrors(gerr, werr); d != "" {
			t.Fatalf("%s (strict %v): Load: %s", name, strict, d)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s (strict %v): Load gave a different bundle", name, strict)
		}
	}
}

func diffErrors(got, want error) string {
	if (got == nil) != (want == nil) {
		return fmt.Sprintf("error %v, the reference's %v", got, want)
	}
	if got == nil {
		return ""
	}
	if g, w := fmt.Sprintf("%T", got), fmt.Sprintf("%T", want); g != w {
		return fmt.Sprintf("error of type %s (%v), the reference's %s (%v)", g, got, w, want)
	}
	var gl, wl model.ErrorList
	if errors.As(got, &gl) && errors.As(want, &wl) {
		if len(gl) != len(wl) {
			return fmt.Sprintf("%d errors (%v), the reference %d (%v)", len(gl), got, len(wl), want)
		}
		for i := range gl {
			if *gl[i] != *wl[i] {
				return fmt.Sprintf("error %d is %q, the reference's %q", i, gl[i], wl[i])
			}
		}
	}
	if got.Error() != want.Error() {
		return fmt.Sprintf("error %q, the reference's %q", got, want)
	}
	return ""
}

func one(data []byte) []model.File { return []model.File{{Name: "f.json", Data: data}} }

// TestDecoderDifferential runs sameAsReference on every bundle of
// testdata and every other JSON file there, the sample, bundlegen's
// bundles and its variants (each single change and random ones), the
// fuzz seeds and corpora, each file cut short and with a byte changed at
// many places, and files given together.
func TestDecoderDifferential(t *testing.T) {
	var inputs []struct {
		name string
		data []byte
	}
	add := func(name string, data []byte) {
		inputs = append(inputs, struct {
			name string
			data []byte
		}{name, data})
	}
	for _, pattern := range []string{"*/*.json", "*/*/*.json"} {
		files, _ := filepath.Glob(filepath.Join("..", "testdata", pattern))
		for _, name := range files {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			add(name, data)
		}
	}
	add("sample", sample.Bundle)
	for _, n := range []int{0, 1, 10, 200} {
		data, err := json.Marshal(bundlegen.Generate(n, uint64(n)))
		if err != nil {
			t.Fatal(err)
		}
		add(fmt.Sprintf("bundlegen.Generate(%d)", n), data)
	}
	g, err := bundlegen.NewGenerator(bundlegen.Seed(), bundlegen.Options{Texts: []string{"é\u2028", "a\"b\\c", "\x00", "\xff"}})
	if err != nil {
		t.Fatal(err)
	}
	// The single changes, thousands of them, through Load alone: Decode
	// reads a file the same way, and the other inputs compare it.
	// Under -short and in the WASM build (where the reference is slow)
	// one in eight, and fewer corrupted files.
	every, places := 1, 100
	if testing.Short() || runtime.GOOS == "js" {
		every, places = 8, 20
	}
	singles, i := 0, 0
	for v := range g.Singles() {
		if i++; i%every == 0 {
			sameLoad(t, "single "+v.Name, one(v.Bundle))
			singles++
		}
	}
	for v := range g.Random(300, 15) {
		add("random "+v.Name, v.Bundle)
	}
	for i, s := range model.FuzzSeeds(t) {
		add(fmt.Sprintf("fuzz seed %d", i), s)
	}
	for _, data := range [][]byte{sample.Bundle, bundlegen.Seed()} {
		step := max(1, len(data)/places)
		for i := 0; i < len(data); i += step {
			add(fmt.Sprintf("cut at %d", i), data[:i])
			for _, c := range []byte{'"', '}', ',', 'x', '1', '\\'} {
				changed := append([]byte(nil), data...)
				changed[i] = c
				add(fmt.Sprintf("byte %d set to %q", i, c), changed)
			}
		}
	}
	for _, in := range inputs {
		sameAsReference(t, in.name, one(in.data))
	}
	// Several files: merged, duplicates compared, errors of each.
	sameAsReference(t, "sample twice", []model.File{{Name: "a.json", Data: sample.Bundle}, {Name: "b.json", Data: sample.Bundle}})
	for i := 1; i < len(inputs); i += 97 {
		sameAsReference(t, inputs[i-1].name+" and "+inputs[i].name, []model.File{{Name: "a.json", Data: inputs[i-1].data}, {Name: "b.json", Data: inputs[i].data}})
	}
	t.Logf("%d inputs and %d single changes", len(inputs), singles)
}

// FuzzDecoder: on any input, Load and Decode give what the reference
// decoder gives.
func FuzzDecoder(f *testing.F) {
	for _, s := range model.FuzzSeeds(f) {
		f.Add(s, false)
	}
	g, err := bundlegen.NewGenerator(bundlegen.Seed(), bundlegen.Options{})
	if err != nil {
		f.Fatal(err)
	}
	for v := range g.Random(20, 3) {
		f.Add(v.Bundle, true)
	}
	f.Fuzz(func(t *testing.T, data []byte, strict bool) {
		sameAsReference(t, "input", one(data))
	})
}

// TestLoadConcurrent: the reader's shared tables (the field guesses among
// them) are safe for loads at once, as the server makes them; run it with
// -race.
func TestLoadConcurrent(t *testing.T) {
	want, err := model.Load(one(sample.Bundle), model.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			for range 5 {
				got, err := model.Load(one(sample.Bundle), model.LoadOptions{})
				if err == nil && !reflect.DeepEqual(got, want) {
					err = errors.New("a concurrent load gave another bundle")
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
