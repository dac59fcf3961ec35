"""Checks of uploaded images and documents on top of Wagtail's own.

Documents: Wagtail checks the extension (WAGTAILDOCS_EXTENSIONS) and size
(WAGTAILDOCS_MAX_UPLOAD_SIZE) but not the content, so an HTML page or a program renamed
`report.pdf` would be stored and served as a PDF; DocumentForm refuses it.

Images: Wagtail opens every upload and refuses one whose format does not match its extension, but
it decodes the whole picture before counting its pixels (WAGTAILIMAGES_MAX_IMAGE_PIXELS), and a
truncated or corrupt file fails there with a server error. ImageForm counts the pixels from the
file's header first and turns a file that cannot be decoded into a form error.
"""

import os

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

HEAD_BYTES = 1024  # a PDF's header may follow a little junk, within the first kilobyte
ZIP = b"PK\x03\x04"  # docx, xlsx and odt are zip archives


def _is_pdf(head):
    return b"%PDF-" in head


def _is_zip(head):
    return head.startswith(ZIP)


def _is_text(head):
    return b"\x00" not in head


SIGNATURES = {
    "pdf": _is_pdf,
    "docx": _is_zip,
    "xlsx": _is_zip,
    "odt": _is_zip,
    "csv": _is_text,
    "txt": _is_text,
}


def file_matches_extension(uploaded):
    """False when the first bytes of the file contradict its extension (unknown extensions pass:
    Wagtail refuses those itself)."""
    extension = os.path.splitext(uploaded.name)[1].lower().lstrip(".")
    check = SIGNATURES.get(extension)
    if check is None:
        return True
    position = uploaded.tell()
    uploaded.seek(0)
    head = uploaded.read(HEAD_BYTES)
    uploaded.seek(position)
    return check(head)


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE), refusing a file in disguise."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data and not file_matches_extension(uploaded):
            raise ValidationError(
                _("The content of this file is not a .%(extension)s file; upload the document itself.")
                % {"extension": os.path.splitext(uploaded.name)[1].lower().lstrip(".")},
                code="invalid_document_content",
            )
        return uploaded


class ImageField(WagtailImageField):
    """Wagtail's image field, counting pixels before decoding and never failing with a server error."""

    def check_image_pixel_size(self, f):
        f.seek(0)
        try:
            with PILImage.open(f) as header:  # reads the header, decodes nothing
                pixels = header.width * header.height * getattr(header, "n_frames", 1)
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
            pixels = None  # more than Pillow itself accepts
        except Exception as error:  # any reason Pillow cannot read it
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from error
        finally:
            f.seek(0)
        if pixels is None or (self.max_image_pixels and pixels > self.max_image_pixels):
            raise ValidationError(
                self.error_messages["file_too_many_pixels"]
                % {
                    "num_pixels": pixels or f"> {self.max_image_pixels}",
                    "max_pixels_count": self.max_image_pixels,
                },
                code="file_too_many_pixels",
            )
        try:
            super().check_image_pixel_size(f)
        except (OSError, SyntaxError, ValueError) as error:  # truncated or corrupt image data
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from error


class ImageForm(BaseImageForm):
    """Wagtail's image form (WAGTAILIMAGES_IMAGE_FORM_BASE) with the stricter ImageField."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None:
            self.fields["file"] = ImageField(
                label=field.label, required=field.required, widget=field.widget, help_text=field.help_text
            )
