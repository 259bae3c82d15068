// Command embedder is the smallest program that embeds the engine: it
// loads the built-in sample bundle and exports it to standard output. It
// exists to measure what importing engine costs an embedder's binary
// (BENCHMARKS.md, "What an embedder links"), and a test keeps the heavy
// dependencies out of it.
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/apigexport/apigexport/engine"
	"github.com/apigexport/apigexport/model"
	"github.com/apigexport/apigexport/model/sample"
)

func main() {
	b, err := model.Load([]model.File{{Name: sample.Name, Data: sample.Bundle}}, model.LoadOptions{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	res, err := engine.Export(b, engine.Request{GroupID: "7c1f0e9d4b6a4e2f8a3b5c6d7e8f9a01", EnvID: model.DefaultEnvID, Define: "all"},
		engine.Options{Now: time.Now()})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Stdout.Write(res.Body)
}
