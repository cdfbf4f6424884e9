"""Development profile: debug on, local hosts, a throwaway secret key."""

from .base import *  # noqa: F401,F403
from .environment import env_bool, env_list, env_str

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
