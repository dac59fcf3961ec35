"""Two app servers and the worker share PostgreSQL, Redis and the media store: what an editor does
through one server, a partner sees through the other at once, and killing one loses nothing.

The cluster is the one `make cluster` runs (ops/cluster.py): two gunicorn servers with two workers
each and the production settings, and `db_worker --backend translation`, each a process of its own,
on a copy of the test database (PostgreSQL) made for this module and dropped afterwards, with one
Redis database (REDIS_URL, default redis://127.0.0.1:6379/7, emptied first) and one media folder.
Editors act through the servers' admin over HTTP; the test prepares drafts and reads the database
with the ORM, pointed at the copy.
"""

import io
import os
import shutil
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page

from api.models import PartnerKey
from ops import cluster as ops_cluster
from pages.models import EventIndexPage, EventPage, GalleryPage, GalleryPhoto
from tests.databases import copy_of_the_test_database, postgres_admin
from tests.servers import free_port

pytestmark = pytest.mark.slow

REDIS_URL = os.environ.get("CLUSTER_REDIS_URL", "redis://127.0.0.1:6379/7")
LOCALES = {"en", "sq", "az", "bs", "ro", "ur", "tr"}
PASSWORD = uuid.uuid4().hex


def reachable_redis():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.skip(f"Redis is not reachable at {REDIS_URL} (CLUSTER_REDIS_URL): {error}")
    return client


class Editor:
    """An editor's browser: one session (stored in the shared database) sent to any server."""

    def __init__(self):
        self.session = requests.Session()

    def _insecure_cookies(self):
        # production marks its cookies Secure; the loopback cluster speaks plain HTTP
        for cookie in self.session.cookies:
            cookie.secure = False

    def get(self, url, **kwargs):
        response = self.session.get(url, timeout=30, allow_redirects=False, **kwargs)
        self._insecure_cookies()
        return response

    def post(self, url, data=None, files=None, timeout=30):
        token = self.session.cookies.get("csrftoken") or self.get(url).cookies.get("csrftoken")
        self._insecure_cookies()
        response = self.session.post(
            url,
            data={**(data or {}), "csrfmiddlewaretoken": self.session.cookies.get("csrftoken", token)},
            files=files,
            timeout=timeout,
            allow_redirects=False,
        )
        self._insecure_cookies()
        return response

    def log_in(self, base, username):
        self.get(f"{base}/admin/login/")
        response = self.post(f"{base}/admin/login/", {"username": username, "password": PASSWORD})
        assert response.status_code == 302, response.text[:2000]

    def bulk_publish(self, base, pages, timeout=60):
        query = "&".join(f"id={page.pk}" for page in pages)
        return self.post(
            f"{base}/admin/bulk/wagtailcore/page/publish/?next=/admin/&{query}", {}, timeout=timeout
        )


@pytest.fixture(scope="module")
def cluster(django_db_setup, django_db_blocker, tmp_path_factory):
    """Servers a and b and the worker on a copy of the test database; yields (cluster, editor)."""
    server = postgres_admin("the cluster shares one PostgreSQL database")
    redis = reachable_redis()
    redis.flushdb()
    with django_db_blocker.unblock(), copy_of_the_test_database("cluster", server) as clone:
        # the demo administrator, with a password the production settings can check
        hasher = PBKDF2PasswordHasher()
        password = hasher.encode(PASSWORD, hasher.salt())
        get_user_model().objects.filter(username="admin").update(password=password)
        media = tmp_path_factory.mktemp("cluster-media")
        if Path(settings.MEDIA_ROOT).exists():
            shutil.copytree(settings.MEDIA_ROOT, media, dirs_exist_ok=True)  # the demo's images
        auth = server["user"] + (f":{server['password']}" if server["password"] else "")
        env = ops_cluster.shared_env(
            f"postgres://{auth}@{server['host']}:{server['port']}/{clone}",
            REDIS_URL,
            # the collected static files are kept between runs: collecting takes a while
            Path(settings.VAR_DIR) / "cluster-test",
            media_root=media,
        )
        ops_cluster.collect_static(env)
        with ops_cluster.running(env, ports=(free_port(), free_port())) as running:
            editor = Editor()
            editor.log_in(running.addresses["a"], "admin")
            yield running, editor


def api(base, path, **headers):
    return requests.get(f"{base}/api/v1/{path}", headers=headers, timeout=30)


def detail_path(page):
    return f"{page.locale.language_code}/events/{page.slug}/"


def draft_titles(pages, suffix):
    """Save a draft revision of each page with `suffix` added to its title; nothing is published."""
    for page in pages:
        page = page.specific
        page.title = f"{page.title} {suffix}"
        page.save_revision()


def test_a_publish_through_one_server_shows_through_the_other_in_every_locale(cluster):
    running, editor = cluster
    a, b = running.addresses["a"], running.addresses["b"]
    english = EventPage.objects.live().filter(locale__language_code="en").order_by("pk").first()
    pages = list(english.get_translations(inclusive=True).live().select_related("locale"))
    assert {page.locale.language_code for page in pages} == LOCALES
    before = {page.pk: api(b, detail_path(page)).json()["title"] for page in pages}  # cached by b

    draft_titles(pages, "(revised)")
    assert [api(b, detail_path(page)).json()["title"] for page in pages] == list(before.values())
    response = editor.bulk_publish(a, pages)
    assert response.status_code == 302, response.text[:2000]

    for page in pages:
        assert api(b, detail_path(page)).json()["title"] == f"{before[page.pk]} (revised)"


def test_an_image_uploaded_through_one_server_has_renditions_through_the_other(cluster):
    running, editor = cluster
    a, b = running.addresses["a"], running.addresses["b"]
    picture = io.BytesIO()
    PillowImage.new("RGB", (1200, 900), "teal").save(picture, "PNG")
    title = f"Cluster photo {uuid.uuid4().hex[:6]}"
    response = editor.post(
        f"{a}/admin/images/add/",
        {"title": title, "collection": Collection.get_first_root_node().pk},
        files={"file": ("cluster.png", picture.getvalue(), "image/png")},
    )
    assert response.status_code == 302, response.text[:3000]
    image = get_image_model().objects.get(title=title)

    gallery = GalleryPage.objects.live().filter(locale__language_code="en").order_by("pk").first().specific
    gallery.photos.add(GalleryPhoto(image=image, alt_text="A teal square", locale=gallery.locale))
    gallery.save_revision()
    assert editor.bulk_publish(a, [gallery]).status_code == 302  # renditions are made by a

    photos = api(b, f"en/galleries/{gallery.slug}/").json()["photos"]
    photo = next(photo for photo in photos if photo["alt_text"] == "A teal square")
    media_root = Path(running.env["MEDIA_ROOT"])
    for name, rendition in photo["renditions"].items():
        address = urlsplit(rendition["url"])
        assert address.netloc == urlsplit(b).netloc, name  # b names its own address
        stored = media_root / address.path.removeprefix(settings.MEDIA_URL)
        with PillowImage.open(stored) as made:  # in the media store both servers share
            assert made.size == (rendition["width"], rendition["height"])


@pytest.fixture
def partner_key():
    def make(limit):
        partner = PartnerKey(name=f"Cluster partner {uuid.uuid4().hex[:6]}", requests_per_minute=limit)
        raw = partner.set_new_key()
        partner.save()
        return partner, {"Authorization": f"Api-Key {raw}"}

    return make


def test_a_key_revoked_through_one_server_is_refused_by_the_other_at_once(cluster, partner_key):
    running, editor = cluster
    a, b = running.addresses["a"], running.addresses["b"]
    partner, auth = partner_key(1000)
    assert [api(b, "en/topics/", **auth).status_code for _ in range(6)] == [200] * 6  # both workers of b

    response = editor.post(
        a + reverse("partner_keys:edit", args=[partner.pk]),
        {"name": partner.name, "requests_per_minute": partner.requests_per_minute},  # "active" unticked
    )
    assert response.status_code == 302, response.text[:2000]

    refused = [api(b, "en/topics/", **auth) for _ in range(6)]
    assert [response.status_code for response in refused] == [401] * 6
    assert refused[0].json()["error"]["code"] == "invalid_api_key"


def test_the_rate_limit_counts_requests_to_both_servers(cluster, partner_key):
    running, _editor = cluster
    a, b = running.addresses["a"], running.addresses["b"]
    _partner, auth = partner_key(10)
    if time.time() % 60 > 50:  # the budget is per clock minute: start the requests in a fresh one
        time.sleep(61 - time.time() % 60)
    responses = [api(base, "en/topics/", **auth) for _ in range(7) for base in (a, b)]
    assert [response.status_code for response in responses] == [200] * 10 + [429] * 4
    assert [response.headers["RateLimit-Remaining"] for response in responses[:10]] == [
        str(left) for left in range(9, -1, -1)
    ]


def test_a_translation_job_queued_through_a_server_is_run_by_the_worker(cluster):
    running, editor = cluster
    base = running.addresses["a"]
    turkish = Locale.objects.get(language_code="tr")
    EventIndexPage.objects.get(locale=turkish).delete()  # the Turkish events section, with its events
    english_index = EventIndexPage.objects.get(locale__language_code="en")
    response = editor.post(
        base + reverse("wagtail_localize:submit_page_translation", args=(english_index.pk,)),
        {"locales": [turkish.pk], "include_subtree": "on"},
    )
    assert response.status_code == 302, response.text[:2000]
    queued = DBTaskResult.objects.filter(task_path="editorial.jobs.run_translation_job").latest("enqueued_at")

    deadline = time.monotonic() + 90
    while DBTaskResult.objects.get(pk=queued.pk).status in ("READY", "RUNNING"):
        assert time.monotonic() < deadline, running.log("worker")
        time.sleep(0.2)
    assert DBTaskResult.objects.get(pk=queued.pk).status == "SUCCESSFUL", running.log("worker")
    assert (
        EventPage.objects.filter(locale=turkish).count()
        == EventPage.objects.filter(locale__language_code="en").count()
    )


def publishing_pages():
    """Whether another connection holds uncommitted writes to pages of this database."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_locks JOIN pg_stat_activity USING (pid) "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND relation = 'wagtailcore_page'::regclass AND mode = 'RowExclusiveLock')"
        )
        return cursor.fetchone()[0]


def test_killing_a_server_mid_publish_loses_nothing_and_the_other_keeps_serving(cluster):
    running, editor = cluster
    a, b = running.addresses["a"], running.addresses["b"]
    pages = list(EventPage.objects.live().select_related("locale").order_by("pk"))
    draft_titles(pages, "(v3)")
    ids = [page.pk for page in pages]

    outcome = {}

    def publish():
        try:
            outcome["response"] = editor.bulk_publish(a, pages, timeout=120)
        except requests.RequestException as error:
            outcome["error"] = error

    request = threading.Thread(target=publish)
    request.start()
    deadline = time.monotonic() + 60
    while not publishing_pages():
        assert time.monotonic() < deadline, "the publish did not start"
        time.sleep(0.01)
    running.kill("a")  # the bulk publish is one transaction, and it is open
    request.join(timeout=30)
    assert "error" in outcome, "a answered although it was killed"

    # nothing half-written: the open transaction went whole, each page row still agrees with its
    # live revision, every draft is kept and the page tree is whole
    after = Page.objects.filter(pk__in=ids).select_related("live_revision", "locale")
    for page in after:
        assert not page.title.endswith("(v3)"), page.pk
        assert page.title == page.live_revision.content["title"], page.pk
        assert page.get_latest_revision().content["title"].endswith("(v3)")
    assert all(not problems for problems in Page.find_problems())

    # b serves, in every locale, exactly what the database says is published
    for page in after:
        assert api(b, detail_path(page)).json()["title"] == page.title
    # and its admin publishes the drafts
    assert editor.bulk_publish(b, pages, timeout=120).status_code == 302
    assert all(
        title.endswith("(v3)") for title in Page.objects.filter(pk__in=ids).values_list("title", flat=True)
    )
