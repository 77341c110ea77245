# countyscore — every command a developer or CI needs. Only Go is required.
GO       ?= go
EXAMPLES := inputs/examples
RUN      := $(GO) run ./cmd/countyscore
FUZZTIME ?= 30s

.PHONY: demo test check bench fuzz build golden vet

## demo: score the bundled (illustrative) example data for every built-in set
demo:
	$(RUN) score --criteria garden-county $(EXAMPLES)/garden-county/*.toml
	$(RUN) plan --criteria garden-county $(EXAMPLES)/garden-county/石楼县.toml
	$(RUN) score --criteria fitness-2025 $(EXAMPLES)/fitness-2025/*.toml
	$(RUN) gaps --criteria fitness-2025 $(EXAMPLES)/fitness-2025/*.toml
	$(RUN) score --criteria bigdata-2023 $(EXAMPLES)/bigdata-2023/*.toml
	$(RUN) gaps --criteria bigdata-2023 $(EXAMPLES)/bigdata-2023/*.toml

## test: vet, then every test: engine rules, golden files, end-to-end runs, fuzz seed corpora.
## Tests that drive LibreOffice or Chromium skip when they are missing; the list of skips and
## why is printed once at the end (COUNTYSCORE_REQUIRE_REAL_PROGRAMS=1 makes them failures).
test:
	$(GO) vet ./...
	@rc=$$(mktemp); { $(GO) test -json ./...; echo $$? > $$rc; } | $(GO) run ./internal/testreport; report=$$?; \
	 status=$$(cat $$rc); rm -f $$rc; [ "$$report" -eq 0 ] && [ "$$status" -eq 0 ]

## check: the static checks CI runs before the tests: go.mod tidy, gofmt, go vet, staticcheck
## (staticcheck is a Go tool dependency: the first run downloads it through the module proxy)
check:
	@echo "check: go mod tidy -diff"; $(GO) mod tidy -diff
	@echo "check: gofmt -l ."; out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	@echo "check: go vet ./..."; $(GO) vet ./...
	@echo "check: go tool staticcheck ./..."; $(GO) tool staticcheck ./...

## golden: rewrite the golden files after a deliberate change of output (review the diff!)
golden:
	$(GO) test ./cmd/countyscore -run TestGolden -update

## bench: generate the large inputs, run the Go benchmarks and the end-to-end runs
bench:
	$(GO) run ./internal/benchrun

## fuzz: run every fuzz target for FUZZTIME each (make fuzz FUZZTIME=5m)
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzTOMLInput$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 3s .
	$(GO) test -run '^$$' -fuzz '^FuzzCSVInput$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 3s .
	$(GO) test -run '^$$' -fuzz '^FuzzCriteria$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 3s .

build:
	$(GO) build -o countyscore ./cmd/countyscore
