"""A partner that replays the changes feed holds exactly what the API shows, whatever editors do.

Random short sequences of what editors and moderators do (publish, unpublish, translate, sync,
reorder a section or the items in it, delete a translation, an English page alone or with all its
translations, restrict, convert to an alias, rename a snippet) run across locales on the demo
content. After each sequence a partner that held every list and detail of every locale applies the
feed's new entries, fetching an item's detail on `published` and `updated` and dropping it on a
tombstone; what it holds must then be every detail fetched fresh, and each list item must be its
detail's list fields. Ten reproducible sequences in the suite; `make fuzz` runs fresh random ones
(REPLAY_EXAMPLES, 100 by default: a few seconds each)."""

import os

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail_localize.models import TranslationSource

from editorial import localization
from pages.models import Country, Organisation, Person, Topic
from tests.content import english

from .test_changes import LOCALES, feed_since

# slow: each random sequence of editors' actions is replayed and read back in every locale
pytestmark = [pytest.mark.django_db, pytest.mark.slow]

REPLAY_EXAMPLES = os.environ.get("REPLAY_EXAMPLES")
EXAMPLES = int(REPLAY_EXAMPLES or 10)
COLLECTIONS = ("events", "assessments", "galleries")

# Demo pages the steps work on (by English slug): an event and its gallery, a translated event,
# an assessment, and an event with no translation yet.
POOL = [
    ("events", "media-reporting-workshop-2017"),
    ("galleries", "media-reporting-workshop-2017-photos"),
    ("events", "dgmm-awareness-training-adana-2016"),
    ("assessments", "nrm-assessment-bosnia-and-herzegovina"),
    ("events", "albania-wales-exchange-workshop-2017"),
]
STEP_LOCALES = ["en", "sq", "ur", "tr"]
ACTIONS = [
    "publish",
    "unpublish",
    "translate",
    "sync",
    "move",
    "move_section",
    "delete",
    "delete_everywhere",
    "restrict_page",
    "restrict_index",
    "alias",
    "rename_topic",
    "rename_organisation",
    "rename_person",
    "recode_country",
]
STEPS = st.lists(
    st.tuples(st.sampled_from(ACTIONS), st.integers(0, len(POOL) - 1), st.sampled_from(STEP_LOCALES)),
    min_size=1,
    max_size=6,
)


def fetch(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404), (url, response.status_code, response.content[:300])
    return response.json() if response.status_code == 200 else None


def everything(client):
    """Every detail of every locale by (locale, translation key), checking that each list item
    shows its detail's list fields."""
    details = {}
    for code in LOCALES:
        for collection in COLLECTIONS:
            body = client.get(f"/api/v1/{code}/{collection}/?page_size=100").json()
            assert body["next"] is None
            for item in body["results"]:
                detail = fetch(client, item["api_url"])
                assert detail is not None, item["api_url"]
                assert {field: detail[field] for field in item} == item, item["api_url"]
                details[(item["locale"], item["translation_key"])] = detail
    return details


def apply_feed(client, held, since):
    """A partner's copy after applying the feed's entries since a cursor."""
    held = dict(held)
    entries, _cursor = feed_since(client, since)
    for entry in entries:
        item = (entry["locale"], entry["translation_key"])
        detail = fetch(client, entry["api_url"]) if entry["action"] in ("published", "updated") else None
        if detail is None:
            held.pop(item, None)
        else:
            held[item] = detail
    return held


class Editors:
    """What editors and moderators do, each step on one demo page in one locale; a step that does
    not apply (nothing to unpublish, no translation to delete) does nothing."""

    def __init__(self, moderator):
        self.admin = Client()
        self.admin.force_login(moderator)

    def run(self, action, index, code):
        _collection, slug = POOL[index]
        source = Page.objects.filter(slug=slug, locale__language_code="en").first()
        if source is None:
            return
        source = source.specific
        self.index = index
        page = source.get_translations(inclusive=True).filter(locale__language_code=code).first()
        page = page.specific if page else None
        getattr(self, action)(source, page, code)

    def publish(self, source, page, code):
        if page is not None and not page.alias_of_id:
            page.save_revision().publish()

    def unpublish(self, source, page, code):
        if page is not None and page.live and not page.alias_of_id:
            page.unpublish()

    def translate(self, source, page, code):
        if code != "en" and (page is None or not page.alias_of_id):
            locale = Locale.objects.get(language_code=code)
            localization.translate(source, locale, lambda text: f"{text} [{code}]")

    def sync(self, source, page, code):
        TranslationSource.update_or_create_from_instance(source)

    def move(self, source, page, code):
        if page is not None:
            page.move(page.get_parent(), pos="first-child")

    def move_section(self, source, page, code):
        """Its section, with every page in it, to the end of its home page's sections. With the
        reordering of `move`, the only moves there are: a language has one home page (a copy of
        one is refused too) with one section of each kind, and Wagtail moves no page into another
        language's tree, so no item can move to another section."""
        if page is not None:
            section = page.get_parent()
            section.move(section.get_parent(), pos="last-child")

    def delete(self, source, page, code):
        """A translation, or the English page alone: the admin's delete view leaves its
        translations (this project installs no hook that cascades to them)."""
        if page is not None:
            page.delete()

    def delete_everywhere(self, source, page, code):
        """The English page and every translation of it, as Wagtail's delete view does where a
        hook cascades the deletion to translations: the source first, then the others."""
        translations = list(source.get_translations())
        source.delete()
        for translation in translations:
            translation.delete()

    def restrict_page(self, source, page, code):
        if page is not None:
            self.toggle_restriction(page)

    def restrict_index(self, source, page, code):
        index = source.get_parent().get_translations(inclusive=True).get(locale__language_code=code)
        self.toggle_restriction(index)

    @staticmethod
    def toggle_restriction(page):
        restrictions = PageViewRestriction.objects.filter(page=page)
        if restrictions.exists():
            for restriction in restrictions:
                restriction.delete()
        else:
            PageViewRestriction.objects.create(page=page, restriction_type="login")

    def alias(self, source, page, code):
        if code != "en" and page is not None and not page.alias_of_id:
            response = self.admin.post(reverse("wagtail_localize:convert_to_alias", args=(page.pk,)))
            assert response.status_code == 302

    @staticmethod
    def snippet(model, code, index):
        snippets = list(model.objects.filter(locale__language_code=code).order_by("pk"))
        return snippets[index % len(snippets)] if snippets else None

    def rename_topic(self, source, page, code):
        self.rename(Topic, code)

    def rename_organisation(self, source, page, code):
        self.rename(Organisation, code)

    def rename_person(self, source, page, code):
        self.rename(Person, code)

    def rename(self, model, code):
        snippet = self.snippet(model, code, self.index)
        if snippet is not None:
            snippet.name = f"{snippet.name} *"
            snippet.save()

    def recode_country(self, source, page, code):
        country = self.snippet(Country, code, self.index)
        if country is not None:
            # a code no country of its locale has yet: two recodes in one sequence must not collide
            taken = set(Country.objects.filter(locale=country.locale).values_list("iso_code", flat=True))
            country.iso_code = next(code for code in ("IS", "LI", "MC", "SM", "AD") if code not in taken)
            country.save()


def test_a_partner_replaying_the_feed_holds_what_the_api_shows(
    django_user_model, django_capture_on_commit_callbacks
):
    client = Client()
    for _collection, slug in POOL:
        assert english(Page, slug)  # the demo content the steps need
    start = everything(client)
    _entries, start_cursor = feed_since(client, None)
    editors = Editors(django_user_model.objects.get(username="moderator"))

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=not REPLAY_EXAMPLES,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(steps=STEPS)
    def run(steps):
        with transaction.atomic():
            cache.clear()  # each sequence starts again from the demo content and its version
            for step in steps:
                with django_capture_on_commit_callbacks(execute=True):
                    editors.run(*step)
            replayed = apply_feed(client, start, start_cursor)
            fresh = everything(client)
            assert sorted(replayed) == sorted(fresh), steps
            for item, detail in fresh.items():
                assert replayed[item] == detail, (steps, item)
            transaction.set_rollback(True)

    run()
