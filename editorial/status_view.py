"""The translation status overview in the admin: the matrix, filtered and exported as CSV.

One admin view (a menu item for everyone with admin access) shows the events, assessments and
galleries, then the organisations, people and topics, by the six translation locales. The matrix
is filtered by locale, type and status and exported as CSV; national editors see their own
locale by default.
"""

import csv
from collections import defaultdict
from urllib.parse import urlencode

from django import forms
from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies.pages import PagePermissionPolicy

from cms import i18n
from editorial import roles, source_actions
from editorial.start import own_translation_locales
from editorial.status_matrix import (
    INCOMPLETE,
    KINDS,
    STATUS_DESCRIPTIONS,
    STATUS_LABELS,
    Kind,
    Row,
    StatusMatrix,
)

SECTIONS = (
    (True, _("Events, assessments and galleries")),
    (False, _("Organisations, people and topics")),
)


def only_own_actions(rows: list[Row], user) -> list[Row]:
    """A national editor's overview links only what they may do: their own language's cells (the
    others show their status alone) and no English item's editor."""
    codes = own_translation_locales(user)
    if codes is None:
        return rows
    for row in rows:
        row.url = ""
        for cell in row.cells:
            if cell.language_code not in codes:
                cell.url = cell.submit_url = ""
    return rows


def with_source_links(rows: list[Row], user) -> list[Row]:
    """Each English title leads translators (moderators included) to its source screen, where they
    read the item and find their languages' next steps."""
    if source_actions.may_read_sources(user):
        for row in rows:
            row.source_url = source_actions.source_url(row.kind, row.pk)
    return rows


def only_permitted_submissions(rows: list[Row], user) -> list[Row]:
    """*Submit for review* only where the user may edit the translation, as submitting requires
    (editorial/submit.py). The groups alone do not say so: wagtail-localize's translate permission
    comes without page permissions, and page permissions may cover part of a language's tree."""
    cells = [cell for row in rows for cell in row.cells if cell.submit_url]
    if not cells or user.is_superuser:
        return rows
    editable = set(
        PagePermissionPolicy()
        .instances_user_has_permission_for(user, "change")
        .filter(pk__in={cell.page_id for cell in cells})
        .values_list("pk", flat=True)
    )
    for cell in cells:
        if cell.page_id not in editable:
            cell.submit_url = ""
    return rows


def _locale_choices():
    return [
        ("", _("All languages")),
        *(
            (info.code, f"{info.native_name} ({info.code})")
            for info in (i18n.locale_info(code) for code in i18n.TRANSLATION_LANGUAGES)
        ),
    ]


def _type_choices():
    return [
        ("", pgettext_lazy("translation status", "All types")),
        *((kind.key, kind.plural_label) for kind in KINDS),
    ]


def _status_choices():
    return [("", _("All statuses")), *STATUS_LABELS.items()]


class StatusFilterForm(forms.Form):
    # choices are callables, so that each form lists them in the admin's language of the moment
    locale = forms.ChoiceField(
        label=pgettext_lazy("translation status", "Language"), choices=_locale_choices, required=False
    )
    type = forms.ChoiceField(
        label=pgettext_lazy("translation status", "Type"), choices=_type_choices, required=False
    )
    status = forms.ChoiceField(
        label=pgettext_lazy("translation status", "Status"), choices=_status_choices, required=False
    )

    def language_codes(self) -> list[str]:
        code = self.cleaned_data.get("locale")
        return [code] if code else list(i18n.TRANSLATION_LANGUAGES)

    def kinds(self) -> list[Kind]:
        key = self.cleaned_data.get("type")
        return [kind for kind in KINDS if not key or kind.key == key]

    def filter_rows(self, rows) -> list[Row]:
        status = self.cleaned_data.get("status")
        if not status:
            return rows
        return [row for row in rows if any(cell.has(status) for cell in row.cells)]


def national_language(user) -> str | None:
    """The translation locale of a member of one language's editors or reviewers, else None."""
    names = set(user.groups.values_list("name", flat=True))
    codes = [
        code
        for code in i18n.TRANSLATION_LANGUAGES
        if {roles.editor_group_name(code), roles.reviewer_group_name(code)} & names
    ]
    return codes[0] if len(codes) == 1 else None


def _spreadsheet_safe(text: str) -> str:
    # A title that starts like a formula must not run as one in a spreadsheet.
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class TranslationStatusView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "editorial/translation_status.html"
    page_title = _("Translation status")
    header_icon = "wagtail-localize-language"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def filter_data(self):
        """The GET parameters; without a locale, a national editor's own locale is chosen."""
        data = self.request.GET.copy()
        data.pop("format", None)
        if "locale" not in data:
            data["locale"] = national_language(self.request.user) or ""
        return data

    def get(self, request, *args, **kwargs):
        self.form = StatusFilterForm(self.filter_data())
        if not self.form.is_valid():
            return self.render_to_response(self.get_context_data(rows=[]))
        if request.GET.get("format") == "csv":
            with translation.override(i18n.SOURCE_LANGUAGE):
                return self.csv_response(self.matrix_rows())
        return self.render_to_response(self.get_context_data(rows=self.matrix_rows()))

    def matrix_rows(self) -> list[Row]:
        rows = StatusMatrix(self.form.language_codes(), self.form.kinds(), user=self.request.user).rows()
        rows = only_own_actions(self.form.filter_rows(rows), self.request.user)
        return with_source_links(rows, self.request.user)

    def csv_response(self, rows):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="translation-status.csv"'
        writer = csv.writer(response)
        writer.writerow(["Type", "Title", *self.form.language_codes()])
        for row in rows:
            writer.writerow(
                [str(row.kind.label), _spreadsheet_safe(row.title), *(cell.csv_text for cell in row.cells)]
            )
        return response

    def csv_url(self) -> str:
        params = {name: value for name, value in self.form.cleaned_data.items() if value or name == "locale"}
        return f"{self.request.path}?{urlencode({**params, 'format': 'csv'})}"

    def get_context_data(self, *, rows=(), **kwargs):
        context = super().get_context_data(**kwargs)
        rows = only_permitted_submissions(rows, self.request.user)
        sections = defaultdict(list)
        for row in rows:
            sections[row.kind.is_page].append(row)
        valid = self.form.is_valid()
        codes = self.form.language_codes() if valid else []
        context.update(
            {
                "form": self.form,
                "columns": [i18n.locale_info(code) for code in codes],
                "sections": [(title, sections[is_page]) for is_page, title in SECTIONS if sections[is_page]],
                "rows": rows,
                "legend": [(STATUS_LABELS[status], text) for status, text in STATUS_DESCRIPTIONS.items()],
                "csv_url": self.csv_url() if valid else "",
                "labels": {
                    "filter": pgettext_lazy("translation status", "Filter"),
                    "csv": pgettext_lazy("translation status", "Download CSV"),
                    "title": _("Title"),
                    "type": pgettext_lazy("translation status", "Type"),
                    "incomplete": STATUS_LABELS[INCOMPLETE],
                    "empty": _("No items match these filters."),
                    "invalid": _("Correct the filters below."),
                    "legend": _("What the statuses mean"),
                    "submit": _("Submit for review"),
                },
            }
        )
        return context
