"""Where a published page is seen: on a partner site, since the CMS serves no page itself.

The admin's "View live", workflow e-mails and every `page.url` lead there
(`PARTNER_PAGE_URL`, `PARTNER_PAGE_URL_BY_LOCALE`; docs/operations.md). Without a template the
address is the page's detail in the partner API, which every partner site reads.
"""

from functools import lru_cache
from urllib.parse import quote

from django.conf import settings
from django.urls import reverse


def partner_url(language_code: str, collection: str, slug: str) -> str:
    """The address of a page of `collection` (events, assessments, galleries) on the partner site."""
    template = settings.PARTNER_PAGE_URL_BY_LOCALE.get(language_code) or settings.PARTNER_PAGE_URL
    slug = quote(slug, safe="")  # Urdu and other non-Latin slugs, as the API's own addresses have them
    if template:
        return template.format(locale=language_code, collection=collection, slug=slug)
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{_api_list_path(collection, language_code)}{slug}/"


@lru_cache(maxsize=64)
def _api_list_path(collection: str, language_code: str) -> str:
    # the API names each collection's list by the collection; an item's detail is under it. Cached:
    # a list of 20 items shows 120 translations, each of which reversed it anew.
    return reverse(f"api:{collection}", kwargs={"locale": language_code})
