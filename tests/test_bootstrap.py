"""`bootstrap` creates the structure once; a second run changes nothing."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Locale, Page, Revision, Site

from cms import i18n
from pages.models import AssessmentIndexPage, EventIndexPage, GalleryIndexPage, HomePage

pytestmark = pytest.mark.django_db


def counts():
    return {
        "locales": Locale.objects.count(),
        "pages": Page.objects.count(),
        "live pages": Page.objects.live().count(),
        "revisions": Revision.objects.count(),
        "sites": Site.objects.count(),
        "groups": Group.objects.count(),
    }


def test_bootstrap_twice_changes_nothing():
    before = counts()
    output = io.StringIO()
    call_command("bootstrap", stdout=output)
    assert counts() == before
    assert "0 locale(s), 0 page translation(s), 0 group(s) and 0 workflow(s) created" in output.getvalue()


def test_seven_locales_each_with_a_home_and_three_sections():
    assert sorted(Locale.objects.values_list("language_code", flat=True)) == sorted(i18n.LANGUAGE_CODES)
    for model in (HomePage, EventIndexPage, AssessmentIndexPage, GalleryIndexPage):
        assert sorted(model.objects.live().values_list("locale__language_code", flat=True)) == sorted(
            i18n.LANGUAGE_CODES
        )


def test_translated_structure_uses_the_catalogues_and_readable_slugs():
    events = EventIndexPage.objects.get(locale__language_code="en")
    translations = {page.locale.language_code: page for page in events.get_translations()}
    assert set(translations) == set(i18n.TRANSLATION_LANGUAGES)
    for code, page in translations.items():
        assert page.title != "Events", code
        assert page.slug and page.slug.isascii() and not page.slug[-1].isdigit(), page.slug


def test_the_default_site_serves_the_english_home():
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific == HomePage.objects.get(locale__language_code="en")


def test_editor_and_reviewer_groups_for_every_translation_locale():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Moderators", "Content editors", "Albanian editors", "Urdu reviewers"} <= names
    for code in i18n.TRANSLATION_LANGUAGES:
        english_name = i18n.locale_info(code).english_name
        assert {f"{english_name} editors", f"{english_name} reviewers"} <= names
