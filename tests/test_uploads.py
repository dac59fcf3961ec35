"""Uploads through the admin: a file that is not what it says, too big or not allowed is refused
with a form error naming the problem, and nothing is stored (no row, no file)."""

import io
import os
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)">'
    b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>"
)


def png(width=20, height=20):
    out = io.BytesIO()
    PILImage.new("RGB", (width, height), "teal").save(out, "PNG")
    return out.getvalue()


def png_header_only(width, height):
    """A PNG that claims a size it does not have: how a decompression bomb starts."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))


def noise_png(size_bytes):
    """A real PNG of at least size_bytes (random pixels do not compress)."""
    side = int((size_bytes / 3) ** 0.5) + 1
    out = io.BytesIO()
    PILImage.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(out, "PNG", compress_level=0)
    return out.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    """Uploads land in an empty folder, so any file left behind shows."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(media):
    return sorted(str(path.relative_to(media)) for path in media.rglob("*") if path.is_file())


@pytest.fixture
def nothing_stored(media):
    """Fail unless the test leaves the image and document tables and the media folder as they were."""
    before = Image.objects.count(), Document.objects.count()
    yield
    assert (Image.objects.count(), Document.objects.count()) == before
    assert stored_files(media) == []


def upload_image(client, name, content):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Upload",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def upload_document(client, name, content):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Upload",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def form_error(response):
    assert response.status_code == 200, "the upload was accepted"
    errors = response.context["form"].errors
    assert list(errors) == ["file"], errors
    return " ".join(errors["file"])


def test_a_good_image_and_a_good_pdf_are_stored(admin_client, media):
    images, documents = Image.objects.count(), Document.objects.count()
    assert upload_image(admin_client, "photo.png", png()).status_code == 302
    assert upload_document(admin_client, "report.pdf", PDF).status_code == 302
    assert (Image.objects.count(), Document.objects.count()) == (images + 1, documents + 1)
    assert len(stored_files(media)) == 2


@pytest.mark.usefixtures("nothing_stored")
@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("photo.jpg", PDF, "Upload a valid image"),
        ("photo.jpg", b"just some text, not a picture\n", "Upload a valid image"),
        ("photo.jpg", png(), "does not match the file format (png)"),
        ("logo.svg", SVG_WITH_SCRIPT, "Not a supported image format"),
        ("logo.png", SVG_WITH_SCRIPT, "does not match the file format (svg)"),
        ("photo.png", b"", "The submitted file is empty"),
    ],
    ids=["pdf-as-jpg", "text-as-jpg", "png-as-jpg", "svg", "svg-as-png", "empty"],
)
def test_an_image_that_is_not_what_it_says_is_refused(admin_client, name, content, expected):
    assert expected in form_error(upload_image(admin_client, name, content))


@pytest.mark.usefixtures("nothing_stored")
def test_an_image_with_too_many_pixels_is_refused(admin_client, settings):
    # 8000 x 8000 declared in 100 bytes: refused before anything decodes it
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS < 8000 * 8000
    message = form_error(upload_image(admin_client, "bomb.png", png_header_only(8000, 8000)))
    assert "too many pixels (64000000)" in message


@pytest.mark.usefixtures("nothing_stored")
def test_an_absurdly_large_image_is_refused(admin_client):
    # far past Pillow's own decompression bomb limit
    message = form_error(upload_image(admin_client, "bomb.png", png_header_only(60_000, 60_000)))
    assert "too many pixels" in message


@pytest.mark.usefixtures("nothing_stored")
def test_a_truncated_image_is_refused(admin_client):
    whole = png(400, 300)
    message = form_error(upload_image(admin_client, "cut.png", whole[: len(whole) // 2]))
    assert "Upload a valid image" in message


@pytest.mark.usefixtures("nothing_stored")
def test_an_image_file_too_large_is_refused(admin_client, settings):
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * MB
    message = form_error(upload_image(admin_client, "big.png", noise_png(10 * MB + 1)))
    assert "This file is too big" in message and "10.0" in message


@pytest.mark.usefixtures("nothing_stored")
def test_a_pdf_too_large_is_refused(admin_client, settings):
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * MB
    big = PDF + b"%" + b"0" * (20 * MB)
    message = form_error(upload_document(admin_client, "report.pdf", big))
    assert "This file is too big" in message and "20.0" in message


@pytest.mark.usefixtures("nothing_stored")
@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("report.html", b"<html><script>alert(1)</script></html>", "File extension"),
        ("report.svg", SVG_WITH_SCRIPT, "File extension"),
        ("setup.exe", b"MZ\x90\x00\x03", "File extension"),
        ("report.pdf", b"<html><script>alert(1)</script></html>", "is not a .pdf file"),
        ("report.pdf", b"MZ\x90\x00\x03\x00\x00\x00", "is not a .pdf file"),
        ("report.docx", PDF, "is not a .docx file"),
        ("figures.csv", b"MZ\x90\x00\x03\x00\x00\x00", "is not a .csv file"),
    ],
    ids=["html", "svg", "exe", "html-as-pdf", "exe-as-pdf", "pdf-as-docx", "binary-as-csv"],
)
def test_a_document_not_allowed_or_in_disguise_is_refused(admin_client, name, content, expected):
    assert expected in form_error(upload_document(admin_client, name, content))


@pytest.mark.usefixtures("nothing_stored")
def test_the_multiple_uploader_refuses_the_same_files(admin_client):
    collection = Collection.get_first_root_node().pk
    for url, name, content in [
        (reverse("wagtailimages:add_multiple"), "logo.svg", SVG_WITH_SCRIPT),
        (reverse("wagtailimages:add_multiple"), "photo.jpg", PDF),
        (reverse("wagtaildocs:add_multiple"), "report.pdf", b"<html></html>"),
        (reverse("wagtaildocs:add_multiple"), "report.html", b"<html></html>"),
    ]:
        response = admin_client.post(
            url,
            {"files[]": SimpleUploadedFile(name, content), "collection": collection},
            headers={"x-requested-with": "XMLHttpRequest"},
        )
        assert response.status_code == 200, name
        assert response.json()["success"] is False, name
