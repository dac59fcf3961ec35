"""ModeratorApprovalTask now belongs to the workflow app, which took over its table and rows."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0007_list_covering_indexes"),
        ("editorial", "0001_moderator_approval_task_from_pages"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ModeratorApprovalTask")],
            database_operations=[],
        ),
    ]
