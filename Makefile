# Two commands: `make run` and `make test`. Everything else is set up on the way.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
DEV_ENV := DEBUG=1

.PHONY: run test deps serve lint static clean

run: deps
	$(DEV_ENV) $(PY) manage.py migrate --no-input
	$(DEV_ENV) $(PY) manage.py loaddemo
	@echo "Email is not sent in development: each message is written as a file to var/mail/."
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:8000

test: deps
	$(DEV_ENV) $(PY) -m pytest $(PYTEST_ARGS)

deps: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	mkdir -p var/mail
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# Production static files (DEBUG off): hashed, compressed copies in staticfiles/ served by WhiteNoise.
static: deps
	$(PY) manage.py collectstatic --no-input

lint: deps
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) node_modules staticfiles
