"""`make run` on the embedded SQLite database: editors, reviewers and moderators keep working while
the translation worker translates a whole section into two languages.

Everything runs as `make run` runs it: `runserver` and `db_worker --backend translation` with the
development settings, on a copy of the test database under tmp_path. The moderator queues the
section's translation through the admin; while the worker runs it, two national editors each
upload a PO file with a new title and submit it, their reviewers approve and a moderator publishes.
"""

import json
import re
import sqlite3
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.cookiejar import CookieJar

import polib
import pytest
from django.conf import settings
from django.urls import reverse

from tests.servers import MANAGE, ROOT, base_env, free_port, get, wait_until

# django_db: the session makes the test database that the servers get a copy of
pytestmark = [pytest.mark.slow, pytest.mark.django_db]

PASSWORD = "sqlite-worker-test-password"
TARGETS = ["ro", "tr"]  # the worker translates the events section into these
EDITORS = ["sq", "bs"]  # these editors work meanwhile

# Run in the copy: the events sections of TARGETS go (the worker will make them again), the
# demo users get a known password; print what the test needs to know.
SETUP = """
import json
from django.contrib.auth import get_user_model
from wagtail.models import Locale
from wagtail_localize.models import Translation
from pages.models import EventIndexPage, EventPage
for index in EventIndexPage.objects.filter(locale__language_code__in={targets!r}):
    index.delete()
for user in get_user_model().objects.filter(username__in={usernames!r}):
    user.set_password({password!r})
    user.save()
pages = {{}}
for code in {editors!r}:
    for page in EventPage.objects.filter(locale__language_code=code).order_by("path"):
        translation = Translation.objects.filter(
            source__object_id=page.translation_key, target_locale=page.locale, enabled=True
        ).first()
        if translation:
            pages[code] = {{"id": page.pk, "slug": page.slug, "translation": translation.pk}}
            break
print(json.dumps({{
    "section": EventIndexPage.objects.get(locale__language_code="en").pk,
    "locales": [Locale.objects.get(language_code=code).pk for code in {targets!r}],
    "pages": pages,
}}))
"""


class AdminSession:
    """A browser's cookies and CSRF token against the admin; each response is kept, not followed."""

    class NoRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, base, username, responses):
        self.base, self.responses = base, responses
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), self.NoRedirects
        )
        self.get("/admin/login/")
        self.post("/admin/login/", {"username": username, "password": PASSWORD})
        if "sessionid" not in {cookie.name for cookie in self.cookies}:
            raise AssertionError(f"{username} could not log in")

    def request(self, method, path, body=None, content_type=None):
        token = next((cookie.value for cookie in self.cookies if cookie.name == "csrftoken"), "")
        headers = {"X-CSRFToken": token, **({"Content-Type": content_type} if content_type else {})}
        url = self.base + path  # our own loopback server
        request = urllib.request.Request(url, data=body, method=method, headers=headers)  # noqa: S310
        try:
            with self.opener.open(request, timeout=60) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode(errors="replace")
        self.responses.append((method, path, status, text))
        if status >= 500:
            raise AssertionError(f"{method} {path} answered {status}")
        return status, text

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, fields):
        token = next((cookie.value for cookie in self.cookies if cookie.name == "csrftoken"), "")
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}, doseq=True).encode()
        return self.request("POST", path, body, "application/x-www-form-urlencoded")

    def upload(self, path, name, content):
        boundary = uuid.uuid4().hex
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                f"Content-Type: text/x-gettext-translation\r\n\r\n"
            ).encode()
            + content
            + f"\r\n--{boundary}--\r\n".encode()
        )
        return self.request("POST", path, body, f"multipart/form-data; boundary={boundary}")

    def approve(self, page_id):
        """Approve the page's current workflow task from the dashboard, as a reviewer would."""
        _status, dashboard = self.get("/admin/")
        action = reverse("wagtailadmin_pages:workflow_action", args=(page_id, "approve", 123456789))
        found = re.search(re.escape(action).replace("123456789", r"\d+"), dashboard)
        if found is None:
            raise AssertionError(f"page {page_id} is not awaiting this user's approval")
        return self.post(found.group(), {"comment": ""})


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:  # the worker finishes its task first on SIGTERM
        process.kill()
        process.wait()


@pytest.fixture
def site(django_db_setup, django_db_blocker, tmp_path):
    """(base URL, facts, copy's path, logs) of runserver and the worker on a copy of the test database."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("about the embedded SQLite database; PostgreSQL queues writers itself")
    copy = tmp_path / "db.sqlite3"
    with django_db_blocker.unblock():
        source = sqlite3.connect(database["TEST"]["NAME"])
        with sqlite3.connect(copy) as target:
            source.backup(target)  # all that is committed, wherever the journal keeps it
        source.close()
    env = base_env(
        DJANGO_SETTINGS_MODULE="cms.settings.dev", DATABASE_URL=f"sqlite:///{copy}", VAR_DIR=str(tmp_path)
    )
    usernames = ["moderator", *(f"{code}-{role}" for code in EDITORS for role in ("editor", "reviewer"))]
    script = SETUP.format(targets=TARGETS, editors=EDITORS, usernames=usernames, password=PASSWORD)
    setup = subprocess.run(
        [*MANAGE, "shell", "--no-imports", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    facts = json.loads(setup.stdout.strip().splitlines()[-1])
    port = free_port()
    logs = {"server": tmp_path / "server.log", "worker": tmp_path / "worker.log"}
    commands = {
        "server": [*MANAGE, "runserver", "--noreload", f"127.0.0.1:{port}"],
        "worker": [*MANAGE, "db_worker", "--backend", "translation", "--no-reload", "--interval", "0.2"],
    }
    processes = []
    try:
        for name, command in commands.items():
            with logs[name].open("wb") as log:
                processes.append(
                    subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
                )
        base = f"http://127.0.0.1:{port}"
        assert wait_until(lambda: get(f"{base}/healthz")[0] == 200, seconds=60), logs["server"].read_text()
        yield base, facts, copy, logs
    finally:
        for process in processes:
            stop(process)


def progress(copy):
    """(statuses of the queued jobs, events per target language), read from one snapshot."""
    database = sqlite3.connect(copy, timeout=30, isolation_level=None)
    try:
        database.execute("BEGIN")
        statuses = [
            status for (status,) in database.execute("SELECT status FROM django_tasks_database_dbtaskresult")
        ]
        counts = dict(
            database.execute(
                "SELECT locale.language_code, count(*) FROM wagtailcore_page page"
                " JOIN wagtailcore_locale locale ON locale.id = page.locale_id"
                " JOIN django_content_type type ON type.id = page.content_type_id"
                " WHERE type.app_label = 'pages' AND type.model = 'eventpage' GROUP BY 1"
            )
        )
        database.execute("COMMIT")
    finally:
        database.close()
    return statuses, {code: counts.get(code, 0) for code in TARGETS}


def test_editors_and_moderators_work_while_the_worker_translates_a_section(site):
    base, facts, copy, logs = site
    responses = []
    moderator = AdminSession(base, "moderator", responses)
    translate = reverse("wagtail_localize:submit_page_translation", args=(facts["section"],))
    status, _text = moderator.post(translate, {"locales": facts["locales"], "include_subtree": "on"})
    assert status == 302
    assert wait_until(lambda: progress(copy)[0] == ["RUNNING"], seconds=60), progress(copy)

    failures = []

    def edit_review_publish(code):
        page = facts["pages"][code]
        try:
            editor = AdminSession(base, f"{code}-editor", responses)
            download = reverse("wagtail_localize:download_pofile", args=(page["translation"],))
            po = polib.pofile(editor.get(download)[1])
            next(entry for entry in po if entry.msgctxt == "title").msgstr = f"Titulli i ri {code}"
            upload = reverse("wagtail_localize:upload_pofile", args=(page["translation"],))
            assert editor.upload(upload, "page.po", str(po).encode())[0] == 302
            submit = reverse("editorial_submit_translation", args=(page["id"],))
            assert editor.post(submit, {})[0] == 302
            AdminSession(base, f"{code}-reviewer", responses).approve(page["id"])
            AdminSession(base, "moderator", responses).approve(page["id"])
        except Exception as error:  # reported below with every response
            failures.append(f"{code}: {error!r}")

    threads = [threading.Thread(target=edit_review_publish, args=(code,)) for code in EDITORS]
    for thread in threads:
        thread.start()
    seen_while_running = []
    deadline = time.monotonic() + 600  # only against a hang: the job takes a minute at most here
    while time.monotonic() < deadline:
        statuses, counts = progress(copy)
        if statuses != ["RUNNING"]:
            break
        seen_while_running.append(counts)
        time.sleep(0.2)
    for thread in threads:
        thread.join()

    server_errors = [(method, path, status) for method, path, status, _text in responses if status >= 500]
    assert not failures and not server_errors, (failures, server_errors)
    for name, log in logs.items():
        assert "database is locked" not in log.read_text(), f"{name}: {log.read_text()[-3000:]}"
    statuses, counts = progress(copy)
    assert statuses == ["SUCCESSFUL"]
    # the section's eight events are in each target language, and appeared while the job ran:
    # the worker commits as it goes
    assert counts == {code: 8 for code in TARGETS}
    assert any(0 < count < 8 for seen in seen_while_running for count in seen.values()), seen_while_running
    # the editors' new titles are published
    for code in EDITORS:
        status, _headers, body = get(f"{base}/api/v1/{code}/events/{facts['pages'][code]['slug']}/")
        assert status == 200 and json.loads(body)["title"] == f"Titulli i ri {code}"
