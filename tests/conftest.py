import fcntl
import io
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.test.utils import override_settings, setup_databases, teardown_databases
from wagtail.models import Locale

from pages.models import AssessmentPage, EventPage, GalleryPage
from tests.content import english
from tests.databases import use_database


def needs_database(item):
    return item.get_closest_marker("django_db") is not None or "django_db_setup" in item.fixturenames


@pytest.hookimpl(trylast=True)  # after pytest-django's, which puts the database tests first
def pytest_collection_modifyitems(config, items):
    """Under pytest-xdist, the tests that need no database go first (otherwise in their order).

    Building the test database is most of a session's setup, and the other workers wait for it:
    with --dist worksteal the first worker starts on these tests, which take about as long, while
    another builds the database for everyone.
    """
    if hasattr(config, "workerinput"):
        items.sort(key=needs_database)


def populate():
    """What `make run` sets up: locales, structure and demo content. Both commands are idempotent,
    so with --reuse-db a later run finds everything in place."""
    call_command("bootstrap", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())


@contextmanager
def exclusive(path):
    """Hold an exclusive lock on `path` (created if missing) against the other test processes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def sqlite_ready_to_copy(clone):
    """Django clones an SQLite test database by copying its file. In WAL mode the latest writes may
    still be in the -wal file beside it: they are moved into the database first. And a -wal file
    left beside the clone by a killed run would be read as part of the new copy: it goes."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for leftover in ("-wal", "-shm"):
        Path(f"{clone}{leftover}").unlink(missing_ok=True)


@pytest.fixture(scope="session")
def django_db_modify_db_settings():
    """No per-worker database names here: under pytest-xdist each worker gets a copy of the one
    test database (django_db_setup below), instead of migrating and populating a database of its
    own."""


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """The test database holds what `make run` sets up: locales, structure and demo content.

    Building it (about 200 migrations, then the demo content in seven locales) is most of a
    session's setup. In a run with pytest-xdist (-n 2), the first worker to need it builds it (or,
    with --reuse-db, brings the kept one up to date) under a lock; every worker then works on its
    own copy, made by Django's test database cloning (a file copy for SQLite, CREATE DATABASE ...
    TEMPLATE for PostgreSQL), and on its own copy of the media the demo content refers to.
    """
    if not django_db_use_migrations:
        from pytest_django.fixtures import _disable_migrations

        _disable_migrations()
    verbosity = request.config.option.verbose
    keepdb = django_db_keepdb and not django_db_createdb
    workerinput = getattr(request.config, "workerinput", None)

    def build():
        databases = setup_databases(
            verbosity=verbosity,
            interactive=False,
            keepdb=keepdb,
            aliases={DEFAULT_DB_ALIAS},
            serialized_aliases=set(),
        )
        populate()
        return databases

    if workerinput is None:
        with django_db_blocker.unblock():
            databases = build()
        yield
        if not django_db_keepdb:
            with django_db_blocker.unblock():
                teardown_databases(databases, verbosity=verbosity)
        return

    worker = workerinput["workerid"]
    var = Path(settings.VAR_DIR)
    built = var / "test-database.run"  # which run last built or updated the test database
    template_media = Path(settings.MEDIA_ROOT)
    media = template_media.with_name(f"{template_media.name}-{worker}")
    original_name = connection.settings_dict["NAME"]
    with django_db_blocker.unblock(), exclusive(var / "test-database.lock"):
        if not built.exists() or built.read_text() != workerinput["testrunuid"]:
            build()
            built.write_text(workerinput["testrunuid"])
        else:
            connection.close()
            use_database(connection.creation._get_test_db_name())
        if connection.vendor == "sqlite":
            sqlite_ready_to_copy(connection.creation.get_test_db_clone_settings(worker)["NAME"])
        connection.creation.clone_test_db(suffix=worker, verbosity=verbosity)
        use_database(connection.creation.get_test_db_clone_settings(worker)["NAME"])
        connection.close()
        shutil.rmtree(media, ignore_errors=True)
        if template_media.is_dir():
            shutil.copytree(template_media, media)
    with override_settings(MEDIA_ROOT=media):
        yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            connection.creation.destroy_test_db(original_name, verbosity=verbosity)
        shutil.rmtree(media, ignore_errors=True)


@pytest.fixture(scope="module")
def module_transaction(django_db_setup, django_db_blocker):
    """For module-scoped fixtures that write rows every test of the module reads, made once instead
    of once per test (Django's TestCase.setUpTestData, for pytest). The rows are written in a
    transaction that is rolled back when the module's tests are done. Each test still runs in a
    transaction of its own inside it (a savepoint), so what a test changes is undone after it; the
    fixtures give each test a copy of their objects, so none sees another's changes to them."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def fresh_cache():
    # Tests roll the database (and so the API's content version) back: cached responses must not
    # outlive the test that made them.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def locales(db):
    return {locale.language_code: locale for locale in Locale.objects.all()}


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("test-admin", "test-admin@example.org", "pw")
    client.force_login(user)
    return client


# Demo pages (in English) the tests of several folders start from


@pytest.fixture
def adana():
    return english(EventPage, "dgmm-awareness-training-adana-2016")


@pytest.fixture
def media_workshop():
    return english(EventPage, "media-reporting-workshop-2017")


@pytest.fixture
def bosnia_assessment():
    return english(AssessmentPage, "nrm-assessment-bosnia-and-herzegovina")


@pytest.fixture
def gallery():
    return english(GalleryPage, "media-reporting-workshop-2017-photos")
