"""The glossary in Wagtail's admin: each user lists, adds, edits and deletes the terms of the
languages they work in (glossary.permissions); another language's term is a 404."""

from functools import wraps

import django_filters
from django.db.models.functions import Lower
from django.http import Http404
from django.urls import URLPattern
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale

from glossary.models import GlossaryTerm
from glossary.permissions import language_codes


def own_locales(user):
    """The locales whose glossary the user works on: those offered in the form and the filter."""
    codes = language_codes(user) if user is not None else []
    return Locale.objects.filter(language_code__in=codes).order_by("language_code")


class GlossaryFilterSet(WagtailFilterSet):
    locale = django_filters.ModelChoiceFilter(
        label=_("Language"), queryset=lambda request: own_locales(getattr(request, "user", None))
    )

    class Meta:
        model = GlossaryTerm
        fields = ["locale"]


class GlossaryTermForm(WagtailAdminModelForm):
    """Its language is one of the user's own; with one language only, that one is chosen."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["locale"]
        field.queryset = own_locales(self.for_user)
        field.label_from_instance = lambda locale: locale.get_display_name()
        if self.instance.pk is None and field.queryset.count() == 1:
            field.initial = field.queryset.get().pk


class OwnLanguagesMixin:
    def get_base_queryset(self):
        return super().get_base_queryset().filter(locale__language_code__in=language_codes(self.request.user))


class GlossaryIndexView(OwnLanguagesMixin, generic.IndexView):
    def order_queryset(self, queryset):
        """Terms in alphabetical order whatever their case ("NRM" after "national ...")."""
        field = self.ordering.lstrip("-") if isinstance(self.ordering, str) else None
        if field in ("english_term", "translation"):
            order = Lower(field).desc() if self.ordering.startswith("-") else Lower(field).asc()
            return queryset.order_by(order, "locale__language_code", "pk")
        return super().order_queryset(queryset)


def in_own_languages(view):
    """Wrap a view taking the term's `pk`: a term of another language, or none, is a 404."""

    @wraps(view)
    def wrapper(request, *args, pk, **kwargs):
        if not str(pk).isdigit() or len(str(pk)) > 18:
            raise Http404
        term = GlossaryTerm.objects.filter(pk=pk).select_related("locale").first()
        if term is None or term.locale.language_code not in language_codes(request.user):
            raise Http404
        return view(request, *args, pk=pk, **kwargs)

    return wrapper


class GlossaryViewSet(ModelViewSet):
    model = GlossaryTerm
    icon = "doc-full"
    menu_label = _("Glossary")
    menu_order = 211  # right after "Translation status"
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = GlossaryIndexView
    filterset_class = GlossaryFilterSet
    search_fields = ["english_term", "translation", "note"]
    ordering = "english_term"
    list_display = [
        Column("english_term", label=_("English term"), sort_key="english_term"),
        Column("translation", label=_("Approved translation"), sort_key="translation"),
        Column("locale", label=_("Language"), accessor="locale.get_display_name", sort_key="locale"),
        "note",
        Column("updated_at", label=_("Updated"), sort_key="updated_at"),
    ]
    edit_handler = ObjectList(
        [FieldPanel("locale"), FieldPanel("english_term"), FieldPanel("translation"), FieldPanel("note")],
        base_form_class=GlossaryTermForm,
    )

    def get_urlpatterns(self):
        patterns = super().get_urlpatterns()
        for pattern in patterns:
            if isinstance(pattern, URLPattern) and "pk" in str(pattern.pattern):
                pattern.callback = in_own_languages(pattern.callback)
        return patterns
