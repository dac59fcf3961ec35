"""Offline translators' PO uploads, checked whole before anything is imported.

wagtail-localize's own upload imports whatever it can and stays silent about the rest: a PO
file made for another page imports nothing, strings with disallowed HTML are stored flagged and
published in English, and a file without its header fails with a server error. This view takes
its place (same URL): the file is parsed and every entry checked first; if anything is wrong the
translator gets a message naming it and nothing is changed.
"""

import contextlib
import os
import re
import tempfile

import polib
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.auth import require_admin_access
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationContext
from wagtail_localize.strings import StringValue, validate_translation_links
from wagtail_localize.views.edit_translation import user_can_edit_instance

MAX_PROBLEMS_SHOWN = 5


class RejectedUpload(Exception):
    """The PO file cannot be imported; the message says why."""


def parse_po(upload):
    if upload is None:
        raise RejectedUpload(_("Choose a PO file to upload."))
    if upload.size > settings.PO_UPLOAD_MAX_BYTES:
        raise RejectedUpload(
            _("The file is too large (%(size)s KB); a PO file of one page is at most %(limit)s KB.")
            % {"size": upload.size // 1024, "limit": settings.PO_UPLOAD_MAX_BYTES // 1024}
        )
    # polib reads a file name or a PO text; a temporary file keeps it from opening paths named in the upload
    with tempfile.NamedTemporaryFile(suffix=".po", delete=False) as temporary:
        temporary.write(upload.read())
    try:
        return polib.pofile(temporary.name, encoding="utf-8")
    except UnicodeDecodeError as error:
        raise RejectedUpload(_("This is not a valid PO file: it is not UTF-8 text.")) from error
    except (OSError, ValueError) as error:
        # polib's messages name the temporary file, a path on the server: only the line is shown
        line = re.search(r"\(line (\d+)\)", str(error))
        if line is None:
            raise RejectedUpload(_("This is not a valid PO file.")) from error
        raise RejectedUpload(
            _("This is not a valid PO file: line %(line)s cannot be read.") % {"line": line[1]}
        ) from error
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary.name)


def problems_with(po, translation):
    """Everything that stops the whole file from being imported, as messages."""
    if po.metadata.get("X-WagtailLocalize-TranslationID") != str(translation.uuid):
        return [
            _("This PO file was made for another page or language; download this translation's own file.")
        ]
    contexts = set(
        TranslationContext.objects.filter(object_id=translation.source.object_id).values_list(
            "path", flat=True
        )
    )
    used = set(
        StringSegment.objects.filter(source=translation.source).values_list("string__data", "context__path")
    )
    problems = []
    for entry in po:
        if not entry.msgstr or entry.obsolete:
            continue
        if entry.msgctxt not in contexts or (entry.msgid, entry.msgctxt) not in used:
            problems.append(_("Line %(line)s: this text is not part of the page.") % {"line": entry.linenum})
            continue
        try:
            StringValue.from_translated_html(entry.msgstr)
            validate_translation_links(entry.msgid, entry.msgstr)
        except ValueError as error:
            problems.append(_("Line %(line)s: %(error)s") % {"line": entry.linenum, "error": error})
    return problems


def stored_translations(translation):
    """The translation's stored text of each segment, by (context, source string)."""
    rows = StringTranslation.objects.filter(
        locale=translation.target_locale, context__object_id=translation.source.object_id
    ).values_list("context_id", "translation_of_id", "data")
    return {(context, string): data for context, string, data in rows}


@require_admin_access
@require_POST
def upload_po(request, translation_id):
    translation = get_object_or_404(Translation, id=translation_id)
    if not user_can_edit_instance(request.user, translation.get_target_instance()):
        raise PermissionDenied
    try:
        po = parse_po(request.FILES.get("file"))
        problems = problems_with(po, translation)
        if problems:
            shown = [str(problem) for problem in problems[:MAX_PROBLEMS_SHOWN]]
            if len(problems) > MAX_PROBLEMS_SHOWN:
                shown.append(_("%(count)s more problems.") % {"count": len(problems) - MAX_PROBLEMS_SHOWN})
            raise RejectedUpload(_("Nothing was imported. %(problems)s") % {"problems": " ".join(shown)})
    except RejectedUpload as rejection:
        messages.error(request, str(rejection))
    else:
        with transaction.atomic():
            before = stored_translations(translation)
            translation.import_po(po, user=request.user, tool_name="PO File")
            after = stored_translations(translation)
        # a downloaded file holds every translated segment: only those it changes were imported
        changed = sum(1 for key, text in after.items() if before.get(key) != text)
        if changed:
            messages.success(
                request,
                _(
                    "Segments imported (changed by the file): %(count)s. "
                    "Save or submit the translation to publish them."
                )
                % {"count": changed},
            )
        else:
            messages.info(request, _("The file changes nothing: its translations are already stored."))
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))
