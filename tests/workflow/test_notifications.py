"""Workflow e-mails reach each recipient in their own admin language, with links to this CMS.

Wagtail sends them (wagtail.admin.mail): the reviewers and administrators when a translation is
submitted or reaches a new stage, the submitter when it is approved or changes are requested.
Wagtail ships no Albanian, Bosnian, Urdu or Azerbaijani admin catalogue: locale/admin/ translates
its e-mails too, and every language's e-mails are measured like its screens.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Page, Task, Workflow

from cms import i18n
from tests.english_words import MOST_ENGLISH, english_in, words_of

pytestmark = pytest.mark.django_db

BASE_URL = "https://cms.example.test"
# every address an e-mail may give: absolute ones and admin or API paths left without a host
LINK = re.compile(r"https?://\S+|(?<!\S)/(?:admin|api)/\S*")


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE_URL
    settings.PARTNER_PAGE_URL = ""  # a published page's address is then its API detail on this CMS
    settings.PARTNER_PAGE_URL_BY_LOCALE = {}


def user(username):
    return get_user_model().objects.get(username=username)  # the demo logins, in their admin language


def translated(language_code):
    english = Page.objects.get(locale__language_code="en", slug="dgmm-awareness-training-adana-2016")
    return english.get_translations().get(locale__language_code=language_code).specific


def mails_to(username):
    address = user(username).email
    return [message for message in mail.outbox if address in message.to]


def assert_links_to_this_cms(message):
    links = LINK.findall(f"{message.subject}\n{message.body}")
    assert links, message.body
    for link in links:
        assert link.startswith(f"{BASE_URL}/"), (link, message.body)


def submit(client, page, username):
    client.force_login(user(username))
    response = client.post(reverse("editorial_submit_translation", args=(page.pk,)))
    assert response.status_code == 302


def act(client, page, username, action, comment=""):
    client.force_login(user(username))
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    assert client.post(url, {"comment": comment}).status_code in (200, 302)


@pytest.mark.parametrize(
    ("code", "hello", "edit_here"),
    [
        ("tr", "Merhaba tr-editor", "Sayfayı burada düzenleyebilirsiniz:"),
        ("ro", "Bună ziua, ro-editor", "Puteți edita pagina aici:"),
    ],
)
def test_the_submitter_hears_in_their_language(client, code, hello, edit_here):
    page = translated(code)
    submit(client, page, f"{code}-editor")
    # the English-speaking moderator's requests and approvals reach the editor in their language
    act(client, page, f"{code}-reviewer", "approve")
    mail.outbox.clear()
    act(client, page, "moderator", "reject", comment="Please check the dates.")
    [changes_requested] = mails_to(f"{code}-editor")
    assert hello in changes_requested.body and edit_here in changes_requested.body
    assert "Please check the dates." in changes_requested.body
    assert_links_to_this_cms(changes_requested)

    submit(client, page, f"{code}-editor")
    mail.outbox.clear()
    act(client, page, "moderator", "approve")
    [approved] = mails_to(f"{code}-editor")
    assert hello in approved.body and "Hello" not in approved.body
    assert_links_to_this_cms(approved)


def test_reviewers_and_administrators_hear_of_a_submission_in_their_language(client):
    page = translated("ro")
    submit(client, page, "ro-editor")
    [to_reviewer] = mails_to("ro-reviewer")
    assert "Bună ziua, ro-reviewer" in to_reviewer.body
    assert "a fost trimisă pentru aprobare în faza de moderare" in to_reviewer.body
    # the administrator uses the admin in English, although the editor submitted in Romanian
    to_admin = mails_to("admin")
    assert to_admin and all("Hello admin" in message.body for message in to_admin)
    for message in mail.outbox:
        assert_links_to_this_cms(message)


def test_every_link_follows_the_base_url_setting(client):
    page = translated("tr")
    with override_settings(WAGTAILADMIN_BASE_URL="https://other.example.test"):
        submit(client, page, "tr-editor")
    assert mail.outbox
    for message in mail.outbox:
        assert "testserver" not in message.body
        assert all(link.startswith("https://other.example.test/") for link in LINK.findall(message.body))


@pytest.mark.parametrize("code", i18n.TRANSLATION_LANGUAGES)
def test_workflow_emails_are_in_the_recipients_language(client, code):
    """At most 5% of an e-mail's words are English, once the content is taken out: titles, user
    names, the moderator's comment and the workflow's and tasks' names, which moderators type."""
    page = translated(code)
    comment = "Please check the dates."
    submit(client, page, f"{code}-editor")  # the reviewers hear
    act(client, page, f"{code}-reviewer", "approve")
    act(client, page, "moderator", "reject", comment=comment)  # the editor hears
    received = mails_to(f"{code}-reviewer") + mails_to(f"{code}-editor")
    assert len(received) >= 2
    content = {page.title, page.draft_title, comment, *Workflow.objects.values_list("name", flat=True)}
    content |= set(Task.objects.values_list("name", flat=True))
    content |= {f"{code}-editor", f"{code}-reviewer", "moderator"}
    for message in received:
        words = words_of(LINK.sub(" ", f"{message.subject}\n{message.body}"), content)
        share, left = english_in(words, code)
        assert share <= MOST_ENGLISH, (message.subject, f"{share:.1%}", dict(left))
