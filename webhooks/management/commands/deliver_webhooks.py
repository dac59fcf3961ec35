from django.core.management.base import BaseCommand

from webhooks import sending


class Command(BaseCommand):
    help = (
        "Send every webhook delivery that is due, endpoint by endpoint and in order (the worker does "
        "this too; run it from cron as a safety net)."
    )

    def handle(self, *args, **options):
        sent = sending.deliver_due()
        when = sending.next_due()
        later = f"; the next retry is due at {when:%Y-%m-%d %H:%M:%S} UTC" if when else ""
        self.stdout.write(f"{sent} webhook deliver{'y' if sent == 1 else 'ies'} sent{later}.")
