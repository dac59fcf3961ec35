"""What the public API may show: live, current, unrestricted pages and nothing else."""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction


def restricted_translation_keys():
    """A subquery: translation keys of pages under a view restriction (their own or an ancestor's).

    Filtering on translation keys hides every translation of a restricted English page at once.
    """
    restriction_above = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return Page.objects.filter(Exists(restriction_above)).values("translation_key")


class Visibility:
    """Filters page querysets down to what anonymous partner sites may see, without extra queries."""

    def __init__(self):
        self.now = timezone.now()

    def filter(self, queryset):
        return queryset.filter(
            Q(go_live_at__isnull=True) | Q(go_live_at__lte=self.now),
            Q(expire_at__isnull=True) | Q(expire_at__gt=self.now),
            live=True,
            alias_of__isnull=True,
        ).exclude(translation_key__in=restricted_translation_keys())
