package engine

import (
	"strings"

	"github.com/apigexport/apigexport/engine/internal/check"
	"github.com/apigexport/apigexport/engine/internal/tree"
)

// Outline is a document as a table shows it: one row per
// operation, and the document's findings, each placed on the row of the
// operation it concerns. A page shows it beside the text, which at
// thousands of APIs is too long to read.
type Outline struct {
	// Operations are the document's operations, by path (in byte order)
	// and then by method (GET, PUT, POST, DELETE, OPTIONS, HEAD, PATCH,
	// ANY).
	Operations []Operation `json:"operations"`
	// Findings are [Validate]'s findings, sorted by path.
	Findings []Finding `json:"findings"`
	// Other are the indexes in Findings of the findings that concern no
	// operation (the root, securityDefinitions, the policies).
	Other []int `json:"other"`
}

// Operation is one operation of a document.
type Operation struct {
	// Method is GET, POST, ... or ANY (x-apigateway-any-method).
	Method string `json:"method"`
	Path   string `json:"path"`
	// Name is the operationId: the API's name.
	Name string `json:"name"`
	// Auth is the authentication the operation's security asks for, in
	// the gateway's terms: NONE, APP, APP+AppCode, IAM, or AUTHORIZER:
	// and the custom authorizer's name. Several are joined with " | ".
	Auth string `json:"auth"`
	// Backend is x-apigateway-backend's type (HTTP, HTTP-VPC, FUNCTION,
	// MOCK), "" when the document has none (define=spec).
	Backend string `json:"backend"`
	// Throttle and ACL are the names of the operation's throttling and
	// access control policies, "" for none.
	Throttle string `json:"throttle"`
	ACL      string `json:"acl"`
	// Pointer is the operation's JSON pointer, which its findings' paths
	// start with.
	Pointer string `json:"pointer"`
	// Findings are the indexes in [Outline.Findings] of the findings on
	// this operation, or on its Path Item (which then shows on each of the
	// item's operations).
	Findings []int `json:"findings"`
}

// OutlineOf reads a Swagger 2.0 or OpenAPI 3.0 document, JSON or YAML, validates it as
// [Validate] does, and lists its operations with their findings. The
// document is read once for both. The error is for a document that cannot
// be read at all.
func OutlineOf(doc []byte) (*Outline, error) {
	raw, v, dups, err := readDocument(doc)
	if err != nil {
		return nil, err
	}
	findings := dups // a key given twice: refused unchecked, as Validate does
	if dups == nil {
		if findings, err = validateTree(raw, v, ValidateOptions{}); err != nil {
			return nil, err
		}
	}
	o := &Outline{Operations: []Operation{}, Findings: findings, Other: []int{}}
	if o.Findings == nil {
		o.Findings = []Finding{}
	}
	root, _ := v.(tree.Obj)
	schemes := tree.AsObj(root.Get("securityDefinitions"))
	if v, _ := documentVersion(root); v == versionOpenAPI3 {
		schemes = tree.AsObj(tree.AsObj(root.Get("components")).Get("securitySchemes"))
	}
	paths := tree.AsObj(root.Get("paths"))
	// Path Item pointer -> indexes of its operations, and operation
	// pointer -> index, to place the findings.
	items := make(map[string][]int, len(paths))
	ops := make(map[string]int, len(paths))
	for _, p := range paths {
		item := tree.AsObj(p.Val)
		itemPtr := tree.Pointer("", "paths", p.Key)
		for i, key := range check.MethodKeys {
			o.addOperation(item, key, check.MethodOrder[i], p.Key, itemPtr, schemes, items, ops)
		}
		o.addOperation(item, check.AnyMethodKey, "ANY", p.Key, itemPtr, schemes, items, ops)
	}
	for fi, f := range o.Findings {
		if i, ok := ops[operationPointer(f.Path)]; ok {
			o.Operations[i].Findings = append(o.Operations[i].Findings, fi)
			continue
		}
		if list, ok := items[itemPointer(f.Path)]; ok {
			for _, i := range list {
				o.Operations[i].Findings = append(o.Operations[i].Findings, fi)
			}
			continue
		}
		o.Other = append(o.Other, fi)
	}
	return o, nil
}

func (o *Outline) addOperation(item tree.Obj, key, method, path, itemPtr string, schemes tree.Obj, items map[string][]int, ops map[string]int) {
	op := tree.AsObj(item.Get(key))
	if op == nil {
		return
	}
	row := Operation{Method: method, Path: path, Pointer: itemPtr + "/" + key, Findings: []int{}}
	row.Name, _ = op.Get("operationId").(string)
	row.Throttle, _ = op.Get("x-apigateway-ratelimit").(string)
	row.ACL, _ = op.Get("x-apigateway-access-control").(string)
	row.Backend, _ = tree.AsObj(op.Get("x-apigateway-backend")).Get("type").(string)
	row.Auth = authLabel(op.Get("security"), schemes)
	ops[row.Pointer] = len(o.Operations)
	items[itemPtr] = append(items[itemPtr], len(o.Operations))
	o.Operations = append(o.Operations, row)
}

// authLabel names the authentication of an operation's security
// requirements, which the gateway's export writes as one requirement of
// one scheme.
func authLabel(security any, schemes tree.Obj) string {
	var labels []string
	for _, req := range tree.AsArr(security) {
		for _, name := range tree.AsObj(req).Keys() {
			labels = append(labels, schemeLabel(name, tree.AsObj(schemes.Get(name))))
		}
	}
	if len(labels) == 0 {
		return "NONE"
	}
	return strings.Join(labels, " | ")
}

func schemeLabel(name string, scheme tree.Obj) string {
	switch name {
	case check.SchemeApp:
		return "APP"
	case check.SchemeAppHeader:
		return "APP+AppCode"
	case check.SchemeIAM:
		return "IAM"
	}
	if custom, ok := strings.CutPrefix(name, check.SchemeCustom); ok {
		return "AUTHORIZER: " + custom
	}
	// A scheme of a hand-written document: its gateway type, else its
	// name.
	if t, ok := scheme.Get("x-apigateway-auth-type").(string); ok && t != "" {
		return t + ": " + name
	}
	return name
}

// itemPointer returns the Path Item part (/paths/{escaped path}) of a JSON
// pointer into paths, or "".
func itemPointer(p string) string {
	rest, ok := strings.CutPrefix(p, "/paths/")
	if !ok {
		return ""
	}
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		rest = rest[:i]
	}
	return "/paths/" + rest
}

// operationPointer returns the operation part (/paths/{path}/{key}) of a
// JSON pointer into paths, or "".
func operationPointer(p string) string {
	item := itemPointer(p)
	if item == "" || len(p) <= len(item)+1 {
		return ""
	}
	rest := p[len(item)+1:]
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		rest = rest[:i]
	}
	return item + "/" + rest
}
