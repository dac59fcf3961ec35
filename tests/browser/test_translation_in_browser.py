"""The translation path in a real browser (headless Chromium driven by Playwright).

An Albanian editor translates a segment in wagtail-localize's editor and submits it, an Albanian
reviewer approves, a moderator publishes; the page is live in Albanian and the English source is
unchanged. An Urdu editor's admin and translation editor are right to left. Screenshots go to
test-results/browser/.

The site is served by a separate `runserver` on a copy of the SQLite test database, so the test
suite's own database is left as it was.
"""

import json
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from tests.servers import free_port

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-results" / "browser"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PASSWORD = "browser-test-password"
playwright = pytest.importorskip("playwright.sync_api")

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"),
    pytest.mark.slow,
]

SETUP = """
import json
from django.contrib.auth import get_user_model
from pages.models import EventPage
logins = ["sq-editor", "sq-reviewer", "moderator", "ur-editor"]
for user in get_user_model().objects.filter(username__in=logins):
    user.set_password({password!r})
    user.save()
english = EventPage.objects.get(locale__language_code="en", slug="dgmm-awareness-training-adana-2016")
pages = {{page.locale.language_code: page for page in english.get_translations(inclusive=True)}}
facts = {{
    code: {{"id": page.pk, "slug": page.slug, "title": page.title, "summary": page.specific.summary}}
    for code, page in pages.items()
}}
print(json.dumps(facts))
"""


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, tmp_path_factory):
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("the browser test serves a copy of the SQLite test database")
    copy = tmp_path_factory.mktemp("browser") / "db.sqlite3"
    with django_db_blocker.unblock():
        # this process's test database (a worker's own, with -n); in WAL mode part of it may still
        # be in the -wal file beside it, which the backup API reads too
        source = sqlite3.connect(database["NAME"])
        with sqlite3.connect(copy) as target:
            source.backup(target)
        source.close()
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{copy}",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "VAR_DIR": str(copy.parent),
    }
    manage = [sys.executable, "manage.py"]
    setup = subprocess.run(
        [*manage, "shell", "-c", SETUP.format(password=PASSWORD)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    pages = json.loads(setup.stdout.strip().splitlines()[-1])
    port = free_port()
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _attempt in range(100):
        try:
            urllib.request.urlopen(f"{base}/admin/login/", timeout=1)  # noqa: S310 (our own loopback server)
            break
        except OSError:
            time.sleep(0.2)
    yield base, pages
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    SHOTS.mkdir(parents=True, exist_ok=True)
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()


def log_in(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


def approve(page, base, username, title):
    log_in(page, base, username)
    row = page.locator("tr").filter(has_text=title)
    row.locator(".w-dropdown__toggle").click()
    row.locator("button[data-workflow-action-url]").filter(has_text="Approve").first.click()
    page.wait_for_load_state("networkidle")


def test_albanian_editor_translates_reviewer_approves_moderator_publishes(site, browser):
    base, pages = site
    albanian, english = pages["sq"], pages["en"]
    new_summary = "Stafi i DGMM-së në rajonin e Adanës u trajnua për identifikimin e viktimave të trafikimit."
    page = browser.new_page(viewport={"width": 1400, "height": 1000})

    log_in(page, base, "sq-editor")
    assert page.locator("html").get_attribute("lang") == "sq"
    page.goto(f"{base}/admin/pages/{albanian['id']}/edit/")
    page.wait_for_selector(".js-translation-editor button")
    page.screenshot(path=SHOTS / "translation-editor-sq.png", full_page=True)
    # hold on to the segment's element: its text changes as it is edited
    segment = page.locator("li").filter(has_text=albanian["summary"]).last.element_handle()
    segment.query_selector("button:has-text('Edit')").click()
    editor = segment.wait_for_selector("textarea")
    assert editor.input_value() == albanian["summary"]
    editor.fill(new_summary)
    with page.expect_response(
        lambda response: "/localize/" in response.url and response.request.method == "PUT"
    ):
        segment.query_selector("button:has-text('Save')").click()

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

    published = json.load(urllib.request.urlopen(f"{base}/api/v1/sq/events/{albanian['slug']}/"))  # noqa: S310
    assert published["summary"] == new_summary
    source = json.load(urllib.request.urlopen(f"{base}/api/v1/en/events/{english['slug']}/"))  # noqa: S310
    assert source["summary"] == english["summary"]


def test_urdu_admin_and_translation_editor_are_right_to_left(site, browser):
    base, pages = site
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    log_in(page, base, "ur-editor")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.goto(f"{base}/admin/pages/{pages['ur']['id']}/edit/")
    page.wait_for_selector(".js-translation-editor button")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.screenshot(path=SHOTS / "translation-editor-ur.png", full_page=True)
