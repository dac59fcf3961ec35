"""Checks on what translators send to wagtail-localize's editor, before it is stored.

The editor's script sends each segment's translation, and each override, as form data with a
`value`. wagtail-localize reads `request.POST["value"]` and stores whatever is there: without a
`value`, or with a body that is not form data, the view fails with a server error. So a PUT is
answered 400 with a JSON message unless it sends a `value` as form data, without control
characters (never part of a translation; PostgreSQL refuses NUL).

A language may replace the address of a link in rich text, or a synchronised URL such as an
organisation's website, with its own ("overrides"). wagtail-localize stores whatever is sent, and
the address ends up in the published page's `href`: a `javascript:` address would run in the
browser of every reader of a partner site. Such an address is refused. An override of an image,
a document or a page is its id: anything but the number of an existing one would make
publishing the translation fail, so it is refused too, as is an image or document of a private
collection (readers would never see it, and partners would find the item without it).
"""

import io
import re
from functools import wraps

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import JsonResponse, QueryDict
from django.http.multipartparser import MultiPartParser, MultiPartParserError
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.whitelist import check_url
from wagtail_localize.models import OverridableSegment

from media_library.privacy import is_private

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # all but tab and line breaks
MAX_ID_DIGITS = 18  # a larger number is no database id (and overflows SQLite's integers)


class Refused(Exception):
    """What was sent cannot be stored; the message says why."""


def submitted_value(request) -> str:
    """The `value` of a PUT from the translation editor (form data, as its script sends it)."""
    if request.content_type not in FORM_TYPES:
        raise Refused(_("Send the translation as form data with a value."))
    body = request.body  # Django keeps the body, so the view can still read it
    if request.content_type == "multipart/form-data":
        try:
            data, _files = MultiPartParser(
                request.META, io.BytesIO(body), request.upload_handlers, request.encoding
            ).parse()
        except MultiPartParserError:
            raise Refused(_("Send the translation as form data with a value.")) from None
    else:
        data = QueryDict(body, encoding=request.encoding)
    values = data.getlist("value")
    if not values:
        raise Refused(_("The value is missing."))
    value = values[-1]  # the one wagtail-localize reads
    if CONTROL_CHARACTERS.search(value):
        raise Refused(_("The value contains a control character."))
    return value


def is_safe_address(address: str) -> bool:
    """http(s), mailto, tel or a relative address; never javascript:, data: and the like."""
    return check_url(address) is not None


def chosen_model(segment: OverridableSegment) -> type[models.Model] | None:
    """The model whose id an override holds (image, document, page), or None if it cannot be told."""
    model = segment.source.specific_content_type.model_class()
    names = (segment.context.field_path or "").split(".")
    try:
        field = model._meta.get_field(names[0])
        for name in names[1:]:
            if isinstance(field, models.ManyToOneRel):  # a child object, such as a gallery's photo
                field = field.related_model._meta.get_field(name)
            elif isinstance(field, StreamField):
                field = field.stream_block
            if isinstance(field, blocks.StreamBlock | blocks.StructBlock):
                field = field.child_blocks[name]
            elif isinstance(field, blocks.ListBlock):
                field = field.child_block
    except (FieldDoesNotExist, KeyError):
        return None
    if isinstance(field, models.ForeignKey):
        return field.related_model
    if isinstance(field, blocks.ChooserBlock):
        return field.target_model
    return None


def override_refusal(segment: OverridableSegment, value: str) -> str | None:
    """Why this override cannot be stored, or None."""
    if isinstance(segment.data, str):
        if not is_safe_address(value):
            return _("This address is not allowed: use an http, https or mailto address.")
        return None
    if not (value.isascii() and value.isdigit() and len(value) <= MAX_ID_DIGITS):
        return _("Choose an image, a document or a page: a number is expected.")
    model = chosen_model(segment)
    if model is None:
        return None
    chosen = model._default_manager.filter(pk=int(value)).first()
    if chosen is None:
        return _("This image, document or page does not exist.")
    if hasattr(chosen, "collection_id") and is_private(chosen):
        return _("This image or document is in a private collection: choose one that readers may see.")
    return None


def refusal(message: str) -> JsonResponse:
    return JsonResponse({"value": [message]}, status=400)


def well_formed_translation(view):
    """Wrap wagtail-localize's segment edit view: a PUT must send a `value` as form data."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "PUT":
            try:
                submitted_value(request)
            except Refused as refused:
                return refusal(str(refused))
        return view(request, *args, **kwargs)

    return wrapper


def safe_override_addresses(view):
    """Wrap wagtail-localize's override edit view: a well-formed `value`, a safe address, an existing
    image, document or page."""

    @wraps(view)
    def wrapper(request, translation_id, overridable_segment_id, *args, **kwargs):
        if request.method == "PUT":
            try:
                value = submitted_value(request)
            except Refused as refused:
                return refusal(str(refused))
            segment = OverridableSegment.objects.filter(pk=overridable_segment_id).first()
            message = override_refusal(segment, value) if segment is not None else None
            if message:
                return refusal(message)
        return view(request, translation_id, overridable_segment_id, *args, **kwargs)

    return wrapper
