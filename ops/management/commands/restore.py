from django.core.management.base import BaseCommand, CommandError

from ops.snapshots import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup made by `backup` into an empty database and media folder."

    def add_arguments(self, parser):
        parser.add_argument("backup", help="The backup folder, e.g. var/backups/20260101T120000Z")
        parser.add_argument(
            "--force", action="store_true", help="Replace the database and media even if they are not empty."
        )

    def handle(self, *args, backup, force, **options):
        try:
            restore_backup(backup, force=force, report=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from error
