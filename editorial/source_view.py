"""The English source screen: an English page or snippet as a translator reads it, read-only, with
the next steps of the translator's own languages in its header (editorial/source_actions.py).

It is how a national editor starts a translation from the English item itself: they cannot open
English pages in Wagtail's explorer or editor, and must not be able to change them.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button, HeaderButton
from wagtail.models import Page

from cms import i18n
from editorial import source_actions
from editorial.status_matrix import KINDS, Kind
from editorial.visible_titles import may_see
from pages.preview import Entry, entry, panel_names

ICONS = {source_actions.START: "wagtail-localize-language", source_actions.SYNC: "resubmit"}


def filled_fields(instance) -> list[Entry]:
    """The item's filled fields in the order of its editing form (as its preview shows them)."""
    panels = type(instance).content_panels if isinstance(instance, Page) else type(instance).panels
    found = (entry(instance, name, heading) for name, heading in panel_names(panels).items())
    return [item for item in found if item is not None]


class EnglishSourceView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "editorial/english_source.html"
    page_title = _("English source")
    header_icon = "wagtail-localize-language"

    def dispatch(self, request, kind, pk):
        if not source_actions.may_read_sources(request.user):
            return permission_denied(request)
        found = next((known for known in KINDS if known.key == kind), None)
        if found is None:
            raise Http404
        self.kind: Kind = found
        self.object = get_object_or_404(self.kind.model, pk=pk, locale__language_code=i18n.SOURCE_LANGUAGE)
        # an English draft's title is not for translators' eyes: as if it did not exist
        if self.kind.is_page and not may_see(request.user, self.object):
            raise Http404
        self.languages = source_actions.languages(request.user, self.kind, self.object)
        return super().dispatch(request, kind, pk)

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("editorial_translation_status"), "label": _("Translation status")},
            {"url": "", "label": self.get_page_title()},
        ]

    def actions(self) -> list[source_actions.SourceAction]:
        return [action for language in self.languages for action in language.actions]

    @staticmethod
    def _attrs(action) -> dict:
        return {"data-source-action": action.action, "data-locale": action.language_code}

    def _action_buttons(self, button_class):
        return [
            button_class(
                action.label,
                action.url,
                icon_name=ICONS.get(action.action, "edit"),
                attrs=self._attrs(action),
                priority=index,
            )
            for index, action in enumerate(self.actions())
        ]

    def get_header_buttons(self):
        # One language (a national editor's): its actions beside the title. Several (moderators'):
        # in the header's menu, as Wagtail puts a page's own actions.
        if len(self.languages) != 1:
            return super().get_header_buttons()
        return [*self._action_buttons(HeaderButton), *super().get_header_buttons()]

    def get_header_more_buttons(self):
        buttons = self._action_buttons(Button) if len(self.languages) != 1 else []
        # Wagtail's finder gives the editor's address only to those who may edit the English item
        edit_url = AdminURLFinder(self.request.user).get_edit_url(self.object)
        if edit_url:
            buttons.append(
                Button(
                    _("Edit the English version"),
                    edit_url,
                    icon_name="edit",
                    attrs={"data-source-action": "edit"},
                    priority=len(buttons),
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "object": self.object,
                "title": str(self.object),
                "kind": self.kind,
                "fields": filled_fields(self.object),
                "languages": self.languages,
                "labels": {
                    "intro": _(
                        "The English text that translations are made from, as readers see it. "
                        "It cannot be changed here."
                    ),
                    "translations": _("Translations"),
                    "language": pgettext_lazy("translation status", "Language"),
                    "status": pgettext_lazy("translation status", "Status"),
                    "type": pgettext_lazy("translation status", "Type"),
                },
            }
        )
        return context
