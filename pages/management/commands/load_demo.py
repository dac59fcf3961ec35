import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from pages.demo.loader import DemoError, DemoLoader

DEMO_ADMIN = "admin"


class Command(BaseCommand):
    help = (
        "Load the partnership's news (eight events, two assessments, a photo gallery) with "
        "translations into all six languages, and a demo administrator. Running it again "
        "changes nothing."
    )

    def handle(self, *args, **options):
        try:
            DemoLoader(report=self.stdout.write).run()
        except DemoError as error:
            raise CommandError(str(error)) from error
        password = self.ensure_admin()
        if password:
            self.stdout.write(f"Demo administrator created: {DEMO_ADMIN} / {password}")
        if settings.DEMO_LOGINS_FILE.exists():
            self.stdout.write(self.style.SUCCESS(f"Demo logins are in {settings.DEMO_LOGINS_FILE}"))

    def ensure_admin(self):
        """Create the demo superuser with a random password, once; return the new password."""
        users = get_user_model()
        if users.objects.filter(username=DEMO_ADMIN).exists():
            return None
        password = secrets.token_urlsafe(12)
        users.objects.create_superuser(DEMO_ADMIN, "admin@example.org", password)
        path = settings.DEMO_LOGINS_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{DEMO_ADMIN} / {password}   (administrator)\n", encoding="utf-8")
        path.chmod(0o600)
        return password
