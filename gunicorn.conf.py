"""gunicorn's settings for the site, read from the project folder (`gunicorn erbm_cms.wsgi`); README, « Sous la charge »."""

import os

# Pages and searches are mostly Python work: processes, not threads, share the cores. Twice as many
# processes as cores keeps the cores busy while some requests wait on the database (README, « Sous la charge »).
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1)))
threads = int(os.environ.get("WEB_THREADS", 1))
# A search on a large archive under load may take seconds; a stuck worker is replaced after this long.
timeout = int(os.environ.get("WEB_TIMEOUT", 60))
# Workers are renewed now and then, so that memory grown by a large request is given back.
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", 2000))
max_requests_jitter = max_requests // 10
