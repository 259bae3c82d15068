package main

import (
	"bytes"
	"os"
	"testing"
)

// TestGenerated: the committed read_gen.go is what the generator writes
// for the model as it is; after a change to the model's types, run
// go generate ./model.
func TestGenerated(t *testing.T) {
	want, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../read_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("model/read_gen.go is not what decgen writes: run go generate ./model")
	}
}
