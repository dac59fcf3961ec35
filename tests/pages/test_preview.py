"""The admin's preview shows every field editors fill in, and a translation beside its English source."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape
from wagtail.models import Collection, CollectionViewRestriction

from tests.content import in_locale

pytestmark = pytest.mark.django_db


def preview(client, page):
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=(page.pk,)))
    assert response.status_code == 200
    return response.content.decode()


def test_an_event_preview_shows_its_fields_beside_the_english_ones(admin_client, adana):
    turkish = in_locale(adana, "tr")
    html = preview(admin_client, turkish)
    assert f"English: {adana.title}" in html
    for shown in (turkish.summary, adana.summary, turkish.city, adana.city, str(turkish.country)):
        assert escape(shown) in html
    assert turkish.get_kind_display() in html
    labels = re.findall(r'<div class="label">([^<]+)</div>', html)
    assert {"Kind", "Start date", "City", "Country", "Organisations", "Topics"} <= set(labels), labels
    assert 'class="source" lang="en" dir="ltr"' in html


def test_a_gallery_preview_shows_its_photos_and_an_assessment_its_report(
    admin_client, gallery, bosnia_assessment
):
    html = preview(admin_client, gallery)
    assert html.count("<figure>") == gallery.photos.count() and "<img" in html
    report = preview(admin_client, bosnia_assessment)
    assert f'href="{bosnia_assessment.report.url}"' in report


def test_a_private_photo_is_named_not_rendered(admin_client, gallery):
    photo = gallery.photos.first().image
    private = Collection.get_first_root_node().add_child(name="Interviews")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    photo.collection = private
    photo.save()
    renditions_before = photo.renditions.count()
    html = preview(admin_client, gallery)
    assert f"{photo.title} (private collection)" in html
    assert photo.renditions.count() == renditions_before  # no public file made of it
