package model

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
