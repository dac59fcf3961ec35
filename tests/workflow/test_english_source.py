"""The English source screen: translators read an English item they may not open in Wagtail's
editor, and start, sync or open its translation into their own languages from there, never into
another language."""

import re
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from editorial import localization
from pages.models import EventPage, Topic
from tests.content import in_locale

pytestmark = pytest.mark.django_db


def login(client, username):
    client.force_login(get_user_model().objects.get(username=username))


def source_url(kind, pk):
    return reverse("editorial_english_source", args=(kind, pk))


def start_url(page, code):
    return f"{reverse('wagtail_localize:submit_page_translation', args=(page.pk,))}?select_locale={code}"


def actions(response):
    """{(action, language code): address} of the header's action links."""
    html = response.content.decode()
    found = {}
    for tag in re.findall(r"<a [^>]*data-source-action[^>]*>", html):
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', tag))
        found[(attrs["data-source-action"], attrs.get("data-locale"))] = attrs["href"].replace("&amp;", "&")
    return found


def translate(page, code, capture):
    with capture(execute=True):  # wagtail-localize publishes on commit
        return localization.translate(page, Locale.objects.get(language_code=code), lambda t: f"{t} {code}")


def test_an_editor_starts_a_translation_from_the_english_source(client, new_event):
    login(client, "sq-editor")  # the demo's Albanian editor sees the admin in Albanian
    response = client.get(source_url("event", new_event.pk))
    assert response.status_code == 200
    assert response.context["LANGUAGE_CODE"] == "sq"
    assert actions(response) == {("start", "sq"): start_url(new_event, "sq")}
    (language,) = response.context["languages"]
    assert language.actions[0].label == "Përkthe në shqip"  # their language, named in Albanian
    assert new_event.title in response.content.decode()  # what they translate, to read first

    form = client.get(actions(response)[("start", "sq")])
    assert [locale.language_code for locale in form.context["form"].fields["locales"].queryset] == ["sq"]
    albanian = Locale.objects.get(language_code="sq")
    response = client.post(start_url(new_event, "sq"), {"locales": [albanian.pk]})
    translated = in_locale(new_event, "sq")
    assert response.url == reverse("wagtailadmin_pages:edit", args=(translated.pk,))
    assert not translated.live  # a draft in their tree

    # now the translation is theirs to open, and nothing is left to start
    response = client.get(source_url("event", new_event.pk))
    assert actions(response) == {("open", "sq"): reverse("wagtailadmin_pages:edit", args=(translated.pk,))}


def test_another_language_is_neither_offered_nor_accepted(client, new_event):
    login(client, "sq-editor")
    response = client.get(source_url("event", new_event.pk))
    assert [language.code for language in response.context["languages"]] == ["sq"]
    assert 'data-locale="tr"' not in response.content.decode()

    turkish = Locale.objects.get(language_code="tr")
    response = client.post(start_url(new_event, "tr"), {"locales": [turkish.pk]})
    assert response.status_code == 200 and response.context["form"].errors
    assert not new_event.get_translations().exists()


def test_an_outdated_translation_is_synced_from_the_english_source(
    client, new_event, django_capture_on_commit_callbacks
):
    albanian = translate(new_event, "sq", django_capture_on_commit_callbacks)
    new_event.summary = "Twenty shelter staff trained in victim identification."
    new_event.save_revision().publish()

    login(client, "sq-editor")
    found = actions(client.get(source_url("event", new_event.pk)))
    edit = reverse("wagtailadmin_pages:edit", args=(albanian.pk,))
    source = TranslationSource.objects.get(object_id=new_event.translation_key, locale=new_event.locale)
    sync = reverse("wagtail_localize:update_translations", args=(source.pk,))
    assert found == {("sync", "sq"): f"{sync}?{urlencode({'next': edit})}", ("open", "sq"): edit}

    form = client.get(found[("sync", "sq")])
    response = client.post(found[("sync", "sq")], {"next": form.context["next_url"]})
    assert response.status_code == 302 and response.url == edit
    albanian.refresh_from_db()
    assert albanian.title == f"{new_event.title} sq"  # synced, nothing published
    assert ("sync", "sq") not in actions(client.get(source_url("event", new_event.pk)))


def test_each_language_sees_its_own_actions_only(client, new_event, django_capture_on_commit_callbacks):
    translate(new_event, "sq", django_capture_on_commit_callbacks)
    login(client, "tr-editor")
    response = client.get(source_url("event", new_event.pk))
    assert actions(response) == {("start", "tr"): start_url(new_event, "tr")}
    # the Albanian translation's sync and editor are not theirs
    source = TranslationSource.objects.get(object_id=new_event.translation_key, locale=new_event.locale)
    sync = reverse("wagtail_localize:update_translations", args=(source.pk,))
    assert client.post(sync, {}).url.rstrip("/").endswith("/admin")


def test_reviewers_start_translations_too(client, new_event):
    login(client, "sq-reviewer")
    assert actions(client.get(source_url("event", new_event.pk))) == {
        ("start", "sq"): start_url(new_event, "sq")
    }


@pytest.mark.parametrize("username", ["en-editor", None])
def test_users_who_translate_nothing_are_refused(client, new_event, username):
    if username:
        login(client, username)  # content editors write English: they have Wagtail's editor
    response = client.get(source_url("event", new_event.pk))
    assert response.status_code == 302
    if username:
        assert response.url.rstrip("/").endswith("/admin")  # Wagtail's "permission denied"
    else:
        assert response.url.startswith(reverse("wagtailadmin_login"))


def test_unknown_and_hidden_items_are_not_found(client, new_event, adana):
    login(client, "sq-editor")
    draft = EventPage.objects.get(pk=new_event.pk)
    draft.unpublish()  # an English draft's title is not for translators
    for url in (
        source_url("event", 999999),
        source_url("workshop", new_event.pk),
        source_url("assessment", new_event.pk),
        source_url("event", in_locale(adana, "sq").pk),  # a translation is no English source
        source_url("event", new_event.pk),
        "/admin/translation-status/source/event/not-a-number/",
    ):
        assert client.get(url).status_code == 404, url


def test_moderators_get_every_languages_actions(client, adana):
    login(client, "moderator")
    response = client.get(source_url("event", adana.pk))
    found = actions(response)
    assert {code for _action, code in found if code} == {"sq", "az", "bs", "ro", "ur", "tr"}
    for code in ("sq", "az", "bs", "ro", "ur", "tr"):
        translations = adana.get_translations().filter(alias_of__isnull=True)
        translated = translations.filter(locale__language_code=code).first()
        if translated is None:
            assert found[("start", code)] == start_url(adana, code)
        else:
            assert found[("open", code)] == reverse("wagtailadmin_pages:edit", args=(translated.pk,))
    assert found[("edit", None)] == reverse("wagtailadmin_pages:edit", args=(adana.pk,))


def test_a_snippet_translation_starts_from_its_english_source(client):
    english = Locale.objects.get(language_code="en")
    topic = Topic.objects.create(
        name="Labour exploitation", code="labour-exploitation", description="Forced work.", locale=english
    )
    login(client, "ur-editor")
    response = client.get(source_url("topic", topic.pk))
    assert "Forced work." in response.content.decode()
    url = reverse("wagtail_localize:submit_snippet_translation", args=("pages", "topic", topic.pk))
    assert actions(response) == {("start", "ur"): f"{url}?select_locale=ur"}
    client.post(url, {"locales": [Locale.objects.get(language_code="ur").pk]})
    (urdu,) = topic.get_translations()
    edit = reverse(Topic.snippet_viewset.get_url_name("edit"), args=(urdu.pk,))
    assert actions(client.get(source_url("topic", topic.pk))) == {("open", "ur"): edit}


def test_the_overview_titles_lead_to_the_english_source(client, new_event):
    for username in ("sq-editor", "moderator"):
        login(client, username)
        html = client.get(reverse("editorial_translation_status")).content.decode()
        assert f'href="{source_url("event", new_event.pk)}"' in html, username
    login(client, "en-editor")  # translates nothing: no source screen to lead to
    html = client.get(reverse("editorial_translation_status")).content.decode()
    assert source_url("event", new_event.pk) not in html


def test_the_translation_editor_links_to_the_english_source(client, adana):
    login(client, "sq-editor")
    albanian = in_locale(adana, "sq")
    response = client.get(reverse("wagtailadmin_pages:edit", args=(albanian.pk,)))
    assert f'href="{source_url("event", adana.pk)}"' in response.content.decode()
    # and the translation's header menu in the explorer (Wagtail's page header buttons)
    response = client.get(reverse("wagtailadmin_explore", args=(albanian.pk,)))
    assert f'href="{source_url("event", adana.pk)}"' in response.content.decode()
    login(client, "tr-editor")  # no reader of Albanian pages: no link (and no editor) for them
    response = client.get(reverse("wagtailadmin_pages:edit", args=(albanian.pk,)))
    assert source_url("event", adana.pk) not in response.content.decode()
