"""The search backend: Wagtail's database backend, given only search terms it can take.

On SQLite the backend puts each word in double quotes for FTS5 without escaping them, so a search
for `"` (or any term holding one) fails with a server error, and so does a long text pasted into a
search box; on PostgreSQL a NUL character cannot even be sent. Every search, in the admin and the
API, goes through here and loses those characters first (they never carry meaning in a search
term; the API refuses control characters before it gets here).

On PostgreSQL the backend also hands whatever it indexes to the `DOCUMENTS` callable its settings
name (`pages.postgres_search.write_documents`: each partner page's words in its language).
"""

import re

from django.utils.module_loading import import_string
from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.query import MATCH_NONE, And, Or, Phrase, PlainText

UNSEARCHABLE = re.compile(r'["\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]')
MAX_TERMS = 32  # the SQLite backend nests one level per word and overflows Python's stack at ~500


def _clean(query):
    """The query without those characters and past MAX_TERMS words, or None if nothing is left."""
    if isinstance(query, str):
        words = UNSEARCHABLE.sub(" ", query).split()[:MAX_TERMS]
        return " ".join(words) or None
    if isinstance(query, PlainText):
        text = _clean(query.query_string)
        return text and PlainText(text, operator=query.operator, boost=query.boost)
    if isinstance(query, Phrase):
        text = _clean(query.query_string)
        return text and Phrase(text)
    if isinstance(query, And | Or):
        parts = [part for part in map(_clean, query.subqueries[:MAX_TERMS]) if part is not None]
        return (type(query)(parts) if len(parts) > 1 else parts[0]) if parts else None
    return query


def clean_terms(query):
    """A search query (text or parsed) the backend can take; one with nothing left matches nothing."""
    cleaned = _clean(query)
    return MATCH_NONE if cleaned is None else cleaned


class CleanTerms:
    """Mixed into a search backend class (`_with_clean_terms`), ahead of it."""

    def _search(self, query_compiler_class, query, *args, **kwargs):
        # the backend class follows in the MRO
        return super()._search(  # type: ignore[misc]
            query_compiler_class, clean_terms(query), *args, **kwargs
        )


class WithDocuments:
    """Mixed into PostgreSQL's index class: whatever it indexes is also given to the backend's
    `DOCUMENTS` callable (`model, objects, backend`), which the settings name (an app's, which
    `cms` does not import): a save, a publish, `update_index` and bulk indexing all pass here."""

    def add_items(self, model, objs):
        super().add_items(model, objs)  # type: ignore[misc]
        if self.backend.write_documents:  # type: ignore[attr-defined]
            self.backend.write_documents(model, objs, self.backend)  # type: ignore[attr-defined]


_SUBCLASSES: dict[type, type] = {}


def _subclass(backend_class: type) -> type:
    """One subclass per backend class, made once: clean terms, and on PostgreSQL documents."""
    if backend_class not in _SUBCLASSES:
        attrs = {}
        index_class = getattr(backend_class, "index_class", None)
        if index_class is not None and index_class.__name__ == "PostgresIndex":
            attrs["index_class"] = type(index_class.__name__, (WithDocuments, index_class), {})
        _SUBCLASSES[backend_class] = type(backend_class.__name__, (CleanTerms, backend_class), attrs)
    return _SUBCLASSES[backend_class]


def SearchBackend(params):  # the name Wagtail looks for in a backend module
    """The database backend for the current database (PostgreSQL, SQLite ...), with clean terms."""
    backend = _subclass(type(database_backend(params)))(params)
    documents = params.get("DOCUMENTS")
    backend.write_documents = import_string(documents) if documents else None
    return backend
