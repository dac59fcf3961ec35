"""OpenAPI: describe our API only, with the error shape every operation may answer with."""

from cms import i18n

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
