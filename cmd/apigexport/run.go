package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/apigexport/apigexport/engine"
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
                                        files, merged into one bundle
  apigexport validate [flags] FILE...   check Swagger 2.0 files (JSON or YAML)
  apigexport import [flags] FILE        read a Swagger 2.0 file (JSON or YAML) back
                                        into a bundle
  apigexport serve [flags]              answer the gateway's export endpoint from
                                        bundles on disk, and serve the web page
  apigexport version                    print the version
  apigexport help                       print this text

Run "apigexport COMMAND -h" for the flags of export, validate, import and serve.
Errors go to stderr; the exit code is 1 for a failure and 2 for a usage error.
`

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
		return runServe(args[1:], stderr)
	case "version":
		fmt.Fprintln(stdout, "apigexport", version())
		return exitOK
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "apigexport: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}

func version() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}

// newFlagSet returns a flag set whose usage text is the command's.
func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: apigexport %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, allowing flags after the file names too, and
// reports whether the command should go on and with which code it stops.
func parseFlags(fs *flag.FlagSet, args []string) (files []string, code int, ok bool) {
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, exitOK, false
			}
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

// readInputs reads the named files, "-" being stdin; no names means stdin.
func readInputs(names []string, stdin io.Reader) ([]model.File, error) {
	if len(names) == 0 {
		names = []string{"-"}
	}
	var files []model.File
	for _, name := range names {
		var data []byte
		var err error
		if name == "-" {
			data, err = io.ReadAll(stdin)
			name = "<stdin>"
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

func runExport(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("export", "export [flags] [FILE...]", stderr)
	var (
		group       = fs.String("group", "", "API group `ID or name`; may be left out when the bundle has one group")
		env         = fs.String("env", "", "environment `ID or name` whose publications are exported (not needed for -define dev)")
		define      = fs.String("define", "spec", "scope: spec, proxy, all or dev")
		typ         = fs.String("type", "json", "format: json, yaml or yml")
		ver         = fs.String("version", "", "info.version (default: the current time as 2006-01-02-15:04:05 UTC)")
		apis        = fs.String("apis", "", "export only these API `IDs`, comma-separated")
		out         = fs.String("o", "", "write the document to `FILE` instead of stdout")
		strict      = fs.Bool("strict", false, "reject fields the model does not know, and validate with the reference validator")
		resolveVars = fs.Bool("resolve-vars", false, "replace #variables# with the environment's values")
		useSample   = fs.Bool("sample", false, "use the built-in sample bundle (group shop_api)")
	)
	names, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	var files []model.File
	if *useSample {
		files = append(files, model.File{Name: sample.Name, Data: sample.Bundle})
	}
	if len(names) > 0 || !*useSample {
		read, err := readInputs(names, stdin)
		if err != nil {
			return fail(stderr, err)
		}
		files = append(files, read...)
	}
	b, err := model.Load(files, model.LoadOptions{Strict: *strict})
	if err != nil {
		return fail(stderr, err)
	}
	req := engine.Request{Define: *define, Type: *typ, Version: *ver}
	if req.GroupID, err = pickGroup(b, *group); err != nil {
		fmt.Fprintf(stderr, "apigexport: %s\n", err)
		return exitUsage
	}
	req.EnvID = *env
	if e := b.EnvByIDOrName(*env); e != nil {
		req.EnvID = e.ID
	}
	if *apis != "" {
		req.APIs = strings.Split(*apis, ",")
	}
	res, err := engine.Export(b, req, engine.Options{Now: now(), ResolveVars: *resolveVars, StrictValidation: *strict})
	if err != nil {
		return fail(stderr, err)
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(stderr, "apigexport: warning: %s\n", w)
	}
	return writeOutput(*out, res.Body, stdout, stderr)
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

// pickGroup resolves -group: an ID, else a name; empty when the bundle has
// exactly one group.
func pickGroup(b *model.Bundle, s string) (string, error) {
	if s == "" {
		switch len(b.Groups) {
		case 0:
			return "", errors.New("the bundle has no API group")
		case 1:
			return b.Groups[0].ID, nil
		}
		var names []string
		for _, g := range b.Groups {
			names = append(names, fmt.Sprintf("%s (%s)", g.Name, g.ID))
		}
		return "", fmt.Errorf("the bundle has %d API groups, choose one with -group: %s", len(b.Groups), strings.Join(names, ", "))
	}
	if b.Group(s) != nil {
		return s, nil
	}
	for _, g := range b.Groups {
		if g.Name == s {
			return g.ID, nil
		}
	}
	return s, nil // the engine reports it as APIG.3001
}

// writeFileAtomic writes data to a temporary file beside name and renames
// it, so that a failure never leaves a partial document.
func writeFileAtomic(name string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return err
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
	}
	return err
}

// fileFinding is a finding of the validate command.
type fileFinding struct {
	File string `json:"file"`
	engine.Finding
}

func runValidate(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("validate", "validate [flags] FILE...", stderr)
	asJSON := fs.Bool("json", false, "print the findings as a JSON array")
	strict := fs.Bool("strict", false, "check with the reference validator, go-openapi/validate (much slower; same verdicts)")
	names, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(names) == 0 {
		fmt.Fprintln(stderr, "apigexport: validate needs at least one FILE (- for stdin)")
		return exitUsage
	}
	files, err := readInputs(names, stdin)
	if err != nil {
		return fail(stderr, err)
	}
	status := exitOK
	all := []fileFinding{}
	for _, f := range files {
		check := engine.Validate
		if *strict {
			check = engine.ValidateStrict
		}
		findings, err := check(f.Data)
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
	fs := newFlagSet("import", "import [flags] FILE", stderr)
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
	files, err := readInputs(names, stdin)
	if err != nil {
		return fail(stderr, err)
	}
	name := files[0].Name
	res, err := engine.Import(files[0].Data, engine.ImportOptions{EnvID: *envID, EnvName: *envName, GroupID: *groupID})
	var findings []engine.Finding
	if res != nil {
		findings = res.Findings
	}
	var e *engine.Error
	if err != nil && !engine.HasErrors(findings) && errors.As(err, &e) {
		// A document that cannot be read at all: with -json, a finding
		// like validate's.
		if !*asJSON {
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
