// Package reference is the reference validator of package engine:
// go-openapi/validate, the Swagger 2.0 validator whose verdicts engine's
// fast validator gives, and go-openapi/strfmt's format checks. It is a
// package of its own so that a program that imports engine alone links
// neither of them, nor net/http and their other dependencies (more than
// half of an embedder's binary; BENCHMARKS.md).
//
// Import it for its side effect, as the apigexport command and engine's
// tests do:
//
//	import _ "github.com/apigexport/apigexport/engine/reference"
//
// Its init function registers [Validate], [Format] and, for OpenAPI 3.0,
// kin-openapi ([ValidateOpenAPI3]) with [engine.RegisterReference]. Then [engine.ValidateStrict],
// engine.Options.StrictValidation and [engine.CompareValidators] work, and
// [engine.Validate] gives the reference's verdict on the documents outside
// the fast validator's part of Swagger 2.0. Without it those calls answer
// that the program has no reference validator, and [engine.Validate]
// reports such a document as not-checked, as the WebAssembly module (which
// leaves this package out) does.
package reference

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/apigexport/apigexport/engine"
	"github.com/go-openapi/loads"
	"github.com/go-openapi/strfmt"
	"github.com/go-openapi/swag/loading"
	"github.com/go-openapi/validate"
)

func init() {
	engine.RegisterReference(engine.Reference{Validate: Validate, Format: Format, OpenAPI3: openAPI3})
}

// Validate runs go-openapi/validate on a JSON document, with the files its
// relative $refs reach (see [engine.Reference]). Its findings have the code
// [engine.CodeSwaggerInvalid]; a panic inside the validator is a finding
// about the document, not a crash.
//
// go-openapi/validate checks that a $ref's file exists with os.Stat, on
// the real file system, before it loads it: the files are written to a
// temporary folder that it sees as the document's, and its loader serves
// them from memory, and nothing else.
func Validate(doc []byte, name string, files map[string][]byte) (findings []engine.Finding) {
	defer func() {
		// The validator is third-party code fed with user documents.
		if r := recover(); r != nil {
			findings = []engine.Finding{{Severity: engine.SeverityError, Code: engine.CodeSwaggerInvalid,
				Message: fmt.Sprintf("the validator failed on this document: %v", r)}}
		}
	}()
	if f := version(doc); f != nil {
		return []engine.Finding{*f}
	}
	dir, err := folder(files, name)
	if err != nil {
		return []engine.Finding{{Severity: engine.SeverityError, Code: engine.CodeSwaggerInvalid,
			Message: "cannot lay out the document's files for the validator: " + err.Error()}}
	}
	defer os.RemoveAll(dir)
	load := func(p string, _ ...loading.Option) (json.RawMessage, error) {
		rel, err := filepath.Rel(dir, filepath.FromSlash(strings.TrimPrefix(p, "file://")))
		if data, found := files[filepath.ToSlash(rel)]; err == nil && found {
			return data, nil
		}
		return nil, fmt.Errorf("%s is not a file of the document's folder", p)
	}
	d, err := loads.Spec(filepath.Join(dir, filepath.FromSlash(name)), loads.WithDocLoader(load))
	if err != nil {
		return []engine.Finding{{Severity: engine.SeverityError, Code: engine.CodeSwaggerInvalid,
			Message: "cannot analyze the document: " + strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "")}}
	}
	// The second result holds the warnings again, as errors.
	errs, _ := validate.NewSpecValidator(d.Schema(), strfmt.Default, validate.WithPathLoader(load)).Validate(d)
	for _, l := range errs.LocatedErrors() {
		findings = append(findings, engine.Finding{Severity: engine.SeverityError, Code: engine.CodeSwaggerInvalid, Path: l.Pointer, Message: clean(l.Err, dir)})
	}
	for _, l := range errs.LocatedWarnings() {
		findings = append(findings, engine.Finding{Severity: engine.SeverityWarning, Code: engine.CodeSwaggerInvalid, Path: l.Pointer, Message: clean(l.Err, dir)})
	}
	return findings
}

// folder writes the files to a new temporary folder, through an os.Root
// (their names are engine's: slash-separated, within the folder). A
// document alone that does not name itself is not written: nothing would
// look for it on disk, and an export of 10,000 APIs is 19 MB.
func folder(files map[string][]byte, doc string) (string, error) {
	dir, err := os.MkdirTemp("", "apigexport-reference-")
	if err != nil {
		return "", err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	defer root.Close()
	for name, data := range files {
		if name == doc && len(files) == 1 && !bytes.Contains(data, []byte(path.Base(doc))) {
			continue
		}
		if d := path.Dir(name); d != "." {
			err = root.MkdirAll(d, 0o700)
		}
		if err == nil {
			err = root.WriteFile(name, data, 0o600)
		}
		if err != nil {
			os.RemoveAll(dir)
			return "", err
		}
	}
	return dir, nil
}

// clean is a message without the temporary folder's name.
func clean(err error, dir string) string {
	return strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "")
}

// version refuses, before go-openapi reads it, a document whose swagger
// member is a string other than "2.0" (3.0, or 2.0 then 3.0 as a
// duplicate key, of which JSON readers keep the last): go-openapi/validate
// fails on it inside with a nil pointer dereference. Other values (none,
// a number, null) it reports itself.
func version(doc []byte) *engine.Finding {
	d := json.NewDecoder(bytes.NewReader(doc))
	if t, err := d.Token(); err != nil || t != json.Delim('{') {
		return nil // go-openapi says what is wrong
	}
	var values []string // of the swagger members, in order
	for d.More() {
		k, err := d.Token()
		if err != nil {
			return nil
		}
		var v json.RawMessage
		if err := d.Decode(&v); err != nil {
			return nil
		}
		if k == "swagger" {
			values = append(values, string(v))
		}
	}
	if len(values) == 0 {
		return nil
	}
	var last string
	if json.Unmarshal([]byte(values[len(values)-1]), &last) != nil || last == "2.0" {
		return nil
	}
	msg := fmt.Sprintf(`swagger is %s: only Swagger 2.0 documents (swagger: "2.0") are validated`, values[len(values)-1])
	if len(values) > 1 {
		msg = fmt.Sprintf(`swagger is given %d times (%s): JSON readers keep the last, %s, and only Swagger 2.0 documents (swagger: "2.0") are validated`,
			len(values), strings.Join(values, ", then "), values[len(values)-1])
	}
	return &engine.Finding{Severity: engine.SeverityError, Code: engine.CodeSwaggerInvalid, Path: "/swagger", Message: msg}
}

// Format checks s against a format of go-openapi/strfmt's default
// registry; known is false for a format it does not know.
func Format(name, s string) (valid, known bool) {
	if !strfmt.Default.ContainsName(name) {
		return false, false
	}
	return strfmt.Default.Validates(name, s), true
}
