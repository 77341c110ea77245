# countyscore — every command a developer or CI needs. Only Go is required.
GO       ?= go
EXAMPLES := inputs/examples
RUN      := $(GO) run ./cmd/countyscore
FUZZTIME ?= 30s

.PHONY: demo test bench fuzz build golden vet

## demo: score the bundled (illustrative) example data for every built-in set
demo:
	$(RUN) score --criteria garden-county $(EXAMPLES)/garden-county/*.toml
	$(RUN) score --criteria fitness-2025 $(EXAMPLES)/fitness-2025/*.toml
	$(RUN) gaps --criteria fitness-2025 $(EXAMPLES)/fitness-2025/*.toml
	$(RUN) score --criteria bigdata-2023 $(EXAMPLES)/bigdata-2023/*.toml
	$(RUN) gaps --criteria bigdata-2023 $(EXAMPLES)/bigdata-2023/*.toml

## test: vet, then every test: engine rules, golden files, end-to-end runs, fuzz seed corpora
test:
	$(GO) vet ./...
	$(GO) test ./...

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
