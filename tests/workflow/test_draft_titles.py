"""National editors see no title of another language's drafts, anywhere in the admin.

Four secret titles: a never-published English event, its Turkish translation (submitted for
review), an English event scheduled to go live later and a live English event renamed in a newer
draft. The Azerbaijani editor and reviewer may see the titles of their own language's pages and
of live English pages only (editorial/visible_titles.py). Each admin view that showed the secrets
is tried by them, then every admin URL pattern is swept (GET) with the ids of these pages, their
parents, revisions, translation and workflow; moderators still see every title.
"""

import copy
import itertools
import json
import re
import warnings
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.paginator import UnorderedObjectListWarning
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail_localize.models import OverridableSegment, StringSegment, Translation

from editorial import localization
from pages.models import Country, EventIndexPage, EventPage

pytestmark = pytest.mark.django_db

NATIONAL = ["az-editor", "az-reviewer"]
# Titles and slugs of the secret pages contain one of these (compared without case).
SECRETS = ("secret-draft", "secret-scheduled", "secret-rename")


@dataclass
class Drafts:
    english: EventPage  # never published
    turkish: EventPage  # its translation, never published, awaiting review
    scheduled: EventPage  # goes live in a month
    renamed: EventPage  # live, with a newer draft renaming it
    pages: list = field(default_factory=list)  # the secret pages and their parents

    @property
    def secret_pages(self):
        return [self.english, self.turkish, self.scheduled, self.renamed]


def login(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def new_event(title, slug, **fields):
    index = EventIndexPage.objects.get(locale__language_code="en")
    country = Country.objects.get(iso_code="TR", locale__language_code="en")
    event = EventPage(
        title=title, slug=slug, kind="meeting", start_date=date(2027, 3, 1), country=country, **fields
    )
    index.add_child(instance=event)
    return event


def make_drafts():
    english = new_event("EN-SECRET-DRAFT", "en-secret-draft", live=False)
    english.save_revision()
    turkish = localization.translate(
        english,
        Locale.objects.get(language_code="tr"),
        lambda text: "TR-SECRET-DRAFT" if text == english.title else f"{text} (tr)",
        publish=False,
    )
    turkish.get_workflow().start(turkish, get_user_model().objects.get(username="tr-editor"))

    scheduled = new_event(
        "EN-SECRET-SCHEDULED",
        "en-secret-scheduled",
        live=False,
        go_live_at=timezone.now() + timedelta(days=30),
    )
    scheduled.save_revision().publish()

    renamed = EventPage.objects.get(locale__language_code="en", slug="dgmm-awareness-training-adana-2016")
    renamed.title = "EN-SECRET-RENAME"
    renamed.save_revision()

    found = Drafts(*(EventPage.objects.get(pk=page.pk) for page in (english, turkish, scheduled, renamed)))
    assert not (found.english.live or found.turkish.live or found.scheduled.live)
    assert found.turkish.workflow_in_progress
    found.pages = [page.pk for page in found.secret_pages] + [
        found.english.get_parent().pk,
        found.turkish.get_parent().pk,
    ]
    return found


@pytest.fixture(scope="module")
def module_drafts(module_transaction):
    return make_drafts()


@pytest.fixture
def drafts(module_drafts, db):
    return copy.deepcopy(module_drafts)


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode(errors="replace")
    if response.get("Content-Type", "").startswith("application/json"):
        # the chooser's modal steps: HTML inside JSON, with non-ASCII letters escaped
        text = json.dumps(json.loads(text), ensure_ascii=False)
    return text


def leaks(response) -> list[str]:
    """The secrets in a response: its body, its redirect and the messages it left for the next page."""
    shown = [body(response), response.get("Location", "")]
    shown += [str(message) for message in get_messages(response.wsgi_request)]
    text = " ".join(shown).lower()
    return [secret for secret in SECRETS if secret in text]


def get(client, url):
    # Messages a refusal leaves are shown on the next page: each response answers for its own.
    client.cookies.pop("messages", None)
    return client.get(url)


def assert_hidden(client, url, status=None):
    response = get(client, url)
    assert not leaks(response), (url, leaks(response))
    assert response.status_code < 500, url
    if status is not None:
        assert response.status_code == status, (url, response.status_code)
    return response


def assert_shown(client, url, *titles):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    text = body(response)
    for title in titles:
        assert title in text, (url, title)


def ids(pages) -> str:
    return urlencode([("id", page.pk) for page in pages])


# The views the attack found ------------------------------------------------------------------


def bulk_url(action, query):
    return reverse("wagtail_bulk_action", args=("wagtailcore", "page", action)) + "?" + query


@pytest.mark.parametrize("username", NATIONAL)
@pytest.mark.parametrize("action", ["delete", "move", "publish", "unpublish"])
def test_bulk_actions_refuse_without_listing_titles(client, drafts, username, action):
    login(client, username)
    own = Page.objects.filter(locale__language_code="az", depth__gt=2).first()
    for query in (
        ids(drafts.secret_pages),
        ids([own, drafts.turkish]),  # one page of their own does not open the list
        urlencode({"id": "all", "childOf": drafts.turkish.get_parent().pk}),
        urlencode({"id": "all", "childOf": drafts.english.get_parent().pk, "q": "secret"}),
    ):
        assert_hidden(client, bulk_url(action, query), status=403)
    assert get(client, bulk_url(action, ids([own]))).status_code == 200  # their own pages are listed


def test_moderators_still_see_bulk_titles(client, drafts):
    login(client, "moderator")
    assert_shown(client, bulk_url("delete", ids(drafts.secret_pages)), "EN-SECRET-DRAFT", "TR-SECRET-DRAFT")


@pytest.mark.parametrize("username", NATIONAL)
def test_move_confirmation_refuses_without_titles(client, drafts, username):
    login(client, username)
    own_index = EventIndexPage.objects.get(locale__language_code="az")
    own_event = EventPage.objects.filter(locale__language_code="az").first()
    for page, destination in (
        (drafts.turkish, drafts.turkish.get_parent()),
        (drafts.english, own_index),
        (drafts.renamed, drafts.renamed.get_parent()),
        (own_event, drafts.turkish),  # a secret page as the destination
    ):
        url = reverse("wagtailadmin_pages:move_confirm", args=(page.pk, destination.pk))
        assert_hidden(client, url, status=403)
    own_move = reverse("wagtailadmin_pages:move_confirm", args=(own_event.pk, own_index.pk))
    assert get(client, own_move).status_code == 200


@pytest.mark.parametrize("username", NATIONAL)
def test_workflow_views_refuse_without_naming_the_page(client, drafts, username):
    """Wagtail's workflow views say "The page '<title>' is not currently awaiting moderation"."""
    login(client, username)
    task_state = drafts.turkish.current_workflow_state.current_task_state
    for page in drafts.secret_pages:
        for url in (
            reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)),
            reverse(
                "wagtailadmin_pages:collect_workflow_action_data", args=(page.pk, "reject", task_state.pk)
            ),
            reverse("wagtailadmin_pages:workflow_preview", args=(page.pk, task_state.task_id)),
        ):
            assert_hidden(client, url, status=403)


def test_moderators_still_move(client, drafts):
    login(client, "moderator")
    url = reverse("wagtailadmin_pages:move_confirm", args=(drafts.turkish.pk, drafts.turkish.get_parent().pk))
    assert_shown(client, url, "TR-SECRET-DRAFT")


def choose(*args, query=""):
    name = "wagtailadmin_choose_page_child" if args else "wagtailadmin_choose_page"
    return reverse(name, args=args) + query


# (name, address given the secret pages) of each way the chooser names pages
CHOOSER = {
    "root": lambda d: choose(),
    "root, Turkish": lambda d: choose(query="?locale=tr"),
    "events anywhere": lambda d: choose(query="?page_type=pages.eventpage"),
    "Turkish events": lambda d: choose(d.turkish.get_parent().pk),
    "English events": lambda d: choose(d.english.get_parent().pk),
    "Turkish draft as parent": lambda d: choose(d.turkish.pk),
    "English draft as parent": lambda d: choose(d.english.pk),
    "search": lambda d: reverse("wagtailadmin_choose_page_search") + "?q=secret",
    "search events": lambda d: (
        reverse("wagtailadmin_choose_page_search") + "?q=secret&page_type=pages.eventpage"
    ),
    "chosen": lambda d: reverse("wagtailadmin_choose_page_chosen_multiple") + "?" + ids(d.secret_pages),
}


@pytest.mark.parametrize("username", NATIONAL)
@pytest.mark.parametrize("view", CHOOSER)
def test_page_chooser_shows_no_secret_title(client, drafts, username, view):
    login(client, username)
    assert_hidden(client, CHOOSER[view](drafts))


@pytest.mark.parametrize("view", ["Turkish draft as parent", "English draft as parent", "chosen"])
def test_page_chooser_refuses_hidden_pages_it_is_asked_for(client, drafts, view):
    login(client, "az-editor")
    assert_hidden(client, CHOOSER[view](drafts), status=403)


def test_page_chooser_answers_not_found_for_ids_that_are_no_numbers(client, drafts):
    login(client, "az-editor")
    url = reverse("wagtailadmin_choose_page_chosen_multiple") + "?id=all"
    assert client.get(url, follow=True).status_code == 404  # by way of the language prefix, like any


def test_content_editors_choose_english_drafts_but_no_translation_drafts(client, drafts):
    login(client, "en-editor")
    text = body(get(client, CHOOSER["search"](drafts)))
    assert "EN-SECRET-DRAFT" in text
    assert "TR-SECRET-DRAFT" not in text


@pytest.mark.parametrize("username", NATIONAL)
def test_page_chooser_still_offers_own_and_live_english_pages(client, drafts, username):
    login(client, username)
    own = EventPage.objects.filter(locale__language_code="az", live=True).first()
    live_english = EventPage.objects.filter(locale__language_code="en", live=True).exclude(
        pk=drafts.renamed.pk
    )[0]
    assert_shown(client, reverse("wagtailadmin_choose_page_child", args=(own.get_parent().pk,)), own.title)
    assert_shown(
        client,
        reverse("wagtailadmin_choose_page_child", args=(live_english.get_parent().pk,)),
        live_english.title,
    )


def test_moderators_still_choose_every_page(client, drafts):
    login(client, "moderator")
    assert_shown(
        client,
        reverse("wagtailadmin_choose_page_child", args=(drafts.turkish.get_parent().pk,)),
        "TR-SECRET-DRAFT",
    )
    assert_shown(
        client,
        reverse("wagtailadmin_choose_page_search") + "?q=secret",
        "TR-SECRET-DRAFT",
        "EN-SECRET-DRAFT",
    )


USAGE = "wagtailadmin_reports:page_types_usage"
TRANSLATIONS = "wagtail_localize:translations_report"
REPORTS = {
    "page types": lambda: reverse(USAGE),
    "page types, Turkish": lambda: reverse(USAGE) + "?page_locale=tr",
    "page types, English": lambda: reverse(USAGE) + "?page_locale=en",
    "page types, results": lambda: reverse(f"{USAGE}_results"),
    "page types, CSV": lambda: reverse(USAGE) + "?export=csv",
    "translations": lambda: reverse(TRANSLATIONS),
    "translations by source title": lambda: reverse(TRANSLATIONS) + "?source_title=secret",
    "translations, results": lambda: reverse(f"{TRANSLATIONS}_results") + "?source_title=secret",
    "translations, CSV": lambda: reverse(TRANSLATIONS) + "?source_title=secret&export=csv",
}


@pytest.mark.parametrize("username", NATIONAL)
@pytest.mark.parametrize("report", REPORTS)
def test_reports_show_no_secret_title(client, drafts, username, report):
    login(client, username)
    assert_hidden(client, REPORTS[report](), status=200)


def test_moderators_still_see_the_last_edited_pages(client, drafts):
    login(client, "moderator")
    assert_shown(
        client, reverse("wagtailadmin_reports:page_types_usage") + "?page_locale=tr", "TR-SECRET-DRAFT"
    )
    assert_shown(client, reverse(TRANSLATIONS) + "?source_title=secret", "TR-SECRET-DRAFT", "EN-SECRET-DRAFT")


@pytest.mark.parametrize("username", ["moderator", *NATIONAL])
def test_the_translations_report_pages_through_the_newest_first(client, username):
    """Paginating an unordered list could repeat or skip translations from one page to the next."""
    login(client, username)
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnorderedObjectListWarning)
        response = client.get(reverse(TRANSLATIONS))
    assert response.status_code == 200
    shown = [translation.created_at for translation in response.context["object_list"]]
    assert shown and shown == sorted(shown, reverse=True)


STATUS = {
    "default": "",
    "every language": "?locale=",
    "Turkish": "?locale=tr",
    "CSV": "?locale=&format=csv",
    "CSV awaiting review": "?locale=tr&status=awaiting_review&format=csv",
}


@pytest.mark.parametrize("username", NATIONAL)
@pytest.mark.parametrize("query", STATUS.values(), ids=STATUS.keys())
def test_translation_status_shows_live_english_titles_only(client, drafts, username, query):
    login(client, username)
    response = assert_hidden(client, reverse("editorial_translation_status") + query, status=200)
    if "awaiting" not in query:
        # the renamed page keeps its row, under its live title
        assert drafts.renamed.title in body(response)


def test_moderators_still_see_every_english_title_in_the_status(client, drafts):
    login(client, "moderator")
    assert_shown(client, reverse("editorial_translation_status"), "EN-SECRET-DRAFT", "EN-SECRET-SCHEDULED")
    assert_shown(client, reverse("editorial_translation_status") + "?format=csv", "EN-SECRET-DRAFT")


# Every admin URL pattern ---------------------------------------------------------------------

NOT_SWEPT = {
    "admin/logout/": "ends the session the sweep runs in",
    "admin/failwhale/": "raises an error on purpose (the error report test)",
    "admin/^.*/$": "the admin's catch-all 404",
}
PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


def admin_routes():
    """Every URL pattern under /admin/, as a route with <name> or (?P<name>...) parameters."""

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern).lstrip("^").removesuffix("$")
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            else:
                yield route

    return sorted({route for route in walk(get_resolver().url_patterns, "") if route.startswith("admin/")})


@dataclass
class SweepValues:
    """The values tried for each parameter name: always ids tied to the secret pages."""

    pages: list
    by_name: dict

    def of(self, route, name) -> list:
        if name in self.by_name:
            return self.by_name[name]
        if name == "pk" and "snippets/" in route:
            return self.by_name["snippet_pk"]
        if name == "pk" and "workflows/" in route:
            return self.by_name["workflow_pk"] + self.by_name["task_id"]
        return self.pages  # every other id: the pages themselves


def sweep_values(drafts) -> SweepValues:
    turkish = drafts.turkish
    state = turkish.current_workflow_state
    task_state = state.current_task_state
    translation = Translation.objects.get(
        source__object_id=drafts.english.translation_key, target_locale__language_code="tr"
    )
    revisions = [page.latest_revision_id for page in drafts.secret_pages]
    countries = [drafts.english.country_id, turkish.country_id]
    return SweepValues(
        pages=drafts.pages,
        by_name={
            "revision_id": revisions,
            "revision_id_a": ["live", "earliest", *revisions],
            "revision_id_b": ["live", "latest"],
            "task_state_id": [task_state.pk],
            "task_id": [task_state.task_id],
            "workflow_state_id": [state.pk],
            "workflow_pk": [state.workflow_id],
            "snippet_pk": countries,
            "translation_id": [translation.pk],
            "translation_source_id": [translation.source_id],
            "string_segment_id": [StringSegment.objects.filter(source=translation.source).first().pk],
            "overridable_segment_id": [
                getattr(OverridableSegment.objects.filter(source=translation.source).first(), "pk", 1)
            ],
            "app_label": ["wagtailcore", "pages"],
            "model_name": ["page", "eventpage", "country"],
            "content_type_app_name": ["pages"],
            "content_type_model_name": ["eventpage"],
            "app_name": ["pages"],
            "action": ["delete", "move", "publish", "unpublish"],
            "action_name": ["approve", "reject"],
            "mode": ["default"],
            "filter_spec": ["original"],
            "uidb64": ["x"],
            "token": ["x"],
        },
    )


def sweep_urls(drafts):
    """Every admin URL pattern with every combination of the values above; those without parameters
    (listings, reports, choosers) also searching for the secret word, given the pages' ids, and
    exported. Bulk actions also act on everything under a parent ("id=all")."""
    values = sweep_values(drafts)
    listing_queries = ["", "?q=secret", "?" + ids(drafts.secret_pages), "?export=csv"]
    everything_under = [f"?id=all&childOf={parent}" for parent in drafts.pages[-2:]]
    for route in admin_routes():
        if route in NOT_SWEPT:
            continue
        names = [a or b for a, b in PARAMETER.findall(route)]
        choices = [values.of(route, name) for name in names]
        queries = ["", "?q=secret"] if names else listing_queries
        if route.startswith("admin/bulk/"):
            queries = [*queries, "?" + ids(drafts.secret_pages), *everything_under]
        for combination in itertools.product(*choices):
            chosen = iter(combination)
            path = PARAMETER.sub(lambda _match, chosen=chosen: str(next(chosen)), route).replace("\\.", ".")
            for query in queries:
                yield "/" + path + query


@pytest.mark.slow  # thousands of admin requests per user
@pytest.mark.parametrize("username", NATIONAL)
def test_no_admin_url_shows_a_secret_title(client, drafts, username):
    login(client, username)
    client.raise_request_exception = False
    found = []
    urls = list(sweep_urls(drafts))
    for url in urls:
        response = get(client, url)
        if response.status_code >= 500 or leaks(response):
            found.append((url, response.status_code, leaks(response)))
    assert client.get(reverse("wagtailadmin_home")).status_code == 200  # still signed in throughout
    assert not found, "\n".join(map(str, found))
