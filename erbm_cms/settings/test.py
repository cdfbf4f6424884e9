"""Test profile: fast hashing, files under a temporary media root."""

import tempfile
from pathlib import Path

from .dev import *  # noqa: F401,F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="erbm-test-media-"))
IMPORT_ROOT = Path(tempfile.mkdtemp(prefix="erbm-test-imports-"))
WAGTAILADMIN_BASE_URL = "http://testserver"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Most tests check what a page says right after a change: the page cache has its own tests.
PAGE_CACHE_SECONDS = 0
NAVIGATION_CACHE_SECONDS = 0  # a test's pages are rolled back, the cache's generation is not

# Tests reach Elasticsearch only through the fixtures of tests/search, each run on its own index
# prefix, with the server named by the ELASTICSEARCH_URL of the environment.
LIVE_ELASTICSEARCH_URL = ELASTICSEARCH_URL  # noqa: F405
ELASTICSEARCH_URL = ""
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
