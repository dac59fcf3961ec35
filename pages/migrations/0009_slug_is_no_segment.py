"""A page's slug is no longer a segment to translate (pages.slugs): existing sources lose theirs.

wagtail-localize would drop the slug segment of a page's TranslationSource only when that source is
next synced; until then the translation editor would still offer it, and the translation status,
the API's `translation` and the moderators' publishing guard would count it as untranslated. Only
the segments go: the slugs of translated pages, and what translators typed, stay as they are.
"""

from django.db import migrations
from django.db.models import F


SEGMENT_MODELS = ("StringSegment", "TemplateSegment", "RelatedObjectSegment", "OverridableSegment")


def forget_slug_segments(apps, schema_editor):
    StringSegment = apps.get_model("wagtail_localize", "StringSegment")
    # Of this app's models only the pages have a slug (the snippets have none).
    slugs = StringSegment.objects.filter(
        context__path="slug", source__specific_content_type__app_label="pages"
    )
    for source_id, order in list(slugs.values_list("source_id", "order")):
        # wagtail-localize numbers a source's segments of every kind in one sequence and finds them
        # again by that number: the segments after the slug move up one, as the next sync would
        # number them, so that sync keeps them (and the ids open translation editors hold)
        for name in SEGMENT_MODELS:
            segments = apps.get_model("wagtail_localize", name).objects.filter(source_id=source_id)
            segments.filter(order__gt=order).update(order=F("order") - 1)
    slugs.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0008_moderator_approval_task_to_editorial"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [
        # Backwards there is nothing to restore: a sync would not extract the slug again.
        migrations.RunPython(forget_slug_segments, migrations.RunPython.noop),
    ]
