package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/apigexport/apigexport/engine"
	"github.com/apigexport/apigexport/internal/version"
	// The reference validator, for -strict and for the documents the
	// fast validator hands over.
	_ "github.com/apigexport/apigexport/engine/reference"
	"github.com/apigexport/apigexport/model"
	"github.com/apigexport/apigexport/model/sample"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

const usage = `apigexport exports the APIs of an API group as the Swagger 2.0 document of
Huawei Cloud API Gateway and ROMA Connect, from the gateway's JSON model.

Usage:

  apigexport export [flags] [FILE...]   export a group; FILEs (or stdin) are bundle
                                        files (JSON or YAML), merged into one bundle
  apigexport validate [flags] FILE...   check Swagger 2.0 and OpenAPI 3.0 files (JSON or YAML)
  apigexport import [flags] FILE        read a Swagger 2.0 or OpenAPI 3.0 file (JSON
                                        or YAML) back into a bundle
  apigexport serve [flags]              answer the gateway's export endpoint from
                                        bundles on disk, and serve the web page
  apigexport version                    print the version (also --version)
  apigexport help [COMMAND]             print this text, or COMMAND's flags

Run "apigexport COMMAND -h" for the flags of export, validate, import and serve.
Errors go to stderr; the exit code is 1 for a failure and 2 for a usage error
(a flag missing, or a value outside its list).
`

// commands are the commands with flags, for "apigexport help COMMAND".
var commands = []string{"export", "validate", "import", "serve"}

// run is the whole command: arguments and streams in, exit code out.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "export":
		return runExport(args[1:], stdin, stdout, stderr)
	case "validate":
		return runValidate(args[1:], stdin, stdout, stderr)
	case "import":
		return runImport(args[1:], stdin, stdout, stderr)
	case "serve":
		return runServe(args[1:], stdout, stderr)
	case "version", "-version", "--version":
		// Only here, before a command: export has a -version flag of
		// its own.
		fmt.Fprintln(stdout, "apigexport", version.String())
		return exitOK
	case "help", "-h", "-help", "--help":
		if len(args) > 1 && args[0] == "help" {
			if slices.Contains(commands, args[1]) {
				return run([]string{args[1], "-h"}, stdin, stdout, stderr)
			}
			if args[1] != "version" && args[1] != "help" {
				fmt.Fprintf(stderr, "apigexport: help: unknown command %q; the commands are %s, version, help\n", args[1], strings.Join(commands, ", "))
				return exitUsage
			}
		}
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "apigexport: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}

// flagSet is a command's flags; its messages go to stderr, but the text
// that -h asks for goes to stdout.
type flagSet struct {
	*flag.FlagSet
	out            bytes.Buffer
	stdout, stderr io.Writer
}

// newFlagSet returns a flag set whose usage text is the command's.
func newFlagSet(name, synopsis string, stdout, stderr io.Writer) *flagSet {
	fs := &flagSet{FlagSet: flag.NewFlagSet(name, flag.ContinueOnError), stdout: stdout, stderr: stderr}
	fs.SetOutput(&fs.out)
	fs.Usage = func() {
		fmt.Fprintf(&fs.out, "Usage: apigexport %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, allowing flags after the file names too, and
// reports whether the command should go on and with which code it stops.
func parseFlags(fs *flagSet, args []string) (files []string, code int, ok bool) {
	for {
		err := fs.Parse(args)
		switch {
		case errors.Is(err, flag.ErrHelp):
			fs.stdout.Write(fs.out.Bytes())
			return nil, exitOK, false
		case err != nil:
			fs.stderr.Write(fs.out.Bytes())
			return nil, exitUsage, false
		}
		args = fs.Args()
		// Everything up to the next flag is a file.
		i := 0
		for i < len(args) && (args[i] == "-" || !strings.HasPrefix(args[i], "-")) {
			i++
		}
		files = append(files, args[:i]...)
		if i == len(args) {
			return files, exitOK, true
		}
		args = args[i:]
	}
}

func fail(stderr io.Writer, err error) int {
	var list model.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Fprintf(stderr, "apigexport: %s\n", e)
		}
		return exitFailure
	}
	fmt.Fprintf(stderr, "apigexport: %s\n", err)
	return exitFailure
}

// usageError is a command line that is wrong whatever the input: a flag
// missing or a value outside its list (exit 2).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// failExport reports an error of export: exit 2 for a usage error, 1 for
// everything else.
func failExport(stderr io.Writer, err error) int {
	var u *usageError
	if errors.As(err, &u) {
		fmt.Fprintf(stderr, "apigexport: %s\n", u.msg)
		return exitUsage
	}
	var e *engine.Error
	if errors.As(err, &e) {
		fmt.Fprintf(stderr, "apigexport: %s\n", engineMessage(e))
		return exitFailure
	}
	return fail(stderr, err)
}

// engineMessage is the gateway's error for a person at a terminal: the
// request parameter's flag instead of the gateway's boilerplate, and the
// code at the end (the library and serve keep the gateway's exact text).
func engineMessage(e *engine.Error) string {
	msg := e.Message
	if rest, ok := strings.CutPrefix(msg, "Invalid parameter value,parameterName:"+e.Param+". Please refer to the support documentation"); ok {
		msg = strings.TrimPrefix(rest, ". ")
		if f := paramFlags[e.Param]; f != "" && msg == "" {
			msg = f + ": invalid value"
		}
	}
	msg = strings.ReplaceAll(msg, "with the apis filter", "with -apis")
	return msg + " (" + e.Code + ")"
}

// paramFlags are the export flags of the gateway's request parameters.
var paramFlags = map[string]string{
	"group_id": "-group", "env_id": "-env", "define": "-define", "type": "-type",
	"version": "-version", "apis": "-apis", "oas_version": "-oas",
}

// isTerminal reports whether r is a terminal: a character device other
// than the null device.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	null, err := os.Stat(os.DevNull)
	return err != nil || !os.SameFile(st, null)
}

// stdinName is the name of standard input in messages.
const stdinName = "<stdin>"

// readInputs reads the named files, "-" being stdin; no names means stdin.
// hint is said first when stdin is a terminal, where the command would
// otherwise seem to hang.
func readInputs(names []string, stdin io.Reader, stderr io.Writer, hint string) ([]model.File, error) {
	if len(names) == 0 {
		names = []string{"-"}
	}
	var files []model.File
	for _, name := range names {
		var data []byte
		var err error
		if name == "-" {
			if isTerminal(stdin) {
				fmt.Fprintf(stderr, "apigexport: reading standard input, end it with %s%s\n", endOfInput(), hint)
			}
			data, err = io.ReadAll(stdin)
			name = stdinName
		} else {
			data, err = os.ReadFile(name)
		}
		if err != nil {
			return nil, err
		}
		files = append(files, model.File{Name: name, Data: data})
	}
	return files, nil
}

// endOfInput is the keys that end the input at a terminal.
func endOfInput() string {
	if runtime.GOOS == "windows" {
		return "Ctrl-Z and Enter"
	}
	return "Ctrl-D"
}

// The values of the export's list flags, in the order help gives them.
var (
	defines = []string{engine.DefineSpec, engine.DefineProxy, engine.DefineAll, engine.DefineDev}
	types   = []string{"json", "yaml", "yml"}
	oases   = []string{"2.0", "3.0"}
)

// maxVersion is the longest -version, in characters (the gateway's limit).
const maxVersion = 64

// sourceOf is where the relative $refs of an input file lead: its own
// folder, opened as an [os.Root], so that no $ref reads outside it (not
// through a symbolic link either). Standard input has no folder: its
// $refs to other files are findings.
func sourceOf(name string) (engine.Source, error) {
	if name == stdinName {
		return engine.Source{}, nil
	}
	root, err := os.OpenRoot(filepath.Dir(name))
	if err != nil {
		return engine.Source{}, err
	}
	return engine.Source{FS: rootFS{root}, Name: filepath.Base(name)}, nil
}

// rootFS is an [os.Root]'s file system that can be closed.
type rootFS struct{ *os.Root }

func (r rootFS) Open(name string) (fs.File, error) { return r.Root.FS().Open(name) }

func closeSource(src engine.Source) {
	if r, ok := src.FS.(rootFS); ok {
		r.Close()
	}
}

func runExport(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("export", "export [flags] [FILE...]", stdout, stderr)
	var (
		group       = fs.String("group", "", "API group `ID or name`; may be left out when the bundle has one group")
		env         = fs.String("env", "", "environment `ID or name` whose publications are exported (not needed for -define dev)")
		define      = fs.String("define", "spec", "scope: "+strings.Join(defines, ", "))
		typ         = fs.String("type", "json", "format: "+strings.Join(types, ", "))
		oas         = fs.String("oas", "2.0", "document version, the gateway's oas_version: 2.0 (Swagger 2.0) or 3.0 (OpenAPI 3.0)")
		ver         = fs.String("version", "", "info.version, at most 64 characters (default: the current time as 2006-01-02-15:04:05 UTC)")
		apis        = fs.String("apis", "", "export only these APIs, by `ID or name`, comma-separated; each must be published in -env (but for -define dev)")
		out         = fs.String("o", "", "write the document to `FILE` instead of stdout")
		strict      = fs.Bool("strict", false, "reject fields that neither the model nor the gateway's reference knows, and validate with the reference validator")
		resolveVars = fs.Bool("resolve-vars", false, "replace #variables# with the environment's values")
		useSample   = fs.Bool("sample", false, "use the built-in sample bundle (group shop_api)")
	)
	names, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	// What the command line alone gets wrong is said before any input
	// is read.
	if !slices.Contains(defines, *define) {
		return failExport(stderr, usagef("-define: %q is not one of %s (%s)", *define, strings.Join(defines, ", "), engine.CodeInvalidParam))
	}
	if !slices.Contains(types, *typ) {
		return failExport(stderr, usagef("-type: %q is not one of %s (%s)", *typ, strings.Join(types, ", "), engine.CodeInvalidParam))
	}
	if !slices.Contains(oases, *oas) {
		return failExport(stderr, usagef("-oas: %q is not one of %s (%s)", *oas, strings.Join(oases, ", "), engine.CodeInvalidParam))
	}
	if n := utf8.RuneCountInString(*ver); n > maxVersion {
		return failExport(stderr, usagef("-version: %d characters, at most %d (%s)", n, maxVersion, engine.CodeInvalidParam))
	}
	if *resolveVars && *env == "" {
		return failExport(stderr, usagef("-resolve-vars: needs -env, the environment whose variables are used (%s)", engine.CodeInvalidParam))
	}
	var files []model.File
	if *useSample {
		files = append(files, model.File{Name: sample.Name, Data: sample.Bundle})
	}
	if len(names) > 0 || !*useSample {
		read, err := readInputs(names, stdin, stderr, " (or give a bundle FILE, or -sample)")
		if err != nil {
			return fail(stderr, err)
		}
		files = append(files, read...)
	}
	b, err := loadBundle(files, *strict)
	if err != nil {
		return failExport(stderr, err)
	}
	req := engine.Request{Define: *define, Type: *typ, Version: *ver, OASVersion: *oas}
	g, err := pickGroup(b, *group, files)
	if err != nil {
		return failExport(stderr, err)
	}
	req.GroupID = g.ID
	var e *model.Env
	if *env != "" || *define != engine.DefineDev {
		if e, err = pickEnv(b, *env, *define); err != nil {
			return failExport(stderr, err)
		}
		req.EnvID = e.ID
	}
	if *apis != "" {
		if req.APIs, err = pickAPIs(b, g, e, *apis, *define); err != nil {
			return failExport(stderr, err)
		}
	}
	res, err := engine.Export(b, req, engine.Options{Now: now(), ResolveVars: *resolveVars, StrictValidation: *strict})
	if err != nil {
		return failExport(stderr, err)
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(stderr, "apigexport: warning: %s\n", w)
	}
	return writeOutput(*out, res.Body, stdout, stderr)
}

// loadBundle loads the bundle files, YAML ones converted to JSON first,
// and says so in one line when a file is a Swagger document rather than
// a bundle, or empty.
func loadBundle(files []model.File, strict bool) (*model.Bundle, error) {
	var errs model.ErrorList
	for i, f := range files {
		trimmed := bytes.TrimLeft(f.Data, " \t\r\n\ufeff")
		switch {
		case len(trimmed) == 0:
			errs = append(errs, &model.Error{File: f.Name, Msg: "empty; expected a bundle, the gateway's JSON (or YAML) model of an API group"})
		case trimmed[0] == '{' || trimmed[0] == '[':
			files[i].Data = trimmed
		default:
			data, err := engine.ToJSON(f.Data)
			if err != nil {
				msg := err.Error()
				var e *engine.Error
				if errors.As(err, &e) {
					msg = e.Message
				}
				errs = append(errs, &model.Error{File: f.Name, Msg: msg})
				continue
			}
			files[i].Data = data
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	b, err := model.Load(files, model.LoadOptions{Strict: strict})
	var list model.ErrorList
	if errors.As(err, &list) {
		// A Swagger document fails with an unknown top-level key for
		// each of its keys: one line says what it is instead.
		var out model.ErrorList
		swagger := map[string]bool{}
		for _, e := range list {
			if (e.Path == "swagger" || e.Path == "openapi") && strings.HasPrefix(e.Msg, "unknown top-level key") {
				swagger[e.File] = true
			}
		}
		for _, e := range list {
			if !swagger[e.File] {
				out = append(out, e)
			}
		}
		for _, f := range files {
			if swagger[f.Name] {
				out = append(out, &model.Error{File: f.Name, Msg: fmt.Sprintf("a Swagger/OpenAPI document, not a bundle: export reads the gateway's model of an API group; check the document with \"apigexport validate %[1]s\", or turn it into a bundle with \"apigexport import %[1]s\"", f.Name)})
				swagger[f.Name] = false
			}
		}
		return nil, out
	}
	if err != nil {
		return nil, err
	}
	if len(b.Groups) == 0 {
		var names []string
		for _, f := range files {
			names = append(names, f.Name)
		}
		return nil, fmt.Errorf(`%s: no API group in the bundle; expected "group": {...} or "groups": [...] beside the APIs`, strings.Join(names, ", "))
	}
	return b, nil
}

// writeOutput writes data to the -o file (atomically), or to stdout when
// there is none.
func writeOutput(out string, data []byte, stdout, stderr io.Writer) int {
	var err error
	if out == "" {
		_, err = stdout.Write(data)
	} else {
		err = writeFileAtomic(out, data)
	}
	if err != nil {
		return fail(stderr, err)
	}
	return exitOK
}

// pickGroup resolves -group: an ID, else a name; may be left out when the
// bundle has exactly one group.
func pickGroup(b *model.Bundle, s string, files []model.File) (*model.Group, error) {
	var known, candidates []string
	for _, g := range b.Groups {
		known = append(known, fmt.Sprintf("%s (%s)", g.Name, g.ID))
		candidates = append(candidates, g.Name, g.ID)
	}
	if s == "" {
		if len(b.Groups) == 1 {
			return &b.Groups[0], nil
		}
		return nil, usagef("-group: needed, the bundle has %d API groups: %s", len(b.Groups), strings.Join(known, ", "))
	}
	if g := b.GroupByIDOrName(s); g != nil {
		return g, nil
	}
	return nil, errors.New(notFound(fmt.Sprintf("-group: no API group %q in the bundle", s), s, candidates, "its groups", known, engine.CodeGroupNotFound))
}

// pickEnv resolves -env: an ID, else a name.
func pickEnv(b *model.Bundle, s, define string) (*model.Env, error) {
	var known, candidates []string
	for _, e := range b.AllEnvs() {
		known = append(known, fmt.Sprintf("%s (%s)", e.Name, e.ID))
		candidates = append(candidates, e.Name, e.ID)
	}
	if s == "" {
		return nil, usagef("-env: needed for -define %s (only dev exports without one); the bundle's environments: %s (%s)",
			define, strings.Join(known, ", "), engine.CodeMissingParam)
	}
	if e := b.EnvByIDOrName(s); e != nil {
		return e, nil
	}
	return nil, errors.New(notFound(fmt.Sprintf("-env: no environment %q in the bundle", s), s, candidates, "its environments", known, engine.CodeEnvNotFound))
}

// pickAPIs resolves -apis, IDs or names, to IDs; each must be in the group
// and, but for dev, published in the environment.
func pickAPIs(b *model.Bundle, g *model.Group, env *model.Env, list, define string) ([]string, error) {
	var candidates, names []string
	for _, a := range b.APIs {
		if a.GroupID == g.ID {
			candidates = append(candidates, a.Name, a.ID)
			names = append(names, a.Name)
		}
	}
	// A short list of the group's APIs helps; ten thousand do not.
	slices.Sort(names)
	if len(names) > 20 {
		names = nil
	}
	var ids []string
	var errs model.ErrorList
	for item := range strings.SplitSeq(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		a := b.APIByIDOrName(g.ID, item)
		switch {
		case a == nil:
			errs = append(errs, &model.Error{Msg: notFound(fmt.Sprintf("-apis: no API %q in group %s", item, g.Name),
				item, candidates, "its APIs", names, engine.CodeAPINotFound)})
			continue
		case define != engine.DefineDev && !b.IsPublished(a.ID, env.ID):
			var in []string
			for _, e := range b.AllEnvs() {
				if b.IsPublished(a.ID, e.ID) {
					in = append(in, e.Name)
				}
			}
			where := "it is not published in any environment (-define dev exports it)"
			if len(in) > 0 {
				where = "it is published in " + strings.Join(in, ", ")
			}
			errs = append(errs, &model.Error{Msg: fmt.Sprintf("-apis: API %s (%s) is not published in environment %s; %s", a.Name, a.ID, env.Name, where)})
			continue
		}
		if !slices.Contains(ids, a.ID) {
			ids = append(ids, a.ID)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if len(ids) == 0 {
		return nil, usagef("-apis: no API named; give IDs or names, comma-separated")
	}
	return ids, nil
}

// notFound is what says that s names nothing: what, then "did you mean"
// when s looks like one candidate, then what exists (when known is not
// empty), then the gateway's code.
func notFound(what, s string, candidates []string, label string, known []string, code string) string {
	msg := what
	if m := model.Suggest(s, candidates); m != "" {
		msg += fmt.Sprintf("; did you mean %q?", m)
		label = strings.ToUpper(label[:1]) + label[1:]
	} else if len(known) > 0 {
		msg += ";"
	}
	if len(known) > 0 {
		msg += " " + label + ": " + strings.Join(known, ", ")
	}
	return msg + " (" + code + ")"
}

// writeFileAtomic writes data to a temporary file beside name and renames
// it, so that a failure never leaves a partial document. Its errors name
// the -o file, never the temporary one.
func writeFileAtomic(name string, data []byte) error {
	if st, err := os.Stat(name); err == nil && st.IsDir() {
		return fmt.Errorf("-o %s: is a directory", name)
	}
	dir := filepath.Dir(name)
	f, err := os.CreateTemp(dir, "."+filepath.Base(name)+".*")
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("-o %s: the folder %s does not exist", name, dir)
		}
		return fmt.Errorf("-o %s: %w", name, cause(err))
	}
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
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("-o %s: %w", name, cause(err))
	}
	return nil
}

// cause is err without the path of the file it happened to.
func cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// bundleHint says, in one line, that a file validate or import refuses is
// a bundle, which export reads, rather than a Swagger document.
func bundleHint(stderr io.Writer, f model.File) {
	data, err := engine.ToJSON(f.Data)
	if err != nil {
		return
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(data, &top) != nil {
		return
	}
	_, swagger := top["swagger"]
	_, openapi := top["openapi"]
	_, group := top["group"]
	_, groups := top["groups"]
	_, apis := top["apis"]
	if !swagger && !openapi && (group || groups || apis) {
		name := f.Name
		if name == "<stdin>" {
			name = "-"
		}
		fmt.Fprintf(stderr, "apigexport: %s: a bundle (the gateway's model of an API group), not a Swagger document: \"apigexport export %s\" exports it\n", f.Name, name)
	}
}

// fileFinding is a finding of the validate command.
type fileFinding struct {
	File string `json:"file"`
	engine.Finding
}

func runValidate(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("validate", "validate [flags] FILE...", stdout, stderr)
	asJSON := fs.Bool("json", false, "print the findings as a JSON array")
	strict := fs.Bool("strict", false, "check with the reference validator, go-openapi/validate for Swagger 2.0, the official schema and kin-openapi for OpenAPI 3.0 (much slower; same verdicts)")
	names, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(names) == 0 {
		fmt.Fprintln(stderr, "apigexport: validate needs at least one FILE (- for stdin)")
		return exitUsage
	}
	files, err := readInputs(names, stdin, stderr, "")
	if err != nil {
		return fail(stderr, err)
	}
	status := exitOK
	all := []fileFinding{}
	for _, f := range files {
		src, err := sourceOf(f.Name)
		if err != nil {
			return fail(stderr, err)
		}
		findings, err := engine.ValidateWith(f.Data, engine.ValidateOptions{Strict: *strict, Source: src})
		closeSource(src)
		if err != nil {
			var e *engine.Error
			msg := err.Error()
			if errors.As(err, &e) {
				msg = e.Message
			}
			findings = []engine.Finding{{Severity: engine.SeverityError, Code: engine.CodeUnreadable, Message: msg}}
		}
		if engine.HasErrors(findings) {
			status = exitFailure
			bundleHint(stderr, f)
		}
		for _, fd := range findings {
			all = append(all, fileFinding{f.Name, fd})
		}
	}
	var b bytes.Buffer
	if *asJSON {
		enc := json.NewEncoder(&b)
		enc.SetIndent("", "\t")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(all); err != nil {
			return fail(stderr, err)
		}
	} else {
		for _, f := range all {
			fmt.Fprintf(&b, "%s: %s\n", f.File, f.Finding)
		}
	}
	if _, err := stdout.Write(b.Bytes()); err != nil {
		return fail(stderr, err)
	}
	return status
}

func runImport(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("import", "import [flags] FILE", stdout, stderr)
	var (
		envName = fs.String("env", "", "publish the APIs and bind their policies in the environment of this `NAME` (default RELEASE)")
		envID   = fs.String("env-id", "", "that environment's `ID` (default: RELEASE's, or one derived from -env)")
		groupID = fs.String("group-id", "", "the group's `ID` (default: one derived from info.title)")
		out     = fs.String("o", "", "write the bundle to `FILE` instead of stdout")
		asJSON  = fs.Bool("json", false, "print the findings to stderr as a JSON array (as validate -json does), not as lines")
	)
	names, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(names) != 1 {
		fmt.Fprintln(stderr, "apigexport: import needs one FILE (- for stdin)")
		return exitUsage
	}
	files, err := readInputs(names, stdin, stderr, "")
	if err != nil {
		return fail(stderr, err)
	}
	name := files[0].Name
	src, err := sourceOf(name)
	if err != nil {
		return fail(stderr, err)
	}
	res, err := engine.Import(files[0].Data, engine.ImportOptions{EnvID: *envID, EnvName: *envName, GroupID: *groupID, Source: src})
	closeSource(src)
	var findings []engine.Finding
	if res != nil {
		findings = res.Findings
	}
	var e *engine.Error
	if err != nil && !engine.HasErrors(findings) && errors.As(err, &e) {
		// A document that cannot be read at all: with -json, a finding
		// like validate's.
		if !*asJSON {
			bundleHint(stderr, files[0])
			fmt.Fprintf(stderr, "apigexport: %s: %s\n", name, e.Message)
			return exitFailure
		}
		findings = []engine.Finding{{Severity: engine.SeverityError, Code: engine.CodeUnreadable, Message: e.Message}}
	}
	if *asJSON {
		all := []fileFinding{}
		for _, f := range findings {
			all = append(all, fileFinding{name, f})
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetIndent("", "\t")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(all); err != nil {
			return fail(stderr, err)
		}
		stderr.Write(b.Bytes())
	} else {
		for _, f := range findings {
			fmt.Fprintf(stderr, "%s: %s\n", name, f)
		}
	}
	if err != nil {
		if !*asJSON {
			bundleHint(stderr, files[0])
		}
		if engine.HasErrors(findings) {
			return exitFailure // the findings say why
		}
		return fail(stderr, err)
	}
	data, err := model.Encode(res.Bundle)
	if err != nil {
		return fail(stderr, err)
	}
	return writeOutput(*out, data, stdout, stderr)
}
