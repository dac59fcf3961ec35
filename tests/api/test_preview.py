"""Drafts on the partner site: the admin's "Open on the partner site" and /api/v1/preview/.

An editor who may see a draft gets a link to the partner site with a token; the partner site reads
the draft with it, in the shape of the published detail. The token works for minutes, for that
revision in that locale only, and its responses are never cached.
"""

import time
from unittest import mock
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import signing
from django.test import Client
from django.urls import reverse

from editorial import roles
from previews import tokens
from tests.content import in_locale

pytestmark = pytest.mark.django_db

TEMPLATE = "https://partner.example/{locale}/preview?token={token}"
BUTTON = "Open on the partner site"


@pytest.fixture(autouse=True)
def partner_preview(settings):
    settings.PARTNER_PREVIEW_URL_TEMPLATES = {
        code: TEMPLATE for code in ("en", "sq", "az", "bs", "ro", "ur", "tr")
    }


def user(username):
    return get_user_model().objects.get(username=username)


def signed_in(username):
    admin = Client()
    admin.force_login(user(username))
    return admin


def open_link(username, page, revision=None, status=302):
    """Where the admin sends this user from the page's "Open on the partner site"."""
    url = reverse("previews_open_on_partner_site", args=(page.pk,))
    if revision is not None:
        url += f"?revision={revision.pk}"
    response = signed_in(username).get(url)
    if status == 403:  # Wagtail's refusal: back to the dashboard, with a message, and no token
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
        return None
    assert response.status_code == status, response.content[:300]
    return response.get("Location")


def token_in(location):
    assert location.startswith(f"https://partner.example/{location.split('/')[3]}/preview?token=")
    return parse_qs(urlsplit(location).query)["token"][0]


def preview(client, token, status=200, **params):
    query = "&".join(f"{name}={quote(value, safe='')}" for name, value in {"token": token, **params}.items())
    response = client.get(f"/api/v1/preview/?{query}")
    assert response.status_code == status, response.content[:500]
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control and "public" not in cache_control
    return response.json()


def new_draft(page, username, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    return page.save_revision(user=user(username))


def test_a_moderator_opens_an_english_draft_on_the_partner_site(client, adana):
    live_title = adana.title
    edit = signed_in("moderator").get(reverse("wagtailadmin_pages:edit", args=(adana.pk,))).content.decode()
    assert BUTTON in edit
    assert reverse("previews_open_on_partner_site", args=(adana.pk,)) in edit

    new_draft(adana, "moderator", title="Draft: a new training in Adana", summary="Not yet reviewed")
    location = open_link("moderator", adana)
    assert location.startswith("https://partner.example/en/preview?token=")
    draft = preview(client, token_in(location))
    published = client.get(f"/api/v1/en/events/{adana.slug}/").json()
    assert draft.keys() == published.keys()  # exactly the detail shape the partner renders
    assert (draft["type"], draft["locale"]) == ("event", "en")
    assert draft["translation_key"] == published["translation_key"]
    assert (draft["title"], draft["summary"]) == ("Draft: a new training in Adana", "Not yet reviewed")
    assert draft["translations"] == published["translations"]
    # the published API still shows only what is published
    assert published["title"] == live_title
    listed = client.get("/api/v1/en/events/?page_size=100").content.decode()
    assert "Draft: a new training in Adana" not in listed


def test_assessments_and_galleries_keep_their_detail_shape(client, bosnia_assessment, gallery):
    for page, collection in ((bosnia_assessment, "assessments"), (gallery, "galleries")):
        new_draft(page, "moderator", title=f"Draft of {page.slug}")
        draft = preview(client, token_in(open_link("moderator", page)))
        published = client.get(f"/api/v1/en/{collection}/{page.slug}/").json()
        assert draft.keys() == published.keys()
        assert draft["title"] == f"Draft of {page.slug}"
        if collection == "galleries":
            assert [photo["caption"] for photo in draft["photos"]] == [
                photo["caption"] for photo in published["photos"]
            ]
            assert draft["cover"] == published["cover"]
        else:
            assert draft["documents"] == published["documents"]


def test_a_national_editor_previews_their_own_language_only(client, adana):
    albanian, turkish = in_locale(adana, "sq"), in_locale(adana, "tr")
    new_draft(albanian, "sq-editor", title="Trajnim i ri (draft)")
    location = open_link("sq-editor", albanian)
    assert location.startswith("https://partner.example/sq/preview?token=")
    draft = preview(client, token_in(location))
    assert (draft["locale"], draft["title"]) == ("sq", "Trajnim i ri (draft)")

    # neither the Turkish translation nor the English source
    open_link("sq-editor", turkish, status=403)
    open_link("sq-editor", adana, status=403)
    # the link in the explorer's menus (the editor's admin speaks Albanian)
    admin = signed_in("sq-editor")
    own_listing = admin.get(reverse("wagtailadmin_explore", args=(albanian.get_parent().pk,)))
    assert "Hape në faqen e partnerit" in own_listing.content.decode()
    assert reverse("previews_open_on_partner_site", args=(albanian.pk,)) in own_listing.content.decode()
    # and in the translation editor's header menu
    editor = admin.get(reverse("wagtailadmin_pages:edit", args=(albanian.pk,)), follow=True).content.decode()
    assert "js-translation-editor" in editor
    assert reverse("previews_open_on_partner_site", args=(albanian.pk,)) in editor
    english_listing = admin.get(reverse("wagtailadmin_explore", args=(adana.get_parent().pk,)))
    assert "/partner-site/" not in english_listing.content.decode()


def test_a_translation_awaiting_review_is_previewed_by_its_editor_reviewer_and_moderator(client, adana):
    urdu = in_locale(adana, "ur")
    published_title = client.get(f"/api/v1/ur/events/{quote(urdu.slug)}/").json()["title"]
    new_draft(urdu, "ur-editor", title="نیا عنوان (مسودہ)")
    urdu.get_workflow().start(urdu, user("ur-editor"))
    urdu.refresh_from_db()
    assert urdu.workflow_in_progress
    for username in ("ur-editor", "ur-reviewer", "moderator"):
        draft = preview(client, token_in(open_link(username, urdu)))
        assert (draft["locale"], draft["direction"], draft["title"]) == ("ur", "rtl", "نیا عنوان (مسودہ)")
        assert draft["translation"]["source_locale"] == "en"
    open_link("tr-editor", urdu, status=403)
    # readers still see the published translation
    assert client.get(f"/api/v1/ur/events/{quote(urdu.slug)}/").json()["title"] == published_title


def test_a_token_shows_its_own_revision_and_no_later_one(client, adana):
    first = new_draft(adana, "moderator", title="Revision N")
    token = token_in(open_link("moderator", adana))
    new_draft(adana, "moderator", title="Revision N+1")
    assert preview(client, token)["title"] == "Revision N"
    assert preview(client, token_in(open_link("moderator", adana)))["title"] == "Revision N+1"
    # an earlier revision by its number, and only one of this page's
    assert preview(client, token_in(open_link("moderator", adana, revision=first)))["title"] == "Revision N"
    other = in_locale(adana, "tr").save_revision(user=user("moderator"))
    open_link("moderator", adana, revision=other, status=404)


def test_a_token_works_for_its_locale_only(client, adana):
    new_draft(in_locale(adana, "tr"), "tr-editor", title="Taslak başlık")
    token = token_in(open_link("tr-editor", in_locale(adana, "tr")))
    assert preview(client, token, locale="tr")["title"] == "Taslak başlık"
    for code in ("en", "sq"):
        error = preview(client, token, status=404, locale=code)["error"]
        assert "Taslak" not in str(error)


def test_tokens_expire_and_are_never_answered_from_the_cache(client, adana, settings):
    settings.PARTNER_PREVIEW_TOKEN_MINUTES = 2
    settings.API_CACHE_SECONDS = 3600  # the API's cache would keep a response for an hour
    new_draft(adana, "moderator", title="Draft for two minutes")
    token = token_in(open_link("moderator", adana))
    assert preview(client, token)["title"] == "Draft for two minutes"
    later = time.time() + 3 * 60
    with mock.patch("time.time", return_value=later):
        error = preview(client, token, status=403)["error"]
    assert (error["code"], error["field"]) == ("expired_token", "token")
    assert "Draft" not in str(error)

    # issued eleven minutes ago, under the default lifetime of ten
    settings.PARTNER_PREVIEW_TOKEN_MINUTES = 10
    revision = adana.get_latest_revision()
    with mock.patch("time.time", return_value=time.time() - 11 * 60):
        old = tokens.issue(revision.pk, "en", user("moderator").pk)
    assert preview(client, old, status=403)["error"]["code"] == "expired_token"


def test_tampered_and_foreign_tokens_are_refused(client, adana):
    revision = new_draft(adana, "moderator", title="Secret draft title")
    token = token_in(open_link("moderator", adana))
    moderator = user("moderator").pk
    forged = [
        token[:-1] + ("A" if token[-1] != "A" else "B"),  # the signature changed
        "x" + token,  # the payload changed
        signing.dumps({"r": revision.pk, "l": "en", "u": moderator}, compress=True),  # another salt
        signing.TimestampSigner(key="another-key", salt=tokens.SALT).sign_object(
            {"r": revision.pk, "l": "en", "u": moderator}
        ),
        "not-a-token",
    ]
    malformed = ["a" * 2000, "é:ü:ß", "two words"]  # not even made of what tokens are made of
    for wrong, status in [*((token, 403) for token in forged), *((token, 400) for token in malformed)]:
        error = preview(client, wrong, status=status)["error"]
        assert (error["code"], error["field"]) == ("invalid_token", "token"), wrong
        assert "Secret" not in str(error)
    assert preview(client, "", status=400)["error"]["code"] == "required"
    response = client.get("/api/v1/preview/")
    assert response.status_code == 400 and "no-store" in response["Cache-Control"]
    assert preview(client, token, status=400, page="2")["error"]["code"] == "unknown_parameter"


def test_a_token_fails_once_its_revision_is_gone_or_its_editor_may_no_longer_see_it(client, adana):
    albanian = in_locale(adana, "sq")
    revision = new_draft(albanian, "sq-editor", title="Një draft")
    token = token_in(open_link("sq-editor", albanian))
    assert preview(client, token)["title"] == "Një draft"
    editor = user("sq-editor")
    editor.groups.remove(roles.Group.objects.get(name=roles.editor_group_name("sq")))
    assert preview(client, token, status=404)["error"]["code"] == "not_found"
    editor.groups.add(roles.Group.objects.get(name=roles.editor_group_name("sq")))
    assert preview(client, token)["title"] == "Një draft"
    revision.delete()
    assert preview(client, token, status=404)["error"]["code"] == "not_found"


def test_nothing_is_offered_where_the_locale_has_no_preview_address(settings, adana):
    settings.PARTNER_PREVIEW_URL_TEMPLATES = {"tr": TEMPLATE}
    edit = signed_in("moderator").get(reverse("wagtailadmin_pages:edit", args=(adana.pk,))).content.decode()
    assert BUTTON not in edit
    open_link("moderator", adana, status=404)
    open_link("moderator", adana.get_parent(), status=404)  # a section page is never previewed


def test_a_token_shows_the_page_type_it_was_issued_for(client, adana):
    """A token names a revision, and the revision its page: no other item can be read with it."""
    new_draft(adana, "moderator", title="Only this event")
    body = preview(client, token_in(open_link("moderator", adana)))
    assert body["api_url"].endswith(f"/api/v1/en/events/{adana.slug}/")
