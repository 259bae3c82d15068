package engine

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/apigexport/apigexport/engine/internal/check"
	"github.com/apigexport/apigexport/engine/internal/tree"
)

// inlineRefs returns the document with every $ref to another file
// replaced by what it names, read through src: the import's view of a
// multi-file document, which reads Path Items, parameters and the rest as
// if they were written in place. $refs within the document stay as they
// are (the import resolves those it takes, #/parameters/NAME); $refs
// within another file are resolved in that file. A $ref that cannot be
// followed is an import-external-ref finding at its pointer in the
// document (for a $ref in another file, at the document's $ref that led
// there, with the file named in the message) and stays as it is. A $ref
// that leads back to itself (a recursive schema) stays as it is too.
func inlineRefs(doc any, src Source) (any, []Finding) {
	external := false
	walkRefs(doc, "", func(_, ref string) {
		if !strings.HasPrefix(ref, "#") {
			external = true
		}
	})
	if !external {
		return doc, nil
	}
	self := ""
	if src.Name != "" {
		self = path.Base(src.Name)
	}
	in := &inliner{src: src, self: self, trees: map[string]any{self: doc}, budget: tree.MaxYAMLNodes}
	out := in.value(doc, self, "", "", nil)
	return out, check.Sort(in.findings)
}

type inliner struct {
	src      Source
	self     string         // the document's file name
	trees    map[string]any // read files by path from the document's folder; nil: unreadable
	size     int
	budget   int // values the inlined document may still hold
	findings []Finding
}

// value copies v, a value of file at pointer at, with its $refs to other
// files (and, in a file other than the document, its local $refs)
// replaced. origin is the document's pointer that led here ("" while in
// the document itself); stack holds the $refs being expanded.
func (in *inliner) value(v any, file, at, origin string, stack []string) any {
	if in.budget--; in.budget < 0 {
		if in.budget == -1 {
			in.fail(origin, at, file, "the document with the files its $refs name expands to more than %d values", tree.MaxYAMLNodes)
		}
		return v
	}
	switch x := v.(type) {
	case tree.Obj:
		if ref, ok := x.Get("$ref").(string); ok {
			if r, ok := in.ref(ref, file, at, origin, stack); ok {
				return r
			}
			return x
		}
		out := make(tree.Obj, len(x))
		for i, m := range x {
			out[i] = tree.Member{Key: m.Key, Val: in.value(m.Val, file, tree.Pointer(at, m.Key), origin, stack)}
		}
		return out
	case tree.Arr:
		out := make(tree.Arr, len(x))
		for i, e := range x {
			out[i] = in.value(e, file, at+"/"+strconv.Itoa(i), origin, stack)
		}
		return out
	}
	return v
}

// ref resolves one $ref found in file at pointer at; ok is false when it
// stays as it is.
func (in *inliner) ref(ref, file, at, origin string, stack []string) (any, bool) {
	name, frag, _ := strings.Cut(ref, "#")
	if name == "" && file == in.self {
		return nil, false // the import resolves the document's own
	}
	refAt := at + "/$ref"
	if origin == "" {
		origin = refAt
	}
	target := file
	if name != "" {
		t, err := refTarget(file, name)
		if err != nil {
			in.fail(origin, refAt, file, "$ref %s %v", ref, err)
			return nil, false
		}
		target = t
	}
	tree, ok := in.tree(target, ref, refAt, file, origin)
	if !ok {
		return nil, false
	}
	key := target + "#" + frag
	for _, k := range stack {
		if k == key {
			return nil, false // recursive: stays a $ref
		}
	}
	v, err := lookupPointer(tree, frag)
	if err != nil {
		in.fail(origin, refAt, file, "$ref %s: %s has %v", ref, target, err)
		return nil, false
	}
	return in.value(v, target, frag, origin, append(stack, key)), true
}

// tree reads and parses a file once.
func (in *inliner) tree(target, ref, refAt, file, origin string) (any, bool) {
	if t, seen := in.trees[target]; seen {
		return t, t != nil
	}
	in.trees[target] = nil
	if in.src.FS == nil {
		in.fail(origin, refAt, file, "$ref %s names another file, and no folder was given to read it from", ref)
		return nil, false
	}
	if len(in.trees) > maxRefFiles {
		in.fail(origin, refAt, file, "$ref %s: the document reaches more than %d files", ref, maxRefFiles)
		return nil, false
	}
	data, err := fs.ReadFile(in.src.FS, path.Join(path.Dir(in.src.Name), target))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			in.fail(origin, refAt, file, "$ref %s names %s, which does not exist", ref, target)
		} else {
			in.fail(origin, refAt, file, "$ref %s: cannot read %s: %v", ref, target, err)
		}
		return nil, false
	}
	if in.size += len(data); in.size > maxRefBytes {
		in.fail(origin, refAt, file, "$ref %s: the files the document reaches hold more than %d MB", ref, maxRefBytes>>20)
		return nil, false
	}
	_, t, dups, err := readDocument(data)
	if err == nil && dups != nil {
		// Keeping one of the two silently would drop what the other holds.
		in.fail(origin, refAt, file, "$ref %s names %s: %s", ref, target, dups[0].String())
		return nil, false
	}
	if err != nil {
		msg := err.Error()
		if e, ok := errors.AsType[*Error](err); ok {
			msg = e.Message
		}
		in.fail(origin, refAt, file, "$ref %s names %s: %s", ref, target, msg)
		return nil, false
	}
	in.trees[target] = t
	return t, true
}

// fail adds a finding at origin, naming the file and pointer when they are
// not the document's.
func (in *inliner) fail(origin, at, file, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if file != in.self {
		msg = file + "#" + at + ": " + msg
	}
	in.findings = append(in.findings, Finding{Severity: SeverityError, Code: "import-external-ref", Path: origin, Message: msg})
}

// lookupPointer returns the value at a $ref's fragment, a JSON pointer
// (URL-escaped, as $refs are).
func lookupPointer(v any, frag string) (any, error) {
	p, err := url.PathUnescape(frag)
	if err != nil {
		return nil, fmt.Errorf("no valid JSON pointer in #%s", frag)
	}
	if p == "" || p == "/" {
		return v, nil
	}
	if !strings.HasPrefix(p, "/") {
		return nil, fmt.Errorf("no valid JSON pointer in #%s", frag)
	}
	for _, tok := range strings.Split(p[1:], "/") {
		tok = tree.Unescape(tok)
		switch x := v.(type) {
		case tree.Obj:
			if !x.Has(tok) {
				return nil, fmt.Errorf("nothing at #%s", frag)
			}
			v = x.Get(tok)
		case tree.Arr:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(x) {
				return nil, fmt.Errorf("nothing at #%s", frag)
			}
			v = x[i]
		default:
			return nil, fmt.Errorf("nothing at #%s", frag)
		}
	}
	return v, nil
}
