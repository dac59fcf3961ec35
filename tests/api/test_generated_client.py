"""A client generated from the OpenAPI schema (openapi-python-client) reads every endpoint's JSON.

What a partner does: generate a client from /api/v1/schema/ and trust its models. Every JSON
endpoint's answers (lists, details with every kind of body block, search, snippets, changes,
locales, the preview, errors) decode into the generated models through each operation's own
response parsing, into the shape their `type` names, with no field the schema does not declare
(the models keep unknown fields in `additional_properties`: it must stay empty). The client is
generated offline, in a subprocess, from the schema the CMS serves.
"""

import importlib
import subprocess
import sys
from pathlib import Path

import attrs
import httpx
import pytest
from django.contrib.auth import get_user_model
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from api.models import PartnerKey
from cms import i18n
from pages.models import AssessmentPage, Country, EventExpert, EventOrganisation, EventPage
from previews import tokens

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

PACKAGE = "partner_api_client"
CONFIG = f"package_name_override: {PACKAGE}\nproject_name_override: partner-api-client\npost_hooks: []\n"
# json_ld is declared open (a schema.org object has many more keys than the few the schema names)
OPEN_MODELS = ("JsonLd",)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """The client package generated from the served schema, imported."""
    root = tmp_path_factory.mktemp("generated")
    schema = SchemaGenerator().get_schema(request=None, public=True)
    (root / "schema.json").write_bytes(OpenApiJsonRenderer().render(schema))
    (root / "config.yaml").write_text(CONFIG)
    generator = Path(sys.executable).with_name("openapi-python-client")
    result = subprocess.run(
        [generator, "generate", "--path", "schema.json", "--config", "config.yaml"]
        + ["--meta", "none", "--output-path", PACKAGE],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    # the generator says what it could not translate into Python: nothing may be left out
    assert "warning" not in output.lower() and "error" not in output.lower(), output
    sys.path.insert(0, str(root))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(root))
        for name in [name for name in sys.modules if name.split(".")[0] == PACKAGE]:
            del sys.modules[name]


def undeclared(value, path="$"):
    """Where a decoded value holds fields its schema does not name."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield from undeclared(item, f"{path}[{index}]")
    elif attrs.has(type(value)):
        extra = getattr(value, "additional_properties", {})
        if extra and not type(value).__name__.endswith(OPEN_MODELS):
            yield f"{path}: {sorted(extra)}"
        for field in attrs.fields(type(value)):
            if field.name != "additional_properties":
                yield from undeclared(getattr(value, field.name), f"{path}.{field.name}")


@pytest.fixture
def decode(client, generated):
    """GET a path with the test client and decode the answer with the operation's generated parser."""
    parser_client = generated.Client(base_url="http://testserver", raise_on_unexpected_status=True)

    def get(operation, path, status=200, **headers):
        response = client.get(path, **headers)
        assert response.status_code == status, response.content[:500]
        module = importlib.import_module(f"{PACKAGE}.api.{operation}")
        answer = httpx.Response(status, content=response.content, headers=dict(response.headers))
        parsed = module._parse_response(client=parser_client, response=answer)
        assert parsed is not None, f"{operation} declares no {status}"
        assert not list(undeclared(parsed)), (path, list(undeclared(parsed)))
        return parsed

    return get


def model(generated, name):
    return getattr(generated.models, name)


def every_block_type(media_workshop, bosnia_assessment):
    """Give the workshop a body with one block of each type."""
    photo = get_image_model().objects.first()
    media_workshop.body = [
        ("heading", "Programme"),
        ("paragraph", RichText(f'<p>See <a linktype="page" id="{media_workshop.pk}">the workshop</a>.</p>')),
        ("bullet_list", ["Identification", "Assistance"]),
        ("quote", {"quote": "Media shape what the public knows.", "attribution": "A trainer"}),
        ("image", {"image": photo, "caption": "Interview", "alt_text": "A journalist"}),
        ("document", {"document": bosnia_assessment.report, "title": "The report"}),
    ]
    media_workshop.save_revision().publish()


def test_every_list_and_detail_decodes_exactly(decode, generated, media_workshop, bosnia_assessment):
    every_block_type(media_workshop, bosnia_assessment)
    blocks = set()
    for collection, noun in [("events", "Event"), ("assessments", "Assessment"), ("galleries", "Gallery")]:
        for locale, fallback in [("en", "none"), ("tr", "none"), ("ur", "source")]:
            query = f"?page_size=100&fallback={fallback}"
            page = decode(f"{collection}.{collection}_list", f"/api/v1/{locale}/{collection}/{query}")
            assert isinstance(page, model(generated, f"Paginated{collection.capitalize()}"))
            assert page.results, (collection, locale)
            for item in page.results:
                assert isinstance(item, model(generated, f"{noun}List"))
                detail = decode(
                    f"{collection}.{collection}_detail",
                    f"/api/v1/{locale}/{collection}/{item.slug}/?fallback={fallback}",
                )
                assert isinstance(detail, model(generated, f"{noun}Detail")) and detail.slug == item.slug
                blocks.update(type(block).__name__ for block in getattr(detail, "body", []))
    assert blocks == {
        "HeadingBlock",
        "ParagraphBlock",
        "BulletListBlock",
        "QuoteBlock",
        "ImageBlock",
        "DocumentBlock",
    }


def test_codes_decode_into_enum_types_with_every_code(decode, generated):
    """Kinds, scope, roles, locales, directions and country codes are enums of the client, each
    with exactly the codes the CMS has: a partner's code can switch on them and miss no case."""
    enums = {}

    def note(enum, value):
        assert isinstance(value, model(generated, enum)), (enum, value)
        enums.setdefault(enum, model(generated, enum))

    for item in decode("events.events_list", "/api/v1/tr/events/?page_size=100&fallback=source").results:
        event = decode("events.events_detail", f"/api/v1/{item.locale.value}/events/{item.slug}/")
        note("EventKindEnum", event.kind.code)
        note("EventScopeEnum", event.scope.code)
        note("LocaleEnum", event.locale)
        note("DirectionEnum", event.direction)
        for country in event.participating_countries:
            note("CountryCodeEnum", country.code)
        for organisation in event.organisations:
            note("OrganisationRoleEnum", organisation.role.code)
        for expert in event.experts:
            note("ExpertRoleEnum", expert.role_at_event.code)
        for other in event.translations:
            note("LocaleEnum", other.locale)
    for item in decode("assessments.assessments_list", "/api/v1/en/assessments/").results:
        note("AssessmentKindEnum", item.kind.code)
    for country in decode("countries.countries_list", "/api/v1/en/countries/"):
        note("CountryRoleEnum", country.role.code)
    for locale in decode("locales.locales", "/api/v1/locales/"):
        note("LocaleEnum", locale.code)
        note("DirectionEnum", locale.direction)

    codes = {name: {member.value for member in enum} for name, enum in enums.items()}
    assert codes == {
        "EventKindEnum": set(EventPage.Kind.values),
        "EventScopeEnum": set(EventPage.Scope.values),
        "AssessmentKindEnum": set(AssessmentPage.Kind.values),
        "OrganisationRoleEnum": set(EventOrganisation.Role.values),
        "ExpertRoleEnum": set(EventExpert.Role.values),
        "CountryRoleEnum": set(Country.Role.values),
        "LocaleEnum": set(i18n.LANGUAGE_CODES),
        "DirectionEnum": {"ltr", "rtl"},
        "CountryCodeEnum": set(i18n.country_codes()),
    }


def test_search_results_decode_into_their_own_shapes(decode, generated):
    shapes = {}
    for term in ("media", "assessment"):
        page = decode("search.search", f"/api/v1/en/search/?q={term}&page_size=100")
        assert isinstance(page, model(generated, "PaginatedSearchResults"))
        shapes.update((type(item).__name__, item.type_) for item in page.results)  # `type` is a builtin
    assert shapes == {"EventList": "event", "AssessmentList": "assessment", "GalleryList": "gallery"}


def test_locales_snippets_index_and_changes_decode_exactly(decode, generated):
    locales = decode("locales.locales", "/api/v1/locales/")
    assert [locale.code for locale in locales] == ["en", "sq", "az", "bs", "ro", "ur", "tr"]
    assert locales[0].counts.events == 8
    index = decode("default.index", "/api/v1/")
    assert index.endpoints.changes == "http://testserver/api/v1/changes/"
    for name in ("countries", "topics", "organisations"):
        for locale in ("en", "ur"):
            assert decode(f"{name}.{name}_list", f"/api/v1/{locale}/{name}/")
    changes = decode("changes.changes", "/api/v1/changes/")
    assert changes.results and all(entry.cursor.isdigit() for entry in changes.results)
    following = decode("changes.changes", f"/api/v1/changes/?since={changes.next_cursor}&locale=tr")
    assert following.next_cursor.isdigit()


def test_a_preview_decodes_like_a_detail(decode, generated, adana):
    adana.title = "A draft title"
    revision = adana.save_revision(user=get_user_model().objects.get(username="moderator"))
    token = tokens.issue(revision.pk, "en", revision.user_id)
    draft = decode("preview.preview", f"/api/v1/preview/?token={token}")
    assert isinstance(draft, model(generated, "EventDetail")) and draft.title == "A draft title"
    forged = decode("preview.preview", "/api/v1/preview/?token=not-a-token", status=403)
    assert isinstance(forged, model(generated, "Error")) and forged.error.code == "invalid_token"


def test_errors_decode_as_the_error_shape(decode, generated):
    unknown = decode("events.events_list", "/api/v1/fr/events/", status=404)
    assert isinstance(unknown, model(generated, "Error")) and unknown.error.available[0] == "en"
    bad = decode("events.events_list", "/api/v1/en/events/?page_size=500", status=400)
    assert bad.error.field == "page_size"
    past = decode("events.events_list", "/api/v1/en/events/?page=99", status=404)
    assert past.error.code == "no_such_page"


def test_the_generated_client_sends_a_partner_key_as_the_api_expects(client, generated, settings):
    """Its AuthenticatedClient, with the key prefix the schema names, gets the key's own quota."""
    settings.API_RATE_LIMIT_PER_MINUTE = 2
    partner = PartnerKey(name="Partner site", requests_per_minute=5)
    key = partner.set_new_key()
    partner.save()
    authenticated = generated.AuthenticatedClient(base_url="http://testserver", token=key, prefix="Api-Key")
    header = authenticated.get_httpx_client().headers["Authorization"]
    response = client.get("/api/v1/en/topics/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 200 and response["RateLimit-Limit"] == "5"
