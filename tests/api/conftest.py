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

    def request(self, **request):
        response = super().request(**request)
        path = response.wsgi_request.path
        if (
            path.startswith("/api/v1/")
            and not path.startswith(UNDOCUMENTED_PATHS)
            and response.status_code in DOCUMENTED
            and response.wsgi_request.method == "GET"
        ):
            self.openapi.validate_response(
                DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
            )
        return response


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
