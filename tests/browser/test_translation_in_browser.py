"""The translation path in a real browser (headless Chromium driven by Playwright).

An Albanian editor translates a segment in wagtail-localize's editor and submits it, an Albanian
reviewer approves, a moderator publishes; the page is live in Albanian and the English source is
unchanged. An Urdu editor's admin and translation editor are right to left. Screenshots go to
test-results/browser/.

The site is served by a separate `runserver` on a copy of the SQLite test database, so the test
suite's own database is left as it was.
"""

import pytest

from tests.browser.served import CHROMIUM, SHOTS, approve, chromium, log_in, serve

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"),
    pytest.mark.slow,
]
pytest.importorskip("playwright.sync_api")

SETUP = """
import json
from pages.models import EventPage
english = EventPage.objects.get(locale__language_code="en", slug="dgmm-awareness-training-adana-2016")
pages = {page.locale.language_code: page for page in english.get_translations(inclusive=True)}
facts = {
    code: {"id": page.pk, "slug": page.slug, "title": page.title, "summary": page.specific.summary}
    for code, page in pages.items()
}
print(json.dumps(facts))
"""


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, tmp_path_factory):
    logins = ["sq-editor", "sq-reviewer", "moderator", "ur-editor"]
    yield from serve(django_db_blocker, tmp_path_factory, logins, SETUP)


@pytest.fixture(scope="module")
def browser():
    yield from chromium()


def test_albanian_editor_translates_reviewer_approves_moderator_publishes(site, browser):
    base, pages = site.base, site.facts
    albanian, english = pages["sq"], pages["en"]
    new_summary = "Stafi i DGMM-së në rajonin e Adanës u trajnua për identifikimin e viktimave të trafikimit."
    page = browser.new_page(viewport={"width": 1400, "height": 1000})

    log_in(page, base, "sq-editor")
    assert page.locator("html").get_attribute("lang") == "sq"
    page.goto(f"{base}/admin/pages/{albanian['id']}/edit/")
    page.wait_for_selector(".js-translation-editor button")
    page.screenshot(path=SHOTS / "translation-editor-sq.png", full_page=True)
    # hold on to the segment's element: its text changes as it is edited. Its buttons speak
    # Albanian: a translated segment has one, to edit it, and the editor saves on Enter.
    segment = page.locator("li").filter(has_text=albanian["summary"]).last.element_handle()
    segment.query_selector("button").click()
    editor = segment.wait_for_selector("textarea")
    assert editor.input_value() == albanian["summary"]
    editor.fill(new_summary)
    with page.expect_response(
        lambda response: "/localize/" in response.url and response.request.method == "PUT"
    ):
        editor.press("Enter")

    page.goto(f"{base}/admin/translation-status/?type=event")
    page.screenshot(path=SHOTS / "status-overview-sq.png", full_page=True)
    # the CSV button's label fits in it, beside an icon of the text's size
    download = page.locator("a[download]")
    assert download.inner_text().strip() == "Shkarko CSV"
    icon, button = download.locator("svg").bounding_box(), download.bounding_box()
    assert icon["width"] < 30 and button["width"] < 300
    cell = page.locator('td[data-locale="sq"]').filter(
        has=page.locator(f'a[href="/admin/pages/{albanian["id"]}/edit/"]')
    )
    cell.get_by_role("button").click()
    page.wait_for_load_state("networkidle")

    approve(page, base, "sq-reviewer", albanian["title"])
    approve(page, base, "moderator", albanian["title"])

    published = site.api(f"/api/v1/sq/events/{albanian['slug']}/")
    assert published["summary"] == new_summary
    source = site.api(f"/api/v1/en/events/{english['slug']}/")
    assert source["summary"] == english["summary"]


def test_urdu_admin_and_translation_editor_are_right_to_left(site, browser):
    base, pages = site.base, site.facts
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    log_in(page, base, "ur-editor")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.goto(f"{base}/admin/pages/{pages['ur']['id']}/edit/")
    page.wait_for_selector(".js-translation-editor button")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.screenshot(path=SHOTS / "translation-editor-ur.png", full_page=True)
