"""The benchmark's dataset: built fast, yet what an editor's translations would be."""

import io
import json
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import TestCase
from wagtail.models import Locale, PageLogEntry
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    StringSegment,
    StringTranslation,
    TemplateSegment,
    Translation,
    TranslationContext,
    TranslationLog,
    TranslationSource,
)

from bench.seed import SLUG_PREFIX
from cms import i18n
from pages.models import AssessmentPage, EventPage, GalleryPage
from pages.slugs import readable_slug
from tests.databases import copy_of_the_test_database, postgres_admin

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(scope="class", params=["in one process", "by forked processes"])
def seeded(request, django_db_setup, django_db_blocker):
    """seed_bench's report; its dataset is built once for the tests of the class that read it.

    Seeding takes about as long as the session's own setup, so it is not repeated per test. In one
    process, it runs in a transaction that is rolled back after the class's last test. Each test
    still runs in its own savepoint inside it (pytest-django's), so what one test changes is gone
    for the next.

    On PostgreSQL the seeder writes translations in other processes, which only see what is
    committed: that dataset is seeded into a copy of the test database, dropped after the class.
    """
    if request.param == "in one process":
        with django_db_blocker.unblock(), transaction.atomic():
            # wagtail-localize publishes translations when the transaction commits
            with TestCase.captureOnCommitCallbacks(execute=True):
                report = seed(processes=2)  # a transaction keeps it to one process
            yield report
            transaction.set_rollback(True)
        return
    server = postgres_admin("the seeder writes in several processes on PostgreSQL only")
    with django_db_blocker.unblock(), copy_of_the_test_database("seed", server):
        yield seed(processes=2)


def seed(processes):
    out = io.StringIO()
    call_command(
        "seed_bench", events=4, plain=1, batch_size=2, processes=processes, stdout=out, stderr=io.StringIO()
    )
    return out.getvalue()


class TestTheSeededDataset:
    """The tests that read the one dataset `seeded` builds."""

    def test_seed_bench_reports_both_ways_of_translating(self, seeded):
        assert "Created 4 events, 1 assessments and 1 galleries" in seeded
        assert "plain" in seeded and "batched" in seeded and " ms (1 pages)" in seeded

    def test_every_seeded_page_is_live_in_all_seven_locales(self, seeded):
        for model, count in ((EventPage, 4), (AssessmentPage, 1), (GalleryPage, 1)):
            english = model.objects.live().filter(locale__language_code="en", slug__startswith=SLUG_PREFIX)
            assert english.count() == count
            for page in english:
                codes = set(
                    page.get_translations(inclusive=True)
                    .live()
                    .values_list("locale__language_code", flat=True)
                )
                assert codes == set(i18n.LANGUAGE_CODES)
        english_gallery = GalleryPage.objects.get(locale__language_code="en", slug__startswith=SLUG_PREFIX)
        gallery = english_gallery.get_translation(Locale.objects.get(language_code="tr"))
        assert gallery.photos.count() == 12
        assert gallery.title == f"{english_gallery.title} (tr)"
        assert AssessmentPage.objects.get(locale__language_code="ur", title__startswith="Assessment").report

    def test_batched_translations_are_an_editors_translations(self, seeded):
        """Both ways leave wagtail-localize's records, so the admin can sync and edit them later."""
        for page in EventPage.objects.filter(locale__language_code="en", slug__startswith=SLUG_PREFIX):
            source = TranslationSource.objects.get(object_id=page.translation_key)
            assert Translation.objects.filter(source=source, enabled=True).count() == 6
            segments = source.stringsegment_set.count()
            for locale in Locale.objects.exclude(language_code="en"):
                done = StringTranslation.objects.filter(
                    translation_of__segments__source=source, locale=locale, has_error=False
                ).count()
                assert done >= segments

    def test_batched_sources_hold_the_segments_wagtail_localize_records(self, seeded):
        """The batched way records each source in bulk (bench.sources): an event's, an assessment's
        and a gallery's segments are those wagtail-localize's own way records for the same page."""
        for model in (EventPage, AssessmentPage, GalleryPage):
            page = model.objects.filter(locale__language_code="en", slug__startswith=SLUG_PREFIX).last()
            source = TranslationSource.objects.get(object_id=page.translation_key)
            batched = recorded(source)
            contexts = TranslationContext.objects.filter(object_id=page.translation_key)
            source.delete()
            contexts.delete()
            assert not contexts.exists()
            own, _created = TranslationSource.update_or_create_from_instance(page)
            assert recorded(own) == batched
            assert len(batched["strings"]) > 5, model
            if model is EventPage:  # its snippets and its rich text's links
                assert batched["related"] and batched["templates"]

    def test_batched_translations_are_published_as_the_plain_way_publishes(self, seeded):
        """The first event is translated the plain way (wagtail-localize's own, as an editor's
        would be), the others batched: each translation ends published by its latest revision,
        with the publish in its history and wagtail-localize's log of the translation."""
        english = EventPage.objects.filter(locale__language_code="en", slug__startswith=SLUG_PREFIX)
        assert english.count() == 4
        for page in english:
            for translation in page.get_translations().specific():
                assert translation.live and not translation.has_unpublished_changes
                assert translation.live_revision_id == translation.latest_revision_id
                assert translation.first_published_at and translation.last_published_at
                assert translation.latest_revision.content["title"] == translation.title
                assert translation.title == f"{page.title} ({translation.locale.language_code})"
                assert translation.slug == readable_slug(translation.title)
                assert PageLogEntry.objects.filter(page=translation, action="wagtail.publish").exists()
                assert TranslationLog.objects.filter(
                    source__object_id=page.translation_key, locale=translation.locale
                ).exists()
                assert translation.organisations.count() == page.organisations.count()
                assert {row.country.locale_id for row in translation.participating_countries.all()} == {
                    translation.locale_id
                }

    def test_the_api_serves_seeded_translations_as_current(self, client, seeded):
        response = client.get("/api/v1/az/events/?page_size=100").json()
        seeded_items = [item for item in response["results"] if item["title"].endswith("(az)")]
        assert len(seeded_items) == 4
        assert {item["translation"]["status"] for item in seeded_items} == {"current"}
        assert all(len(item["translations"]) == 6 for item in seeded_items)

    def test_seeded_translations_are_found_by_search_in_their_own_locale(self, client, seeded):
        # the seeder writes the search index itself, as Wagtail would on each page's save
        english = EventPage.objects.filter(locale__language_code="en", slug__startswith=SLUG_PREFIX).first()
        for code in ("en", "ur"):
            found = client.get(f"/api/v1/{code}/search/", {"q": english.title}).json()["results"]
            titles = [item["title"] for item in found]
            assert titles and all(title.endswith(f"({code})") == (code != "en") for title in titles), titles

    def test_the_feed_announces_every_seeded_item_in_every_locale(self, client, seeded):
        """The seeder brings the feed up to date once, at the end: a partner replaying it from the
        start holds exactly what the lists show."""
        from tests.api.test_changes import listed, replay

        state, _cursor = replay(client)
        assert state == listed(client)
        english = EventPage.objects.filter(locale__language_code="en", slug__startswith=SLUG_PREFIX)
        for key in english.values_list("translation_key", flat=True):
            assert {code for code, item_key in state if item_key == str(key)} == set(i18n.LANGUAGE_CODES)

    def test_seeded_photos_are_served_with_their_renditions(self, client, seeded):
        """Renditions are made once at the end of seeding, not in a partner's request."""
        english = GalleryPage.objects.get(locale__language_code="en", slug__startswith=SLUG_PREFIX)
        for code in ("en", "tr"):
            slug = english.get_translation(Locale.objects.get(language_code=code)).slug
            # the API leaves out a photo whose renditions are missing
            photos = client.get(f"/api/v1/{code}/galleries/{slug}/").json()["photos"]
            assert len(photos) == 12

    def test_seed_bench_refuses_a_database_that_already_holds_a_dataset(self, seeded):
        with pytest.raises(CommandError, match="already holds a benchmark dataset"):
            call_command("seed_bench", events=1, stdout=io.StringIO(), stderr=io.StringIO())

    def test_syncing_costs_queries_per_segment_not_per_segment_and_locale(self, seeded):
        """The benchmark's sync figure: a 100-segment page costs a few queries more per extra segment
        than a 25-segment one, not six locales' worth; the dataset is left as it was."""
        from bench.run import sync_cost

        pages_before = EventPage.objects.count()
        figures = sync_cost()
        small, large = figures["25"], figures["100"]
        assert small["segments"] >= 25 and large["segments"] >= 100
        per_segment = (large["queries"] - small["queries"]) / (large["segments"] - small["segments"])
        assert per_segment < len(i18n.LANGUAGE_CODES) - 1
        assert EventPage.objects.count() == pages_before


def content(source):
    """A source's content, its StreamFields' JSON decoded: PostgreSQL orders the keys of what it
    stores, so a page read back holds its blocks' keys in another order than the page saved."""
    fields = json.loads(source.content_json)
    return {
        name: json.loads(value) if isinstance(value, str) and value.startswith("[{") else value
        for name, value in fields.items()
    }


def recorded(source):
    """What a translation source holds, ids aside."""

    def segments(kind, fields):
        return sorted(
            (segment.order, segment.context.path, segment.context.field_path, *fields(segment))
            for segment in kind.objects.filter(source=source).select_related("context")
        )

    return {
        "source": (
            source.specific_content_type_id,
            source.locale_id,
            source.object_repr,
            content(source),
            source.schema_version,
        ),
        "strings": segments(StringSegment, lambda s: (s.string.locale_id, s.string.data, s.attrs)),
        "templates": segments(TemplateSegment, lambda s: (s.template.template, s.template.string_count)),
        "related": segments(RelatedObjectSegment, lambda s: (s.object_id, s.object.content_type_id)),
        "overridables": segments(OverridableSegment, lambda s: (s.data_json,)),
    }


@pytest.fixture(scope="module")
def seeding_with_a_failing_writer(django_db_setup, django_db_blocker):
    """(the error seed_bench stopped with, the events then translated) when a writing process
    fails; seeded into a copy of the test database, which other processes can read."""
    server = postgres_admin("the seeder writes in several processes on PostgreSQL only")
    from bench.translating import PageWriter

    with (
        django_db_blocker.unblock(),
        copy_of_the_test_database("seed", server),
        # the forked processes inherit the fault
        mock.patch.object(PageWriter, "write_one", side_effect=RuntimeError("disk full")),
    ):
        with pytest.raises(CommandError) as failure:
            seed(processes=2)
        english = EventPage.objects.filter(locale__language_code="en", slug__startswith=SLUG_PREFIX)
        translated = (
            EventPage.objects.filter(translation_key__in=english.values("translation_key"))
            .exclude(locale__language_code="en")
            .count()
        )
    return str(failure.value), translated


def test_a_failing_writing_process_stops_the_seeding_with_its_error(seeding_with_a_failing_writer):
    """On PostgreSQL the translated pages are written by forked processes: when one fails, the
    command stops with that process's error instead of waiting for it, and writes no more."""
    error, translated = seeding_with_a_failing_writer
    assert error.startswith("A process writing translations stopped:")
    assert "RuntimeError: disk full" in error
    assert translated == 0  # not even the plain way's, which come last


@pytest.mark.parametrize("options", [{"events": 0}, {"batch_size": 0}, {"plain": -1}, {"processes": 0}])
def test_seed_bench_refuses_nonsense_sizes(options):
    with pytest.raises(CommandError):
        call_command("seed_bench", **options, stdout=io.StringIO(), stderr=io.StringIO())
    assert not EventPage.objects.filter(slug__startswith=SLUG_PREFIX).exists()


def test_seed_bench_can_translate_into_some_locales_only(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        out = io.StringIO()
        call_command("seed_bench", events=2, plain=0, locales="en,tr", stdout=out, stderr=io.StringIO())
    assert "each published in 2 locales" in out.getvalue()
    for page in EventPage.objects.filter(locale__language_code="en", slug__startswith=SLUG_PREFIX):
        codes = set(page.get_translations().live().values_list("locale__language_code", flat=True))
        assert codes == {"tr"}


def test_seed_bench_names_an_unknown_locale():
    with pytest.raises(CommandError, match="Not a translation locale: xx"):
        call_command("seed_bench", events=1, locales="tr,xx", stdout=io.StringIO(), stderr=io.StringIO())
    assert not EventPage.objects.filter(slug__startswith=SLUG_PREFIX).exists()
