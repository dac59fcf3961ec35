"""Checks on what translators send to wagtail-localize's editor, before it is stored.

A language may replace the address of a link in rich text, or a synchronised URL such as an
organisation's website, with its own ("overrides"). wagtail-localize stores whatever is sent, and
the address ends up in the published page's `href`: a `javascript:` address would run in the
browser of every reader of a partner site. Such an address is refused with a 400 and a message.
"""

import io
from functools import wraps

from django.http import JsonResponse, QueryDict
from django.http.multipartparser import MultiPartParser
from django.utils.translation import gettext as _
from wagtail.whitelist import check_url
from wagtail_localize.models import OverridableSegment


def submitted_value(request) -> str:
    """The `value` of a PUT from the translation editor (form data, as its script sends it)."""
    body = request.body  # Django keeps the body, so the view can still read it
    if request.content_type == "multipart/form-data":
        data, _files = MultiPartParser(
            request.META, io.BytesIO(body), request.upload_handlers, request.encoding
        ).parse()
    else:
        data = QueryDict(body, encoding=request.encoding)
    return data.get("value", "")


def is_safe_address(address: str) -> bool:
    """http(s), mailto, tel or a relative address; never javascript:, data: and the like."""
    return check_url(address) is not None


def safe_override_addresses(view):
    """Wrap wagtail-localize's override edit view: an address override must be a safe address."""

    @wraps(view)
    def wrapper(request, translation_id, overridable_segment_id, *args, **kwargs):
        if request.method == "PUT":
            segment = OverridableSegment.objects.filter(pk=overridable_segment_id).first()
            # overrides of images and documents are ids; those of addresses are text
            is_address = segment is not None and isinstance(segment.data, str)
            if is_address and not is_safe_address(submitted_value(request)):
                message = _("This address is not allowed: use an http, https or mailto address.")
                return JsonResponse({"value": [message]}, status=400)
        return view(request, translation_id, overridable_segment_id, *args, **kwargs)

    return wrapper
