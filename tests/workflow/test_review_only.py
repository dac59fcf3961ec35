"""Translators cannot step around review: stopping a synced translation, converting it to an alias,
deleting, moving, unpublishing and publishing are refused to every national editor and reviewer,
through wagtail-localize's and Wagtail's own addresses, and are not offered to them in the editors;
moderators keep them."""

import json
import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import Translation

from cms import i18n
from pages.models import EventPage
from tests.content import in_locale

pytestmark = pytest.mark.django_db

NATIONAL = [f"{code}-{role}" for code in i18n.TRANSLATION_LANGUAGES for role in ("editor", "reviewer")]
HIDING_RULE = '[data-w-action-url-value$="/disable/"] { display: none; }'


def login(client, username):
    user = get_user_model().objects.get(username=username)
    client.force_login(user)
    return user


def own_translation(media_workshop, username):
    return in_locale(media_workshop, username.split("-")[0])


def translation_record(page):
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=page.locale)


def editor_settings(response):
    """The settings wagtail-localize's translation editor script starts from."""
    found = re.search(r'class="js-translation-editor" data-props="([^"]*)"', response.content.decode())
    assert found, "not the translation editor"
    return json.loads(unescape(found.group(1)))


def refused(response):
    """Wagtail's refusal: back to the dashboard with a message, or a 403."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url.rstrip("/").endswith("/admin")
    )


@pytest.mark.parametrize("username", NATIONAL)
def test_translators_cannot_stop_syncing_or_convert_to_an_alias(client, media_workshop, username):
    login(client, username)
    page = own_translation(media_workshop, username)
    record = translation_record(page)
    for url in (
        reverse("wagtail_localize:stop_translation", args=(record.pk,)),
        reverse("wagtail_localize:convert_to_alias", args=(page.pk,)),
    ):
        assert refused(client.post(url)), url
        assert refused(client.get(url)), url
    # the page editor's own menu action for it leads to the same refusal
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)), {"localize-convert-to-alias": "1"}, follow=True
    )
    assert response.redirect_chain and refused_chain(response)
    record.refresh_from_db()
    page.refresh_from_db()
    assert record.enabled and page.alias_of_id is None and page.live


def refused_chain(response):
    return any(refused_url.rstrip("/").endswith("/admin") for refused_url, _status in response.redirect_chain)


@pytest.mark.parametrize("username", NATIONAL)
def test_translators_cannot_delete_move_unpublish_or_publish(client, media_workshop, username):
    user = login(client, username)
    live = own_translation(media_workshop, username)
    draft = EventPage.objects.get(pk=live.pk)
    draft.owner = user  # Wagtail lets owners delete their own pages that are not live
    draft.live = False
    draft.save()
    parent = draft.get_parent()
    for url in (
        reverse("wagtailadmin_pages:delete", args=(draft.pk,)),
        reverse("wagtailadmin_pages:move", args=(draft.pk,)),
        reverse("wagtailadmin_pages:move_confirm", args=(draft.pk, parent.pk)),
        reverse("wagtailadmin_pages:unpublish", args=(live.pk,)),
        reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete")) + f"?id={draft.pk}",
        reverse("wagtail_bulk_action", args=("wagtailcore", "page", "move")) + f"?id={draft.pk}",
    ):
        client.post(url)
        assert Page.objects.filter(pk=draft.pk, path=draft.path).exists(), url
    assert not draft.permissions_for_user(user).can_delete()
    assert not draft.permissions_for_user(user).can_move()

    client.post(reverse("wagtailadmin_pages:edit", args=(draft.pk,)), {"action-publish": "1"})
    assert not Page.objects.get(pk=draft.pk).live


@pytest.mark.parametrize("username", ["sq-editor", "ur-reviewer"])
def test_the_translation_editor_offers_translators_no_way_around_review(client, media_workshop, username):
    user = login(client, username)
    page = own_translation(media_workshop, username)
    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    settings = editor_settings(response)
    assert settings["links"]["convertToAliasUrl"] is None
    assert not settings["perms"]["canDelete"] and not settings["perms"]["canPublish"]
    assert HIDING_RULE in response.content.decode()  # "Stop Synced translation", drawn by the script
    assert not page.permissions_for_user(user).can_delete()


def test_moderators_keep_every_action(client, media_workshop, django_capture_on_commit_callbacks):
    login(client, "moderator")
    page = in_locale(media_workshop, "tr")
    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    settings = editor_settings(response)
    assert settings["links"]["convertToAliasUrl"] and settings["perms"]["canPublish"]
    assert HIDING_RULE not in response.content.decode()

    record = translation_record(page)
    client.post(reverse("wagtail_localize:stop_translation", args=(record.pk,)))
    record.refresh_from_db()
    assert not record.enabled
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("wagtail_localize:convert_to_alias", args=(page.pk,)))
    assert Page.objects.get(pk=page.pk).alias_of_id == media_workshop.pk


def test_english_content_editors_still_delete_their_own_drafts(client, media_workshop):
    """The source language keeps Wagtail's own rules."""
    user = login(client, "en-editor")
    page = EventPage(
        title="A draft of mine",
        slug="a-draft-of-mine",
        kind="meeting",
        start_date=media_workshop.start_date,
        country=media_workshop.country,
        owner=user,
        live=False,
    )
    media_workshop.get_parent().add_child(instance=page)
    assert page.permissions_for_user(user).can_delete()
    client.post(reverse("wagtailadmin_pages:delete", args=(page.pk,)))
    assert not Page.objects.filter(pk=page.pk).exists()
