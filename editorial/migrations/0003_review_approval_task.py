"""Each language's review becomes a ReviewApprovalTask, keeping its task row.

The reviews were Wagtail's GroupApprovalTask, which lets a reviewer approve a translation with
English text in it without a word. A task is a `wagtailcore.Task` row plus a row of its type's own
table: the review's type row moves to the new table (with its groups) and the task's content type
follows, so workflows, task states and the history that point at the task stay as they are.
"""

import django.db.models.deletion
from django.db import migrations, models

REVIEWERS = " reviewers"  # the groups of a language's reviewers (editorial.roles)


def change_type(apps, schema_editor, old, new, tasks):
    """Move each task's type row (and groups) from model `old` to model `new`."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Task = apps.get_model("wagtailcore", "Task")
    content_type, _created = ContentType.objects.get_or_create(
        app_label=new._meta.app_label, model=new._meta.model_name
    )
    for task in tasks:
        groups = list(task.groups.all())
        moved = new(task_ptr_id=task.pk, name=task.name, active=task.active, content_type_id=content_type.pk)
        moved.save_base(raw=True)  # its own table's row only: the task row exists
        moved.groups.set(groups)
        task.groups.clear()
        # the old type's row alone: deleting the model instance would delete the task row too
        schema_editor.execute(f"DELETE FROM {old._meta.db_table} WHERE task_ptr_id = %s", [task.pk])
        Task.objects.filter(pk=task.pk).update(content_type=content_type)


def reviews_to_review_tasks(apps, schema_editor):
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ReviewApprovalTask = apps.get_model("editorial", "ReviewApprovalTask")
    reviews = GroupApprovalTask.objects.filter(groups__name__endswith=REVIEWERS).distinct()
    change_type(apps, schema_editor, GroupApprovalTask, ReviewApprovalTask, list(reviews))


def review_tasks_to_reviews(apps, schema_editor):
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ReviewApprovalTask = apps.get_model("editorial", "ReviewApprovalTask")
    change_type(apps, schema_editor, ReviewApprovalTask, GroupApprovalTask, list(ReviewApprovalTask.objects.all()))


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('editorial', '0002_queued_jobs_follow_the_move'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.CreateModel(
            name='ReviewApprovalTask',
            fields=[
                ('task_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.task')),
                ('groups', models.ManyToManyField(help_text='Pages/snippets at this step in a workflow will be moderated or approved by these groups of users', to='auth.group', verbose_name='groups')),
            ],
            options={
                'verbose_name': 'review task',
                'verbose_name_plural': 'review tasks',
            },
            bases=('wagtailcore.task',),
        ),
        migrations.RunPython(reviews_to_review_tasks, review_tasks_to_reviews),
    ]
