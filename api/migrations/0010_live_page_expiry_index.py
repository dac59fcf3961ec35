"""On PostgreSQL, an index of live pages' expiries, for the changes feed's question "has a live
page expired?" (`api.sql.live_page_expired`), asked on every request: its first entry answers it.
The expiry index of 0004 holds expired pages too, which stay after publish_scheduled unpublishes
them, and would be read past; SQLite answers from that one."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS api_live_page_expiry ON wagtailcore_page (expire_at) WHERE live"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS api_live_page_expiry")


class Migration(migrations.Migration):
    dependencies = [("api", "0009_newest_first_indexes")]

    operations = [migrations.RunPython(create, drop)]
