"""An index on Wagtail's page table for the API's detail lookup, a slug in a locale: without it
SQLite, with no statistics to go by, read every page of the locale to find one."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0004_scheduled_page_indexes"),
        ("wagtailcore", "0098_apitoken"),  # after every change to the page table (SQLite rebuilds it)
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS api_page_locale_slug ON wagtailcore_page (locale_id, slug)",
            "DROP INDEX IF EXISTS api_page_locale_slug",
        )
    ]
