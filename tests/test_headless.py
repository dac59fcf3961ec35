"""The CMS serves no page: outside the admin, the API, documents and the health probes every
address is a 404, whatever the page's locale, state or restriction. Editors preview in the admin;
"View live" leads to the partner site (pages/partner_links.py)."""

from datetime import timedelta
from html import unescape
from html.parser import HTMLParser
from unittest import mock
from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from editorial import roles
from pages.models import EventIndexPage, EventPage, HomePage
from tests.content import in_locale

pytestmark = pytest.mark.django_db

LOCALES = ["en", "sq", "az", "bs", "ro", "ur", "tr"]
API_DETAIL = "http://127.0.0.1:8000/api/v1/{locale}/{collection}/{slug}/"  # WAGTAILADMIN_BASE_URL's
PARTNER = "https://partner.example/{locale}/{collection}/{slug}/"
URDU_PARTNER = "https://ur.partner.example/{collection}/{slug}/"


def would_be_public_paths(page):
    """Where Wagtail's page serving answered for `page`, and near misses of it."""
    page = Page.objects.get(pk=page.pk)
    home = HomePage.objects.get(locale=page.locale)
    inside_home = page.url_path[len(home.url_path) :]
    code = page.locale.language_code
    return [f"/{code}/{inside_home}", f"/{inside_home}", f"/{code}{page.url_path}", page.url_path]


def assert_not_served(client, page):
    for path in would_be_public_paths(page):
        for method in (client.get, client.head, client.post):
            response = method(path)
            assert response.status_code == 404, (method.__name__, path, response.status_code)
            assert page.title.encode() not in response.content


def english_event(slug="dgmm-awareness-training-adana-2016"):
    return EventPage.objects.get(locale__language_code="en", slug=slug)


def in_every_locale(page):
    return [in_locale(page, code) for code in LOCALES]


def new_event(code, title, **fields):
    index = EventIndexPage.objects.get(locale__language_code=code)
    event = EventPage(title=title, kind="meeting", start_date=timezone.now().date(), **fields)
    index.add_child(instance=event)
    return event


def expired(page):
    page.expire_at = timezone.now() - timedelta(minutes=1)  # publish_scheduled has not run yet
    page.save()


def goes_live_later(page):
    page.go_live_at = timezone.now() + timedelta(days=7)  # still marked live
    page.save()


def restricted(restriction_type, **fields):
    def restrict(page):
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=restriction_type, **fields
        )
        if restriction_type == PageViewRestriction.GROUPS:
            restriction.groups.set(Group.objects.filter(name=roles.MODERATORS))

    return restrict


STATES = {
    "live": lambda page: None,
    "expired": expired,
    "future go-live": goes_live_later,
    "login-restricted": restricted("login"),
    "password-restricted": restricted("password", password="secret"),
    "private to a group": restricted("groups"),
}


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("test-moderator", "test-moderator@example.org", "pw")
    user.groups.add(Group.objects.get(name=roles.MODERATORS))
    return user


@pytest.fixture(params=["anonymous", "superuser"])
def visitor(request, client, django_user_model):
    """Wagtail let a signed-in user past a login restriction: nobody gets past now."""
    if request.param == "superuser":
        client.force_login(
            django_user_model.objects.create_superuser("test-root", "test-root@example.org", "pw")
        )
    return client


@pytest.mark.parametrize("state", STATES)
def test_no_event_of_any_locale_is_served_in_any_state(visitor, state):
    source = english_event()
    STATES[state](source)  # a restriction on the English page covers its translations
    for page in in_every_locale(source):
        if state in ("expired", "future go-live"):
            STATES[state](page)
        assert_not_served(visitor, page)


def test_no_draft_is_served(visitor):
    for code in LOCALES:
        assert_not_served(visitor, new_event(code, f"Unpublished planning meeting {code}", live=False))
    source = english_event()
    source.slug = "renamed-in-a-draft"
    source.save_revision()
    assert visitor.get("/en/events/renamed-in-a-draft/").status_code == 404


def test_no_home_or_section_page_is_served(visitor):
    for code in LOCALES:
        for page in (
            HomePage.objects.get(locale__language_code=code),
            EventIndexPage.objects.get(locale__language_code=code),
        ):
            assert_not_served(visitor, page)
    for path in ("/", "/en/", "/tr/", "/ur/", "/tr/events/", "/en/search/"):
        assert visitor.get(path).status_code == 404, path


def test_the_password_form_of_restricted_pages_is_gone(client):
    source = english_event()
    restriction = PageViewRestriction.objects.create(
        page=source, restriction_type="password", password="secret"
    )
    turkish = in_locale(source, "tr")
    for page in (source, turkish):
        address = f"_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
        for prefix in ("/", "/en/", "/tr/"):
            assert client.get(prefix + address).status_code == 404
            response = client.post(prefix + address, {"password": "secret", "return_url": "/"})
            assert response.status_code == 404
            assert "sessionid" not in response.cookies


def test_the_cms_own_addresses_keep_their_rules(client):
    login = reverse("wagtailadmin_login")
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(login)
    assert client.get(login).status_code == 200
    assert client.get("/api/v1/").status_code == 200
    assert client.get("/api/v1/tr/events/").status_code == 200
    assert client.get("/api/v1/xx/").status_code == 404  # the API's own JSON 404, not a redirect
    assert client.get("/api/v1/xx/")["Content-Type"].startswith("application/json")
    assert client.get("/healthz").status_code == 200


def test_documents_keep_their_own_rules(client):
    report = get_document_model().objects.exclude(file="").first()
    address = reverse("wagtaildocs_serve", args=(report.pk, report.filename))
    assert client.get(address).status_code == 200
    restricted_collection = Collection.get_first_root_node().add_child(name="Victim statements")
    CollectionViewRestriction.objects.create(collection=restricted_collection, restriction_type="login")
    report.collection = restricted_collection
    report.save()
    assert client.get(address).status_code == 404


# The admin ---------------------------------------------------------------------------------


def test_a_moderator_still_previews_every_locale(client, moderator):
    client.force_login(moderator)
    for page in in_every_locale(english_event()):
        page.title = f"Draft title {page.locale.language_code}"
        page.save_revision()
        response = client.get(reverse("wagtailadmin_pages:view_draft", args=(page.pk,)))
        assert response.status_code == 200 and page.title in response.content.decode()


def test_a_preview_is_not_a_request_to_the_api(client, moderator):
    """The preview's own request goes through the middleware: with the partner address (by
    default the API's) the API's rate limit and cache would take it for an API call."""
    client.force_login(moderator)
    page = in_locale(english_event(), "tr")
    paths = []
    serve_preview = EventPage.serve_preview

    def record(self, request, mode_name):
        paths.append(request.path)
        return serve_preview(self, request, mode_name)

    with mock.patch.object(EventPage, "serve_preview", record):
        assert client.get(reverse("wagtailadmin_pages:view_draft", args=(page.pk,))).status_code == 200
    assert paths == ["/"]


class LiveLinks(HTMLParser):
    """The addresses of an admin page's links to a live page: "View live" in a page's menu, the
    status tag "Live" of the editor."""

    def __init__(self):
        super().__init__()
        self.links, self.open = set(), None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            attributes = dict(attrs)
            self.open = [attributes.get("href"), ""]
            if "Visit the live page" in (attributes.get("aria-label") or ""):
                self.links.add(attributes.get("href"))

    def handle_data(self, data):
        if self.open:
            self.open[1] += data

    def handle_endtag(self, tag):
        if tag == "a" and self.open:
            if "View live" in self.open[1]:
                self.links.add(self.open[0])
            self.open = None


def view_live_links(html):
    parser = LiveLinks()
    parser.feed(html)
    return parser.links


def expected(template, page, collection="events"):
    code = page.locale.language_code
    return template.format(locale=code, collection=collection, slug=quote(page.slug, safe=""))


def test_view_live_leads_to_the_api_detail_by_default(admin_client, client):
    for page in in_every_locale(english_event()):
        assert page.url == page.full_url == expected(API_DETAIL, page)
        edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
        assert edit.status_code == 200
        assert page.url in unescape(edit.content.decode())
        # the default address is the API's own detail of the page
        detail = client.get(page.url.removeprefix("http://127.0.0.1:8000"))
        assert detail.status_code == 200 and detail.json()["slug"] == page.slug


@override_settings(PARTNER_PAGE_URL=PARTNER, PARTNER_PAGE_URL_BY_LOCALE={"ur": URDU_PARTNER})
def test_view_live_follows_the_partner_template_of_each_locale(admin_client):
    for page in in_every_locale(english_event("media-reporting-workshop-2017")):
        template = URDU_PARTNER if page.locale.language_code == "ur" else PARTNER
        assert page.url == page.full_url == expected(template, page)
        index = page.get_parent()
        listing = admin_client.get(reverse("wagtailadmin_explore", args=(index.pk,)))
        assert listing.status_code == 200
        assert expected(template, page) in view_live_links(listing.content.decode())
        edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
        assert edit.status_code == 200
        if page.locale.language_code == "en":  # a translation opens wagtail-localize's editor
            assert view_live_links(edit.content.decode()) == {expected(template, page)}
        else:
            assert expected(template, page) in unescape(edit.content.decode())


def test_home_and_section_pages_have_no_live_address(admin_client):
    for code in LOCALES:
        for page in (
            HomePage.objects.get(locale__language_code=code),
            EventIndexPage.objects.get(locale__language_code=code),
        ):
            assert page.url is None and page.full_url is None
            edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
            assert edit.status_code == 200
            assert not view_live_links(edit.content.decode())
        listing = admin_client.get(
            reverse("wagtailadmin_explore", args=(HomePage.objects.get(locale__language_code=code).pk,))
        )
        assert listing.status_code == 200 and not view_live_links(listing.content.decode())


def test_admin_views_that_show_page_addresses_still_answer(admin_client):
    page = in_locale(english_event(), "sq")
    for address in (
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailadmin_explore", args=(page.get_parent().pk,)),
        reverse("wagtailadmin_pages:history", args=(page.pk,)),
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),  # wagtail-localize's translation editor
        reverse("wagtailadmin_pages:search") + "?q=Adana",
    ):
        assert admin_client.get(address).status_code == 200, address


@override_settings(PARTNER_PAGE_URL=PARTNER)
def test_the_approval_e_mail_links_to_the_partner_site(client, django_user_model, moderator):
    content_editor = django_user_model.objects.create_user("test-writer", "test-writer@example.org", "pw")
    content_editor.groups.add(Group.objects.get(name=roles.CONTENT_EDITORS))
    page = english_event()
    page.summary = "A new summary for review."
    page.save_revision(user=content_editor)
    page.get_workflow().start(page, content_editor)
    client.force_login(moderator)
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    assert client.post(url, {"comment": ""}).status_code in (200, 302)
    page.refresh_from_db()
    assert page.live and not page.has_unpublished_changes
    approvals = [message for message in mail.outbox if "test-writer@example.org" in message.to]
    assert approvals
    assert all(expected(PARTNER, page) in message.body for message in approvals)
