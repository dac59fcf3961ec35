"""Settings read the environment; production never falls back to an insecure default."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


SHOW_BASICS = "print(settings.SECRET_KEY, settings.DATABASES['default']['ENGINE'], settings.DEBUG)"


def load_settings(module, show=SHOW_BASICS, **env):
    """Start Django with these settings and environment in a fresh process; run `show`."""
    clean_env = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DATABASE_URL"}}
    code = f"import django; from django.conf import settings; django.setup(); {show}"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean_env, "DJANGO_SETTINGS_MODULE": module, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = load_settings("cms.settings.production", ALLOWED_HOSTS="cms.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_reads_secret_and_database_from_the_environment():
    result = load_settings(
        "cms.settings.production",
        SECRET_KEY="a-long-random-production-secret",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/test",
        ALLOWED_HOSTS="cms.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "a-long-random-production-secret",
        "django.db.backends.postgresql",
        "False",
    ]


def test_development_defaults_to_sqlite_under_var():
    result = load_settings("cms.settings.dev")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1:] == ["django.db.backends.sqlite3", "True"]


def test_machine_translation_is_off_unless_configured():
    show = "print(settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR)"
    off = load_settings("cms.settings.dev", show, LIBRETRANSLATE_URL="")
    assert off.stdout.strip() == "None", off.stderr
    on = load_settings("cms.settings.dev", show, LIBRETRANSLATE_URL="http://127.0.0.1:5000")
    assert "LibreTranslator" in on.stdout and "http://127.0.0.1:5000" in on.stdout
