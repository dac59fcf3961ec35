"""Indexes on Wagtail's page table for the API's question "when does a page next expire or go
live?", asked on every uncached response: without them each answer scanned every page."""

from django.db import migrations

INDEXES = {"api_page_expire_at": "expire_at", "api_page_go_live_at": "go_live_at"}


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0003_content_version_changed_at"),
        ("wagtailcore", "0098_apitoken"),  # after every change to the page table (SQLite rebuilds it)
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {name} ON wagtailcore_page ({column})",
            f"DROP INDEX IF EXISTS {name}",
        )
        for name, column in INDEXES.items()
    ]
