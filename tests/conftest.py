import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import Locale


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds what `make run` sets up: locales, structure and demo content.

    Both commands are idempotent, so with --reuse-db a later run finds everything in place.
    """
    with django_db_blocker.unblock():
        call_command("bootstrap", stdout=io.StringIO())
        call_command("load_demo", stdout=io.StringIO())


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
