// Command apigexport exports the APIs of an API group as the Swagger 2.0
// document that Huawei Cloud API Gateway and ROMA Connect produce, from the
// gateway's own JSON model saved to files, and validates Swagger files.
//
// Usage:
//
//	apigexport export [flags] [FILE...]   export a group (bundle files, JSON or YAML, or stdin)
//	apigexport validate [flags] FILE...   check Swagger 2.0 and OpenAPI 3.0 files
//	apigexport import [flags] FILE        read a Swagger 2.0 or OpenAPI 3.0 file back into a bundle
//	apigexport serve [flags]              serve the export endpoint and the web page
//	apigexport version                    print the version (also --version)
//
// Run "apigexport help COMMAND" (or "apigexport COMMAND -h") for a
// command's flags.
package main

import (
	"os"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// now is the clock of the export command; tests replace it.
var now = time.Now
