"""Settings come from the environment; the production profile passes Django's deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    full_env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}}
    full_env.update(env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120)


def test_production_profile_passes_check_deploy():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DJANGO_SETTINGS_MODULE="erbm_cms.settings.production",
        SECRET_KEY="x" * 20 + "une-vraie-cle-secrete-de-production-tres-longue-0123456789",
        ALLOWED_HOSTS="renouveau-bassin-minier.gouv.fr",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_profile_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_SETTINGS_MODULE="erbm_cms.settings.production", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_a_malformed_boolean_is_reported_by_name():
    result = manage("check", DJANGO_SETTINGS_MODULE="erbm_cms.settings.dev", DEBUG="peut-être")
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_the_site_is_french_in_paris():
    assert settings.LANGUAGE_CODE == "fr-fr"
    assert settings.TIME_ZONE == "Europe/Paris"
    assert settings.WAGTAILADMIN_PERMITTED_LANGUAGES == [("fr", "Français")]


def test_database_comes_from_database_url():
    url = os.environ.get("DATABASE_URL", "")
    engine = settings.DATABASES["default"]["ENGINE"]
    if url.startswith("postgres"):
        assert engine == "django.db.backends.postgresql"
    else:
        assert engine == "django.db.backends.sqlite3"


@pytest.mark.parametrize("variable", ["MEDIA_ROOT", "STATIC_ROOT"])
def test_file_roots_can_be_set_from_the_environment(variable, tmp_path):
    code = f"from django.conf import settings; print(settings.{variable})"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "erbm_cms.settings.dev", variable: str(tmp_path)}, timeout=60,
    )
    assert result.stdout.strip() == str(tmp_path), result.stderr


def test_wagtail_admin_search_follows_the_elasticsearch_switch():
    code = "from django.conf import settings; print(settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND'])"
    def backend(**env):
        result = subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {code}"], cwd=ROOT, capture_output=True, text=True,
            env={**{k: v for k, v in os.environ.items() if k != "ELASTICSEARCH_URL"}, "DJANGO_SETTINGS_MODULE": "erbm_cms.settings.dev", **env},
            timeout=60,
        )
        return result.stdout.strip()

    assert backend() == "wagtail.search.backends.database"
    assert backend(ELASTICSEARCH_URL="http://127.0.0.1:9200") == "wagtail.search.backends.elasticsearch8"
