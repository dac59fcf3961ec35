"""Settings read the environment; production never falls back to an insecure default."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # each test loads the settings in new processes

ROOT = Path(__file__).resolve().parent.parent


SHOW_BASICS = "print(settings.SECRET_KEY, settings.DATABASES['default']['ENGINE'], settings.DEBUG)"
SECRET = "a-long-random-production-secret-as-django-asks-for-it"  # 50 characters or more
# what production requires besides SECRET_KEY, with valid values
PRODUCTION = {"ALLOWED_HOSTS": "cms.example.org", "WAGTAILADMIN_BASE_URL": "https://cms.example.org"}
READ_BY_THE_SETTINGS = {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "WAGTAILADMIN_BASE_URL"}


def load_settings(module, show=SHOW_BASICS, **env):
    """Load these settings with this environment in a fresh process; run `show`.

    The settings module is read on the first access to a setting, and every check of the environment
    happens there: loading every app as well (django.setup()) would only make each process slower.
    """
    clean_env = {key: value for key, value in os.environ.items() if key not in READ_BY_THE_SETTINGS}
    code = f"from django.conf import settings; {show}"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean_env, "DJANGO_SETTINGS_MODULE": module, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = load_settings("cms.settings.production", **PRODUCTION)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_reads_secret_and_database_from_the_environment():
    result = load_settings(
        "cms.settings.production",
        SECRET_KEY=SECRET,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/test",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        SECRET,
        "django.db.backends.postgresql",
        "False",
    ]


@pytest.mark.parametrize(
    "weak",
    ["a-long-random-production-secret", "ab" * 40, "django-insecure-" + SECRET],
    ids=["short", "few different characters", "Django's insecure prefix"],
)
def test_production_refuses_a_weak_secret_key(weak):
    result = load_settings("cms.settings.production", SECRET_KEY=weak, **PRODUCTION)
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is too weak for production" in result.stderr
    assert weak not in result.stderr  # the key itself is not echoed into logs


@pytest.mark.parametrize("hosts", ["*", "cms.example.org,*"])
def test_production_refuses_to_answer_to_any_host(hosts):
    result = load_settings(
        "cms.settings.production", SECRET_KEY=SECRET, **{**PRODUCTION, "ALLOWED_HOSTS": hosts}
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: ALLOWED_HOSTS must list the site's host names" in result.stderr


def test_production_requires_the_admin_address_and_checks_it():
    show = "print(settings.WAGTAILADMIN_BASE_URL)"
    required = {"SECRET_KEY": SECRET, "ALLOWED_HOSTS": "cms.example.org"}
    missing = load_settings("cms.settings.production", show, **required)
    assert missing.returncode != 0
    assert "WAGTAILADMIN_BASE_URL must be set" in missing.stderr
    for wrong in ("cms.example.org", "ftp://cms.example.org", "javascript:alert(1)", "https://"):
        refused = load_settings("cms.settings.production", show, **required, WAGTAILADMIN_BASE_URL=wrong)
        assert refused.returncode != 0, wrong
        assert f"WAGTAILADMIN_BASE_URL={wrong!r} is not an http(s) address" in refused.stderr, wrong
    given = load_settings(
        "cms.settings.production", show, **required, WAGTAILADMIN_BASE_URL="https://cms.example.org"
    )
    assert given.stdout.strip() == "https://cms.example.org", given.stderr
    development = load_settings("cms.settings.dev", show)
    assert development.stdout.strip() == "http://127.0.0.1:8000", development.stderr


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


def test_sqlite_connections_keep_a_large_page_cache(tmp_path):
    """SQLite's default of 2 MiB per connection made lists re-read a locale's pages from disk."""
    show = (
        "from django.db import connection; cursor = connection.cursor(); "
        "print(cursor.execute('PRAGMA cache_size').fetchone()[0])"
    )
    default = load_settings("cms.settings.dev", show, VAR_DIR=str(tmp_path))
    assert default.returncode == 0, default.stderr
    assert default.stdout.strip() == str(-64 * 1024)
    smaller = load_settings("cms.settings.dev", show, VAR_DIR=str(tmp_path), SQLITE_CACHE_MIB="8")
    assert smaller.stdout.strip() == str(-8 * 1024), smaller.stderr


def test_sqlite_writers_queue_for_the_lock(tmp_path):
    """`make run`'s web server and translation worker write at once: writers take the lock when a
    transaction begins and wait for it, readers never wait (tests/test_sqlite_worker.py)."""
    show = (
        "from django.db import connection; cursor = connection.cursor(); "
        "print(cursor.execute('PRAGMA journal_mode').fetchone()[0], "
        "cursor.execute('PRAGMA busy_timeout').fetchone()[0], connection.transaction_mode)"
    )
    default = load_settings("cms.settings.dev", show, VAR_DIR=str(tmp_path))
    assert default.stdout.split() == ["wal", "20000", "IMMEDIATE"], default.stderr
    shorter = load_settings("cms.settings.dev", show, VAR_DIR=str(tmp_path), SQLITE_TIMEOUT_SECONDS="5")
    assert shorter.stdout.split() == ["wal", "5000", "IMMEDIATE"], shorter.stderr


def test_a_number_setting_that_is_not_a_number_is_named_in_the_error(tmp_path):
    result = load_settings("cms.settings.dev", VAR_DIR=str(tmp_path), API_CACHE_SECONDS="sixty")
    assert result.returncode != 0
    assert "API_CACHE_SECONDS='sixty' is not a whole number." in result.stderr
    result = load_settings("cms.settings.dev", VAR_DIR=str(tmp_path), SQLITE_CACHE_MIB="0")
    assert "SQLITE_CACHE_MIB='0' must be at least 1." in result.stderr


def test_every_variable_the_settings_read_is_documented():
    """An operator finds each variable in docs/operations.md and .env.example."""
    sources = "".join(path.read_text() for path in (ROOT / "cms" / "settings").glob("*.py"))
    read = set(re.findall(r'env_(?:str|bool|int|list|mapping|required)\(\s*"([A-Z0-9_]+)"', sources))
    # the pattern finds them
    assert {"DATABASE_URL", "SECRET_KEY", "REDIS_URL", "PARTNER_PAGE_URL_BY_LOCALE"} <= read
    for document in ("docs/operations.md", ".env.example"):
        text = (ROOT / document).read_text()
        assert sorted(name for name in read if name not in text) == [], document


def test_partner_origins_from_the_environment_reach_the_cors_settings():
    show = "print(settings.CORS_ALLOW_ALL_ORIGINS, settings.CORS_ALLOWED_ORIGINS)"
    every = load_settings("cms.settings.dev", show=show)
    assert every.stdout.split("\n")[0] == "True []"
    listed = load_settings(
        "cms.settings.dev", show=show, API_CORS_ALLOWED_ORIGINS="https://a.example.org, https://b.example.org"
    )
    assert listed.stdout.split("\n")[0] == "False ['https://a.example.org', 'https://b.example.org']"


def test_partner_page_addresses_come_from_the_environment_and_are_checked():
    show = "print(repr(settings.PARTNER_PAGE_URL), settings.PARTNER_PAGE_URL_BY_LOCALE)"
    default = load_settings("cms.settings.dev", show=show)
    assert default.stdout.strip() == "'' {}", default.stderr  # empty: the API detail
    given = load_settings(
        "cms.settings.dev",
        show=show,
        PARTNER_PAGE_URL="https://partner.example/{locale}/{collection}/{slug}/",
        PARTNER_PAGE_URL_BY_LOCALE="ur=https://ur.partner.example/{collection}/{slug}/",
    )
    assert given.stdout.strip() == (
        "'https://partner.example/{locale}/{collection}/{slug}/' "
        "{'ur': 'https://ur.partner.example/{collection}/{slug}/'}"
    ), given.stderr
    for variable, wrong, message in [
        ("PARTNER_PAGE_URL", "https://partner.example/{kind}/{slug}/", "may name only"),
        ("PARTNER_PAGE_URL", "https://partner.example/{slug/", "unmatched"),
        ("PARTNER_PAGE_URL", "partner.example/{slug}/", "is not an http(s) address"),
        ("PARTNER_PAGE_URL_BY_LOCALE", "xx=https://partner.example/{slug}/", "with a key among"),
        ("PARTNER_PAGE_URL_BY_LOCALE", "tr=javascript:alert(1)", "is not an http(s) address"),
    ]:
        refused = load_settings("cms.settings.dev", show=show, **{variable: wrong})
        assert refused.returncode != 0, wrong
        assert "ImproperlyConfigured" in refused.stderr and message in refused.stderr, refused.stderr


def test_partner_preview_addresses_come_from_the_environment_and_are_checked():
    show = "print(settings.PARTNER_PREVIEW_URL_TEMPLATES, settings.PARTNER_PREVIEW_TOKEN_MINUTES)"
    default = load_settings("cms.settings.dev", show=show)
    assert default.stdout.strip() == "{} 10", default.stderr  # no preview link offered
    given = load_settings(
        "cms.settings.dev",
        show=show,
        PARTNER_PREVIEW_URL="https://partner.example/{locale}/preview?token={token}",
        PARTNER_PREVIEW_URL_BY_LOCALE="ur=https://ur.partner.example/preview?t={token}",
        PARTNER_PREVIEW_TOKEN_MINUTES="5",
    )
    templates = given.stdout.strip()
    assert "'en': 'https://partner.example/{locale}/preview?token={token}'" in templates, given.stderr
    assert "'ur': 'https://ur.partner.example/preview?t={token}'" in templates
    assert templates.endswith("} 5")
    only_urdu = load_settings(
        "cms.settings.dev", show=show, PARTNER_PREVIEW_URL_BY_LOCALE="ur=https://ur.example/p/{token}"
    )
    assert only_urdu.stdout.strip() == "{'ur': 'https://ur.example/p/{token}'} 10", only_urdu.stderr
    for variable, wrong, message in [
        ("PARTNER_PREVIEW_URL", "https://partner.example/{locale}/preview", "must name {token}"),
        ("PARTNER_PREVIEW_URL", "https://partner.example/{slug}?token={token}", "not slug"),
        ("PARTNER_PREVIEW_URL", "https://partner.example/{token", "unmatched"),
        ("PARTNER_PREVIEW_URL", "javascript:alert('{token}')", "is not an http(s) address"),
        ("PARTNER_PREVIEW_URL_BY_LOCALE", "xx=https://partner.example/{token}", "with a key among"),
        ("PARTNER_PREVIEW_TOKEN_MINUTES", "0", "must be at least 1"),
    ]:
        refused = load_settings("cms.settings.dev", show=show, **{variable: wrong})
        assert refused.returncode != 0, wrong
        assert "ImproperlyConfigured" in refused.stderr and message in refused.stderr, refused.stderr


MAKE = shutil.which("make")
MAKE_VARIABLES = {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "SLOW"}


def make_run_commands(*arguments, **env):
    """What `make run` would run (make -n prints the commands without running them)."""
    clean_env = {key: value for key, value in os.environ.items() if key != "WAGTAILADMIN_BASE_URL"}
    result = subprocess.run(
        [MAKE, "--no-print-directory", "-n", "run", *arguments],
        cwd=ROOT,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.skipif(MAKE is None, reason="make is not installed")
def test_make_run_links_e_mails_to_the_address_it_serves():
    commands = make_run_commands("HOST=0.0.0.0", "PORT=9000")
    assert "export WAGTAILADMIN_BASE_URL='http://0.0.0.0:9000';" in commands
    # the variable is set before the worker and the server start, so both send such links
    assert commands.index("WAGTAILADMIN_BASE_URL=") < commands.index("db_worker")
    assert "runserver 0.0.0.0:9000" in commands
    # an address set by the user (e.g. behind a proxy) is kept
    commands = make_run_commands(WAGTAILADMIN_BASE_URL="https://cms.example.org")
    assert "export WAGTAILADMIN_BASE_URL='https://cms.example.org';" in commands
    assert "runserver 127.0.0.1:8000" in commands


@pytest.mark.skipif(MAKE is None, reason="make is not installed")
def test_make_test_leaves_out_the_slow_tests_and_ci_runs_them_all():
    # not the variables of a make running this test (make test SLOW=1 passes SLOW=1 in MAKEFLAGS)
    outside_make = {key: value for key, value in os.environ.items() if key not in MAKE_VARIABLES}

    def pytest_line(*arguments):
        result = subprocess.run(
            [MAKE, "--no-print-directory", "-n", "test", *arguments],
            cwd=ROOT,
            env=outside_make,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        (line,) = [line for line in result.stdout.splitlines() if "/pytest " in line]
        return line

    assert pytest_line().endswith('-m "not slow"')
    assert "-m" not in pytest_line("SLOW=1").split()
    ci = (ROOT / ".ci" / "run").read_text()
    assert ci.count("make test SLOW=1") == 2  # SQLite, then PostgreSQL


def test_the_media_bucket_comes_from_the_environment_and_is_checked():
    show = "print(settings.STORAGES['default'], settings.WAGTAILDOCS_SERVE_METHOD)"
    default = load_settings("cms.settings.dev", show=show)
    assert default.stdout.strip() == (
        "{'BACKEND': 'django.core.files.storage.FileSystemStorage'} serve_view"
    ), default.stderr  # on disk, downloads streamed
    given = load_settings(
        "cms.settings.dev",
        show=show,
        MEDIA_STORAGE_URL="s3://thb-media?endpoint_url=http://127.0.0.1:9000&region=eu-central-1",
        MEDIA_SIGNED_URL_SECONDS="30",
    )
    assert given.stdout.strip() == (
        "{'BACKEND': 'media_library.storage.MediaStorage', 'OPTIONS': {'bucket_name': 'thb-media', "
        "'endpoint_url': 'http://127.0.0.1:9000', 'region_name': 'eu-central-1', "
        "'querystring_expire': 30}} redirect"
    ), given.stderr
    for environment, message in [
        ({"MEDIA_STORAGE_URL": "https://thb-media.s3.example.org"}, "is not a bucket address"),
        ({"MEDIA_STORAGE_URL": "s3://Thb_Media"}, "is not a bucket name"),
        ({"MEDIA_STORAGE_URL": "s3://thb-media?endpoint=http://127.0.0.1:9000"}, "unknown parameter"),
        ({"MEDIA_STORAGE_URL": "s3://thb-media?endpoint_url=127.0.0.1:9000"}, "endpoint_url must be"),
        ({"MEDIA_DOCUMENT_SERVING": "redirect"}, "needs MEDIA_STORAGE_URL"),
        ({"MEDIA_STORAGE_URL": "s3://thb-media", "MEDIA_DOCUMENT_SERVING": "direct"}, "must be one of"),
    ]:
        refused = load_settings("cms.settings.dev", show=show, **environment)
        assert refused.returncode != 0, environment
        assert "ImproperlyConfigured" in refused.stderr and message in refused.stderr, refused.stderr
