"""schema.org descriptions of the items (JSON-LD), for partner sites to embed in their pages as
`<script type="application/ld+json">`: an event is an `Event`, an assessment a `Report`, a gallery
an `ImageGallery`.

Built from what the detail serializers already show (their context, the items' own fields), so
they cost no query, name no private image or document and link only to the partner site and to
public files.
"""

from pages.partner_links import partner_url

from .. import links
from .blocks import document_info
from .refs import in_order

CONTEXT = "https://schema.org"
ORGANISING = {"organiser", "host"}  # EventOrganisation roles

# The OpenAPI schema of the field: an object whose keys are JSON-LD's and schema.org's.
SCHEMA = {
    "type": "object",
    "description": (
        "The item described with schema.org (JSON-LD): an Event, a Report or an ImageGallery, to embed"
        ' in the partner page as <script type="application/ld+json">.'
    ),
    "required": ["@context", "@type", "name", "inLanguage", "url"],
    "properties": {
        "@context": {"type": "string", "enum": [CONTEXT]},
        "@type": {"type": "string", "enum": ["Event", "Report", "ImageGallery"]},
        "name": {"type": "string"},
        "description": {"type": "string"},
        "inLanguage": {"type": "string"},
        "url": {"type": "string", "format": "uri"},
    },
    "additionalProperties": True,
}


def _item(page, schema_type):
    code = page.locale.language_code
    data = {
        "@context": CONTEXT,
        "@type": schema_type,
        "name": page.title,
        "inLanguage": code,
        "url": partner_url(code, links.COLLECTION_OF_MODEL[type(page)], page.slug),
    }
    if page.summary:
        data["description"] = page.summary
    return data


def _organisation(organisation):
    data = {"@type": "Organization", "name": organisation.name}
    if organisation.acronym:
        data["alternateName"] = organisation.acronym
    if organisation.website:
        data["url"] = organisation.website
    if organisation.country:
        data["address"] = {"@type": "PostalAddress", "addressCountry": organisation.country.iso_code}
    return data


def event(page):
    data = _item(page, "Event")
    data["startDate"] = page.start_date.isoformat()
    data["endDate"] = (page.end_date or page.start_date).isoformat()
    data["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
    address = {"@type": "PostalAddress"}
    if page.city:
        address["addressLocality"] = page.city
    if page.country:
        address["addressCountry"] = page.country.iso_code
    place = {"@type": "Place", "address": address}
    if page.venue or page.city:
        place["name"] = page.venue or page.city
    data["location"] = place
    organisations = in_order(page.organisations)
    # organisers and hosts organise (schema.org has no host); "in cooperation with" contributes
    organisers = [item.organisation for item in organisations if item.role in ORGANISING]
    others = [item.organisation for item in organisations if item.role not in ORGANISING]
    if organisers:
        data["organizer"] = [_organisation(organisation) for organisation in organisers]
    if others:
        data["contributor"] = [_organisation(organisation) for organisation in others]
    return data


def assessment(page, context):
    data = _item(page, "Report")
    if page.publication_date:
        data["datePublished"] = page.publication_date.isoformat()
    if page.country:
        data["spatialCoverage"] = {
            "@type": "Country",
            "name": page.country.name_in(page.locale.language_code),
            "identifier": page.country.iso_code,
        }
    # the report this page offers (its language's own, or the English one), if it is public
    versions = {
        document.pk: (code, document) for code, document in context["documents"].get(page.translation_key, [])
    }
    if page.report_id in versions and context["media"].shows(versions[page.report_id][1]):
        code, document = versions[page.report_id]
        info = document_info(context.get("request"), document)
        data["encoding"] = [
            {
                "@type": "MediaObject",
                "name": document.title,
                "contentUrl": info["url"],
                "encodingFormat": info["content_type"],
                "inLanguage": code,
            }
        ]
    return data


def gallery(page, photos):
    data = _item(page, "ImageGallery")
    if page.date:
        data["dateCreated"] = page.date.isoformat()
    data["image"] = [
        {
            "@type": "ImageObject",
            "contentUrl": photo["renditions"]["large"]["url"],
            "thumbnailUrl": photo["renditions"]["thumbnail"]["url"],
            "caption": photo["caption"],
            **({"creditText": page.credit} if page.credit else {}),
        }
        for photo in photos
    ]
    return data
