from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ops.snapshots import BackupError, create_backup


class Command(BaseCommand):
    help = "Write a consistent copy of the database and the media files, with a manifest of checksums."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=str(settings.VAR_DIR / "backups"),
            help="Folder in which a new <timestamp>/ folder is made (default: var/backups).",
        )

    def handle(self, *args, output, **options):
        try:
            create_backup(output, report=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from error
