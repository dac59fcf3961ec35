import hashlib
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from wagtail.models import Page


@pytest.fixture(scope="session")
def openapi():
    return OpenAPI.from_dict(SchemaGenerator().get_schema(request=None, public=True))


DOCUMENTED = {200, 304, 400, 401, 403, 404, 405, 429, 503}
UNDOCUMENTED_PATHS = ("/api/v1/schema/", "/api/v1/docs/")


class ContractClient(Client):
    """A test client that checks every API response against the OpenAPI schema."""

    openapi = None
    # Responses already found valid: the check is a function of the request and the response
    # alone, so one received again byte for byte (the same demo item, read by many tests) is not
    # checked again, the check being a large share of the API tests' time.
    valid: set[bytes] = set()

    def request(self, **request):
        response = super().request(**request)
        path = response.wsgi_request.path
        if (
            path.startswith("/api/v1/")
            and not path.startswith(UNDOCUMENTED_PATHS)
            and response.status_code in DOCUMENTED
            and response.wsgi_request.method == "GET"
        ):
            seen = fingerprint(response)
            if seen not in self.valid:
                self.openapi.validate_response(
                    DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
                )
                self.valid.add(seen)
        return response


COUNTERS = {"RateLimit-Remaining", "RateLimit-Reset"}  # change with every request


def fingerprint(response) -> bytes:
    """What the contract check reads: the request's method, path and query, the response's status,
    headers and body. Of the rate limit's counters only the shape counts (the schema says what
    shape they have), each digit read as 0."""
    request = response.wsgi_request
    headers = sorted(
        (name, re.sub(r"\d", "0", value) if name in COUNTERS else value) for name, value in response.items()
    )
    digest = hashlib.blake2b()
    for part in (request.method, request.get_full_path(), str(response.status_code), repr(headers)):
        digest.update(part.encode() + b"\0")
    digest.update(response.content)
    return digest.digest()


@pytest.fixture
def client(openapi):
    """In the API tests, every response a test reads is also a contract test."""
    ContractClient.openapi = openapi
    return ContractClient()


@pytest.fixture
def api(client, db):
    """GET through the API, expecting a status."""

    def get(path, status=200, **headers):
        response = client.get(path, **headers)
        assert response.status_code == status, response.content[:500]
        return response

    return get


@pytest.fixture
def many_pages(locales):
    """Thousands more pages on PostgreSQL, each live with its search document, merged into the
    indexes and counted, as autovacuum would do some time after such a load: the planner then
    weighs a read of every page or document as it would on a large site, where with the demo
    content alone a read of the whole table costs it less than any index."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's statistics")
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH filler AS ("
            " INSERT INTO wagtailcore_page (path, depth, numchild, title, draft_title, slug, url_path,"
            " live, has_unpublished_changes, seo_title, show_in_menus, search_description, expired,"
            " locked, content_type_id, translation_key, locale_id)"
            " SELECT 'ZZZZ' || lpad(n::text, 8, '0'), 3, 0, 'Filler ' || n, 'Filler ' || n,"
            " 'filler-' || n, '/filler-' || n || '/', true, false, '', false, '', false, false,"
            " %s, gen_random_uuid(), %s FROM generate_series(1, 20000) AS n"
            " RETURNING id, locale_id, content_type_id, translation_key)"
            " INSERT INTO pages_searchdocument"
            " (page_id, locale_id, vector, content_type_id, translation_key, listed)"
            " SELECT id, locale_id, to_tsvector('english', 'filler words number ' || id), content_type_id,"
            " translation_key, true FROM filler",
            [ContentType.objects.get_for_model(Page).pk, locales["en"].pk],
        )
        cursor.execute("SELECT gin_clean_pending_list('pages_searchdocument_vector_gin')")
        cursor.execute("ANALYZE pages_searchdocument, wagtailcore_page")
