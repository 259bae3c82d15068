//go:build js

package engine

// haveReference: the GOOS=js build leaves out go-openapi/validate, which
// would take the module past its size budget (3 MB gzipped) for documents
// that exports never produce. See reference.go.
const haveReference = false

func referenceFindings([]byte) []Finding { panic("engine: no reference validator in this build") }
