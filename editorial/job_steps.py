"""Versions of wagtail-localize's jobs that commit step by step (editorial/jobs.py runs them).

`translate_page_subtree` runs a whole subtree in one transaction: about a second per page and
language here, so minutes for a section. On SQLite that held the write lock as long, and editors'
saves failed with "database is locked". (`synchronize_tree`, the other job, already commits per
page: `copy_for_translation` is atomic.)
"""

import time

from django.db import connection, transaction
from wagtail.models import Page
from wagtail_localize import operations

# A writer waiting for SQLite's lock tries again every 100 ms (the longest sleep of its busy
# handler): the worker leaves the lock free that long between steps, so that editors' writes get
# their turn instead of timing out behind a job that takes it again at once. (PostgreSQL locks
# rows, not the database: no pause.)
SQLITE_PAUSE_SECONDS = 0.1


def between_steps():
    if connection.vendor == "sqlite":
        time.sleep(SQLITE_PAUSE_SECONDS)


def translate_page_subtree(page_id, locales, components, user):
    """wagtail-localize's `translate_page_subtree` in the same order (depth first, each page into
    each locale), one transaction per page and locale: a page's translation into a language (with
    the snippets it needs) is made whole or not at all. A failure ends the job and keeps the
    translations made before it."""
    if components is not None:  # jobs.encode() never queues these: they run in the request
        return operations.translate_page_subtree(page_id, locales, components, user)
    # one creator per locale, each remembering what it has translated into its locale
    creators = [operations.TranslationCreator(user, [locale]) for locale in locales]
    descendants = Page.objects.get(id=page_id).get_descendants().order_by("path")
    for descendant_id in list(descendants.values_list("id", flat=True)):
        for creator in creators:
            with transaction.atomic():
                creator.create_translations(Page.objects.get(id=descendant_id))
            between_steps()
