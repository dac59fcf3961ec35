"""OpenAPI: the parameters and response shapes the views declare, and the hooks that describe
our API only, with the error shape every operation may answer with."""

from drf_spectacular.utils import OpenApiParameter, inline_serializer
from rest_framework import serializers as drf_serializers

from cms import i18n

from .serializers import ChangeSerializer

LIST_PARAMETERS = [
    OpenApiParameter("page", int),
    OpenApiParameter("page_size", int, description="20 by default, at most 100"),
    OpenApiParameter("q", str, description="Full-text search in this locale"),
    OpenApiParameter("country", str, many=True, description="ISO 3166 code; repeat for several"),
    OpenApiParameter("topic", str, many=True, description="Topic code; repeat for several"),
    OpenApiParameter("kind", str),
    OpenApiParameter("date_from", str, description="ISO date; events match when their dates overlap"),
    OpenApiParameter("date_to", str),
    OpenApiParameter("ordering", str),
    OpenApiParameter("fallback", str, enum=["source", "none"], description="source: include English items"),
]
LIST_PARAMETERS_NO_KIND = [parameter for parameter in LIST_PARAMETERS if parameter.name != "kind"]
DETAIL_PARAMETERS = [OpenApiParameter("fallback", str, enum=["source", "none"])]
SEARCH_PARAMETERS = [OpenApiParameter("q", str, required=True), *LIST_PARAMETERS[:2]]
CHANGES_PARAMETERS = [
    OpenApiParameter("since", str, description="The next_cursor of the previous call; omit to start"),
    OpenApiParameter("locale", str),
]


def include_parameter(collection):
    return OpenApiParameter(
        "include",
        str,
        description=(
            "Linked items to embed under `included`, comma-separated: "
            + ", ".join(collection.includes)
            + ". Anything else is a 400."
        ),
    )


def list_parameters(collection):
    return LIST_PARAMETERS if "kind" in collection.extra_params else LIST_PARAMETERS_NO_KIND


def paginated(name, item_serializer):
    return inline_serializer(
        f"Paginated{name}",
        {
            "count": drf_serializers.IntegerField(),
            "next": drf_serializers.URLField(allow_null=True),
            "previous": drf_serializers.URLField(allow_null=True),
            "results": item_serializer(many=True),
        },
    )


INDEX = inline_serializer("Index", {"endpoints": drf_serializers.DictField()})
CHANGES = inline_serializer(
    "Changes",
    {
        "results": ChangeSerializer(many=True),
        "next_cursor": drf_serializers.CharField(),
        "has_more": drf_serializers.BooleanField(),
    },
)

# The hooks (SPECTACULAR_SETTINGS)

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "code", "message", "field"],
            "properties": {
                "status": {"type": "integer"},
                "code": {"type": "string"},
                "message": {"type": "string"},
                "field": {"type": ["string", "null"], "description": "The parameter at fault, if any"},
                "available": {"type": "array", "items": {"type": "string"}},
            },
        }
    },
}
ERRORS = {
    "400": "A parameter is unknown or malformed",
    "401": "The API key is not valid or has been revoked",
    "404": "No such locale or item",
    "405": "Only GET, HEAD and OPTIONS are allowed",
    "429": "Too many requests; see Retry-After",
}


def only_our_api(endpoints, **kwargs):
    """Leave out Wagtail's and wagtail-localize's own views."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


def add_error_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, operations in result.get("paths", {}).items():
        if path in ("/api/v1/schema/", "/api/v1/docs/"):
            continue
        for operation in operations.values():
            for status, description in ERRORS.items():
                operation["responses"].setdefault(status, {"description": description, "content": reference})
    return result


def enumerate_locales(result, generator, request, public):
    """Name the seven locale codes wherever a locale is a parameter (the path, the changes feed)."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["name"] == "locale":
                    parameter["schema"]["enum"] = list(i18n.LANGUAGE_CODES)
    return result
