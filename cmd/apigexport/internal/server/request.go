package server

import (
	"github.com/apigexport/apigexport/engine"
)

// maxBody is the largest request body, 1 MiB.
const maxBody = 1 << 20

// decodeRequest reads the export request body: the fields of
// engine.Request but oas_version, a query parameter (engine.DecodeRequest).
func decodeRequest(data []byte) (engine.Request, *engine.Error) {
	return engine.DecodeRequest(data, engine.RequestFields{Omit: []string{"oas_version"}})
}
