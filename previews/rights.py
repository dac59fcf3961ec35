"""Who may open a draft on the partner site: whoever may edit that page in its language.

Moderators and superusers may preview every page; content editors the English pages; a
language's editors and reviewers that language's pages (a translation awaiting their review
included), never the English source's drafts or another language's (editorial.permissions).
"""

from wagtail.models import Page

from api.links import COLLECTION_OF_MODEL
from editorial.permissions import may_edit_locale


def previewable(page) -> bool:
    """Events, assessments and galleries: what partner sites show. Home and section pages are not."""
    return page.specific_class in COLLECTION_OF_MODEL


def may_preview(user, page: Page) -> bool:
    if user is None or not user.is_active or not previewable(page):
        return False
    return may_edit_locale(user, page.locale.language_code) and page.permissions_for_user(user).can_edit()
