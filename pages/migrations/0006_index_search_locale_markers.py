"""Adds its locale's marker (`cms.sqlite_tuning.locale_marker`) to the search entry of every page indexed
before there were markers: the API's searches on SQLite require it, so such a page would no longer
be found. Historical models and one update per locale: no page is built, and PostgreSQL, whose
searches need no marker, is left as it is."""

from django.db import migrations
from django.db.models import CharField, Exists, IntegerField, OuterRef, Value
from django.db.models.functions import Cast, Coalesce, Concat

from cms.sqlite_tuning import locale_marker


def add_locale_markers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    for locale in Locale.objects.all():
        marker = locale_marker(locale.language_code)
        in_locale = Page.objects.filter(
            locale=locale,
            content_type__app_label="pages",
            content_type=OuterRef("content_type"),
            id=Cast(OuterRef("object_id"), output_field=IntegerField()),
        )
        entries = IndexEntry.objects.filter(Exists(in_locale)).exclude(body__contains=marker)
        entries.update(body=Concat(Coalesce("body", Value("")), Value(f" {marker}"), output_field=CharField()))


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0005_event_participation_by_locale_index"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(add_locale_markers, migrations.RunPython.noop, elidable=True)]
