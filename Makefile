# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

.PHONY: run test venv migrate demo browser-deps search-server search-server-stop ocr-deps

venv: $(VENV)/.requirements-installed

$(VENV)/.requirements-installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

migrate: venv
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo

# The links the site writes (reports, e-mails) follow PORT unless WAGTAILADMIN_BASE_URL is set.
run: export WAGTAILADMIN_BASE_URL ?= http://127.0.0.1:$(PORT)
run: ocr-deps demo
	$(MANAGE) ensure_admin --url http://127.0.0.1:$(PORT)/admin/
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# A local Elasticsearch node (Maven Central, Java 17) on 127.0.0.1:9200: prints the ELASTICSEARCH_URL to use.
search-server:
	@bash .ci/search-server start

search-server-stop:
	@bash .ci/search-server stop

# Debian's chromium and axe-core (npm) for the browser tests; skipped with a message where they cannot be had.
browser-deps:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null); } || \
		echo "chromium could not be installed: the browser tests will be skipped"
	@test -f node_modules/axe-core/axe.min.js || { command -v npm >/dev/null && npm ci --no-audit --no-fund --loglevel=error; } || \
		echo "axe-core could not be installed: the accessibility tests will be skipped"

# Debian's Tesseract and its French data, for the OCR of scanned PDFs; without them OCR is off and scans stay without text.
ocr-deps:
	@{ command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx fra; } || \
		{ [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-fra >/dev/null); } || \
		echo "OCR is off: Tesseract and its French data (Debian packages tesseract-ocr, tesseract-ocr-fra) could not be installed; scanned PDFs stay without text"

# The live Elasticsearch tests run against ELASTICSEARCH_URL, else against the local node started
# here when Java is installed (SEARCH_SERVER=no: not started); without a server they are skipped, saying why.
SEARCH_SERVER ?= yes
test: venv browser-deps ocr-deps
	@url="$${ELASTICSEARCH_URL:-}"; \
	if [ -z "$$url" ] && [ "$(SEARCH_SERVER)" != no ]; then \
	  url="$$(bash .ci/search-server start | sed -n 's/^ELASTICSEARCH_URL=//p')"; \
	  [ -n "$$url" ] || echo "No Elasticsearch server: the live engine tests will be skipped"; \
	fi; \
	echo "ELASTICSEARCH_URL=$$url"; \
	ELASTICSEARCH_URL="$$url" $(BIN)/python -m pytest $(PYTEST_ARGS)
