"""The OpenAPI schema itself: valid OpenAPI 3.1, and saying what generated clients need."""

import json

from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from openapi_spec_validator import validate


def served():
    return json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))


def test_the_schema_passes_the_openapi_validator():
    validate(served())  # raises with the first error


def test_every_operation_has_a_summary_and_the_key_is_offered_once():
    schema = served()
    operations = [operation for path in schema["paths"].values() for operation in path.values()]
    assert all(operation.get("summary") for operation in operations)
    assert all("security" not in operation for operation in operations)
    assert schema["security"] == [{}, {"PartnerKey": []}]
    assert schema["components"]["securitySchemes"]["PartnerKey"]["name"] == "Authorization"
    assert schema["servers"]
