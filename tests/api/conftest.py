import hashlib
import re

import pytest
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse


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
