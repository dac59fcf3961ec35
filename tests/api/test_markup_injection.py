"""Translators cannot put markup that runs in a reader's browser into what the API serves.

A Turkish editor types `<script>`, event handler attributes and `javascript:` addresses into the
translation editor (segments and the link addresses a language may replace) or uploads them in
a PO file; the translation is published and the API's JSON, and the admin, carry none of it.
"""

import json
import re
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale
from wagtail.rich_text import RichText
from wagtail_localize.models import OverridableSegment, StringSegment, Translation

from editorial import localization, roles
from pages.models import EventIndexPage, EventPage, Organisation

pytestmark = pytest.mark.django_db

INJECTIONS = [
    '<script>alert("segment")</script>Eğitim',
    '<b onclick="alert(1)">Eğitim</b>',
    '<a id="a1" href="javascript:alert(1)" onmouseover="alert(2)">Eğitim</a>',
    '<img src="x" onerror="alert(1)">Eğitim',
]
DANGEROUS = re.compile(r"<script|onclick|onmouseover|onerror|javascript:", re.IGNORECASE)


@pytest.fixture
def workshop(django_capture_on_commit_callbacks):
    """An English event whose body has an external link, translated into Turkish and published."""
    index = EventIndexPage.objects.get(locale__language_code="en")
    event = EventPage(
        title="Workshop on victim identification",
        kind="workshop",
        start_date=timezone.now().date(),
        body=[
            (
                "paragraph",
                RichText('<p>Read the <a href="https://example.org/guide">identification guide</a>.</p>'),
            ),
            ("heading", "Programme"),
        ],
    )
    index.add_child(instance=event)
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
        localization.translate(event, Locale.objects.get(language_code="tr"), lambda text: f"TR {text}")
    return event


@pytest.fixture
def turkish_editor(client, django_user_model):
    user = django_user_model.objects.create_user("tr-injector", password="pw")
    user.groups.add(roles.Group.objects.get(name=roles.editor_group_name("tr")))
    client.force_login(user)
    return client


def translation_of(instance):
    return Translation.objects.get(
        source__object_id=instance.translation_key, target_locale__language_code="tr"
    )


def segment(translation, contains):
    return StringSegment.objects.select_related("string").get(
        source=translation.source, string__data__contains=contains
    )


def publish(translation, capture):
    with capture(execute=True):
        translation.save_target(publish=True)


def turkish_api(api, event):
    turkish = event.get_translations().get(locale__language_code="tr")
    return api(f"/api/v1/tr/events/{turkish.slug}/").content.decode()


def html_fields(body):
    return [block["html"] for block in body if "html" in block]


def put(client, url, value):
    return client.put(url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded")


@pytest.mark.parametrize("value", INJECTIONS)
def test_markup_typed_in_the_translation_editor_never_reaches_the_api(
    turkish_editor, api, workshop, value, django_capture_on_commit_callbacks
):
    translation = translation_of(workshop)
    for contains in ("identification guide", "Programme", "Workshop on victim"):
        target = segment(translation, contains)
        url = reverse("wagtail_localize:edit_string_translation", args=(translation.pk, target.pk))
        put(turkish_editor, url, value)
    publish(translation, django_capture_on_commit_callbacks)

    body = turkish_api(api, workshop)
    assert not DANGEROUS.search(body), body
    turkish = workshop.get_translations().get(locale__language_code="tr").specific
    detail = api(f"/api/v1/tr/events/{turkish.slug}/").json()
    assert all(not DANGEROUS.search(html) for html in html_fields(detail["body"]))


@pytest.mark.parametrize("address", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " java\tscript:alert(1)"])
def test_a_javascript_link_address_is_refused_and_never_served(
    turkish_editor, api, workshop, address, django_capture_on_commit_callbacks
):
    translation = translation_of(workshop)
    override = OverridableSegment.objects.get(source=translation.source, data_json__contains="example.org")
    url = reverse("wagtail_localize:edit_override", args=(translation.pk, override.pk))
    response = put(turkish_editor, url, address)
    assert response.status_code == 400
    # even if it were stored (an older override, a direct import), it is not served
    from wagtail_localize.models import SegmentOverride

    SegmentOverride.objects.update_or_create(
        locale=translation.target_locale,
        context=override.context,
        defaults={"data_json": json.dumps(address)},
    )
    publish(translation, django_capture_on_commit_callbacks)
    body = turkish_api(api, workshop)
    assert "javascript" not in body.lower().replace("\\t", "")


def test_a_local_link_address_is_accepted(turkish_editor, workshop):
    translation = translation_of(workshop)
    override = OverridableSegment.objects.get(source=translation.source, data_json__contains="example.org")
    url = reverse("wagtail_localize:edit_override", args=(translation.pk, override.pk))
    response = put(turkish_editor, url, "https://example.org/tr/rehber")
    assert response.status_code in (200, 201)


def test_a_javascript_website_of_an_organisation_is_refused(client, django_user_model, api):
    user = django_user_model.objects.create_user("tr-org-editor", password="pw")
    user.groups.add(roles.Group.objects.get(name=roles.editor_group_name("tr")))
    client.force_login(user)
    organisation = Organisation.objects.filter(locale__language_code="en").exclude(website="").first()
    localization.translate(organisation, Locale.objects.get(language_code="tr"), lambda text: f"TR {text}")
    translation = translation_of(organisation)
    override = OverridableSegment.objects.get(source=translation.source, context__path="website")
    url = reverse("wagtail_localize:edit_override", args=(translation.pk, override.pk))
    assert put(client, url, "javascript:alert(document.cookie)").status_code == 400
    assert "javascript:" not in api("/api/v1/tr/organisations/").content.decode()


def upload_po(client, translation, po):
    url = reverse("wagtail_localize:upload_pofile", args=(translation.pk,))
    response = client.post(
        f"{url}?next=/admin/", {"file": SimpleUploadedFile("t.po", str(po).encode())}, follow=True
    )
    return " ".join(str(message) for message in response.context["messages"])


@pytest.mark.parametrize("value", INJECTIONS)
def test_markup_in_an_uploaded_po_file_never_reaches_the_api(
    turkish_editor, api, workshop, value, django_capture_on_commit_callbacks
):
    translation = translation_of(workshop)
    po = translation.export_po()
    for entry in po:
        entry.msgstr = value if "identification guide" in entry.msgid else entry.msgstr or entry.msgid
    message = upload_po(turkish_editor, translation, po)
    assert "Nothing was imported" in message
    publish(translation, django_capture_on_commit_callbacks)
    assert not DANGEROUS.search(turkish_api(api, workshop))


def test_escaped_markup_in_a_po_file_stays_text(
    turkish_editor, api, workshop, django_capture_on_commit_callbacks
):
    translation = translation_of(workshop)
    po = translation.export_po()
    for entry in po:
        if "identification guide" in entry.msgid:
            entry.msgstr = 'Okuyun: &lt;script&gt;alert(1)&lt;/script&gt; <a id="a1">rehber</a>.'
    assert "Segments imported" in upload_po(turkish_editor, translation, po)
    publish(translation, django_capture_on_commit_callbacks)
    turkish = workshop.get_translations().get(locale__language_code="tr").specific
    [html] = html_fields(api(f"/api/v1/tr/events/{turkish.slug}/").json()["body"])
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script" not in html
    assert 'href="https://example.org/guide"' in html


def test_the_admin_shows_typed_markup_escaped(turkish_editor, workshop):
    translation = translation_of(workshop)
    target = segment(translation, "identification guide")
    url = reverse("wagtail_localize:edit_string_translation", args=(translation.pk, target.pk))
    put(turkish_editor, url, '<script>alert("admin")</script>')
    turkish = workshop.get_translations().get(locale__language_code="tr")
    page = turkish_editor.get(reverse("wagtailadmin_pages:edit", args=(turkish.pk,))).content.decode()
    assert '<script>alert("admin")' not in page
