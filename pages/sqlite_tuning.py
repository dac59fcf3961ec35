"""What SQLite's query planner is told about the page types' list indexes.

The API's lists sort and count all of a locale's matches before they take a page of them; a list
index (`event_list_keys`, `assessment_list_keys`) holds, for each page, every column that needs.
Without statistics SQLite assumes about ten entries per key of an index, against one row per
rowid, so it looked each match up in the page type's table instead: a database page per match (an
event's row carries its StreamFields), and with a few thousand events the rows of seven locales
outgrow its cache. Applications may write SQLite's statistics table
(https://www.sqlite.org/fileformat2.html#stat1tab): we state that each list index holds one entry
per page, and the table's real average row size, which SQLite guesses from the declared columns
(for assessments, too small to prefer the index). The row count is the one SQLite assumes of any
table without statistics, so no other plan changes.

Stated after every `migrate` (a migration that rebuilds a table drops its statistics), never over
figures that ANALYZE measured. PostgreSQL keeps statistics of its own."""

from django.db import connections

from .models import AssessmentPage, EventPage

ROWS_ASSUMED = 1_048_576  # SQLite's figure for a table without statistics

# each type's list index, and its table's average row in bytes, StreamFields included, as SQLite's
# dbstat measured it on the benchmark's data
LIST_INDEXES = {EventPage: ("event_list_keys", 3100), AssessmentPage: ("assessment_list_keys", 850)}


def state_list_index_statistics(using="default", **kwargs):
    """A `post_migrate` receiver."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE sqlite_master")  # creates sqlite_stat1 if it is missing, measures nothing
        for model, (name, row_bytes) in LIST_INDEXES.items():
            [index] = [index for index in model._meta.indexes if index.name == name]
            _state(cursor, model._meta.db_table, name, len(index.fields), row_bytes)
        cursor.execute("ANALYZE sqlite_master")  # the planner rereads sqlite_stat1


def _state(cursor, table, index, columns, row_bytes):
    cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = %s", [index])
    if cursor.fetchone() is None:
        return  # migrated back to before the index
    table_figures = f"{ROWS_ASSUMED} sz={row_bytes}"
    cursor.execute("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = %s", [table])
    if cursor.fetchall() not in ([], [(None, table_figures)]):
        return  # stated already, or measured by ANALYZE
    one_entry_per_page = " ".join([str(ROWS_ASSUMED)] + ["1"] * columns)
    cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = %s", [table])
    cursor.execute(
        "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (%s, NULL, %s), (%s, %s, %s)",
        [table, table_figures, table, index, one_entry_per_page],
    )
