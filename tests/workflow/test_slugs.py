"""A translation's slug follows its translated title: translators never see it as a segment, so a
translation whose every segment is translated is complete, and its address reads like its title."""

import importlib
import json
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.segments.types import StringSegmentValue
from wagtail_localize.strings import StringValue

from editorial import roles
from editorial.localization import save_translation_draft
from editorial.models import WITH_ENGLISH, untranslated_segments
from pages.models import BasePage, EventPage
from pages.slugs import SLUG, readable_slug
from tests.content import english, in_locale

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"
WALES = "albania-wales-exchange-workshop-2017"  # an event the demo content leaves untranslated
# A national editor's title for it, and the slug that follows: Latin, or transliterated from Urdu
TITLES = {
    "sq": ("Punëtori shkëmbimi Shqipëri–Uells 2017", "punetori-shkembimi-shqiperi-uells-2017"),
    "tr": ("Arnavutluk–Galler değişim çalıştayı 2017", "arnavutluk-galler-degisim-calistayi-2017"),
    "bs": ("Radionica razmjene Albanija–Vels 2017", "radionica-razmjene-albanija-vels-2017"),
    "ro": ("Atelier de schimb Albania–Țara Galilor 2017", "atelier-de-schimb-albania-tara-galilor-2017"),
    "az": ("Albaniya–Uels mübadilə seminarı 2017", "albaniya-uels-mubadile-seminari-2017"),
    "ur": ("البانیا ویلز تبادلہ ورکشاپ 2017", "lbny-wylz-tbdlh-wrkshp-2017"),
}


# Driving the admin -----------------------------------------------------------------------


def start_translation(client, member, page, code):
    """A moderator's "Translate this page" into one language: a draft to translate."""
    client.force_login(member("Moderators"))
    locale = Locale.objects.get(language_code=code)
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=(page.pk,)), {"locales": [locale.pk]}
    )
    assert response.status_code == 302
    return page.get_translations().get(locale=locale).specific


def editor_segments(client, page) -> list[dict]:
    """The segments wagtail-localize's translation editor offers (its React component's props)."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert response.status_code == 200 and "translation-editor" in response.content.decode()
    return json.loads(response.context["props"])["segments"]


def type_in_editor(client, page, texts):
    """Type a translation of every text segment the editor shows; `texts` gives some of them."""
    for segment in editor_segments(client, page):
        if segment["type"] == "string":
            text = texts.get(segment["contentPath"], f"[{page.locale.language_code}] {segment['source']}")
            response = client.put(segment["editUrl"], urlencode({"value": text}), content_type=FORM)
            assert response.status_code in (200, 201), response.content


def overview_cell(client, page, code):
    response = client.get(reverse("editorial_translation_status"), {"locale": code})
    rows = {(row.kind.key, row.pk): row for row in response.context["rows"]}
    return next(cell for cell in rows[("event", page.pk)].cells if cell.language_code == code)


def workflow_action(client, user, page, action):
    client.force_login(user)
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    assert client.post(url, {"comment": ""}).status_code in (200, 302)
    page.refresh_from_db()


def moderators_choice(page, moderator):
    task = page.current_workflow_task_state.task.specific
    return [name for name, _label, _modal in task.get_actions(page, moderator)]


# The translation editor ------------------------------------------------------------------


def test_the_translation_editor_offers_no_slug(client, member):
    draft = start_translation(client, member, english(EventPage, WALES), "sq")
    client.force_login(member(roles.editor_group_name("sq")))
    paths = {segment["contentPath"] for segment in editor_segments(client, draft)}
    assert "title" in paths and "summary" in paths
    assert "slug" not in paths


@pytest.mark.parametrize("code", TITLES)
def test_every_segment_translated_is_complete_and_served_at_its_title(client, member, code):
    source = english(EventPage, WALES)
    draft = start_translation(client, member, source, code)
    title, slug = TITLES[code]
    client.force_login(member(roles.editor_group_name(code)))
    type_in_editor(client, draft, {"title": title})

    cell = overview_cell(client, source, code)
    assert (cell.status, cell.percent, cell.incomplete) == ("in_progress", 100, False)
    response = client.post(reverse("editorial_submit_translation", args=(draft.pk,)), follow=True)
    assert "is submitted for review" in response.content.decode()
    assert "not translated yet" not in response.content.decode()

    draft.refresh_from_db()
    workflow_action(client, member(roles.reviewer_group_name(code)), draft, "approve")
    moderator = member("Moderators", username="publishing-moderator")
    choice = moderators_choice(draft, moderator)
    assert "approve" in choice and WITH_ENGLISH not in choice
    workflow_action(client, moderator, draft, "approve")

    published = EventPage.objects.get(pk=draft.pk)
    assert published.live and (published.title, published.slug) == (title, slug)
    assert slug == readable_slug(title) and slug.isascii()
    body = client.get(f"/api/v1/{code}/events/{slug}/").json()
    assert (body["title"], body["slug"], body["translation"]["status"]) == (title, slug, "current")
    source.refresh_from_db()
    assert source.slug == WALES  # the English slug stays as its editors set it


def test_a_slug_a_sibling_has_gets_a_number(client, member):
    title, slug = TITLES["sq"]
    sibling = in_locale(english(EventPage, "dgmm-awareness-training-adana-2016"), "sq")
    sibling.slug = slug
    sibling.save_revision().publish()

    draft = start_translation(client, member, english(EventPage, WALES), "sq")
    client.force_login(member(roles.editor_group_name("sq")))
    type_in_editor(client, draft, {"title": title})
    client.post(reverse("editorial_submit_translation", args=(draft.pk,)))

    draft.refresh_from_db()
    assert draft.title == title and draft.slug == f"{slug}-2"
    assert draft.get_parent().pk == sibling.get_parent().pk
    sibling.refresh_from_db()
    assert sibling.slug == slug


def test_the_slug_follows_a_new_title_until_the_translation_is_published(client, member):
    """Partner sites link to a published translation by its slug: a later title keeps it."""
    draft = start_translation(client, member, english(EventPage, WALES), "tr")
    translation = Translation.objects.get(source__object_id=draft.translation_key, target_locale=draft.locale)
    client.force_login(member(roles.editor_group_name("tr")))

    type_in_editor(client, draft, {"title": "Galler çalıştayı"})
    assert save_translation_draft(translation).slug == "galler-calistayi"
    first_title, slug = TITLES["tr"]
    type_in_editor(client, draft, {"title": first_title})
    assert save_translation_draft(translation).slug == slug

    save_translation_draft(translation).get_latest_revision().publish()
    type_in_editor(client, draft, {"title": "Arnavutluk ve Galler çalıştayı 2017"})
    revised = save_translation_draft(translation)
    assert revised.slug == slug
    revised.get_latest_revision().publish()
    live = EventPage.objects.get(pk=draft.pk)
    assert (live.title, live.slug) == ("Arnavutluk ve Galler çalıştayı 2017", slug)


# Every page type, and the sources saved before slugs followed titles ----------------------


@pytest.mark.parametrize(
    "model", [model for model in apps.get_models() if issubclass(model, BasePage)], ids=lambda m: m.__name__
)
def test_no_page_type_offers_its_slug_for_translation(model):
    fields = {field.field_name: field for field in get_translatable_fields(model)}
    assert fields["slug"] is SLUG
    assert not SLUG.is_translated(model()) and not SLUG.is_synchronized(model())


def test_the_migration_forgets_the_slug_segments_of_existing_sources(adana):
    albanian = in_locale(adana, "sq")
    source = TranslationSource.objects.get(object_id=adana.translation_key, locale=adana.locale)
    stale = StringSegmentValue("slug", StringValue.from_plaintext(adana.slug)).with_order(1000)
    segment = StringSegment.from_value(source, adana.locale, stale)  # as wagtail-localize extracted it
    StringTranslation.objects.filter(context=segment.context, locale=albanian.locale).delete()  # unseen
    assert untranslated_segments(albanian) == 1

    migration = importlib.import_module("pages.migrations.0009_slug_is_no_segment")
    migration.forget_slug_segments(apps, None)
    assert untranslated_segments(albanian) == 0
    assert StringSegment.objects.filter(source=source).exists()  # the text's own segments stay
