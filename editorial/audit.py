"""Who changed which permission, in Wagtail's audit log.

Wagtail records that a group or a user was edited ("wagtail.edit"), not what changed: an audit
could not tell that someone gave a language's editors the right to publish, or added a user to
the moderators. The admin's group and user views (and the users listing's "Assign role")
therefore also log what was added and removed (`thb.group_permissions` on the group,
`thb.user_groups` on the user), with the acting user.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import LogFormatter, log
from wagtail.models import GroupCollectionPermission, GroupPagePermission

SUPERUSER = "superuser"


def group_permissions(group) -> set[str]:
    """A group's model, page and collection permissions, each as a readable line."""
    if group is None or group.pk is None:
        return set()
    facts = {
        f"{permission.content_type.app_label}.{permission.codename}"
        for permission in group.permissions.select_related("content_type")
    }
    for granted in GroupPagePermission.objects.filter(group=group).select_related(
        "permission", "page", "page__locale"
    ):
        page = granted.page
        language = page.locale.language_code
        facts.add(f"{granted.permission.codename} on page {page.pk} '{page.title}' ({language})")
    for granted in GroupCollectionPermission.objects.filter(group=group).select_related(
        "permission__content_type", "collection"
    ):
        permission, collection = granted.permission, granted.collection
        facts.add(
            f"{permission.content_type.app_label}.{permission.codename} "
            f"in collection {collection.pk} '{collection.name}'"
        )
    return facts


def user_access(user) -> set[str]:
    """The groups a user belongs to, and whether they are a superuser."""
    access = set(user.groups.values_list("name", flat=True))
    if user.is_superuser:
        access.add(SUPERUSER)
    return access


def log_difference(instance, action, before, after, user=None):
    added, removed = sorted(after - before), sorted(before - after)
    if added or removed:
        log(instance, action, user=user, data={"added": added, "removed": removed})


class GroupPermissionsAudit:
    """A "permission panel" of the group create and edit views that shows nothing.

    Wagtail builds every panel (`register_group_permission_panel`) before it saves anything, and
    saves them in order after the group itself; registered last, this one sees the permissions
    before and after the whole change.
    """

    media = forms.Media()

    def __init__(self, data=None, files=None, instance=None, **kwargs):
        self.instance = instance
        self.before = group_permissions(instance)

    def is_valid(self):
        return True

    def as_admin_panel(self):
        return ""

    def save(self):
        # the admin's views log with the signed-in user (Wagtail's LogContext)
        after = group_permissions(self.instance)
        log_difference(self.instance, "thb.group_permissions", self.before, after)


def remember_user_access(request, user):
    request.thb_user_access_before = user_access(user)


def log_user_access(request, user):
    before: set[str] = getattr(request, "thb_user_access_before", set())
    log_difference(user, "thb.user_groups", before, user_access(user), request.user)


# The users listing's bulk action "Assign role" adds the selected users to a group.
ASSIGN_ROLE = "assign_role"


def remember_bulk_access(request, action_type, objects, action):
    if action_type == ASSIGN_ROLE:
        request.thb_bulk_access_before = {user.pk: user_access(user) for user in objects}


def log_bulk_access(request, action_type, objects, action):
    before = getattr(request, "thb_bulk_access_before", None)
    if action_type == ASSIGN_ROLE and before is not None:
        for user in objects:
            after = user_access(user)
            log_difference(user, "thb.user_groups", before.get(user.pk, set()), after, request.user)


def _listed(items) -> str:
    return ", ".join(items) or _("none")


class GroupPermissionsFormatter(LogFormatter):
    label = gettext_lazy("Change permissions")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return _("Permissions changed. Added: %(added)s. Removed: %(removed)s.") % {
            "added": _listed(data.get("added", [])),
            "removed": _listed(data.get("removed", [])),
        }


class UserGroupsFormatter(LogFormatter):
    label = gettext_lazy("Change group membership")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return _("Groups changed. Added: %(added)s. Removed: %(removed)s.") % {
            "added": _listed(data.get("added", [])),
            "removed": _listed(data.get("removed", [])),
        }
