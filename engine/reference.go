package engine

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"strings"
	"sync/atomic"

	"github.com/apigexport/apigexport/engine/internal/check"
	"github.com/apigexport/apigexport/engine/internal/tree"
)

// Reference is a Swagger 2.0 validator independent of the fast one, with
// the format checks it uses: go-openapi/validate and go-openapi/strfmt, in
// package [github.com/apigexport/apigexport/engine/reference], which
// registers itself when it is imported (see [RegisterReference]).
type Reference struct {
	// Validate checks a document given as JSON and returns its findings,
	// errors and warnings, turning its own failures (a panic in
	// third-party code) into findings. Name is the document's file name,
	// and files holds it and every file its relative $refs reach, as
	// JSON, by their slash-separated paths from the document's folder
	// ("responses.yaml", "defs/pet.json"): engine has read them through
	// the [Source] and refused every $ref that leaves that folder, so the
	// validator must read nothing else, neither files nor URLs.
	Validate func(doc []byte, name string, files map[string][]byte) []Finding
	// Format reports whether s is of the string format name (date,
	// uuid, ...), and known whether the validator knows that format at
	// all. Engine checks uri, email, password, ipv4 and ipv6 itself, as
	// go-openapi/strfmt does; a parameter default of another format that
	// go-openapi/strfmt knows needs Format, and without it the fast
	// validator hands the document over (to nothing: not-checked).
	Format func(name, s string) (valid, known bool)
	// OpenAPI3 checks an OpenAPI 3.0 document given as JSON, as
	// kin-openapi's T.Validate does, and returns its findings (code
	// openapi-invalid), turning its own failures into findings; it reads
	// no file or URL. Nil: the program checks OpenAPI 3.0 with the fast
	// checker only, and reports a document outside its part of OpenAPI
	// 3.0 as not-checked. The official schema's part is engine's own.
	OpenAPI3 func(doc []byte) []Finding
}

// reference is the registered reference validator, or nil.
var reference atomic.Pointer[Reference]

// RegisterReference makes r the reference validator of [ValidateStrict],
// Options.StrictValidation and [CompareValidators], and the one that
// [Validate] hands the documents outside the fast validator's part of
// Swagger 2.0 (r.Validate) or of OpenAPI 3.0 (r.OpenAPI3) to. Package github.com/apigexport/apigexport/engine/reference
// calls it when it is imported; an embedder imports that package rather
// than calling this. A later call replaces r; the zero Reference removes
// it.
func RegisterReference(r Reference) {
	if r.Validate == nil {
		reference.Store(nil)
		check.RegisterFormat(nil)
		return
	}
	reference.Store(&r)
	check.RegisterFormat(r.Format)
}

// haveReference says whether a reference validator is registered.
func haveReference() bool { return reference.Load() != nil }

// Source says where a document's relative $refs ("responses.yaml",
// "./defs/pet.json#/Pet") lead: FS holds the files and Name is the
// document's path in FS, slash-separated as fs.FS names are. A relative
// $ref resolves from the folder of the file it is in; one that leaves the
// document's folder ("../x", "/etc/passwd"), or names a URL, is refused
// with a finding and nothing is read. The zero Source reads nothing: a
// $ref to another file is a finding. For files on disk, give an
// [os.Root]'s FS, which also refuses symbolic links that lead outside.
type Source struct {
	FS   fs.FS
	Name string
}

// CodeExternalRef marks a $ref to another file that cannot be followed:
// it leaves the document's folder, names a URL, or names a file that
// cannot be read or is not JSON or YAML.
const CodeExternalRef = "external-ref"

// Limits of the files a document's $refs may reach.
const (
	maxRefFiles = 1000
	maxRefBytes = 64 << 20
)

// refFiles reads the files that a document's relative $refs reach,
// through src, as JSON by their paths from the document's folder. A $ref
// that cannot be followed is a finding at its pointer in the document (for
// a $ref in another file, at the $ref of the document that led there; the
// message names the file).
func refFiles(doc any, src Source) (files map[string][]byte, findings []Finding) {
	files = map[string][]byte{}
	type pending struct {
		name string // path from the document's folder
		tree any
		at   string // the document's $ref that led here, "" for the document
	}
	self := path.Base(src.Name)
	if src.Name == "" {
		self = ""
	}
	queue := []pending{{self, doc, ""}}
	size := 0
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		walkRefs(p.tree, "", func(at, ref string) {
			file, _, _ := strings.Cut(ref, "#")
			if file == "" {
				return // within the same file
			}
			findingAt, where := at, ""
			if p.at != "" {
				findingAt, where = p.at, p.name+"#"+at+": "
			}
			fail := func(format string, args ...any) {
				findings = append(findings, Finding{Severity: SeverityError, Code: CodeExternalRef, Path: findingAt, Message: where + fmt.Sprintf(format, args...)})
			}
			target, err := refTarget(p.name, file)
			if err != nil {
				fail("$ref %s %v", ref, err)
				return
			}
			if _, seen := files[target]; seen || target == self {
				return
			}
			if src.FS == nil {
				fail("$ref %s names another file, and no folder was given to read it from", ref)
				return
			}
			if len(files) >= maxRefFiles {
				fail("$ref %s: the document reaches more than %d files", ref, maxRefFiles)
				return
			}
			data, err := fs.ReadFile(src.FS, path.Join(path.Dir(src.Name), target))
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					fail("$ref %s names %s, which does not exist", ref, target)
				} else {
					fail("$ref %s: cannot read %s: %v", ref, target, err)
				}
				return
			}
			if size += len(data); size > maxRefBytes {
				fail("$ref %s: the files the document reaches hold more than %d MB", ref, maxRefBytes>>20)
				return
			}
			raw, tree, dups, err := readDocument(data)
			if err == nil && dups != nil {
				fail("$ref %s names %s: %s", ref, target, dups[0].String())
				return
			}
			if err != nil {
				msg := err.Error()
				if e, ok := errors.AsType[*Error](err); ok {
					msg = e.Message
				}
				fail("$ref %s names %s: %s", ref, target, msg)
				return
			}
			files[target] = raw
			queue = append(queue, pending{target, tree, findingAt})
		})
	}
	return files, check.Sort(findings)
}

// refTarget is the path, from the document's folder, of the file that a
// $ref in file from names, or why it cannot be followed.
func refTarget(from, file string) (string, error) {
	if u, err := url.Parse(file); err != nil || u.Scheme != "" || u.Host != "" {
		return "", errors.New("is not a relative file path: only files in the document's folder are read, no URLs")
	}
	name, err := url.PathUnescape(file)
	if err != nil {
		return "", errors.New("is not a valid file path")
	}
	if strings.HasPrefix(name, "/") || strings.Contains(name, "\\") {
		return "", errors.New("is not a relative file path: only files in the document's folder are read")
	}
	target := path.Join(path.Dir(from), name)
	if target == "." {
		return "", errors.New("names a folder, not a file")
	}
	if target == ".." || strings.HasPrefix(target, "../") || !fs.ValidPath(target) {
		return "", errors.New("leaves the document's folder: only files in it are read")
	}
	return target, nil
}

// walkRefs calls f with the pointer and value of every "$ref" string in
// the tree, in document order.
func walkRefs(v any, at string, f func(at, ref string)) {
	switch x := v.(type) {
	case tree.Obj:
		for _, m := range x {
			if ref, ok := m.Val.(string); ok && m.Key == "$ref" {
				f(at+"/$ref", ref)
				continue
			}
			walkRefs(m.Val, tree.Pointer(at, m.Key), f)
		}
	case tree.Arr:
		for i, e := range x {
			walkRefs(e, fmt.Sprintf("%s/%d", at, i), f)
		}
	}
}

// referenceFindings runs the registered reference validator on a JSON
// document, with the files its relative $refs reach through src; callers
// check haveReference first. A $ref that cannot be followed is a finding,
// and then the reference is not run: it would only report the same.
func referenceFindings(raw []byte, src Source) []Finding {
	tree, err := decodeTree(raw)
	if err != nil {
		return []Finding{{Severity: SeverityError, Code: CodeUnreadable, Message: err.Error()}}
	}
	files, findings := refFiles(tree, src)
	if len(findings) > 0 {
		return findings
	}
	name := path.Base(src.Name)
	if src.Name == "" {
		name = "document.json"
	}
	files[name] = raw
	return check.Sort(reference.Load().Validate(raw, name, files))
}
