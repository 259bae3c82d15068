package model

import (
	"errors"
	"fmt"
	"reflect"
)

// LoadReference is [Load] with the decoder that read a generic tree first,
// the reference of the differential tests.
func LoadReference(files []File, opts LoadOptions) (*Bundle, error) {
	return load(files, opts, decodeFile)
}

// DecodeReference is [Decode] with that decoder.
func DecodeReference(name string, data []byte, strict bool) (*Bundle, error) {
	b, _, err := decodeFile(name, data, strict)
	return b, err
}

// FuzzSeeds are the decoder's fuzz seeds, for the external tests.
var FuzzSeeds = fuzzSeeds

// SameFastPass says how the generated fast pass of the reader (readFast,
// read_gen.go) and the reflect-driven fast mode (readBundle with careful
// unset) differ on data, or nil when they give up on it alike or read the
// same bundle: the generated code holds no error of its own, so it must
// give up exactly where the reader it replaced did.
func SameFastPass(data []byte, strict bool) error {
	gb, gs, gok := readFast(&reader{data: data, file: "f.json", strict: strict})
	rb, rs, rok := readBundle(&reader{data: data, file: "f.json", strict: strict})
	switch {
	case gok != rok:
		return fmt.Errorf("the generated fast pass read it: %v, the reflect one: %v", gok, rok)
	case gs != rs:
		return fmt.Errorf(`the generated fast pass says "group" %v, the reflect one %v`, gs, rs)
	case !reflect.DeepEqual(gb, rb):
		return errors.New("the generated fast pass read another bundle")
	}
	return nil
}
