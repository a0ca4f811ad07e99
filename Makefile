PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SAMPLE ?= workflow_index_samples/unsloth/_WorkflowIndex.md
RUNTIME := cookiecutter-workflow/{{cookiecutter.repo_name}}/src/{{cookiecutter.package_name}}/runtime

.PHONY: install demo test test-fast lint golden template-sample bench clean

$(BIN)/genrepo: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev]'
	$(BIN)/python -m compileall -q generator  # an editable install writes no bytecode; PYTHONDONTWRITEBYTECODE may forbid later writes
	touch $(BIN)/genrepo

install: $(BIN)/genrepo  ## create .venv and install genrepo with its dev tools

demo: install  ## generate the sample wiki's repositories into ./generated
	$(BIN)/genrepo from-index $(SAMPLE) --out generated --resolver uv

test: install  ## the whole suite, slow tests included (what CI runs)
	$(BIN)/python -m pytest

test-fast: install  ## skip the slow tests (venvs, resolutions, terminals, whole-corpus loops); one worker per core
	$(BIN)/python -m pytest -m "not slow and not timing" -n auto
	$(BIN)/python -m pytest -m "timing and not slow"

lint: install  ## ruff on everything, ruff format on generated output (tests/test_corpus.py), mypy --strict on generator/
	$(BIN)/ruff check generator tests scripts bench cookiecutter-workflow/local_extensions.py cookiecutter-workflow/hooks
	$(BIN)/ruff format --check generator tests scripts bench cookiecutter-workflow/local_extensions.py cookiecutter-workflow/hooks
	$(BIN)/mypy --strict generator
	$(BIN)/ruff check --isolated --target-version py310 --select E4,E7,E9,F,W,B,I --line-length 120 $(RUNTIME)

golden: install  ## regenerate tests/golden after an intended output change
	GENREPO_UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_golden.py

template-sample: install  ## refresh cookiecutter.json's sample context from the LoreSmith wiki
	$(BIN)/python scripts/template_sample.py

bench: install
	$(BIN)/python bench/generate.py

clean:
	rm -rf generated .pytest_cache
