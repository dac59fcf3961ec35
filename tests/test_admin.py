"""An administrator can open every page type, every snippet and the translation editor."""

import pytest
from django.urls import reverse
from wagtail.admin.admin_url_finder import AdminURLFinder

from pages.models import (
    AssessmentIndexPage,
    AssessmentPage,
    Country,
    EventIndexPage,
    EventPage,
    GalleryIndexPage,
    GalleryPage,
    HomePage,
    Organisation,
    Person,
    Topic,
)

pytestmark = pytest.mark.django_db

PAGE_TYPES = [
    HomePage,
    EventIndexPage,
    AssessmentIndexPage,
    GalleryIndexPage,
    EventPage,
    AssessmentPage,
    GalleryPage,
]


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
def test_edit_view_of_each_page_type(admin_client, model):
    page = model.objects.filter(locale__language_code="en").first()
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert response.status_code == 200
    assert page.title in response.content.decode()


@pytest.mark.parametrize("model", [Country, Organisation, Person, Topic], ids=lambda model: model.__name__)
def test_edit_view_of_each_snippet(admin_client, model):
    snippet = model.objects.filter(locale__language_code="en").first()
    url = AdminURLFinder().get_edit_url(snippet)
    assert admin_client.get(url).status_code == 200


def test_translation_editor_of_a_translated_page(admin_client):
    source = EventPage.objects.get(locale__language_code="en", slug="dgmm-awareness-training-adana-2016")
    albanian = source.get_translations().get(locale__language_code="sq")
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(albanian.pk,)))
    assert response.status_code == 200
    html = response.content.decode()
    # wagtail-localize replaces the page editor with its translation editor
    assert 'class="js-translation-editor"' in html
    assert albanian.title in html


def test_urdu_translation_editor_opens(admin_client):
    source = EventPage.objects.get(locale__language_code="en", slug="media-reporting-workshop-2017")
    urdu = source.get_translations().get(locale__language_code="ur")
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(urdu.pk,)))
    assert response.status_code == 200
    assert urdu.title in response.content.decode()


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
def test_preview_of_each_page_type(admin_client, model):
    page = model.objects.filter(locale__language_code="ur").first()
    response = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=(page.pk,)))
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()


def test_no_language_is_served_under_its_prefix(client):
    """Headless: pages are read from the API, never served (tests/test_headless.py)."""
    turkish_events = EventIndexPage.objects.get(locale__language_code="tr")
    assert turkish_events.url is None  # a section page has no page on a partner site
    assert client.get("/tr/").status_code == 404
    assert client.get(f"/tr/{turkish_events.slug}/").status_code == 404


def snippet_search(admin_client, model, q, view="choose_results"):
    """The HTML of a snippet chooser's results (or with view="list_results", of the listing's) for `q`."""
    viewset = model.snippet_viewset
    views = viewset.chooser_viewset if view.startswith("choose") else viewset
    # with the chooser's own language filter, with which a search once answered 500
    response = admin_client.get(reverse(views.get_url_name(view)), {"q": q, "locale": "en"})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("model", "q", "found"),
    [
        (Organisation, "Direct", "Directorate General for Migration Management"),
        (Organisation, "EURO", "European Union Agency for Law Enforcement Cooperation"),
        (Topic, "ident", "Victim identification"),
        (Country, "Alban", "Albania"),
        (Country, "Arnavut", "Albania"),  # its name in Turkish, for a Turkish editor
        (Country, "TR", "Türkiye"),
    ],
)
def test_a_snippet_chooser_finds_the_start_of_a_word(admin_client, model, q, found):
    assert found in snippet_search(admin_client, model, q)


def test_the_country_listing_finds_a_country_by_its_name(admin_client):
    found = snippet_search(admin_client, Country, "Azerb", view="list_results")
    assert "Azerbaijan" in found and "Albania" not in found


@pytest.mark.parametrize("model", [Country, Organisation, Person, Topic], ids=lambda model: model.__name__)
def test_a_snippet_listing_filters_by_language(admin_client, model):
    listing = reverse(model.snippet_viewset.get_url_name("list_results"))
    romanian = admin_client.get(listing, {"locale": "ro"})
    assert romanian.status_code == 200
    html = romanian.content.decode()
    shown = [snippet for snippet in model.objects.all() if f"/{snippet.pk}/" in html]
    assert shown and {snippet.locale.language_code for snippet in shown} == {"ro"}
