"""What only PostgreSQL does for search: each partner page's words stored as a `tsvector` in its
language's text search configuration (`SearchDocument`), in a GIN index.

Wagtail's database backend on PostgreSQL matches `title || body` of its index entries, joined to
the page table by a text cast, so every search read every page of the three types and its entry.
A search document holds one page's words, made with the configuration of the page's language,
and a copy of what search filters and orders by (COPIED), and the API's search
(`api.postgres_search`) matches them through the GIN index without reading any page.

Documents are written by the search backend (`cms.search`, its `DOCUMENTS` setting) whenever it
writes Wagtail's index entries: on every save of a page (publish, unpublish, a translation's
save), in bulk by `update_index` and by the benchmark's seeder. A deleted page takes its document
with it. After `migrate`, partner pages without one get theirs (`add_missing_documents`).
"""

from django.db import connections, router
from modelsearch.backends.database.postgres.postgres import ObjectIndexer
from wagtail.search.backends import get_search_backend
from wagtail.search.index import get_indexed_models

from cms.sqlite_tuning import locale_marker

from .models import PartnerPage, SearchDocument

# PostgreSQL's own configurations for the languages it stems; the others are matched word for word
CONFIGS = {"en": "english", "ro": "romanian", "tr": "turkish"}
BATCH = 200
# what a document copies from its page, after its words (`SearchDocument`)
COPIED = ("content_type_id", "translation_key", "listed", "go_live_at", "expire_at", "first_published_at")
# page, locale, its title (weight A) and other text (C), each in the language's configuration, then COPIED
WORDS = "setweight(to_tsvector(%s::regconfig, %s), 'A') || setweight(to_tsvector(%s::regconfig, %s), 'C')"
ROW = f"(%s, %s, {WORDS}, {', '.join(['%s'] * len(COPIED))})"


def config_for(language_code):
    """The text search configuration of a language: its own where PostgreSQL has one, else `simple`."""
    return CONFIGS.get(language_code, "simple")


def _texts(page, backend):
    """The page's title and the rest of its searchable text, as Wagtail's index takes them."""
    indexer = ObjectIndexer(page, backend)
    marker = locale_marker(page.locale.language_code)  # SQLite's, no word of the page
    return indexer.title_text, " ".join(word for word in indexer.body_text.split() if word != marker)


def _copied(page):
    """What the document copies from its page, in the order of COPIED."""
    listed = page.live and page.alias_of_id is None
    return (
        page.content_type_id,
        page.translation_key,
        listed,
        page.go_live_at,
        page.expire_at,
        page.first_published_at,
    )


def write_documents(model, objs, backend):
    """Write the search documents of these pages (those that are partner pages), in a few statements."""
    pages = [obj for obj in objs if isinstance(obj, PartnerPage)]
    connection = connections[router.db_for_write(SearchDocument)]
    if not pages or connection.vendor != "postgresql":
        return
    rows = []
    for page in pages:
        title, body = _texts(page, backend)
        config = config_for(page.locale.language_code)
        rows.append((page.pk, page.locale_id, config, title, config, body, *_copied(page)))
    columns = ("locale_id", "vector", *COPIED)
    updated = ", ".join(f"{column} = EXCLUDED.{column}" for column in columns)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            cursor.execute(
                f"INSERT INTO {SearchDocument._meta.db_table} (page_id, {', '.join(columns)})"  # noqa: S608
                f" VALUES {', '.join([ROW] * len(batch))} ON CONFLICT (page_id) DO UPDATE SET {updated}",
                [value for row in batch for value in row],
            )


def add_missing_documents(**kwargs):
    """After `migrate` on PostgreSQL, write the documents of partner pages that have none (all of
    them, the first time): one query when none is missing."""
    if connections[router.db_for_write(SearchDocument)].vendor != "postgresql":
        return
    backend = get_search_backend()
    for model in get_indexed_models():
        if issubclass(model, PartnerPage) and not model._meta.abstract:
            missing = model.get_indexed_objects().exclude(pk__in=SearchDocument.objects.values("page_id"))
            while batch := list(missing[:BATCH]):
                write_documents(model, batch, backend)
