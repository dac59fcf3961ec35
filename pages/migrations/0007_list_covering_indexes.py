"""Indexes that hold, for each event and assessment, what the API's lists filter and sort by (see
`pages.planner_statistics`)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0006_index_search_locale_markers"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="eventpage",
            index=models.Index(fields=["page_ptr", "start_date", "end_date", "kind"], name="event_list_keys"),
        ),
        migrations.AddIndex(
            model_name="assessmentpage",
            index=models.Index(fields=["page_ptr", "publication_date", "kind"], name="assessment_list_keys"),
        ),
    ]
