"""On PostgreSQL, the locale visibility index (0006) holds the page's id too.

SQLite keeps the row's id in every index, so a list counted and ordered its matches from that
index alone; PostgreSQL does not, and read every page row of the locale from the table to find
its id. With the id included, it reads the index alone (docs/performance.md)."""

from django.db import migrations

COLUMNS = "(locale_id, live, alias_of_id, go_live_at, expire_at)"


def recreate(include_id):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("DROP INDEX IF EXISTS api_page_locale_visibility")
        schema_editor.execute(
            f"CREATE INDEX api_page_locale_visibility ON wagtailcore_page {COLUMNS}"
            + (" INCLUDE (id)" if include_id else "")
        )

    return operation


class Migration(migrations.Migration):
    dependencies = [("api", "0007_announced_item_shown")]

    operations = [migrations.RunPython(recreate(include_id=True), recreate(include_id=False))]
