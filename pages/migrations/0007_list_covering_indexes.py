"""Indexes that hold, for each event and assessment, what the API's lists filter and sort by, and
on SQLite the statistics that make its planner read them.

A list sorts all of a locale's matches (by date, say) before it takes a page of them. Read from the
page type's table, that cost a database page per match: an event's row carries its StreamFields
(3 KB on average), and at 5,000 events the rows of seven locales outgrow SQLite's cache. In these
indexes the same columns take a few dozen bytes per page.

SQLite guesses a row's size from its declared column types, and to it a row of text columns looks
as narrow as these indexes: it kept looking each match up in the table, by rowid. Its statistics
table, `sqlite_stat1`, may be written by applications and takes a row size
(https://www.sqlite.org/fileformat2.html#stat1tab): we state the rows' real size and that each
index holds one entry per page, nothing else. The row count given is the one SQLite assumes of any
table it has no statistics for, so no other plan changes. An ANALYZE run later replaces these
figures with measured ones. PostgreSQL keeps its own statistics and is left alone."""

from django.db import migrations, models

# each table's list index, the number of columns it has, and the table's average row in bytes,
# StreamFields included, as SQLite's dbstat measured it on the benchmark's data
WIDE_ROWS = {
    "pages_eventpage": ("event_list_keys", 4, 3100),
    "pages_assessmentpage": ("assessment_list_keys", 3, 850),
}
ROWS_ASSUMED = 1_048_576  # SQLite's figure for a table without statistics


def state_row_sizes(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("ANALYZE sqlite_master")  # creates sqlite_stat1 if it is missing, measures nothing
        for table, (index, columns, row_bytes) in WIDE_ROWS.items():
            one_per_page = " ".join([str(ROWS_ASSUMED)] + ["1"] * columns)
            cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = %s", [table])
            cursor.execute(
                "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (%s, NULL, %s), (%s, %s, %s)",
                [table, f"{ROWS_ASSUMED} sz={row_bytes}", table, index, one_per_page],
            )
        cursor.execute("ANALYZE sqlite_master")  # the planner rereads sqlite_stat1


def forget_row_sizes(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("ANALYZE sqlite_master")
        cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl IN (%s, %s)", list(WIDE_ROWS))
        cursor.execute("ANALYZE sqlite_master")


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0006_index_search_locale_markers"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="eventpage",
            index=models.Index(fields=["page_ptr", "start_date", "end_date", "kind"], name="event_list_keys"),
        ),
        migrations.AddIndex(
            model_name="assessmentpage",
            index=models.Index(fields=["page_ptr", "publication_date", "kind"], name="assessment_list_keys"),
        ),
        migrations.RunPython(state_row_sizes, forget_row_sizes),
    ]
