"""OpenAPI: the parameters and response shapes the views declare, and the hooks that describe
our API only, with the responses and headers every operation may answer with.

The schema states every constraint the server enforces on a request (bounds, enums, patterns),
so a request the schema calls valid is never refused (tests/api/test_schema_fuzz.py checks it).
"""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, inline_serializer
from rest_framework import serializers as drf_serializers

from cms import i18n

from .params import MAX_PAGE, MAX_PAGE_SIZE, MAX_QUERY_LENGTH, MAX_SINCE_DIGITS
from .serializers import ChangeSerializer
from .serializers.refs import Constant


class ConstantExtension(OpenApiSerializerFieldExtension):
    """A `Constant` field is a `const` string."""

    target_class = Constant

    def map_serializer_field(self, auto_schema, direction):
        return {"type": "string", "const": self.target.value}


# Every parameter the API reads is refused with a control character in it (api.params): C0 and C1
# control characters but tab, line feed and carriage return.
CONTROL = r"\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f"
NO_CONTROL = rf"^[^{CONTROL}]*$"
# What `str.strip()` removes (with the control characters), and the double quote, which the
# search replaces by a space: a search term needs one character that is neither.
BLANK = r"\t\n\r \"\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
SEARCH_TERM = rf"^[^{CONTROL}]*[^{CONTROL}{BLANK}][^{CONTROL}]*$"
# Wagtail's slugs (WAGTAIL_ALLOW_UNICODE_SLUGS): letters, digits, `_` and `-`, percent-encoded in a path
SLUG = r"^[-\w]+$"

PAGE = OpenApiParameter(
    "page",
    {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
    description="The page of results; one past the last page is a 404",
)
PAGE_SIZE = OpenApiParameter(
    "page_size",
    {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": 20},
    description=f"Items per page: 20 by default, at most {MAX_PAGE_SIZE}",
)
TEXT = {"type": "string", "maxLength": MAX_QUERY_LENGTH, "pattern": NO_CONTROL}
FALLBACK = OpenApiParameter(
    "fallback",
    {"type": "string", "enum": ["source", "none"], "default": "none"},
    description="source: include the English items not yet published in this locale",
)


def include_parameter(collection):
    return OpenApiParameter(
        "include",
        {"type": "array", "items": {"type": "string", "enum": list(collection.includes)}},
        description=(
            "Linked items to embed under `included`: "
            + ", ".join(collection.includes)
            + "; repeat the parameter or separate them with commas. Anything else is a 400."
        ),
    )


def list_parameters(collection):
    """The query parameters of a collection's list: its own kinds, orderings and date filters."""
    parameters = [
        PAGE,
        PAGE_SIZE,
        OpenApiParameter("q", TEXT, description="Full-text search in this locale"),
        OpenApiParameter(
            "country",
            {"type": "array", "items": {"type": "string", "enum": i18n.country_codes()}},
            description="ISO 3166-1 alpha-2 code (lower case works too); repeat for several",
        ),
        OpenApiParameter(
            "topic",
            {"type": "array", "items": {"type": "string", "pattern": NO_CONTROL}},
            description="Topic code (see the topics endpoint); repeat for several",
        ),
    ]
    if "kind" in collection.extra_params:
        parameters.append(OpenApiParameter("kind", {"type": "string", "enum": list(collection.kinds)}))
    if "date_from" in collection.extra_params:
        dated = {
            "events": "events match when their dates overlap the range",
            "assessments": "by publication date",
            "galleries": "by the gallery's date",
        }[collection.name]
        parameters += [
            OpenApiParameter(
                "date_from", {"type": "string", "format": "date"}, description=f"ISO date; {dated}"
            ),
            OpenApiParameter(
                "date_to",
                {"type": "string", "format": "date"},
                description="ISO date; before date_from the range is empty (no results)",
            ),
        ]
    parameters += [
        OpenApiParameter(
            "ordering",
            {"type": "string", "enum": list(collection.orderings), "default": collection.orderings[0]},
        ),
        FALLBACK,
    ]
    return parameters


SLUG_PARAMETER = OpenApiParameter(
    "slug",
    {"type": "string", "pattern": SLUG},
    location=OpenApiParameter.PATH,
    description="The item's slug in this locale (Unicode letters, digits, _ and -), percent-encoded",
)
DETAIL_PARAMETERS = [SLUG_PARAMETER, FALLBACK]
SEARCH_PARAMETERS = [
    OpenApiParameter(
        "q",
        {**TEXT, "minLength": 1, "pattern": SEARCH_TERM},
        required=True,
        description="The search term: at least one character that is not a space or a double quote",
    ),
    PAGE,
    PAGE_SIZE,
]
CURSOR = {"type": "string", "pattern": rf"^[0-9]{{1,{MAX_SINCE_DIGITS}}}$"}
CHANGES_PARAMETERS = [
    OpenApiParameter(
        "since",
        {**CURSOR, "default": "0"},
        description="The next_cursor of the previous call (digits); omit to start from the beginning",
    ),
    OpenApiParameter("locale", str, description="Only the changes in this locale"),
]


def paginated(name, items):
    """A page of a list: `items` is a serializer class, or a serializer (a union) for many."""
    return inline_serializer(
        f"Paginated{name}",
        {
            "count": drf_serializers.IntegerField(min_value=0),
            "next": drf_serializers.URLField(allow_null=True),
            "previous": drf_serializers.URLField(allow_null=True),
            "results": items(many=True) if isinstance(items, type) else items,
        },
    )


def search_result(serializers):
    """An item of the search results: an event, an assessment or a gallery, as its list shows it."""
    return PolymorphicProxySerializer(
        component_name="SearchResult",
        serializers=serializers,
        resource_type_field_name="type",
        many=True,
    )


# The index's links: those without a locale, then those of a locale (shown for English)
GLOBAL_ENDPOINTS = ("locales", "changes", "schema", "docs", "sitemap")
LOCALE_ENDPOINTS = (
    "events",
    "assessments",
    "galleries",
    "search",
    "countries",
    "topics",
    "organisations",
    "calendar",
    "atom",
)
ENDPOINT_NAMES = GLOBAL_ENDPOINTS + LOCALE_ENDPOINTS
INDEX = inline_serializer(
    "Index",
    {
        "endpoints": inline_serializer(
            "Endpoints", {name: drf_serializers.URLField() for name in ENDPOINT_NAMES}
        )
    },
)
CHANGES = inline_serializer(
    "Changes",
    {
        "results": ChangeSerializer(many=True),
        "next_cursor": drf_serializers.RegexField(CURSOR["pattern"]),
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
                "available": {
                    "type": "array",
                    "items": {"type": "string"},
                    "description": "For an unknown locale: the locales there are",
                },
            },
        }
    },
}
HEADERS = {
    "ETag": {
        "description": "The response's validator: send it back in If-None-Match for a 304",
        "schema": {"type": "string"},
    },
    "Last-Modified": {
        "description": "When anything published last changed (an HTTP date): If-Modified-Since gives a 304",
        "schema": {"type": "string"},
    },
    "Retry-After": {
        "description": "Seconds to wait before trying again",
        "schema": {"type": "string", "pattern": "^[0-9]+$"},
    },
    "RateLimit-Limit": {
        "description": "Requests a minute this client (address or partner key) may make",
        "schema": {"type": "string", "pattern": "^[0-9]+$"},
    },
    "RateLimit-Remaining": {
        "description": "Requests left this minute",
        "schema": {"type": "string", "pattern": "^[0-9]+$"},
    },
    "RateLimit-Reset": {
        "description": "Seconds until the minute ends",
        "schema": {"type": "string", "pattern": "^[0-9]+$"},
    },
}
RATE_LIMIT = ("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset")
ERRORS = {
    "400": "A parameter is unknown or malformed",
    "401": "The API key is not valid or has been revoked",
    "404": "No such locale, item or page of results",
    "405": "Only GET, HEAD and OPTIONS are allowed",
    "429": "Too many requests; see Retry-After",
    "503": "The database cannot be reached; see Retry-After",
}
NOT_MODIFIED = "Not modified since the ETag (If-None-Match) or the time (If-Modified-Since) sent"
# never cached nor validated: made for each visitor
PERSONAL_PATHS = ("/api/v1/preview/",)
PREVIEW_ERRORS = {"403": "The token is not one of this CMS's, was tampered with or has expired"}
SUMMARIES = {
    "index": "The API's endpoints",
    "locales": "The seven locales, their names, direction and published counts",
    "changes": "What was published, updated or withdrawn since a cursor, oldest first",
    "search": "Events, assessments and galleries matching a search term, best first",
    "countries_list": "The countries, as named in a locale",
    "topics_list": "The topics, as named in a locale",
    "organisations_list": "The organisations, as named in a locale",
}


def only_our_api(endpoints, **kwargs):
    """Leave out Wagtail's and wagtail-localize's own views."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


def headers(*names, required=()):
    return {name: {**HEADERS[name], "required": name in required} for name in names}


def add_error_responses(result, generator, request, public):
    """Every operation's errors (JSON), 304 and 503, and the headers of each answer."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, operations in result.get("paths", {}).items():
        if path in ("/api/v1/schema/", "/api/v1/docs/"):
            continue
        personal = path.startswith(PERSONAL_PATHS)
        for operation in operations.values():
            responses = operation["responses"]
            ok = responses["200"]
            if personal:
                ok["headers"] = headers(*RATE_LIMIT)
            else:
                # every 200 the API makes has an ETag, but the schema does not promise it: a response
                # made for one visitor (tests/api/test_cache_rights.py) is neither cached nor validated
                ok["headers"] = headers("ETag", "Last-Modified", *RATE_LIMIT)
                responses["304"] = {
                    "description": NOT_MODIFIED,
                    "headers": headers("ETag", "Last-Modified", required={"ETag"}),
                }
            for status, description in {**ERRORS, **(PREVIEW_ERRORS if personal else {})}.items():
                responses.setdefault(status, {"description": description, "content": reference})
            responses["429"]["headers"] = headers("Retry-After", *RATE_LIMIT, required={"Retry-After"})
            responses["503"]["headers"] = headers("Retry-After", required={"Retry-After"})
            operation["responses"] = dict(sorted(responses.items()))
    return result


def enumerate_locales(result, generator, request, public):
    """Name the seven locale codes wherever a locale is a parameter (the path, the changes feed)."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["name"] == "locale":
                    parameter["schema"]["enum"] = list(i18n.LANGUAGE_CODES)
    return result


def describe_operations(result, generator, request, public):
    """A summary for every operation, and the partner key offered once, for the whole API."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            operation.pop("security", None)
            if "summary" not in operation and operation["operationId"] in SUMMARIES:
                operation["summary"] = SUMMARIES[operation["operationId"]]
    result["security"] = [{}, {"PartnerKey": []}]
    return result
