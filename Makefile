# apigexport: run "make help" for the targets.

GO        ?= go
GOFLAGS   ?= -trimpath -buildvcs=false
FUZZTIME  ?= 1m
BIN       := bin/apigexport
PKGS      := ./...

.DEFAULT_GOAL := help

.PHONY: help
help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: build
build: wasm ## build the command (with the web page's engine) into bin/apigexport
	$(GO) build $(GOFLAGS) -o $(BIN) ./cmd/apigexport

WASM_EXEC := $(shell $(GO) env GOROOT)/lib/wasm/wasm_exec.js

.PHONY: wasm
wasm: ## build web/apigexport.wasm and its gzip copy (served to browsers that accept gzip), and copy the toolchain's wasm_exec.js beside them
	GOOS=js GOARCH=wasm $(GO) build $(GOFLAGS) -ldflags='-s -w' -o web/apigexport.wasm ./wasm
	gzip -9 -n -k -f web/apigexport.wasm
	cp $(WASM_EXEC) web/wasm_exec.js

.PHONY: serve
serve: wasm ## serve the web page and the export endpoint (the sample as project sample-project, instance sample-instance) on http://127.0.0.1:8080/, without auth
	mkdir -p .serve/sample-project/sample-instance
	cp model/sample/bundle.json .serve/sample-project/sample-instance/bundle.json
	$(GO) run ./cmd/apigexport serve -insecure -addr 127.0.0.1:8080 -data .serve

.PHONY: sample
sample: ## export the built-in sample (define=all, env RELEASE) to stdout
	$(GO) run ./cmd/apigexport export -sample -env RELEASE -define all

WASM_PATH := $(shell $(GO) env GOROOT)/lib/wasm

.PHONY: deps
deps: ## install what the tests need and the machine lacks: node, Debian's chromium and firefox-esr (apt-get, as root)
	@missing=""; \
	command -v node >/dev/null 2>&1 || missing="$$missing nodejs"; \
	[ -x /usr/bin/chromium ] || [ -n "$$CHROMIUM" ] || missing="$$missing chromium"; \
	[ -x /usr/bin/firefox-esr ] || [ -n "$$FIREFOX" ] || missing="$$missing firefox-esr"; \
	if [ -n "$$missing" ]; then \
	  echo "installing$$missing with apt-get"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

.PHONY: test
test: deps lint wasm ## run every check and test (what CI runs; installs node, chromium, firefox-esr if missing)
	$(GO) test -count=1 $(PKGS)
	PATH="$(WASM_PATH):$$PATH" GOOS=js GOARCH=wasm $(GO) test -count=1 ./engine/... ./model/...
	node --test web/test/
	cd web/e2e && $(GO) test -count=1 ./...
	cd cmd/apigexport/sdktest && $(GO) test -count=1 ./...

.PHONY: screenshot
screenshot: wasm ## refresh web/screenshot.png, the page after an export, for the README
	cd web/e2e && $(GO) test -count=1 -run TestPage ./... -args -screenshot ../screenshot.png

.PHONY: lint
lint: ## gofmt, go vet for both GOOS, and go.mod tidiness
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)
	GOOS=js GOARCH=wasm $(GO) vet ./engine/... ./model/... ./wasm/...
	$(GO) mod tidy -diff
	cd web/e2e && $(GO) vet ./... && $(GO) mod tidy -diff
	cd cmd/apigexport/sdktest && $(GO) vet ./... && $(GO) mod tidy -diff

.PHONY: golden
golden: ## rewrite the golden files and the mutation corpus after a deliberate change (review the diff)
	$(GO) test ./engine -run 'TestGolden|TestMutationCorpus' -update

.PHONY: fuzz
fuzz: ## run each fuzz target for FUZZTIME (default 1m); crashers land in PKG/testdata/fuzz
	$(GO) test ./model  -run '^$$' -fuzz '^FuzzLoad$$'         -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./engine -run '^$$' -fuzz '^FuzzExport$$'       -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./engine -run '^$$' -fuzz '^FuzzToJSON$$'       -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./engine -run '^$$' -fuzz '^FuzzWriteString$$'  -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./engine -run '^$$' -fuzz '^FuzzPathParams$$'   -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./engine -run '^$$' -fuzz '^FuzzValidate$$'     -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./engine -run '^$$' -fuzz '^FuzzImport$$'       -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./cmd/apigexport/internal/server -run '^$$' -fuzz '^FuzzDecodeRequest$$'      -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./cmd/apigexport/internal/server -run '^$$' -fuzz '^FuzzParseAuthorization$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./cmd/apigexport/internal/server -run '^$$' -fuzz '^FuzzServe$$'              -fuzztime $(FUZZTIME) -fuzzminimizetime 5s

.PHONY: bench
bench: wasm ## run the benchmarks (5 runs each; go-openapi/validate once a run) and print the table and budget ratios
	$(GO) test ./engine -run '^$$' -bench '^Benchmark[^R]' -benchmem -count 5 -timeout 60m | tee bench.out
	# The engine under node, with the GOGC that the wasm module sets (wasm/main.go), right after
	# the native run it is compared with, so that both meet the same machine; the reference
	# validator's minutes of gigabytes come last. --no-liftoff has V8 compile the module with its
	# optimising compiler up front, the code a page runs once V8 has tiered it up: left to tier up
	# as it goes, some hot functions stay on the baseline compiler for a varying time, and the
	# figure varies with them (BENCHMARKS.md).
	GOGC=400 GOOS=js GOARCH=wasm $(GO) test ./engine -run '^$$' \
	  -exec 'node --no-liftoff --stack-size=8192 $(WASM_PATH)/wasm_exec_node.js' \
	  -bench '^BenchmarkExportValidate$$/^apis=1000$$' -benchmem -count 5 | sed 's/^BenchmarkExportValidate/BenchmarkWasmExportValidate/' | tee -a bench.out
	$(GO) test ./engine -run '^$$' -bench '^BenchmarkReference$$' -benchmem -count 5 -benchtime 1x -timeout 60m | tee -a bench.out
	echo "wasm-gzip-bytes $$(gzip -9 -c web/apigexport.wasm | wc -c)" | tee -a bench.out
	$(GO) run ./engine/internal/benchreport < bench.out

.PHONY: load
load: ## run the server's load tests: 5,000 mixed requests (a 100-API group), then the memory budget at full size (12 YAML and 50 JSON exports of a 10,000-API group, 800 unauthenticated 1 MiB bodies); print their figures
	@$(GO) test -count=1 -timeout 30m -run '^(TestLoad|TestMemoryBudget)$$' -v ./cmd/apigexport/internal/server -args -load.full > load.out 2>&1; \
	  status=$$?; grep -E 'load:|^(ok|FAIL|---)|_test.go' load.out; exit $$status

.PHONY: clean
clean: ## remove build output
	rm -rf bin
