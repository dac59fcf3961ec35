import django.db.models.deletion
from django.db import migrations, models

# Copied from each document's page, as `pages.postgres_search.write_documents` writes it from now on
BACKFILL = """
UPDATE pages_searchdocument d SET
    content_type_id = p.content_type_id,
    translation_key = p.translation_key,
    listed = p.live AND p.alias_of_id IS NULL,
    go_live_at = p.go_live_at,
    expire_at = p.expire_at,
    first_published_at = p.first_published_at
FROM wagtailcore_page p
WHERE p.id = d.page_id
"""


def copy_from_pages(apps, schema_editor):
    # the table is empty on SQLite (`pages.models.search`)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKFILL)
        # the planner knows nothing of the new columns until autovacuum's next look: until then it
        # took the type's column for the rarest condition of a search
        schema_editor.execute("ANALYZE pages_searchdocument")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("pages", "0014_snippet_autocomplete_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="content_type",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AddField(model_name="searchdocument", name="translation_key", field=models.UUIDField(null=True)),
        migrations.AddField(model_name="searchdocument", name="listed", field=models.BooleanField(default=False)),
        migrations.AddField(model_name="searchdocument", name="go_live_at", field=models.DateTimeField(null=True)),
        migrations.AddField(model_name="searchdocument", name="expire_at", field=models.DateTimeField(null=True)),
        migrations.AddField(
            model_name="searchdocument", name="first_published_at", field=models.DateTimeField(null=True)
        ),
        migrations.RunPython(copy_from_pages, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="searchdocument",
            name="content_type",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AlterField(model_name="searchdocument", name="translation_key", field=models.UUIDField()),
    ]
