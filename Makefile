# Two commands: `make run` and `make test`. Everything else is set up on the way.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
DEV_ENV := DEBUG=1
# `make run PORT=8001` serves elsewhere; email links follow (SITE_URL), unless SITE_URL is given too.
PORT ?= 8000
SITE_URL ?= http://127.0.0.1:$(PORT)
RUN_ENV := $(DEV_ENV) SITE_URL=$(SITE_URL)

.PHONY: run test deps serve lint static clean mutation

run: deps
	$(RUN_ENV) $(PY) manage.py migrate --no-input
	$(RUN_ENV) $(PY) manage.py loaddemo
	@echo "Email is not sent in development: each message is written as a file to var/mail/,"
	@echo "with links to $(SITE_URL)."
	$(RUN_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: deps
	$(DEV_ENV) $(PY) -m pytest $(PYTEST_ARGS)

deps: $(VENV)/.installed node_modules/.installed .env

# When there is none, a development .env holding only a random secret key, so that `.venv/bin/python
# manage.py ...` works as typed in a new shell. It never turns DEBUG on, and .dockerignore keeps it out
# of the image; a deployment copies .env.example to .env instead.
.env: | $(VENV)/.installed
	{ printf '%s\n' '# Development only, written by make: a random secret key so manage.py runs here.' \
	    '# DEBUG stays off unless asked. For a deployment, copy .env.example to .env instead.' \
	  && $(PY) -c 'import secrets; print("SECRET_KEY=" + secrets.token_urlsafe(50))'; } > $@.tmp
	mv $@.tmp $@

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

# Mutation testing (not in CI; see README): mutmut over the rules, the medication matcher and the alert
# services with the fast screening tests, then the known safety-net mutants mutmut cannot make.
# MUTANTS="screening.services.alerts*" limits mutmut to some functions; results are kept in mutants/.
mutation: deps
	env -u DATABASE_URL -u CELERY_BROKER_URL $(DEV_ENV) CLINICAL_SPEC_DIR=$(abspath ../shared/clinical) \
	    $(VENV)/bin/mutmut run --max-children 2 $(MUTANTS)
	$(VENV)/bin/mutmut results
	$(DEV_ENV) $(PY) tests/known_mutants.py

clean:
	rm -rf $(VENV) node_modules staticfiles mutants
