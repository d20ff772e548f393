# Two commands on a fresh machine: `make demo` runs the app, `make test` passes the tests.
SHELL := /bin/bash
UV_VERSION := 0.13.9
UV := .tools/bin/uv
PY := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install demo serve worker beat test lint format typecheck pytest stop-db bench-extract evaluate bench bench-small bench-1m fuzz

$(UV):
	python3 -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)

.venv/.synced: $(UV) uv.lock pyproject.toml
	$(UV) sync --frozen
	touch $@

install: .venv/.synced

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo_users
	$(PY) manage.py ingest sources/samples --wait
	@echo "redline is starting on http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	$(PY) manage.py runserver $(HOST):$(PORT)

serve: install
	$(PY) manage.py runserver $(HOST):$(PORT)

worker: install
	.venv/bin/celery -A redline worker --loglevel=INFO --concurrency=2

beat: install
	.venv/bin/celery -A redline beat --loglevel=INFO

stop-db: install
	$(PY) manage.py embedded_db stop

lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: install
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

typecheck: install
	.venv/bin/mypy .

pytest: install
	$(PY) -m pytest $(PYTEST_ARGS)

test: lint typecheck pytest

evaluate: install
	$(PY) manage.py evaluate ../shared/corpus/seeds-gold.json --corpus ../shared/corpus/seeds
	$(PY) manage.py evaluate ../shared/corpus/dev-gold.json --corpus ../shared/corpus/dev
	$(PY) manage.py evaluate tests/data/devset-gold.json --corpus tests/data/devset

bench-extract: install
	$(PY) manage.py bench_extract

# Benchmarks (docs/performance.md). Each wipes and loads its own database (name contains "bench").
BENCH_DB_URL ?= postgres://postgres@127.0.0.1:5432/redline_bench
BENCH_ARGS ?=

bench: install
	DATABASE_URL=$(BENCH_DB_URL) $(PY) manage.py bench --claims 10000 --json artifacts/bench-10k.json $(BENCH_ARGS)

bench-small: install
	DATABASE_URL=$(BENCH_DB_URL) $(PY) manage.py bench --claims 10000 --seconds 5 --requests 300 \
		--ingest-count 500 --extract-articles 40 --memory-articles 200 $(BENCH_ARGS)

bench-1m: install
	DATABASE_URL=$(BENCH_DB_URL)_1m $(PY) manage.py bench --claims 1000000 --reuse --only load,web \
		--json artifacts/bench-1m.json $(BENCH_ARGS)

# Bounded fuzz run of the ingestion readers (atheris); not part of `make test`.
FUZZ_RUNS ?= 20000
FUZZ_SECONDS ?= 300
fuzz: install
	mkdir -p artifacts/fuzz/corpus artifacts/fuzz/crashes
	set -o pipefail; $(PY) tests/robustness/fuzz_readers.py -runs=$(FUZZ_RUNS) -max_total_time=$(FUZZ_SECONDS) \
		-timeout=10 -max_len=65536 -rss_limit_mb=2048 -artifact_prefix=artifacts/fuzz/crashes/ \
		artifacts/fuzz/corpus sources/samples 2>&1 | grep -v '^empty HTML tree' | tail -n 5
