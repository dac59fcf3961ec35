"""ModeratorApprovalTask moves from `pages` to the workflow app with its rows.

The table is taken over as it is (state only), then renamed; the content type keeps its id, so
every task, task state and permission that refers to it stays valid.
"""

import django.db.models.deletion
from django.db import migrations, models

OLD_TABLE = "pages_moderatorapprovaltask"


def content_type_to_editorial(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="editorial", model="moderatorapprovaltask").exists():
        ContentType.objects.filter(app_label="pages", model="moderatorapprovaltask").update(
            app_label="editorial"
        )


def content_type_to_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="pages", model="moderatorapprovaltask").exists():
        ContentType.objects.filter(app_label="editorial", model="moderatorapprovaltask").update(
            app_label="pages"
        )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("pages", "0007_list_covering_indexes"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ModeratorApprovalTask",
                    fields=[
                        (
                            "task_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to="wagtailcore.task",
                            ),
                        ),
                        (
                            "groups",
                            models.ManyToManyField(
                                help_text="Pages/snippets at this step in a workflow will be moderated or approved by these groups of users",
                                to="auth.group",
                                verbose_name="groups",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "moderator approval task",
                        "verbose_name_plural": "moderator approval tasks",
                        "db_table": OLD_TABLE,
                    },
                    bases=("wagtailcore.task",),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_to_editorial, content_type_to_pages),
        # the table and its groups table get the app's own names
        migrations.AlterModelTable(name="moderatorapprovaltask", table=None),
    ]
