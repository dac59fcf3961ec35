"""A language's editors start and sync translations into their own language, without a moderator,
and into no other: wagtail-localize's "Translate" and "Sync" views, as the status overview links
them."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from editorial import localization
from pages.models import EventPage, Topic

pytestmark = pytest.mark.django_db


def login(client, username):
    client.force_login(get_user_model().objects.get(username=username))


def offered_locales(response):
    return sorted(locale.language_code for locale in response.context["form"].fields["locales"].queryset)


def start_url(page, code=None):
    url = reverse("wagtail_localize:submit_page_translation", args=(page.pk,))
    return f"{url}?select_locale={code}" if code else url


@pytest.mark.parametrize("username", ["sq-editor", "sq-reviewer"])
def test_an_editor_starts_a_translation_into_their_language(client, new_event, username):
    login(client, username)
    response = client.get(start_url(new_event, "sq"))
    assert response.status_code == 200
    assert offered_locales(response) == ["sq"]

    albanian = Locale.objects.get(language_code="sq")
    response = client.post(start_url(new_event), {"locales": [albanian.pk]})
    translated = new_event.get_translations().get(locale=albanian)
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=(translated.pk,))
    assert not translated.live  # a draft in their tree, to translate and submit for review
    assert Translation.objects.filter(source__object_id=new_event.translation_key).count() == 1
    assert client.get(response.url).status_code == 200  # the translation editor opens


def test_an_editor_starts_no_translation_into_another_language(client, new_event):
    login(client, "sq-editor")
    turkish = Locale.objects.get(language_code="tr")
    response = client.post(start_url(new_event), {"locales": [turkish.pk]})
    assert response.status_code == 200 and response.context["form"].errors
    assert not new_event.get_translations().exists()


def test_an_editor_starts_no_subtree_at_once(client, new_event):
    login(client, "sq-editor")
    response = client.get(start_url(new_event))
    assert response.context["form"].fields["include_subtree"].disabled  # what is posted is ignored


def test_an_editor_cannot_start_what_exists_in_their_language(client, adana):
    login(client, "sq-editor")  # adana has an Albanian translation
    response = client.get(start_url(adana, "sq"))
    assert response.status_code == 302 and response.url.rstrip("/").endswith("/admin")


def test_only_live_english_pages_are_translated_by_editors(client, new_event):
    login(client, "sq-editor")
    turkish_page = localization.translate(
        new_event, Locale.objects.get(language_code="tr"), lambda t: f"{t} tr"
    )
    draft = EventPage.objects.get(pk=new_event.pk)
    draft.unpublish()
    for page in (turkish_page, draft):
        response = client.get(start_url(page, "sq"))
        assert response.status_code == 302 and response.url.rstrip("/").endswith("/admin"), page


def test_an_editor_starts_a_snippet_translation_into_their_language(client):
    english = Locale.objects.get(language_code="en")
    topic = Topic.objects.create(name="Labour exploitation", code="labour-exploitation", locale=english)
    login(client, "ur-editor")
    url = reverse("wagtail_localize:submit_snippet_translation", args=("pages", "topic", topic.pk))
    assert offered_locales(client.get(url)) == ["ur"]
    urdu = Locale.objects.get(language_code="ur")
    client.post(url, {"locales": [urdu.pk]})
    assert list(topic.get_translations().values_list("locale__language_code", flat=True)) == ["ur"]


def test_moderators_still_start_translations_into_every_language(client, new_event):
    login(client, "moderator")
    response = client.get(start_url(new_event))
    assert offered_locales(response) == ["az", "bs", "ro", "sq", "tr", "ur"]
    assert not response.context["form"].fields["include_subtree"].disabled


def sync_url(page):
    source = TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)
    return reverse("wagtail_localize:update_translations", args=(source.pk,))


def test_an_editor_syncs_their_translation_without_publishing_it(
    client, new_event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        albanian = localization.translate(
            new_event, Locale.objects.get(language_code="sq"), lambda t: f"{t} sq"
        )
    albanian.refresh_from_db()
    live_title = albanian.title
    assert albanian.live
    new_event.summary = "Twenty shelter staff trained in victim identification."
    new_event.save_revision().publish()

    login(client, "sq-editor")
    url = sync_url(new_event)
    assert client.get(url).status_code == 200
    response = client.post(url, {})
    assert response.status_code == 302
    source = TranslationSource.objects.get(object_id=new_event.translation_key, locale=new_event.locale)
    assert StringSegment.objects.filter(source=source, string__data=new_event.summary).exists()
    albanian.refresh_from_db()
    assert albanian.live and albanian.title == live_title  # nothing published


def test_the_overview_syncs_an_editor_back_to_their_translation(
    client, new_event, django_capture_on_commit_callbacks
):
    """From *Outdated* the editor syncs and lands in the translation editor, new segments to
    translate, not in the English page's section of the explorer."""
    with django_capture_on_commit_callbacks(execute=True):
        albanian = localization.translate(
            new_event, Locale.objects.get(language_code="sq"), lambda t: f"{t} sq"
        )
    new_event.summary = "Twenty shelter staff trained in victim identification."
    new_event.save_revision().publish()

    login(client, "sq-editor")
    response = client.get(reverse("editorial_translation_status"))
    row = next(row for row in response.context["rows"] if row.pk == new_event.pk)
    (cell,) = row.cells
    assert cell.status == "outdated"
    form = client.get(cell.url)  # its hidden `next` is what the sync page posts
    response = client.post(cell.url, {"next": form.context["next_url"]})
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=(albanian.pk,))


def test_an_editor_syncs_no_source_without_a_translation_into_their_language(client, new_event):
    localization.translate(new_event, Locale.objects.get(language_code="tr"), lambda t: f"{t} tr")
    login(client, "sq-editor")
    url = sync_url(new_event)
    for response in (client.get(url), client.post(url, {})):
        assert response.status_code == 302 and response.url.rstrip("/").endswith("/admin")


def test_the_overview_links_an_editor_to_their_own_languages_next_steps_only(client, new_event):
    login(client, "sq-editor")
    response = client.get(reverse("editorial_translation_status") + "?locale=")
    row = next(row for row in response.context["rows"] if row.pk == new_event.pk)
    cells = {cell.language_code: cell for cell in row.cells}
    assert cells["sq"].url == start_url(new_event, "sq")
    assert client.get(cells["sq"].url).status_code == 200  # the start of their translation
    assert all(not cell.url and not cell.submit_url for code, cell in cells.items() if code != "sq")
    assert not row.url  # the English page's editor is not theirs
    html = response.content.decode()
    assert start_url(new_event, "tr").replace("&", "&amp;") not in html


@pytest.mark.parametrize("asked", ["", "tr", "sq"])
def test_an_editors_own_language_is_already_chosen(client, new_event, asked):
    login(client, "sq-editor")
    form = client.get(start_url(new_event, asked or None)).context["form"]
    assert [locale.language_code for locale in form.initial["locales"]] == ["sq"]
    assert form.fields["select_all"].widget.is_hidden  # one language: nothing to select all of
