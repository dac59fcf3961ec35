"""Offline translation through PO files: a good file is imported, a bad one changes nothing."""

import tempfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail_localize.models import StringTranslation, Translation

from editorial import roles
from pages.models import EventPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def translation():
    adana = EventPage.objects.get(locale__language_code="en", slug="dgmm-awareness-training-adana-2016")
    return Translation.objects.get(source__object_id=adana.translation_key, target_locale__language_code="tr")


@pytest.fixture
def turkish_editor(client, django_user_model):
    user = django_user_model.objects.create_user("po-translator", password="pw")
    user.groups.add(roles.Group.objects.get(name=roles.editor_group_name("tr")))
    client.force_login(user)
    return client


def stored(translation):
    return sorted(
        StringTranslation.objects.filter(
            locale=translation.target_locale, context__object_id=translation.source.object_id
        ).values_list("context__path", "data")
    )


def upload(client, translation, content, name="page.po"):
    url = reverse("wagtail_localize:upload_pofile", args=(translation.pk,))
    response = client.post(f"{url}?next=/admin/", {"file": SimpleUploadedFile(name, content)}, follow=True)
    assert response.status_code == 200
    return " ".join(str(message) for message in response.context["messages"])


def edited_po(translation, change):
    po = translation.export_po()
    for entry in po:
        change(entry)
    return str(po).encode("utf-8")


def test_a_good_file_is_imported(turkish_editor, translation):
    def retranslate(entry):
        if entry.msgctxt == "summary":
            entry.msgstr = "Adana bölgesindeki GİGM personeline yönelik güncellenmiş özet."

    message = upload(turkish_editor, translation, edited_po(translation, retranslate))
    # the file holds every translated segment; the message counts the one it changes
    assert "Segments imported (changed by the file): 1." in message
    assert ("summary", "Adana bölgesindeki GİGM personeline yönelik güncellenmiş özet.") in stored(
        translation
    )


def test_a_file_that_changes_nothing_says_so(turkish_editor, translation):
    before = stored(translation)
    message = upload(turkish_editor, translation, str(translation.export_po()).encode("utf-8"))
    assert message == "The file changes nothing: its translations are already stored."
    assert stored(translation) == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x00\xff\xfe not a po file at all", "This is not a valid PO file: it is not UTF-8 text."),
        (b'msgid "no header"\nmsgstr "x"\n', "another page or language"),
        (b'msgid "a"\nmsgstr "b"\nnot po at all\n', "This is not a valid PO file: line 3 cannot be read."),
        (b'msgid "a"\nmsgstr "an "unescaped" quote"\n', "line 2 cannot be read"),
    ],
)
def test_a_malformed_file_is_rejected(turkish_editor, translation, content, expected):
    before = stored(translation)
    message = upload(turkish_editor, translation, content)
    assert expected in message
    # polib names the file it read, a temporary file on the server
    assert tempfile.gettempdir() not in message and ".po" not in message
    assert stored(translation) == before


def test_a_file_of_another_language_is_rejected(turkish_editor, translation):
    albanian = Translation.objects.get(source=translation.source, target_locale__language_code="sq")
    before = stored(translation)
    message = upload(turkish_editor, translation, str(albanian.export_po()).encode())
    assert "another page or language" in message
    assert stored(translation) == before


def test_markup_in_a_translation_rejects_the_whole_file(turkish_editor, translation):
    def inject(entry):
        if entry.msgctxt == "summary":
            entry.msgstr = 'Özet <script>alert("x")</script>'
        elif entry.msgctxt == "title":
            entry.msgstr = "Yeni başlık"

    before = stored(translation)
    message = upload(turkish_editor, translation, edited_po(translation, inject))
    assert "Nothing was imported" in message and "<script> tag is not allowed" in message
    assert stored(translation) == before  # not even the valid title


def test_a_huge_file_is_rejected(turkish_editor, translation, settings):
    settings.PO_UPLOAD_MAX_BYTES = 1024
    assert "too large" in upload(turkish_editor, translation, b"#" * 4096)


def test_an_editor_of_another_language_cannot_upload(client, django_user_model, translation):
    user = django_user_model.objects.create_user("az-po", password="pw")
    user.groups.add(roles.Group.objects.get(name=roles.editor_group_name("az")))
    client.force_login(user)
    url = reverse("wagtail_localize:upload_pofile", args=(translation.pk,))
    before = stored(translation)
    good = str(translation.export_po()).encode("utf-8")
    response = client.post(url, {"file": SimpleUploadedFile("page.po", good)})
    assert response.status_code == 403 or "/admin/login" not in response.get("Location", "/admin/login")
    assert response.status_code != 200 and stored(translation) == before


def test_a_file_of_another_page_is_rejected(turkish_editor, translation):
    workshop = EventPage.objects.get(locale__language_code="en", slug="media-reporting-workshop-2017")
    other_page = Translation.objects.get(
        source__object_id=workshop.translation_key, target_locale=translation.target_locale
    )
    before = stored(translation)
    message = upload(turkish_editor, translation, str(other_page.export_po()).encode())
    assert "another page or language" in message
    assert stored(translation) == before
