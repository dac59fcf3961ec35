"""Whose page titles a user may see in the admin: the one rule every view that names pages follows.

A draft's title can do harm on its own (a shelter, a victim's case), and a translation is not
public before its language's reviewers and the moderators approve it. So the editors and
reviewers of a language see the titles of their own language's pages, drafts included, and of
the English pages that are live and show their live title; never another language's pages, an
English draft, a page scheduled to go live, or the new title of a live page waiting in a newer
draft. Content editors see every English page (they write them); moderators and superusers see
everything. The languages are those of editorial.permissions, which scopes snippets the same way.
"""

from django.db.models import F, Q, QuerySet
from wagtail.models import Page

from cms import i18n
from editorial.permissions import locales_of


def _live_source_with_live_title() -> Q:
    # The admin shows a page's draft_title: for a live page with a newer draft that is the new,
    # unreviewed title (draft_title is blank only for pages made without a revision).
    return Q(locale__language_code=i18n.SOURCE_LANGUAGE, live=True) & (
        Q(draft_title=F("title")) | Q(draft_title="")
    )


def _visible(codes) -> Q:
    # The root page holds no content; every tree hangs from it.
    return Q(depth=1) | Q(locale__language_code__in=codes) | _live_source_with_live_title()


def sees_every_title(user) -> bool:
    return locales_of(user) is None


def visible_pages(user, pages: QuerySet | None = None) -> QuerySet:
    """`pages` (default: all pages) narrowed to those whose admin title `user` may see.

    The narrowing is a `pk__in` subquery, so that search backends, which filter on indexed
    fields only, can still search the result.
    """
    pages = Page.objects.all() if pages is None else pages
    codes = locales_of(user)
    if codes is None:
        return pages
    return pages.filter(pk__in=Page.objects.filter(_visible(codes)).values("pk"))


def hidden_page_ids(user, page_ids) -> set[int]:
    """Those of `page_ids` (existing pages only) whose titles `user` may not see."""
    codes = locales_of(user)
    if codes is None:
        return set()
    return set(Page.objects.filter(pk__in=page_ids).exclude(_visible(codes)).values_list("pk", flat=True))


def may_see(user, page) -> bool:
    return not hidden_page_ids(user, [page.pk])


def live_titles(user, pages: QuerySet) -> QuerySet:
    """The same rule for views that show a page's `title` field, which for a live page is its live
    title: a renamed live English page keeps its row, under the title readers see."""
    codes = locales_of(user)
    if codes is None:
        return pages
    return pages.filter(
        Q(locale__language_code__in=codes) | Q(locale__language_code=i18n.SOURCE_LANGUAGE, live=True)
    )
