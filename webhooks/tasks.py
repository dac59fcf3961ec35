"""The worker `make run` starts (db_worker --backend translation) sends the outbox.

A run is queued when a transaction that wrote deliveries commits, and a run that leaves
deliveries waiting for a retry queues the next one for when the first falls due.
`manage.py deliver_webhooks` does the same from cron or by hand.
"""

from datetime import datetime, timedelta

from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from . import sending

SOONEST_RESCHEDULE = timedelta(seconds=5)  # another sender holds an endpoint whose delivery is due


@task(backend="translation")
def deliver_webhooks():
    sending.deliver_due()
    when = sending.next_due()
    if when is not None:
        queue(max(when, timezone.now() + SOONEST_RESCHEDULE))


def queue(when: datetime | None = None) -> None:
    """Queue a run at `when` (now by default), unless one is already queued by then."""
    when = when or timezone.now()
    waiting = DBTaskResult.objects.filter(
        task_path=deliver_webhooks.module_path, status=TaskResultStatus.READY, run_after__lte=when
    )
    if not waiting.exists():
        deliver_webhooks.using(run_after=when).enqueue()
