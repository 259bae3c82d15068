package engine

import (
	"fmt"
)

// The HTTP statuses of [Error]: plain numbers, equal to net/http's
// constants, so that engine does not link net/http into an embedder.
const (
	statusBadRequest          = 400
	statusNotFound            = 404
	statusInternalServerError = 500
)

// Error is a refused request as the gateway reports it: the HTTP status,
// the gateway's error code (APIG.2001, ...) and its message. [Export],
// [Import], [Validate], [ToJSON] and the command's server answer it. The
// messages of the export contract's rows reproduce the gateway's own text
// exactly.
type Error struct {
	// Status is the HTTP status: 400, 404 or 500 (http.StatusBadRequest,
	// ...).
	Status  int    `json:"-"`
	Code    string `json:"error_code"`
	Message string `json:"error_msg"`
	// Param is the request parameter the error concerns (group_id,
	// env_id, define, type, version, apis, oas_version), when there is one:
	// a form shows the error beside that field.
	Param string `json:"-"`
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// The gateway's error codes that the export answers with.
const (
	CodeMissingParam  = "APIG.2001" // a required request parameter is missing
	CodeInvalidParam  = "APIG.2012" // a request parameter has an invalid value
	CodeGroupNotFound = "APIG.3001" // the API group does not exist
	CodeAPINotFound   = "APIG.3002" // an API does not exist
	CodeEnvNotFound   = "APIG.3003" // the environment does not exist
	CodeInternal      = "APIG.9999" // the export failed to produce a valid document
)

// The gateway's error codes of a document that is read (import, validate).
const (
	CodeInvalidDocument = "APIG.3600" // the document cannot be read as JSON or YAML, or has a key twice
	CodeImportRefused   = "APIG.3602" // the document has an error finding: it cannot be imported
	CodeEmptyDocument   = "APIG.3609" // the document is empty
)

// errNoReference answers a strict check in a program without the
// reference validator (see [RegisterReference]).
var errNoReference = &Error{Status: statusBadRequest, Code: CodeInvalidParam,
	Message: "strict validation needs the reference validator, go-openapi/validate, which this program leaves out " +
		"(the WebAssembly module does; a Go program gets it by importing github.com/apigexport/apigexport/engine/reference)"}

// errNoOpenAPI3Reference answers a strict check of an OpenAPI 3.0
// document in a program whose reference has no OpenAPI 3.0 validator.
var errNoOpenAPI3Reference = &Error{Status: statusBadRequest, Code: CodeInvalidParam,
	Message: "strict validation of OpenAPI 3.0 needs the reference validator, kin-openapi, which this program leaves out " +
		"(the WebAssembly module does; a Go program gets it by importing github.com/apigexport/apigexport/engine/reference)"}

func newError(status int, code, msg string) *Error {
	return &Error{Status: status, Code: code, Message: msg}
}

func missingParam(name string) *Error {
	return &Error{statusBadRequest, CodeMissingParam,
		fmt.Sprintf("The request parameters must be specified,parameterName:%s. Please refer to the support documentation", name), name}
}

func invalidParam(name string) *Error {
	return &Error{statusBadRequest, CodeInvalidParam,
		fmt.Sprintf("Invalid parameter value,parameterName:%s. Please refer to the support documentation", name), name}
}

// invalidParamBecause is invalidParam with the reason appended, for the
// cases where the gateway's terse text would leave the user guessing.
func invalidParamBecause(name, format string, args ...any) *Error {
	e := invalidParam(name)
	e.Message += ". " + fmt.Sprintf(format, args...)
	return e
}

// InvalidParam is the gateway's 400 APIG.2012 about a request parameter
// ("Invalid parameter value,parameterName:NAME. ..."), with the reason
// appended: for callers that read the request themselves (the server).
func InvalidParam(name, format string, args ...any) *Error {
	return invalidParamBecause(name, format, args...)
}

func notFound(param, code, format string, args ...any) *Error {
	return &Error{statusNotFound, code, fmt.Sprintf(format, args...), param}
}
