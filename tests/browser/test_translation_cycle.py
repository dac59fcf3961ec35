"""A translation's whole cycle in a real browser, from the status overview to the API and round
again after the English page changed (headless Chromium driven by Playwright).

The Albanian editor starts the translation of an English event nobody has translated from its
English source screen (reached from the overview's title), translates every segment in
wagtail-localize's editor and submits it from there; the Albanian reviewer and a moderator approve;
the API serves it `current`, at a slug made from its title. Then the English page changes: the
overview says *Outdated*, the editor syncs, translates the new text and submits again, and the
translation is current once more. Turkish is never offered to the Albanian editor.

The national editors see the admin in their own language, so the test finds its way by addresses,
CSS classes and data- attributes, not by labels. Screenshots go to test-results/browser/.
"""

import re

import pytest

from tests.browser.served import CHROMIUM, SHOTS, approve, chromium, log_in, serve

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"),
    pytest.mark.slow,
]
expect = pytest.importorskip("playwright.sync_api").expect

SETUP = """
import json
from datetime import date
from wagtail.models import Locale
from pages.models import Country, EventIndexPage, EventPage
index = EventIndexPage.objects.get(locale__language_code="en")
event = EventPage(
    title="Shelter staff workshop",
    slug="shelter-staff-workshop",
    kind="workshop",
    start_date=date(2027, 5, 4),
    venue="Town hall",
    summary="Shelter staff learned to identify victims of trafficking.",
    objectives=[("item", "Identify victims early"), ("item", "Refer them to shelters")],
    country=Country.objects.get(iso_code="AL", locale__language_code="en"),
)
index.add_child(instance=event)
event.save_revision().publish()
print(json.dumps({"id": event.pk, "locales": dict(Locale.objects.values_list("language_code", "pk"))}))
"""

ALBANIAN = {
    "Shelter staff workshop": "Punëtori për stafin e strehëzave",
    "Shelter staff learned to identify victims of trafficking.": (
        "Stafi i strehëzave mësoi të identifikojë viktimat e trafikimit."
    ),
    "Town hall": "Bashkia",
    "Identify victims early": "Identifikimi i hershëm i viktimave",
    "Refer them to shelters": "Referimi i tyre në strehëza",
    "Shelter staff and police learned to identify victims of trafficking.": (
        "Stafi i strehëzave dhe policia mësuan të identifikojnë viktimat e trafikimit."
    ),
}
TITLE = ALBANIAN["Shelter staff workshop"]
CHANGED = "Shelter staff and police learned to identify victims of trafficking."
SLUG = "punetori-per-stafin-e-strehezave"  # from the title, transliterated


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, tmp_path_factory):
    logins = ["sq-editor", "sq-reviewer", "moderator"]
    yield from serve(django_db_blocker, tmp_path_factory, logins, SETUP)


@pytest.fixture(scope="module")
def browser():
    yield from chromium()


def status_cell(page, base, event_id, code, query="type=event"):
    """The overview's cell of the event in language `code` (the editor's own language by default)."""
    page.goto(f"{base}/admin/translation-status/?{query}")
    return page.locator(f'tr[data-row="event-{event_id}"] td[data-locale="{code}"]')


def translate_every_segment(page):
    """Translate each segment still in English as a translator does: its button, the text, Enter.

    wagtail-localize marks a segment without translation `incomplete`; the buttons' labels are
    its own (Translate, Edit), so they are not what the test looks for.
    """
    remaining = page.locator(".js-translation-editor li.incomplete")
    remaining.first.wait_for()
    left = remaining.count()
    while left:
        segment = remaining.first
        english = segment.locator("p").first.inner_text()
        segment.locator("button").click()
        with page.expect_response(lambda response: "/strings/" in response.url and response.ok):
            segment.locator("textarea").fill(ALBANIAN[english])
            segment.locator("textarea").press("Enter")
        left -= 1
        expect(remaining).to_have_count(left)  # saved: no longer marked incomplete


def segments_translated(page):
    """(translated, total) from the review panel's "N of M segments translated", in any language."""
    line = page.locator(".thb-review-panel p").first.inner_text()
    return tuple(int(number) for number in re.findall(r"\d+", line))


def submit_from_editor(page):
    with page.expect_navigation():
        page.locator('.thb-review-panel form[action*="/submit/"] button').click()


def test_albanian_translation_cycle_from_missing_to_current_and_back_after_a_change(site, browser):
    base, event = site.base, site.facts
    editor = browser.new_page(viewport={"width": 1400, "height": 1000})
    reviewers = browser.new_page(viewport={"width": 1400, "height": 1000})
    moderator = browser.new_page(viewport={"width": 1400, "height": 1000})
    log_in(editor, base, "sq-editor")
    log_in(moderator, base, "moderator")

    # Turkish is no language of the Albanian editor's: its cell is no link, and the Translate form
    # offers Albanian alone, already chosen, even when asked for Turkish
    cell = status_cell(editor, base, event["id"], "tr", query="type=event&locale=")
    assert cell.get_attribute("data-status") == "missing" and cell.locator("a").count() == 0
    editor.goto(f"{base}/admin/localize/submit/page/{event['id']}/?select_locale=tr")
    locales = editor.locator("input[name=locales]")
    assert locales.evaluate_all("inputs => inputs.map(i => [i.value, i.checked])") == [
        [str(event["locales"]["sq"]), True]
    ]

    # Missing: the English title leads to the English source screen, whose header offers Albanian
    # alone; its action leads to the Translate form, Albanian chosen, then to the translation editor
    cell = status_cell(editor, base, event["id"], "sq")
    assert cell.get_attribute("data-status") == "missing"
    with editor.expect_navigation():
        editor.locator(f"tr[data-row=event-{event['id']}] th a").click()
    assert editor.locator("[data-source-action]").evaluate_all(
        "links => links.map(a => [a.dataset.sourceAction, a.dataset.locale])"
    ) == [["start", "sq"]]
    expect(editor.locator(".thb-source")).to_contain_text("Shelter staff learned to identify victims")
    editor.screenshot(path=SHOTS / "cycle-english-source-sq.png", full_page=True)
    with editor.expect_navigation():
        editor.locator('[data-source-action="start"]').click()
    assert editor.locator("input[name=locales]:checked").get_attribute("value") == str(event["locales"]["sq"])
    with editor.expect_navigation():
        editor.locator("main form [type=submit]").click()
    translation_editor = editor.url
    assert re.search(r"/admin/pages/\d+/edit/$", translation_editor)
    assert segments_translated(editor) == (0, 5)
    # what would step around review is neither shown nor allowed to translators
    assert not editor.locator('[data-w-action-url-value$="/disable/"]').is_visible()
    assert editor.locator('a[href$="/delete/"], a[href$="/convert_to_alias/"]').count() == 0

    translate_every_segment(editor)
    editor.reload()
    assert segments_translated(editor) == (5, 5)
    assert editor.locator(".thb-review-panel__untranslated").count() == 0
    editor.screenshot(path=SHOTS / "cycle-translated-sq.png", full_page=True)
    submit_from_editor(editor)
    assert editor.url == translation_editor
    # under review: no second submission
    assert editor.locator('.thb-review-panel form[action*="/submit/"]').count() == 0
    assert status_cell(editor, base, event["id"], "sq").get_attribute("data-status") == "awaiting_review"

    approve(reviewers, base, "sq-reviewer", TITLE)
    approve(moderator, base, "moderator", TITLE)
    published = site.api(f"/api/v1/sq/events/{SLUG}/")
    assert published["title"] == TITLE
    assert published["summary"] == ALBANIAN["Shelter staff learned to identify victims of trafficking."]
    assert published["translation"]["status"] == "current"

    # The English page changes
    moderator.goto(f"{base}/admin/pages/{event['id']}/edit/")
    moderator.fill("#id_summary", CHANGED)
    moderator.locator("footer .w-dropdown__toggle").click()
    with moderator.expect_navigation():
        moderator.locator('button[name="action-publish"]').click()
    assert site.api(f"/api/v1/sq/events/{SLUG}/")["translation"]["status"] == "outdated"

    # Outdated: the cell leads to Sync, which brings the new text in and publishes nothing
    cell = status_cell(editor, base, event["id"], "sq")
    assert cell.get_attribute("data-status") == "outdated"
    editor.screenshot(path=SHOTS / "cycle-outdated-sq.png", full_page=True)
    with editor.expect_navigation():
        cell.locator('a[href*="/localize/update/"]').click()
    with editor.expect_navigation():
        editor.locator("main form [type=submit]").click()
    assert editor.url == translation_editor  # where the new segment is to translate
    assert segments_translated(editor) == (4, 5)
    translate_every_segment(editor)
    editor.reload()
    assert segments_translated(editor) == (5, 5)
    submit_from_editor(editor)
    assert site.api(f"/api/v1/sq/events/{SLUG}/")["translation"]["status"] == "outdated"

    approve(reviewers, base, "sq-reviewer", TITLE)
    approve(moderator, base, "moderator", TITLE)
    published = site.api(f"/api/v1/sq/events/{SLUG}/")
    assert published["summary"] == ALBANIAN[CHANGED]
    assert published["translation"]["status"] == "current"
    assert status_cell(editor, base, event["id"], "sq").get_attribute("data-status") == "published"

    # With the Albanian translation in place, nothing is left for this editor to start
    editor.goto(f"{base}/admin/localize/submit/page/{event['id']}/?select_locale=tr")
    assert editor.url == f"{base}/admin/"
