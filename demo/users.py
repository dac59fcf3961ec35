"""Demo logins for each editorial role, with random passwords kept in DEMO_LOGINS_FILE."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.users.models import UserProfile

from cms import i18n
from editorial import roles


def demo_accounts():
    """(username, group or None for the superuser, description, admin language) of every demo login."""
    yield "admin", None, "administrator", "en"
    yield "moderator", roles.MODERATORS, "moderator: publishes in every language", "en"
    yield "en-editor", roles.CONTENT_EDITORS, "writes the English source", "en"
    for code in i18n.TRANSLATION_LANGUAGES:
        name = i18n.locale_info(code).english_name
        yield f"{code}-editor", roles.editor_group_name(code), f"translates into {name}", code
        yield f"{code}-reviewer", roles.reviewer_group_name(code), f"reviews {name} translations", code


def ensure_demo_users():
    """Create the missing demo users; return (username, password, description) of the new ones.

    Passwords are random and written once to DEMO_LOGINS_FILE (readable by its owner only).
    """
    users = get_user_model()
    created = []
    with transaction.atomic():
        for username, group_name, description, language in demo_accounts():
            if users.objects.filter(username=username).exists():
                continue
            password = secrets.token_urlsafe(12)
            if group_name is None:
                user = users.objects.create_superuser(username, f"{username}@example.org", password)
            else:
                user = users.objects.create_user(username, f"{username}@example.org", password)
                user.groups.add(Group.objects.get(name=group_name))
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = language  # national editors see the admin in their language
            profile.save()
            created.append((username, password, description))
    if created:
        path = settings.DEMO_LOGINS_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as logins:
            for username, password, description in created:
                logins.write(f"{username:12} {password}   {description}\n")
        path.chmod(0o600)
    return created
