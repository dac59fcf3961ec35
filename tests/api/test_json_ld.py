"""Each detail carries its schema.org description (`json_ld`), read back with a JSON-LD processor
(pyld): the document is expanded and its schema.org IRIs and values checked, not its text.

The machine is offline, so the processor gets schema.org's context from a loader here instead of
from https://schema.org: a context naming only the schema.org types and properties the API uses, so
that a misspelt or invented property would be dropped on expansion, which the tests notice.
"""

import pytest
from pyld import jsonld
from wagtail.models import Collection, CollectionViewRestriction

from pages.models import EventPage
from pages.partner_links import partner_url
from tests.content import in_locale

pytestmark = pytest.mark.django_db

SCHEMA = "https://schema.org/"
TYPES = [
    "Event",
    "Place",
    "PostalAddress",
    "Organization",
    "Report",
    "MediaObject",
    "Country",
    "ImageGallery",
    "ImageObject",
]
PROPERTIES = [
    "name",
    "alternateName",
    "description",
    "inLanguage",
    "startDate",
    "endDate",
    "location",
    "address",
    "addressLocality",
    "addressCountry",
    "organizer",
    "contributor",
    "datePublished",
    "dateCreated",
    "spatialCoverage",
    "identifier",
    "encoding",
    "encodingFormat",
    "image",
    "caption",
    "creditText",
]
ADDRESSES = ["url", "contentUrl", "thumbnailUrl", "eventAttendanceMode"]  # IRIs, as schema.org types them
CONTEXT = {
    **{term: SCHEMA + term for term in TYPES + PROPERTIES},
    **{term: {"@id": SCHEMA + term, "@type": "@id"} for term in ADDRESSES},
}


def load_document(url, options=None):
    assert url.rstrip("/") == "https://schema.org", url
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": {"@context": CONTEXT},
    }


def count_keys(value):
    if isinstance(value, dict):
        return sum(1 + count_keys(item) for key, item in value.items() if key != "@context")
    if isinstance(value, list):
        return sum(count_keys(item) for item in value)
    return 0


def expand(document):
    """The document expanded, once it has lost nothing on the way (each key a schema.org term)."""
    [node] = jsonld.expand(document, {"documentLoader": load_document})
    compacted = jsonld.compact(node, CONTEXT, {"documentLoader": load_document})
    assert count_keys(compacted) == count_keys(document), (compacted, document)
    return node


def value(node, name):
    [item] = node[SCHEMA + name]
    return item.get("@value", item.get("@id"))


def values(node, name):
    return [item.get("@value", item.get("@id")) for item in node.get(SCHEMA + name, [])]


def nodes(node, name):
    return node.get(SCHEMA + name, [])


def test_an_event_is_a_schema_org_event(api, adana):
    turkish = in_locale(adana, "tr")
    detail = api(f"/api/v1/tr/events/{turkish.slug}/").json()
    node = expand(detail["json_ld"])
    assert node["@type"] == [SCHEMA + "Event"]
    assert value(node, "name") == turkish.title
    assert value(node, "description") == turkish.summary
    assert value(node, "startDate") == "2016-12-14" and value(node, "endDate") == "2016-12-15"
    assert value(node, "inLanguage") == "tr"
    assert value(node, "url") == partner_url("tr", "events", turkish.slug)
    assert value(node, "eventAttendanceMode") == SCHEMA + "OfflineEventAttendanceMode"
    [place] = nodes(node, "location")
    assert place["@type"] == [SCHEMA + "Place"]
    [address] = nodes(place, "address")
    assert address["@type"] == [SCHEMA + "PostalAddress"]
    assert value(address, "addressLocality") == "Adana" and value(address, "addressCountry") == "TR"
    # DGMM took part "in cooperation": a contributor, not an organiser
    assert nodes(node, "organizer") == []
    [dgmm] = nodes(node, "contributor")
    assert dgmm["@type"] == [SCHEMA + "Organization"]
    assert value(dgmm, "name") == detail["organisations"][0]["name"]


def test_an_event_s_organisers_and_hosts_organise_it(api):
    detail = api("/api/v1/en/events/bosnian-delegation-netherlands-2016/").json()
    node = expand(detail["json_ld"])
    organisers = nodes(node, "organizer")
    assert all(item["@type"] == [SCHEMA + "Organization"] for item in organisers)
    assert [value(item, "name") for item in organisers] == [
        item["name"] for item in detail["organisations"] if item["role"]["code"] in ("organiser", "host")
    ]
    assert len(organisers) == 5 and nodes(node, "contributor") == []


def test_an_urdu_event_describes_itself_in_urdu(api, media_workshop):
    urdu = in_locale(media_workshop, "ur")
    node = expand(api(f"/api/v1/ur/events/{urdu.slug}/").json()["json_ld"])
    assert value(node, "name") == urdu.title and value(node, "inLanguage") == "ur"
    assert value(node, "startDate") == value(node, "endDate") == "2017-05-17"  # a single day


def test_an_assessment_is_a_report_with_its_pdf(api, bosnia_assessment):
    turkish = in_locale(bosnia_assessment, "tr")
    detail = api(f"/api/v1/tr/assessments/{turkish.slug}/").json()
    node = expand(detail["json_ld"])
    assert node["@type"] == [SCHEMA + "Report"]
    assert value(node, "name") == turkish.title and value(node, "inLanguage") == "tr"
    assert value(node, "url") == partner_url("tr", "assessments", turkish.slug)
    [country] = nodes(node, "spatialCoverage")
    assert country["@type"] == [SCHEMA + "Country"] and value(country, "identifier") == "BA"
    [pdf] = nodes(node, "encoding")
    assert pdf["@type"] == [SCHEMA + "MediaObject"]
    assert value(pdf, "contentUrl") in {document["url"] for document in detail["documents"]}
    assert value(pdf, "encodingFormat") == "application/pdf"


def test_a_private_report_is_not_named(api, bosnia_assessment):
    root = Collection.get_first_root_node()
    restricted = root.add_child(name="Drafts of reports")
    CollectionViewRestriction.objects.create(collection=restricted, restriction_type="login")
    report = bosnia_assessment.report
    report.collection = restricted
    report.save()
    node = expand(api(f"/api/v1/en/assessments/{bosnia_assessment.slug}/").json()["json_ld"])
    assert nodes(node, "encoding") == []


def test_a_gallery_is_an_image_gallery_of_its_public_photos(api, gallery):
    urdu = in_locale(gallery, "ur")
    detail = api(f"/api/v1/ur/galleries/{urdu.slug}/").json()
    node = expand(detail["json_ld"])
    assert node["@type"] == [SCHEMA + "ImageGallery"]
    assert value(node, "inLanguage") == "ur"
    images = nodes(node, "image")
    assert len(images) == len(detail["photos"]) > 0
    assert all(image["@type"] == [SCHEMA + "ImageObject"] for image in images)
    assert [value(image, "contentUrl") for image in images] == [
        photo["renditions"]["large"]["url"] for photo in detail["photos"]
    ]
    assert [value(image, "caption") for image in images] == [photo["caption"] for photo in detail["photos"]]


def test_a_fallback_item_describes_the_english_page(api, adana):
    """An English item shown in another locale's place says it is English and where it is."""
    english_only = EventPage.objects.get(locale__language_code="en", slug="multi-agency-training-izmir-2016")
    detail = api(f"/api/v1/tr/events/{english_only.slug}/?fallback=source").json()
    assert detail["is_fallback"]
    node = expand(detail["json_ld"])
    assert value(node, "inLanguage") == "en"
    assert value(node, "url") == partner_url("en", "events", english_only.slug)
