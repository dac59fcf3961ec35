"""Translation jobs queued before the workflow moved out of `pages` name their function by its old
path; the worker must still find it, so waiting jobs are pointed at its new home."""

from django.db import migrations

MOVED = {"pages.jobs.run_translation_job": "editorial.jobs.run_translation_job"}


def repoint(apps, schema_editor, moves):
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    for old, new in moves.items():
        DBTaskResult.objects.filter(task_path=old).update(task_path=new)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_moderator_approval_task_from_pages"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, editor: repoint(apps, editor, MOVED),
            lambda apps, editor: repoint(apps, editor, {new: old for old, new in MOVED.items()}),
        ),
    ]
