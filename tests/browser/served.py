"""What the browser tests share: a copy of the SQLite test database served by `runserver`,
Chromium, logging in and approving from the dashboard.

Each module prepares its copy with a `manage.py shell` script of its own (passwords, pages), which
prints one line of JSON; `serve` yields the site, with its address and what the script printed.
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
MANAGE = [sys.executable, "manage.py"]

SET_PASSWORDS = """
from django.contrib.auth import get_user_model
for user in get_user_model().objects.filter(username__in={logins!r}):
    user.set_password({password!r})
    user.save()
"""


class Site:
    """A served copy of the test database."""

    def __init__(self, database, base):
        self.env = {
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
            "DATABASE_URL": f"sqlite:///{database}",
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "VAR_DIR": str(database.parent),
        }
        self.base = base
        self.facts = {}  # what the module's setup script printed

    def shell(self, script):
        """Run `script` in `manage.py shell` on the served database; the JSON of its last line."""
        done = subprocess.run(
            [*MANAGE, "shell", "-c", script],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        return json.loads(done.stdout.strip().splitlines()[-1])

    def api(self, path):
        with urllib.request.urlopen(f"{self.base}{path}") as response:  # noqa: S310 (our own loopback server)
            return json.load(response)


def serve(django_db_blocker, tmp_path_factory, logins, setup):
    """Copy the test database, set the `logins`' passwords, run `setup` on it, serve it.

    A generator for a module fixture: yields the Site, stops the server after.
    """
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("the browser test serves a copy of the SQLite test database")
    copy = tmp_path_factory.mktemp("browser") / "db.sqlite3"
    # this process's test database (a worker's own, with -n); in WAL mode part of it may still be in
    # the -wal file beside it, which the backup API reads too
    with django_db_blocker.unblock():
        source = sqlite3.connect(database["NAME"])
        with sqlite3.connect(copy) as target:
            source.backup(target)
        source.close()
    port = free_port()
    site = Site(copy, f"http://127.0.0.1:{port}")
    site.facts = site.shell(SET_PASSWORDS.format(logins=list(logins), password=PASSWORD) + setup)
    server = subprocess.Popen(
        [*MANAGE, "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=site.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _attempt in range(100):
        try:
            urllib.request.urlopen(f"{site.base}/admin/login/", timeout=1)  # noqa: S310 (loopback)
            break
        except OSError:
            time.sleep(0.2)
    try:
        yield site
    finally:
        server.terminate()
        server.wait(timeout=10)


def chromium():
    """A generator for a module fixture: a headless Chromium, closed after."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


class Requests:
    """The page's requests still in flight, so a test can wait until the screen has everything.

    Playwright's "networkidle" waits for half a second without a request after the last one, on
    every screen; this waits only until the last request has finished.
    """

    def __init__(self, page):
        self.page = page
        self.in_flight = set()
        page.on("request", lambda request: self.in_flight.add(request))
        page.on("requestfinished", lambda request: self.in_flight.discard(request))
        page.on("requestfailed", lambda request: self.in_flight.discard(request))

    def settle(self, timeout=10):
        self.page.wait_for_load_state("load")
        deadline = time.monotonic() + timeout
        while self.in_flight:
            assert time.monotonic() < deadline, [request.url for request in self.in_flight]
            self.page.wait_for_timeout(20)  # lets Playwright deliver the requests' events


def log_in(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


def approve(page, base, username, title):
    """Approve `title` from the dashboard's "Awaiting your review" as `username`.

    Selected by the action's address, not its label: reviewers see the admin in their language.
    The first approve button is plain "Approve" (the second, "Approve with comment", opens a form).
    """
    log_in(page, base, username)
    row = page.locator("tr").filter(has_text=title)
    row.locator(".w-dropdown__toggle").click()
    with page.expect_navigation():
        row.locator('button[data-workflow-action-url*="/approve/"]').first.click()
