"""Every page's search entry written again, now with its locale's marker (`cms.search.locale_marker`):
the API's searches look for it, so a page indexed before would no longer be found."""

from django.apps import apps as current_apps
from django.db import migrations

BATCH = 500


def _index(model, pages):
    from wagtail.search.backends import get_search_backends

    for backend in get_search_backends():
        backend.add_bulk(model, pages)


def index_locale_markers(apps, schema_editor):
    # The search index holds what today's page models make of a page, so this uses them (a
    # historical model has no search fields), through the search backends' own API.
    from pages.models import BasePage

    if not apps.get_model("wagtailcore", "Page").objects.exists():
        return  # a new database: nothing indexed yet
    for model in current_apps.get_app_config("pages").get_models():
        if not issubclass(model, BasePage):
            continue
        batch = []
        for page in model.objects.select_related("locale").order_by("pk").iterator(chunk_size=BATCH):
            batch.append(page)
            if len(batch) == BATCH:
                _index(model, batch)
                batch = []
        if batch:
            _index(model, batch)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0005_event_participation_by_locale_index"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(index_locale_markers, migrations.RunPython.noop, elidable=True)]
