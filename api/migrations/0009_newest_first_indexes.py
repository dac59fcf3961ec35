"""On PostgreSQL, the indexes an unfiltered list's first pages are read from
(`api.pagination.walked_page`): each page type's items newest first, and a locale's pages of each
type with the visibility columns, for its count. SQLite's lists keep their way (its plans are
tested), so it gets neither."""

from django.db import migrations

INDEXES = {
    "api_event_newest_first": "pages_eventpage (start_date DESC, page_ptr_id)",
    "api_assessment_newest_first": "pages_assessmentpage (publication_date DESC, page_ptr_id)",
    "api_gallery_newest_first": "pages_gallerypage (date DESC, page_ptr_id)",
    "api_page_locale_type_visibility": (
        "wagtailcore_page (locale_id, content_type_id, live, alias_of_id, go_live_at, expire_at)"
    ),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, columns in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {columns}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0008_page_locale_visibility_covers_id"),
        ("pages", "0013_country_page_indexes"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create, drop)]
