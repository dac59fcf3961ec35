from django.db import migrations

SNIPPETS = ("Country", "Organisation", "Person", "Topic")


def index_snippets(apps, schema_editor):
    """Index the snippets again, now with their autocomplete fields: the admin's choosers search
    those alone, and would otherwise find no snippet saved before this migration.

    The index is built from each model's `search_fields`, which historical models do not carry:
    hence the models of the code. Only rows that exist are read; a new database has none yet.
    """
    from wagtail.search.backends import get_search_backend

    from pages import models

    backend = get_search_backend()
    for name in SNIPPETS:
        model = getattr(models, name)
        snippets = list(model.objects.using(schema_editor.connection.alias))
        if snippets:
            backend.add_bulk(model, snippets)


class Migration(migrations.Migration):
    dependencies = [("pages", "0013_country_page_indexes"), ("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(index_snippets, migrations.RunPython.noop, elidable=True)]
