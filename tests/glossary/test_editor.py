"""Translators see the glossary where they translate: above the translation editor (with the
segments that may not use an approved term) and in downloaded PO files, which upload as before."""

import html
import re

import polib
import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from glossary.models import GlossaryTerm
from pages.models import Organisation
from tests.content import in_locale, login_in_english

pytestmark = pytest.mark.django_db


def glossary_panel(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert response.status_code == 200
    found = re.search(r'<section class="thb-glossary-panel.*?</section>', response.content.decode(), re.S)
    return html.unescape(found.group(0)) if found else ""


def translation_of(page, code):
    return Translation.objects.get(source__object_id=page.translation_key, target_locale__language_code=code)


def retranslate(translation, path, text):
    segment = StringSegment.objects.get(source=translation.source, context__path=path)
    StringTranslation.objects.update_or_create(
        translation_of=segment.string,
        locale=translation.target_locale,
        context=segment.context,
        defaults={"data": text},
    )


def test_the_editor_shows_the_terms_on_the_page_with_their_places(client, adana):
    login_in_english(client, "sq-editor")
    shown = glossary_panel(client, in_locale(adana, "sq"))
    assert "glossary terms on this page" in shown
    # a term, its approved translation, its note and where it occurs
    assert re.search(r"<dt[^>]*>DGMM</dt>\s*<dd>.*?DGMM.*?declined with a hyphen: DGMM-së", shown, re.S)
    assert re.search(r"DGMM</dt>.*?In: Title\b", shown, re.S)
    assert "trafikimi i qenieve njerëzore" in shown
    # only terms that occur on the page, only the language's own entries
    assert "victim identification" not in shown and "GİGM" not in shown
    # the demo translation uses every approved term
    assert "may not use the approved" not in shown


def test_the_urdu_terms_are_right_to_left(client, adana):
    login_in_english(client, "ur-reviewer")
    shown = glossary_panel(client, in_locale(adana, "ur"))
    assert '<span lang="ur" dir="rtl"><strong>انسانی اسمگلنگ</strong></span>' in shown


def test_a_reviewer_sees_the_segments_that_do_not_use_an_approved_term(client, adana):
    translation = translation_of(adana, "sq")
    retranslate(
        translation, "title", "Trajnim ndërgjegjësues për personelin e Drejtorisë së Migracionit në Adana"
    )
    login_in_english(client, "sq-reviewer")
    shown = glossary_panel(client, in_locale(adana, "sq"))
    assert "1 translated segment may not use the approved term" in shown
    mismatches = shown.split("thb-glossary-panel__mismatches")[1]
    assert "<strong>Title</strong>:" in mismatches and "DGMM</span> →" in mismatches
    assert "Drejtorisë së Migracionit" in mismatches
    # an inflected form is no mismatch
    retranslate(translation, "title", "Trajnim për personelin e DGMM-së në Adana")
    assert "may not use the approved" not in glossary_panel(client, in_locale(adana, "sq"))


def test_a_language_without_terms_on_the_page_shows_no_glossary(client, adana):
    GlossaryTerm.objects.filter(locale__language_code="bs").delete()
    login_in_english(client, "bs-editor")
    assert glossary_panel(client, in_locale(adana, "bs")) == ""


def download(client, translation):
    response = client.get(reverse("wagtail_localize:download_pofile", args=(translation.pk,)))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f"-{translation.target_locale.language_code}.po")
    return polib.pofile(response.content.decode())


def test_a_po_download_carries_the_glossary_as_translator_comments(client, adana):
    login_in_english(client, "tr-editor")
    translation = translation_of(adana, "tr")
    po = download(client, translation)
    title = next(entry for entry in po if entry.msgctxt == "title")
    assert (
        "Glossary: DGMM = GİGM (Göç İdaresi Genel Müdürlüğü: the Turkish acronym, not DGMM.)"
        in title.tcomment
    )
    assert all(
        "Glossary: referral" not in entry.tcomment for entry in po if "referral" not in entry.msgid.lower()
    )
    assert "# Glossary: DGMM = GİGM" in str(po)

    # edited offline and uploaded with its comments, it imports
    title.msgstr = "Adana'da GİGM personeline yönelik insan ticaretiyle mücadele eğitimi"
    url = reverse("wagtail_localize:upload_pofile", args=(translation.pk,))
    response = client.post(
        f"{url}?next=/admin/", {"file": SimpleUploadedFile("page.po", str(po).encode())}, follow=True
    )
    messages = " ".join(str(message) for message in response.context["messages"])
    assert "Segments imported (changed by the file): 1." in messages
    assert StringTranslation.objects.filter(
        locale=translation.target_locale, context__path="title", data=title.msgstr
    ).exists()


def test_another_languages_po_download_is_refused(client, adana):
    login_in_english(client, "sq-editor")
    response = client.get(reverse("wagtail_localize:download_pofile", args=(translation_of(adana, "tr").pk,)))
    assert response.status_code in (302, 403)
    assert client.get("/admin/localize/translate/999999/pofile/download/").status_code == 404


def test_the_panel_speaks_the_editors_language_and_shows_on_snippets(client):
    client.force_login(get_user_model().objects.get(username="sq-editor"))  # the admin in Albanian
    dgmm = Organisation.objects.get(acronym="DGMM", locale__language_code="sq")
    response = client.get(AdminURLFinder().get_edit_url(dgmm))
    assert response.status_code == 200
    shown = html.unescape(response.content.decode())
    assert "term i fjalorit në këtë faqe" in shown and "DGMM-së" in shown
