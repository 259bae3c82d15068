package engine_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/apigexport/apigexport/engine"
)

// TestMutationsAreFound: every mutation draws a finding. Those that break
// Swagger draw one from the reference validator too; those that break only
// the APIG rules draw none from it and an apig-* finding from Validate.
func TestMutationsAreFound(t *testing.T) {
	needReference(t)
	for _, m := range mutations {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			doc, err := os.ReadFile(filepath.Join("..", "testdata", "mutations", m.name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			findings, err := engine.Validate(doc)
			if err != nil {
				t.Fatal(err)
			}
			if len(findings) == 0 {
				t.Fatal("no finding")
			}
			_, ref, ok := compare(doc)
			if !ok {
				t.Fatal("unreadable")
			}
			if m.apig {
				if len(ref) != 0 {
					t.Errorf("the reference finds %v; an apig mutation should be valid Swagger", ref)
				}
				if !slices.ContainsFunc(findings, func(f engine.Finding) bool { return strings.HasPrefix(f.Code, "apig-") }) {
					t.Errorf("no apig-* finding in %v", findings)
				}
			} else if len(ref) == 0 {
				t.Errorf("the reference finds nothing: the mutation breaks nothing in Swagger")
			}
		})
	}
}

var codeRE = regexp.MustCompile(`^[a-z]+(-[a-z0-9]+)*$`)

// TestFindingCodes keeps the list of codes honest: every code is
// kebab-case and documented, every code the corpus draws is in the list,
// and every code in the list is drawn by some document of the corpus.
func TestFindingCodes(t *testing.T) {
	needReference(t)
	codes := engine.FindingCodes()
	for c, desc := range codes {
		if !codeRE.MatchString(c) || desc == "" {
			t.Errorf("code %q (%q) is not kebab-case with a description", c, desc)
		}
	}
	seen := map[string]bool{}
	for name, doc := range corpus(t) {
		findings, err := engine.Validate(doc)
		if err != nil {
			seen[engine.CodeUnreadable] = true
			continue
		}
		_, ref, _ := compare(doc)
		for _, f := range append(findings, ref...) {
			if _, ok := codes[f.Code]; !ok {
				t.Errorf("%s: code %q is not in FindingCodes", name, f.Code)
			}
			seen[f.Code] = true
		}
	}
	// The OpenAPI 3.0 mutation corpus, whose verdicts the oracle's tests
	// pin (engine/internal/oracle), through Validate alone: the
	// reference side of compare is Swagger 2.0's.
	oas3, _ := filepath.Glob(filepath.Join("..", "testdata", "mutations-oas3", "*.json"))
	// empty-value: no file of that corpus has an empty info.title.
	oas3 = append(oas3, "empty title")
	for _, name := range oas3 {
		doc := []byte(`{"openapi": "3.0.0", "info": {"title": "", "version": "1"}, "paths": {}}`)
		if name != "empty title" {
			b, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			doc = b
		}
		findings, err := engine.Validate(doc)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, f := range findings {
			if _, ok := codes[f.Code]; !ok {
				t.Errorf("%s: code %q is not in FindingCodes", name, f.Code)
			}
			seen[f.Code] = true
		}
	}
	if _, err := engine.Validate([]byte("{not json")); err == nil {
		t.Error("unreadable document accepted")
	} else {
		seen[engine.CodeUnreadable] = true
	}
	// external-ref is drawn by $refs to other files, which the corpus's
	// documents, one file each, do not have.
	if fs, err := engine.Validate([]byte(`{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {},
		"definitions": {"a": {"$ref": "other.json"}}}`)); err == nil && len(fs) > 0 && fs[0].Code == engine.CodeExternalRef {
		seen[engine.CodeExternalRef] = true
	}
	// not-checked is drawn only where the reference validator is missing,
	// which is where this test cannot run.
	seen[engine.CodeNotChecked] = true
	// schema-max-properties is drawn only inside a oneOf of the official
	// OpenAPI 3.0 schema (a parameter's content), whose report names no
	// inner cause when two forms fail alike; check's TestDraft4Keywords
	// draws it.
	seen["schema-max-properties"] = true
	for c := range codes {
		if !seen[c] {
			t.Errorf("no document of the corpus draws code %q", c)
		}
	}
}
