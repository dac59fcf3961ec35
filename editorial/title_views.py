"""Wagtail's admin views that name pages, kept to the titles a user may see (editorial.visible_titles).

Where a Wagtail view names pages the user may not see (docs/security.md lists them), it is
subclassed or wrapped here and registered through Wagtail's hooks (wagtail_hooks.py) or,
where Wagtail offers no hook, at its own address ahead of the admin (title_urls.py).
"""

from functools import wraps

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef, Q
from django.http import Http404
from django.shortcuts import render
from wagtail.admin.views import chooser
from wagtail.admin.views.pages.bulk_actions.delete import DeleteBulkAction
from wagtail.admin.views.pages.bulk_actions.move import MoveBulkAction
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction
from wagtail.admin.views.pages.bulk_actions.unpublish import UnpublishBulkAction
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page, get_page_models
from wagtail_localize.views.report import TranslationsReportView

from editorial.confirmations import ConfirmedWorkflowActionView
from editorial.visible_titles import hidden_page_ids, may_see, sees_every_title, visible_pages


def refuse(request):
    # A 403 of its own: Wagtail's refusal redirects to the dashboard, and a listing view must not
    # render the list it refuses. Django's default page would say so in English only.
    return render(request, "editorial/refused.html", status=403)


def _ids(values) -> list[int]:
    if not all(str(value).isdigit() for value in values):
        raise Http404  # what Wagtail would answer for a missing page, not a server error
    return [int(value) for value in values]


# Page views: every view of Wagtail's page viewset ---------------------------------------------

# The URL keywords that name pages in wagtail.admin.urls.pages and the explorer.
PAGE_ID_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "pk")


def only_visible_pages(view):
    """Refuse a page view naming a page whose title the user may not see, before the view runs.

    Wagtail's move confirmation checks permissions only when the move is posted (and reports a
    slug clash, with the page's slug, before that); its workflow views put the page's title in
    their error messages. Refusing first keeps every such path closed.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        page_ids = [kwargs[name] for name in PAGE_ID_KWARGS if name in kwargs]
        if page_ids and hidden_page_ids(request.user, page_ids):
            return refuse(request)
        return view(request, *args, **kwargs)

    return wrapper


class VisibleTitlesPageViewSet(PageViewSet):
    """Wagtail's default page viewset (model Page, so every page type), each view guarded, and its
    workflow actions confirmed (editorial/confirmations.py)."""

    workflow_action_view_class = ConfirmedWorkflowActionView

    def get_view_by_name(self, name):
        return only_visible_pages(super().get_view_by_name(name))


# Bulk actions ----------------------------------------------------------------------------------


class VisibleTitlesBulkActionMixin(PageBulkAction):
    """Refuse a bulk action's confirmation, without listing anything, if it names a hidden page.

    Wagtail lists every requested page, those the user may not act on included ("You don't have
    permission to ..."), with its title.
    """

    def dispatch(self, request, *args, **kwargs):
        if hidden_page_ids(request.user, self.requested_page_ids(request)):
            return refuse(request)
        return super().dispatch(request, *args, **kwargs)

    @staticmethod
    def requested_page_ids(request) -> set[int]:
        ids = request.GET.getlist("id")
        if "all" in ids:
            # Everything under a parent: its children, or its descendants when searching (a
            # superset of what the search finds).
            parent = Page.objects.filter(pk__in=_ids([request.GET.get("childOf", "")])).first()
            if parent is None:
                raise Http404
            pages = parent.get_descendants() if request.GET.get("q") else parent.get_children()
            requested = {parent.pk, *pages.values_list("pk", flat=True)}
        else:
            requested = set(_ids(ids))
        # The destination of a bulk move: the form that re-renders the list shows it too.
        return requested | set(_ids([value for value in request.POST.getlist("chooser") if value]))


class VisibleTitlesDeleteBulkAction(VisibleTitlesBulkActionMixin, DeleteBulkAction):
    pass


class VisibleTitlesMoveBulkAction(VisibleTitlesBulkActionMixin, MoveBulkAction):
    pass


class VisibleTitlesPublishBulkAction(VisibleTitlesBulkActionMixin, PublishBulkAction):
    pass


class VisibleTitlesUnpublishBulkAction(VisibleTitlesBulkActionMixin, UnpublishBulkAction):
    pass


BULK_ACTIONS = (
    VisibleTitlesDeleteBulkAction,
    VisibleTitlesMoveBulkAction,
    VisibleTitlesPublishBulkAction,
    VisibleTitlesUnpublishBulkAction,
)


# The page chooser ------------------------------------------------------------------------------


def chooser_pages(pages, request):
    """construct_page_chooser_queryset: the pages the chooser lists while browsing and searching."""
    return visible_pages(request.user, pages)


class VisibleTitlesBrowseView(chooser.BrowseView):
    """The chooser's browsing step also shows the parent page it browses, which the hook above
    does not filter: a hidden parent (given in the address, or the common ancestor of the chosen
    page types) is refused."""

    def get(self, request, parent_page_id=None):
        response = super().get(request, parent_page_id)
        if not may_see(request.user, self.parent_page):
            return refuse(request)
        return response


class VisibleTitlesChosenMultipleView(chooser.ChosenMultipleView):
    """Wagtail's returns the title of every page whose id it is given (and fails on an id that is
    no number)."""

    def get(self, request):
        if hidden_page_ids(request.user, _ids(request.GET.getlist("id"))):
            return refuse(request)
        return super().get(request)


# Reports ---------------------------------------------------------------------------------------


class VisibleTitlesPageTypesUsageReportView(PageTypesUsageReportView):
    """Each page type's last edited page, among the pages whose titles the user may see."""

    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        user = self.request.user
        for item in page_types:
            if item.last_edited_page is not None and not may_see(user, item.last_edited_page):
                item.last_edited_page = self.last_visible_page(item)
        return page_types

    def last_visible_page(self, content_type):
        # The same choice as Wagtail's (latest revision first), within the report's filters.
        pages = Page.objects.filter(content_type=content_type)
        language_code = self.filters.form.cleaned_data.get("page_locale")
        site_root_path = self.filters.form.cleaned_data.get("site")
        if language_code:
            pages = pages.filter(locale__language_code=language_code)
        if site_root_path:
            pages = pages.filter(path__startswith=site_root_path)
        latest = visible_pages(self.request.user, pages).order_by(
            F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk"
        )
        page = latest.first()
        return page.specific if page is not None else None


class VisibleTitlesTranslationsReportView(TranslationsReportView):
    """wagtail-localize's translations report lists every translation with its source's and its
    target's titles, to anyone: keep the page translations whose target the user may see (the
    source's title is then what was sent to the user's language for translating)."""

    def get_queryset(self):
        # wagtail-localize's is unordered, so its pages could repeat or skip rows: newest first
        translations = super().get_queryset().order_by("-created_at", "-pk")
        if sees_every_title(self.request.user):
            return translations
        page_types = ContentType.objects.get_for_models(*get_page_models()).values()
        visible_target = visible_pages(self.request.user).filter(
            translation_key=OuterRef("source__object_id"), locale=OuterRef("target_locale")
        )
        return translations.filter(
            Exists(visible_target) | ~Q(source__specific_content_type__in=list(page_types))
        )
