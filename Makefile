# Every target sets up its own environment: a fresh clone needs python3 (and npm for the JS checks).
VENV  := .venv
PY    := $(VENV)/bin/python
READY := $(VENV)/.ready

.PHONY: serve build test test-fast clean notebooks diagrams memory pitfalls benchmark gap nsmc-tokens

$(READY): requirements.txt package-lock.json
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	if command -v npm >/dev/null; then npm ci --no-audit --no-fund; \
	else echo "npm not found: install Node.js 20 and npm, then run npm ci (workflow checks skip until then)"; fi
	touch $@

serve: $(READY)  ## Serve both languages at http://127.0.0.1:8000
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(READY)
	$(VENV)/bin/mkdocs build --strict

test: $(READY)  ## Every test: site, parity, code chapters, figures, workflows, browser
	$(VENV)/bin/ruff check .
	TF_CPP_MIN_LOG_LEVEL=3 MPLBACKEND=Agg $(PY) -m pytest -n 2 --dist loadfile

# Everything but the trainings and the browser: lint, strict build, parity, terms, code pages,
# figures, notebooks' freshness, workflows, hooks. tests/test_tiers.py reads FAST from here.
FAST := not training and not browser
test-fast: $(READY)  ## The quick tier: every test but the trainings and the browser checks
	$(VENV)/bin/ruff check .
	TF_CPP_MIN_LOG_LEVEL=3 MPLBACKEND=Agg $(PY) -m pytest -m "$(FAST)"

diagrams: $(READY)  ## Redraw every figure into docs/{ko,en}/figures, cited numbers into diagrams/data
	$(PY) -m diagrams

# Execute the chapter notebooks again (minutes: five trainings) and redraw the results chart.
# One chapter: make notebooks SLUG=lstm. Only the chart, from the stored outputs: make notebooks CHART=only
notebooks: $(READY)  ## Regenerate docs/{ko,en}/notebooks/*.ipynb and the results chart
	$(PY) -m notebooks $(SLUG) $(if $(CHART),--chart-only)

# Run the memory experiment of "How far can it remember?" (every model, k and seed, one training at
# a time, a line per run; the better part of an hour), store each run in
# snippets/results/memory.json as it ends and draw the figures. Stored runs of the same code are
# skipped, so an interrupted run resumes. Only the figures: make memory FIGURES=only
memory: $(READY)  ## Regenerate the memory experiment's runs and figures (resumable)
	$(PY) -m experiments.memory $(if $(FIGURES),--figures-only)

# The full experiments of "Pitfalls, measured": eight models over three seeds, and the baselines
# (tens of CPU minutes), into snippets/results/pitfalls.json. A stopped run resumes where it stopped.
pitfalls: $(READY)  ## Run the pitfalls chapter's experiments and store them for the pages
	$(PY) -m experiments.pitfalls

# Measure the NSMC chapter's three tokenizations once (three trainings, minutes) and store the
# numbers its pages cite in snippets/results/nsmc-tokens.json
nsmc-tokens: $(READY)  ## Regenerate the tokenization comparison of the NSMC chapter
	$(PY) -m experiments.nsmc_tokens

# Measure our trained chapters (5 seeds) and the book's own notebook (3 seeds, and its NumPy part
# with its backprop fixed) side by side, one training at a time: hours. Stored runs are skipped.
# A slice: make benchmark ARGS="--only ours --chapters lstm --seeds 1"; the plan: ARGS=--dry-run
# Then Lighthouse's performance score of every page (unchanged pages skipped); LIGHTHOUSE=no, a
# dry run and --chart-only skip it.
benchmark: $(READY)  ## Our chapters against the book's code, several seeds each (about an hour)
	$(PY) -m benchmarks $(ARGS)
	$(if $(filter no,$(LIGHTHOUSE))$(filter --dry-run --chart-only,$(ARGS)),,$(PY) -m benchmarks.lighthouse)

# Why our medians trail the book code's (issue 13): the embedding model without XLA, the book's
# embedding model alone, more seeds of both codes, our NumPy class with each difference from the
# book's fixed code switched in turn, one training at a time; stored runs are skipped. Into
# benchmarks/gap.json, which the results page cites. About an hour and a half; ARGS=--dry-run
gap: $(READY)  ## The accuracy gap to the book's code, measured
	$(PY) -m experiments.gap $(ARGS)

clean:
	rm -rf site .pytest_cache
