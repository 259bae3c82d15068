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
build: ## build the command into bin/apigexport
	$(GO) build $(GOFLAGS) -o $(BIN) ./cmd/apigexport

.PHONY: sample
sample: ## export the built-in sample (define=all, env RELEASE) to stdout
	$(GO) run ./cmd/apigexport export -sample -env RELEASE -define all

.PHONY: test
test: lint ## run every check and test (what CI runs)
	$(GO) test -count=1 $(PKGS)
	GOOS=js GOARCH=wasm $(GO) build ./engine/... ./model/...

.PHONY: lint
lint: ## gofmt, go vet for both GOOS, and go.mod tidiness
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)
	GOOS=js GOARCH=wasm $(GO) vet ./engine/... ./model/...
	$(GO) mod tidy -diff

.PHONY: golden
golden: ## rewrite the golden files and the mutation corpus after a deliberate change (review the diff)
	$(GO) test ./engine -run 'TestGolden|TestMutationCorpus' -update

.PHONY: fuzz
fuzz: ## run each fuzz target for FUZZTIME (default 1m); crashers land in PKG/testdata/fuzz
	$(GO) test ./model  -run '^$$' -fuzz '^FuzzLoad$$'         -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./engine -run '^$$' -fuzz '^FuzzExport$$'       -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./engine -run '^$$' -fuzz '^FuzzToJSON$$'       -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./engine -run '^$$' -fuzz '^FuzzWriteString$$'  -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./engine -run '^$$' -fuzz '^FuzzValidate$$'     -fuzztime $(FUZZTIME) -fuzzminimizetime 5s

.PHONY: bench
bench: ## run the benchmarks (5 runs each) and print the table and budget ratios for BENCHMARKS.md
	$(GO) test ./engine -run '^$$' -bench . -benchmem -count 5 -timeout 90m | tee bench.out
	$(GO) run ./engine/internal/benchreport < bench.out

.PHONY: clean
clean: ## remove build output
	rm -rf bin
