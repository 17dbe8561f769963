# ANTQ Desk — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= $(CURDIR)/.demo/antq-demo.sqlite3

.PHONY: venv run test lint typecheck pytest bench bundle demo admin-units screenshots guide-screenshots clean

venv: $(STAMP)

# Re-installs only when pyproject.toml changes; `make venv` twice does nothing the second time.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: venv
	$(BIN)/python -m desktop_app --demo --db "$(DEMO_DB)"

lint: venv
	$(BIN)/ruff check desktop_app db ui tests scripts benchmarks freeze

typecheck: venv
	$(BIN)/mypy

pytest: venv
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

test: lint typecheck pytest

bench: venv
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks

# The one-folder bundle (build.spec, docs/install.md): dist/antq-desk/ holding antq-desk and antq.
# Not part of `make test` (a build takes minutes); the checks below run the built programs
# with an empty environment, as on a machine without Python.
BUNDLE := dist/antq-desk
SMOKE_ENV := env -i HOME="$$HOME" PATH=/usr/bin:/bin LANG=C.UTF-8
bundle: venv
	$(BIN)/python -c "import PyInstaller" 2>/dev/null || $(BIN)/python -m pip install --quiet -e '.[bundle]'
	$(BIN)/pyinstaller --noconfirm --clean build.spec
	$(SMOKE_ENV) $(BUNDLE)/antq-desk --self-test
	$(SMOKE_ENV) $(BUNDLE)/antq --version
	smoke=$$(mktemp -d) && $(SMOKE_ENV) ANTQ_DATA_DIR="$$smoke" ANTQ_PASSWORD=kiem-tra-goi \
		$(BUNDLE)/antq --db "$$smoke/antq.sqlite3" init --role post --unit-code 00097 \
		--name "Công an phường Hồng Hà" --admin-user truong && rm -rf "$$smoke"
	du -sh $(BUNDLE)

# The pictures in README.md and the user guide, rendered offscreen from a fresh demo database.
SHOTS := overview households groups cases meetings sync reports settings
screenshots: venv
	rm -rf .demo/shots && mkdir -p docs/screenshots
	for page in $(SHOTS); do \
		ANTQ_DATA_DIR=.demo/shots $(BIN)/python -m desktop_app --demo --db .demo/shots/demo.sqlite3 \
			--screenshot docs/screenshots/$$page.png --page $$page || exit 1; \
	done

# The pictures of the user guide (docs/huong-dan.md): dialogs over a fresh demo database.
GUIDE_SHOTS := wizard wizard-commune login household contact meeting-opinions minutes-preview \
	add-peer import-summary conflicts backups password
guide-screenshots: venv
	rm -rf .demo/guide && mkdir -p docs/huong-dan
	for dialog in $(GUIDE_SHOTS); do \
		ANTQ_DATA_DIR=.demo/guide $(BIN)/python -m desktop_app --demo --db .demo/guide/demo.sqlite3 \
			--screenshot docs/huong-dan/$$dialog.png --dialog $$dialog || exit 1; \
	done
	command -v optipng >/dev/null && optipng -quiet -o2 docs/huong-dan/*.png || true

# Regenerates resources/admin_units.json from vietnamadminunits (MIT); the result is committed.
admin-units: venv
	$(BIN)/python scripts/gen_admin_units.py resources/admin_units.json

clean:
	rm -rf $(VENV) .demo .mypy_cache .ruff_cache build dist *.egg-info
