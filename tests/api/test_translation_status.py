"""A translation says whether it is current, outdated or still partly in English."""

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, TranslationSource

from api.sql import state_of, with_translation_state
from editorial import localization
from editorial.translation_state import translation_states
from pages.models import EventPage
from tests.content import in_locale

pytestmark = pytest.mark.django_db


def status(client, page, code):
    translated = in_locale(page, code)
    return client.get(f"/api/v1/{code}/events/{translated.slug}/").json()["translation"]


def test_current_after_loading(client, adana):
    body = status(client, adana, "sq")
    assert body["status"] == "current" and body["source_last_published_at"]


def test_outdated_when_the_source_is_published_again(client, adana):
    adana.summary = "A new summary in English."
    adana.save_revision().publish()
    assert status(client, adana, "sq")["status"] == "outdated"
    assert status(client, adana, "az")["status"] == "outdated"


def test_current_again_after_a_sync(client, adana):
    adana.save_revision().publish()
    TranslationSource.update_or_create_from_instance(adana)
    assert status(client, adana, "sq")["status"] == "current"


def test_incomplete_when_a_segment_falls_back_to_english(client, adana):
    source = TranslationSource.objects.get(object_id=adana.translation_key, locale__language_code="en")
    albanian = Locale.objects.get(language_code="sq")
    StringTranslation.objects.filter(
        locale=albanian, translation_of__segments__source=source, translation_of__data=adana.summary
    ).delete()
    assert status(client, adana, "sq")["status"] == "incomplete"
    assert status(client, adana, "tr")["status"] == "current"


def test_states_cost_a_fixed_number_of_queries(django_assert_max_num_queries, adana, media_workshop):
    keys = [adana.translation_key, media_workshop.translation_key]
    with django_assert_max_num_queries(3):
        states = translation_states(keys, "ur")
    assert {state.status for state in states.values()} == {"current"}
    assert translation_states(keys, "en") == {}


@pytest.mark.parametrize("change", ["none", "source published again", "segment deleted", "segment in error"])
def test_the_api_and_the_admin_overview_agree(adana, change):
    """The API reads states with each page, the admin's overview in bulk: the same answers."""
    source = TranslationSource.objects.get(object_id=adana.translation_key, locale__language_code="en")
    albanian = StringTranslation.objects.filter(
        locale__language_code="sq",
        translation_of__segments__source=source,
        translation_of__data=adana.summary,
    )
    if change == "source published again":
        adana.summary = "A new summary in English."
        adana.save_revision().publish()
    elif change == "segment deleted":
        albanian.delete()
    elif change == "segment in error":
        albanian.update(has_error=True)
    republished = change == "source published again"
    albanian_status = "outdated" if republished else "current" if change == "none" else "incomplete"
    expected = {"sq": albanian_status, "tr": "outdated" if republished else "current"}
    fields = ("status", "total_segments", "translated_segments", "synced_at", "source_last_published_at")
    for code, status in expected.items():
        page = with_translation_state(EventPage.objects.filter(pk=in_locale(adana, code).pk), code).get()
        in_the_api = state_of(page)
        in_the_admin = translation_states([adana.translation_key], code)[adana.translation_key]
        assert [getattr(in_the_api, name) for name in fields] == [
            getattr(in_the_admin, name) for name in fields
        ]
        assert in_the_api.status == status


def test_a_synced_translation_stays_outdated_until_it_is_published_again(
    client, admin_client, adana, django_capture_on_commit_callbacks
):
    """After a sync brought in a changed English summary, Albanian readers still see the complete
    earlier translation: outdated, not incomplete, until the new summary is translated and the
    translation published again."""
    adana.summary = "DGMM staff were trained again in 2017."
    adana.save_revision().publish()
    source = TranslationSource.objects.get(object_id=adana.translation_key, locale__language_code="en")
    admin_client.post(reverse("wagtail_localize:update_translations", args=(source.pk,)))

    assert status(client, adana, "sq")["status"] == "outdated"
    overview = admin_client.get(reverse("editorial_translation_status") + "?locale=sq")
    [cell] = next(row.cells for row in overview.context["rows"] if row.pk == adana.pk)
    albanian = in_locale(adana, "sq")
    assert (cell.status, cell.incomplete) == ("outdated", False)
    assert cell.url == reverse("wagtailadmin_pages:edit", args=(albanian.pk,))  # the new segment waits

    localization.translate(adana, albanian.locale, lambda text: f"[sq] {text}")  # translated, published
    with django_capture_on_commit_callbacks(execute=True):
        albanian.get_latest_revision().publish()
    assert status(client, adana, "sq")["status"] == "current"
