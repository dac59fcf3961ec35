"""A national editor reaches nothing of another language's pages or snippets through the admin.

Each admin view that shows or changes a page, its revisions, its translation or its drafts is
tried by an Azerbaijani editor on the English source and on its Turkish translation, which holds
an unpublished draft. Every attempt must be refused (403, or Wagtail's redirect with "permission
denied") and no response may carry the draft's or the page's text.
"""

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import OverridableSegment, StringSegment, Translation, TranslationSource

from pages.models import EventPage, Organisation

pytestmark = pytest.mark.django_db

SECRET_DRAFT = "Gizli taslak: mağdur tanıklığı"


@pytest.fixture
def turkish(adana):
    page = adana.get_translations().get(locale__language_code="tr").specific
    page.title = SECRET_DRAFT
    page.save_revision()
    return EventPage.objects.get(pk=page.pk)


def translation_for(instance, code):
    return Translation.objects.get(
        source__object_id=instance.translation_key, target_locale__language_code=code
    )


def page_views(page):
    """(name, method, url) of every admin view on one page."""
    live, latest = page.live_revision_id, page.latest_revision_id
    pages = "wagtailadmin_pages"
    return [
        ("edit", "get", reverse(f"{pages}:edit", args=(page.pk,))),
        ("preview", "get", reverse(f"{pages}:preview_on_edit", args=(page.pk,)) + "?mode="),
        ("view draft", "get", reverse(f"{pages}:view_draft", args=(page.pk,))),
        ("copy", "get", reverse(f"{pages}:copy", args=(page.pk,))),
        ("copy (submit)", "post", reverse(f"{pages}:copy", args=(page.pk,))),
        ("history", "get", reverse(f"{pages}:history", args=(page.pk,))),
        ("history results", "get", reverse(f"{pages}:history_results", args=(page.pk,))),
        ("revision view", "get", reverse(f"{pages}:revisions_view", args=(page.pk, latest))),
        ("revert", "get", reverse(f"{pages}:revisions_revert", args=(page.pk, live))),
        ("compare", "get", reverse(f"{pages}:revisions_compare", args=(page.pk, "live", "latest"))),
        ("compare ids", "get", reverse(f"{pages}:revisions_compare", args=(page.pk, live, latest))),
        ("workflow history", "get", reverse(f"{pages}:workflow_history", args=(page.pk,))),
        ("usage", "get", reverse(f"{pages}:usage", args=(page.pk,))),
        ("unpublish", "get", reverse(f"{pages}:unpublish", args=(page.pk,))),
        ("delete", "get", reverse(f"{pages}:delete", args=(page.pk,))),
        ("move", "get", reverse(f"{pages}:move", args=(page.pk,))),
        ("privacy", "get", reverse(f"{pages}:set_privacy", args=(page.pk,))),
        ("translate this page", "get", reverse("wagtail_localize:submit_page_translation", args=(page.pk,))),
        ("translate (submit)", "post", reverse("wagtail_localize:submit_page_translation", args=(page.pk,))),
        ("convert to alias", "get", reverse("wagtail_localize:convert_to_alias", args=(page.pk,))),
        ("submit for review", "post", reverse("editorial_submit_translation", args=(page.pk,))),
    ]


def translation_views(translation):
    """(name, method, url) of wagtail-localize's views on one translation."""
    pk = translation.pk
    segment = StringSegment.objects.filter(source=translation.source).first()
    views = [
        ("PO download", "get", reverse("wagtail_localize:download_pofile", args=(pk,))),
        ("PO upload", "post", reverse("wagtail_localize:upload_pofile", args=(pk,))),
        ("machine translation", "post", reverse("wagtail_localize:machine_translate", args=(pk,))),
        ("stop translation", "post", reverse("wagtail_localize:stop_translation", args=(pk,))),
        ("segment edit", "put", reverse("wagtail_localize:edit_string_translation", args=(pk, segment.pk))),
    ]
    if translation.source.specific_content_type.model_class() is EventPage:
        views.append(
            ("preview translation", "get", reverse("wagtail_localize:preview_translation", args=(pk,)))
        )
    override = OverridableSegment.objects.filter(source=translation.source).first()
    if override is not None:
        views.append(
            ("override edit", "put", reverse("wagtail_localize:edit_override", args=(pk, override.pk)))
        )
    return views


def call(client, method, url):
    if method == "put":
        return client.put(url, "value=x", content_type="application/x-www-form-urlencoded")
    return getattr(client, method)(url)


def assert_refused(response, *secrets):
    assert response.status_code == 403 or (
        response.status_code == 302 and response.url.rstrip("/").endswith("/admin")
    ), (response.status_code, response.get("Location"))
    body = response.content.decode()
    for secret in secrets:
        assert secret not in body


@pytest.fixture
def azerbaijani_editor(client, member):
    client.force_login(member("Azerbaijani editors"))
    return client


@pytest.mark.parametrize("target", ["en", "tr"])
def test_no_page_view_of_another_language_opens(azerbaijani_editor, adana, turkish, target):
    page = adana if target == "en" else turkish
    revisions_before = page.revisions.count()
    for name, method, url in page_views(page):
        response = call(azerbaijani_editor, method, url)
        try:
            assert_refused(response, SECRET_DRAFT, page.title)
        except AssertionError as error:
            raise AssertionError(f"{name} ({method.upper()} {url}) was not refused: {error}") from error
    page.refresh_from_db()
    assert page.revisions.count() == revisions_before
    assert EventPage.objects.filter(translation_key=adana.translation_key).count() == 7  # nothing copied


@pytest.mark.parametrize("model", ["page", "snippet"])
def test_no_translation_view_of_another_language_opens(azerbaijani_editor, adana, turkish, model):
    if model == "page":
        instance, secrets = adana, (SECRET_DRAFT, turkish.title)
    else:
        instance = Organisation.objects.filter(locale__language_code="en").first()
        TranslationSource.get_or_create_from_instance(instance)
        translated = instance.get_translation(Locale.objects.get(language_code="tr"))
        secrets = (translated.name,) if translated.name != instance.name else ()
    translation = translation_for(instance, "tr")
    for name, method, url in translation_views(translation):
        response = call(azerbaijani_editor, method, url)
        try:
            assert_refused(response, *secrets)
        except AssertionError as error:
            raise AssertionError(f"{name} ({method.upper()} {url}) was not refused: {error}") from error
    translation.refresh_from_db()
    assert translation.enabled


def test_the_own_language_stays_open(client, member, adana, turkish):
    """The same views work for the page's own editors, so the refusals above are about language."""
    client.force_login(member("Turkish editors"))
    pages = "wagtailadmin_pages"
    for url in (
        reverse(f"{pages}:history", args=(turkish.pk,)),
        reverse(f"{pages}:revisions_compare", args=(turkish.pk, "live", "latest")),
        reverse(f"{pages}:preview_on_edit", args=(turkish.pk,)) + "?mode=",
        reverse("wagtail_localize:download_pofile", args=(translation_for(adana, "tr").pk,)),
    ):
        assert client.get(url).status_code == 200, url


def test_another_languages_drafts_are_not_listed_in_the_explorer_or_search(azerbaijani_editor, turkish):
    index = turkish.get_parent()
    for url in (
        reverse("wagtailadmin_explore", args=(index.pk,)),
        reverse("wagtailadmin_pages:search") + "?q=Gizli",
        reverse("wagtailadmin_pages:search_results") + "?q=Gizli",
    ):
        response = azerbaijani_editor.get(url)
        assert SECRET_DRAFT not in response.content.decode(), url
