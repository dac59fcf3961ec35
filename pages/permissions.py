"""Who may delete or move a translated page: only those who may publish it.

A translation reaches readers only through review (docs/translation-workflow.md). Wagtail lets
anyone with "add" or "change" permission delete the pages they may edit when nothing under them is
live, and moving is tested as deleting is: a translator could delete a draft translation (and the
work of its reviewers with it) or move one. Pages of the source language keep Wagtail's rules.
"""

from functools import cache

from wagtail.models import Locale, PagePermissionTester

from cms import i18n


@cache
def source_locale_id() -> int:
    # Asked for each page of an explorer listing; the source locale is created once, never changed.
    return Locale.objects.get(language_code=i18n.SOURCE_LANGUAGE).pk


class TranslationPermissionTester(PagePermissionTester):
    def may_publish(self) -> bool:
        return self.user.is_superuser or "publish" in getattr(self, "permissions", set())

    def is_translation(self) -> bool:
        return self.page.locale_id != source_locale_id()

    def can_delete(self, ignore_bulk=False):
        if self.is_translation() and not self.may_publish():
            return False
        return super().can_delete(ignore_bulk=ignore_bulk)
