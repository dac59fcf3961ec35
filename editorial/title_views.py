"""Wagtail's admin views that name pages, kept to the titles a user may see (editorial.visible_titles).

Where a Wagtail view names pages the user may not see (docs/security.md lists them), it is
subclassed or wrapped here and registered through Wagtail's hooks (wagtail_hooks.py).
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.views.defaults import permission_denied
from wagtail.admin.viewsets.pages import PageViewSet

from editorial.visible_titles import hidden_page_ids


def refuse(request):
    # A plain 403: Wagtail's own refusal redirects to the dashboard, and a listing view must not
    # render the list it refuses.
    return permission_denied(request, PermissionDenied())


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
    """Wagtail's default page viewset (model Page, so every page type), each view guarded."""

    def get_view_by_name(self, name):
        return only_visible_pages(super().get_view_by_name(name))
