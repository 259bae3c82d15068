# apigexport: run "make help" for the targets.

GO        ?= go
GOFLAGS   ?= -trimpath -buildvcs=false
FUZZTIME  ?= 1m
BIN       := bin/apigexport
PKGS      := ./...
# The version that apigexport version and the page print: GOFLAGS has
# -buildvcs=false, so the revision comes from git here (empty outside a
# checkout, and the build info decides; internal/version).
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null)
STAMP     := -X github.com/apigexport/apigexport/internal/version.stamp=$(VERSION)

.DEFAULT_GOAL := help

.PHONY: help
help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: build
build: wasm ## build the command (with the web page's engine) into bin/apigexport
	$(GO) build $(GOFLAGS) -ldflags='$(STAMP)' -o $(BIN) ./cmd/apigexport

WASM_EXEC := $(shell $(GO) env GOROOT)/lib/wasm/wasm_exec.js

# make wasm puts the npm package's loader (wasm/js) beside the page, which uses it: engine.js (the
# package's index.js), core.js, serve.js, and the toolchain's wasm_exec.js, unchanged inside a module
# function whose globalThis is the scope core.js gives it (so that Go lands there, not on the page),
# with a binding of the one name it uses bare, fs, to the scope's.
LOADER := index.js:engine.js core.js serve.js

# The module's compressed copies, which serve sends to a browser that accepts their coding (package
# web): gzip -9, and brotli at quality 11 by a program of its own (cmd/apigexport/internal/brotli),
# so that the apigexport binary does not link the compressor; it takes some 30 s of CPU, and leaves a
# .br that already decompresses to the module as it is.
.PHONY: wasm
wasm: ## build web/apigexport.wasm and its brotli and gzip copies (served to browsers that accept br or gzip), and put the npm package's loader (wasm/js) and the toolchain's wasm_exec.js, wrapped as a module, beside them
	GOOS=js GOARCH=wasm $(GO) build $(GOFLAGS) -ldflags='-s -w $(STAMP)' -o web/apigexport.wasm ./wasm
	gzip -9 -n -k -f web/apigexport.wasm
	$(GO) run ./cmd/apigexport/internal/brotli web/apigexport.wasm
	{ echo "// The Go toolchain's lib/wasm/wasm_exec.js ($$($(GO) env GOVERSION)), the one that matches apigexport.wasm,"; \
	  echo "// unchanged inside goClass: its globalThis is the scope it is given (core.js), so that Go and its"; \
	  echo "// polyfills land there and not on the page's globalThis."; \
	  echo "export function goClass(globalThis) {"; \
	  echo "// wasm_exec.js writes the runtime's output (a fatal error's message among it) with a bare fs.writeSync,"; \
	  echo "// which would name the page's global fs, which there is none of: this fs is the scope's."; \
	  echo "const fs = { writeSync: (fd, buf) => globalThis.fs.writeSync(fd, buf) };"; \
	  cat $(WASM_EXEC); echo "return globalThis.Go;"; echo "}"; } > web/wasm_exec.js
	for f in $(LOADER); do cp wasm/js/$${f%%:*} web/$${f##*:}; done

# make npm stages the package (wasm/js, the module, wasm_exec.js) in bin/npm/package and packs it
# there; the tests install the tarball from NPM_TGZ.
NPM_TGZ := bin/apigexport-engine.tgz

.PHONY: npm
npm: wasm ## pack the engine as the npm package @apigexport/engine (wasm/js) into bin/apigexport-engine.tgz
	node wasm/js/pack.mjs bin/npm/package '$(VERSION)' web/apigexport.wasm web/wasm_exec.js
	cd bin/npm/package && f=$$(npm pack --silent --pack-destination ..) && mv ../$$f ../../apigexport-engine.tgz
	@echo "$(NPM_TGZ): $$(wc -c < $(NPM_TGZ)) bytes"

.PHONY: serve
serve: wasm ## serve the web page and the export endpoint (the sample as project sample-project, instance sample-instance) on http://127.0.0.1:8080/, without auth
	mkdir -p .serve/sample-project/sample-instance
	cp model/sample/bundle.json .serve/sample-project/sample-instance/bundle.json
	$(GO) run ./cmd/apigexport serve -insecure -addr 127.0.0.1:8080 -data .serve

.PHONY: sample
sample: ## export the built-in sample (define=all, env RELEASE) to stdout
	$(GO) run ./cmd/apigexport export -sample -env RELEASE -define all

WASM_PATH := $(shell $(GO) env GOROOT)/lib/wasm

# APIGEXPORT_REQUIRE_BROWSERS=1 (.ci/run sets it) makes a missing node, Chromium or Firefox a
# failure: make deps must install them, and no test that needs them may be skipped.

.PHONY: deps
deps: ## install what the tests need and the machine lacks (node, chromium, firefox-esr; apt-get, as root); without root, say which tests will be skipped
	@missing=""; \
	command -v node >/dev/null 2>&1 || missing="$$missing nodejs"; \
	if [ -n "$$CHROMIUM" ]; then [ -x "$$CHROMIUM" ] || echo "make deps: CHROMIUM=$$CHROMIUM is not a program: the Chromium tests will not find it"; \
	else [ -x /usr/bin/chromium ] || [ -x /usr/bin/chromium-browser ] || command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; fi; \
	if [ -n "$$FIREFOX" ]; then [ -x "$$FIREFOX" ] || echo "make deps: FIREFOX=$$FIREFOX is not a program: the Firefox test will not find it"; \
	else [ -x /usr/bin/firefox-esr ] || [ -x /usr/bin/firefox ] || command -v firefox >/dev/null 2>&1 || missing="$$missing firefox-esr"; fi; \
	if [ -z "$$missing" ]; then echo "make deps: nothing to install"; exit 0; fi; \
	echo "make deps: the machine lacks what some tests need:"; \
	for p in $$missing; do case $$p in \
	  nodejs)      echo "  nodejs       runs the engine's and model's tests under GOOS=js, the module's tests in web/test, make npm and the package's tests in wasm/js/test";; \
	  chromium)    echo "  chromium     web/e2e drives the page in it (TestPage, TestLargeBundle, TestImportTab) and the npm package's tools (TestPackageBundled, TestPackageImportMap)";; \
	  firefox-esr) echo "  firefox-esr  web/e2e opens the page in it (TestFirefox)";; \
	esac; done; \
	skipped="make deps: the tests that need them will be skipped, by name"; \
	if [ -n "$$APIGEXPORT_REQUIRE_BROWSERS" ]; then skipped="make deps: APIGEXPORT_REQUIRE_BROWSERS is set, so the tests that need them will fail"; fi; \
	if [ "$$(id -u)" != 0 ]; then echo "make deps: not root, so nothing is installed (sudo make deps installs them)"; echo "$$skipped"; exit 0; fi; \
	if ! command -v apt-get >/dev/null 2>&1; then echo "make deps: no apt-get: install them with the system's package manager"; echo "$$skipped"; exit 0; fi; \
	echo "make deps: apt-get install --no-install-recommends$$missing (and what they depend on; nothing else is upgraded)"; \
	if DEBIAN_FRONTEND=noninteractive apt-get -qq update && \
	   DEBIAN_FRONTEND=noninteractive apt-get -q -y install --no-install-recommends --no-upgrade $$missing; then exit 0; fi; \
	echo "make deps: apt-get failed (its errors are above)"; echo "$$skipped"; \
	[ -z "$$APIGEXPORT_REQUIRE_BROWSERS" ]

.PHONY: test
test: deps lint wasm test-clone ## run every check and test (what CI runs); a test whose node or browser is missing is skipped by name (make deps)
	@if command -v node >/dev/null 2>&1; then \
	  set -x; \
	  PATH="$(WASM_PATH):$$PATH" GOOS=js GOARCH=wasm $(GO) test -count=1 ./engine/... ./model/... && \
	  node --test web/test/ && \
	  $(MAKE) --no-print-directory npm && \
	  node --test wasm/js/test/; \
	else \
	  echo "SKIP: the GOOS=js run of ./engine/... ./model/..., node --test web/test/, make npm and node --test wasm/js/test/: no node (make deps installs it as root)"; \
	  [ -z "$$APIGEXPORT_REQUIRE_BROWSERS" ] || { echo "APIGEXPORT_REQUIRE_BROWSERS is set: node must be here"; exit 1; }; \
	fi
	cd web/e2e && $(GO) test -count=1 -v ./...
	cd cmd/apigexport/sdktest && $(GO) test -count=1 ./...

.PHONY: test-clone
test-clone: ## go test ./... in a copy of the repository in an empty temporary folder: the tracked files as they are in the working tree (make test runs this)
	@if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
	  echo "test-clone: not a git checkout, so no list of tracked files: go test ./... here"; \
	  set -x; $(GO) test -count=1 ./...; exit; \
	fi; \
	tmp=$$(mktemp -d "$${TMPDIR:-/tmp}/apigexport-clone.XXXXXX") || exit; \
	trap 'rm -rf "$$tmp"' EXIT; trap 'exit 130' INT TERM; \
	git ls-files -z | xargs -0 sh -c 'for f; do [ -e "$$f" ] && printf "%s\0" "$$f"; done; exit 0' sh | \
	  tar --null -T - -cf - | tar -xf - -C "$$tmp" || exit; \
	echo "test-clone: the files git tracks, as they are in the working tree, copied to $$tmp"; \
	cd "$$tmp" && set -x && $(GO) test -count=1 ./...

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
# Every fuzz target, as package:target. Minimisation is capped: the engine's targets start from large
# golden seeds, and minimising one of those can take longer than the fuzzing.
FUZZ_TARGETS := \
	./model:FuzzParseJSON ./model:FuzzLoad ./model:FuzzDecoder ./model:FuzzScanners \
	./engine:FuzzExport ./engine:FuzzExportFields ./engine:FuzzToJSON ./engine:FuzzValidate ./engine:FuzzImport ./engine:FuzzRefTarget \
	./engine/internal/tree:FuzzWriteString ./engine/internal/tree:FuzzYAMLString ./engine/internal/tree:FuzzYAMLDocument \
	./engine/internal/check:FuzzPathParams ./engine/internal/check:FuzzPathScanners \
	./engine/internal/check:FuzzOAS3Differential ./engine/internal/check:FuzzOAS3FastAccept ./engine/internal/check:FuzzSwaggerFastAccept \
	./engine/internal/check:FuzzShapeAccepts \
	./engine/internal/oracle:FuzzCheck \
	./cmd/apigexport/internal/server:FuzzDecodeRequest ./cmd/apigexport/internal/server:FuzzParseAuthorization ./cmd/apigexport/internal/server:FuzzServe
fuzz: ## run each fuzz target for FUZZTIME (default 1m); crashers land in PKG/testdata/fuzz
	@set -e; for t in $(FUZZ_TARGETS); do \
	  echo "$(GO) test $${t%%:*} -run '^$$' -fuzz '^$${t##*:}$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 3s"; \
	  $(GO) test $${t%%:*} -run '^$$' -fuzz "^$${t##*:}\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 3s; \
	done

.PHONY: bench
BENCH_ROUNDS ?= 5
BENCH_BIN    := bin/bench
# The benchmarks that a budget sets against each other, run side by side in every round: the whole
# request and its floor, export + validation, both versions, kin-openapi's convert + validate +
# marshal, natively and (the first six) in the WASM build.
BENCH_PAIRED := ^Benchmark(ExportValidate|ExportValidateOAS3|Request|RequestYAML|RequestOAS3|RequestYAMLOAS3|RequestFloor|KinOAS3)$$/^apis=(1000|10000)$$
# kin-openapi's budget is measured in pairs, the two sides in turns a few hundred ms apart
# (BenchmarkKinPairOAS3): KIN_PAIRS pairs a round.
KIN_PAIRS    := 9
BENCH_WASM   := ^Benchmark(ExportValidate|Request|RequestYAML)(OAS3)?$$/^apis=(1000|10000)$$
BENCH_REST   := ^Benchmark(Floor|Export|ExportYAML|ExportYAMLNoValidate|ExportOAS3|ExportYAMLOAS3|Validate|PeakHeap)$$/^apis=(10|100|1000|10000)$$
BENCH_SMALL  := ^Benchmark(ExportValidate|ExportValidateOAS3)$$/^apis=(10|100)$$
# The engine under node runs with the GOGC and memory limit that the wasm module sets (wasm/main.go).
# --no-liftoff has V8 compile the module with its optimising compiler up front, the code a page runs
# once V8 has tiered it up: left to tier up as it goes, some hot functions stay on the baseline
# compiler for a varying time, and the figure varies with them (BENCHMARKS.md).
BENCH_NODE   := GOMEMLIMIT=3000MiB GOGC=400 node --no-liftoff --stack-size=8192 $(WASM_PATH)/wasm_exec_node.js
bench: SHELL := bash
bench: wasm ## run the benchmarks, Swagger 2.0 and OpenAPI 3.0, native and WASM alternated in 5 rounds (kin-openapi beside ours; 100,000 APIs and go-openapi/validate once), print the medians and the budgets; exits 1 when a budget is not held
	@mkdir -p $(BENCH_BIN)
	$(GO) test -c -o $(BENCH_BIN)/engine.test ./engine
	GOOS=js GOARCH=wasm $(GO) test -c -o $(BENCH_BIN)/engine.wasm.test ./engine
	# Each round runs once every benchmark that a budget compares, natively, then in the WASM build,
	# then the others: the two sides of a ratio meet the same machine (it is shared, and its load
	# changes by the minute), and benchreport takes the median of the rounds.
	set -o pipefail; : > bench.out; for round in $$(seq $(BENCH_ROUNDS)); do \
	  echo "# round $$round of $(BENCH_ROUNDS)"; \
	  (cd engine && ../$(BENCH_BIN)/engine.test -test.run '^$$' -test.bench '$(BENCH_PAIRED)' -test.benchmem -test.timeout 60m) | tee -a bench.out && \
	  (cd engine && ../$(BENCH_BIN)/engine.test -test.run '^$$' -test.bench '^BenchmarkKinPairOAS3$$' -test.benchtime $(KIN_PAIRS)x -test.timeout 60m) | tee -a bench.out && \
	  (cd engine && $(BENCH_NODE) ../$(BENCH_BIN)/engine.wasm.test -test.run '^$$' -test.bench '$(BENCH_WASM)' -test.benchmem -test.timeout 60m) | sed 's/^Benchmark/BenchmarkWasm/' | tee -a bench.out && \
	  (cd engine && ../$(BENCH_BIN)/engine.test -test.run '^$$' -test.bench '$(BENCH_REST)' -test.benchmem -test.timeout 60m) | tee -a bench.out && \
	  (cd engine && ../$(BENCH_BIN)/engine.test -test.run '^$$' -test.bench '$(BENCH_SMALL)' -test.benchmem -test.timeout 60m) | tee -a bench.out || exit 1; \
	done
	# The whole request at 100,000 APIs takes seconds natively and tens of seconds under node: one
	# operation a sample, three rounds of JSON, YAML and the floor natively (one sample swung from 8x to
	# 15x the median at 10,000 APIs in three runs of one quiet minute), JSON once in the WASM build (it
	# proves the size fits); the reference validator's minutes of gigabytes come last.
	set -o pipefail; for round in 1 2 3; do \
	  (cd engine && ../$(BENCH_BIN)/engine.test -test.run '^$$' -test.bench '^BenchmarkRequest/^apis=100000$$' -test.benchmem -test.benchtime 1x -test.timeout 60m) | tee -a bench.out || exit 1; \
	done
	set -o pipefail; (cd engine && $(BENCH_NODE) ../$(BENCH_BIN)/engine.wasm.test -test.run '^$$' -test.bench '^BenchmarkRequest$$/^apis=100000$$' -test.benchmem -test.benchtime 1x -test.timeout 60m) | sed 's/^Benchmark/BenchmarkWasm/' | tee -a bench.out
	set -o pipefail; (cd engine && ../$(BENCH_BIN)/engine.test -test.run '^$$' -test.bench '^BenchmarkReference$$' -test.benchmem -test.count 5 -test.benchtime 1x -test.timeout 60m) | tee -a bench.out
	echo "wasm-gzip-bytes $$(gzip -9 -c web/apigexport.wasm | wc -c)" | tee -a bench.out
	echo "wasm-brotli-bytes $$(wc -c < web/apigexport.wasm.br)" | tee -a bench.out
	echo "wasm-bytes $$(wc -c < web/apigexport.wasm)" | tee -a bench.out
	$(GO) run ./engine/internal/benchreport < bench.out

.PHONY: load
load: ## run the server's load tests: 5,000 mixed requests (a 100-API group), then the memory budget at full size (12 YAML and 50 JSON exports of a 10,000-API group, 800 unauthenticated 1 MiB bodies); print their figures
	@$(GO) test -count=1 -timeout 30m -run '^(TestLoad|TestMemoryBudget)$$' -v ./cmd/apigexport/internal/server -args -load.full > load.out 2>&1; \
	  status=$$?; grep -E 'load:|^(ok|FAIL|---)|_test.go' load.out; exit $$status

.PHONY: clean
clean: ## remove build output: bin/, and what make wasm puts in web/
	rm -rf bin
	rm -f web/apigexport.wasm web/apigexport.wasm.gz web/apigexport.wasm.br web/wasm_exec.js $(foreach f,$(LOADER),web/$(lastword $(subst :, ,$(f))))
