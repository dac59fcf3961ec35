"""Who may do what: the editorial groups, their permissions and the moderation workflows.

- Each translation locale has an *editors* group and a *reviewers* group whose page permissions
  are rooted at that locale's home page: they cannot touch another locale's tree or the English
  source. Neither can publish: editors submit, reviewers approve, moderators publish.
- *Moderators* may publish in every locale; *Content editors* write the English source.
- One workflow per translation locale (its reviewers, then moderators) and one for English
  (moderators), so every publication goes through moderation and lands in the audit log.

`bootstrap` applies all of it and can be run again: it only adds what is missing.
"""

from django.contrib.auth.models import Group, Permission
from django.dispatch import Signal
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cms import i18n
from editorial.models import ModeratorApprovalTask, ReviewApprovalTask
from pages.models import HomePage

# Sent at the end of ensure_permissions: an app that comes later (webhooks) grants the editorial
# groups its own permissions, so bootstrap needs to know nothing about it.
permissions_ensured = Signal()

MODERATORS = "Moderators"
CONTENT_EDITORS = "Content editors"

EDITING = ["add_page", "change_page"]
PUBLISHING = [*EDITING, "publish_page", "bulk_delete_page", "lock_page", "unlock_page"]
# Images and documents: pick existing ones and upload a locale's own version (e.g. a translated PDF).
MEDIA = ["add_image", "choose_image", "add_document", "choose_document"]
MODERATOR_MEDIA = [*MEDIA, "change_image", "change_document"]


def editor_group_name(language_code: str) -> str:
    return f"{i18n.locale_info(language_code).english_name} editors"


def reviewer_group_name(language_code: str) -> str:
    return f"{i18n.locale_info(language_code).english_name} reviewers"


def group_names() -> list[str]:
    names = [MODERATORS, CONTENT_EDITORS]
    for code in i18n.TRANSLATION_LANGUAGES:
        names += [editor_group_name(code), reviewer_group_name(code)]
    return names


def ensure_groups() -> int:
    """Create the editorial groups that are missing; return how many were created."""
    return sum(Group.objects.get_or_create(name=name)[1] for name in group_names())


def home_of(language_code: str) -> Page:
    return HomePage.objects.get(locale=Locale.objects.get(language_code=language_code))


def _grant_pages(group, page, codenames):
    for codename in codenames:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _grant_media(group, codenames):
    root = Collection.get_first_root_node()
    for codename in codenames:
        app = "wagtailimages" if codename.endswith("image") else "wagtaildocs"
        permission = Permission.objects.get(content_type__app_label=app, codename=codename)
        GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission)


def _grant(group, *perms):
    for app_label, codename in perms:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


SNIPPET_MODELS = ("country", "organisation", "person", "topic")


def _snippet_perms(*actions):
    return [("pages", f"{action}_{model}") for model in SNIPPET_MODELS for action in actions]


GLOSSARY = [("glossary", f"{action}_glossaryterm") for action in ("add", "change", "delete", "view")]


def ensure_permissions():
    """Give every editorial group its admin access and its page, snippet and media permissions.

    Snippet "change" and the glossary are narrowed to each group's own language by
    editorial.permissions.
    """
    admin_access = ("wagtailadmin", "access_admin")
    moderators = Group.objects.get(name=MODERATORS)
    _grant(
        moderators,
        admin_access,
        ("wagtail_localize", "submit_translation"),
        *_snippet_perms("add", "change", "delete", "view"),
        *GLOSSARY,
    )
    _grant_pages(moderators, Page.get_first_root_node(), PUBLISHING)
    _grant_media(moderators, MODERATOR_MEDIA)

    content_editors = Group.objects.get(name=CONTENT_EDITORS)
    _grant(content_editors, admin_access, *_snippet_perms("add", "change", "view"))
    _grant_pages(content_editors, home_of(i18n.SOURCE_LANGUAGE), EDITING)
    _grant_media(content_editors, MEDIA)

    for code in i18n.TRANSLATION_LANGUAGES:
        home = home_of(code)
        for name in (editor_group_name(code), reviewer_group_name(code)):
            group = Group.objects.get(name=name)
            _grant(group, admin_access, *_snippet_perms("change", "view"), *GLOSSARY)
            _grant_pages(group, home, EDITING)
            _grant_media(group, MEDIA)
    permissions_ensured.send(sender=None)


def _task(model, name, group):
    task = model.objects.filter(name=name).first()
    if task is None:
        task = model.objects.create(name=name)
        task.groups.set([group])
    return task


def _workflow(name, tasks, page):
    """The workflow with exactly these tasks, assigned to the page's tree."""
    workflow, _created = Workflow.objects.get_or_create(name=name)
    if [task.pk for task in workflow.tasks] != [task.pk for task in tasks]:
        WorkflowTask.objects.filter(workflow=workflow).delete()
        for order, task in enumerate(tasks):
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def ensure_workflows() -> int:
    """One moderation workflow per locale tree; return how many were created."""
    before = Workflow.objects.count()
    moderation = _task(ModeratorApprovalTask, "Moderator approval", Group.objects.get(name=MODERATORS))
    _workflow("English publication", [moderation], home_of(i18n.SOURCE_LANGUAGE))
    for code in i18n.TRANSLATION_LANGUAGES:
        english_name = i18n.locale_info(code).english_name
        review = _task(
            ReviewApprovalTask, f"{english_name} review", Group.objects.get(name=reviewer_group_name(code))
        )
        _workflow(f"{english_name} translation", [review, moderation], home_of(code))
    return Workflow.objects.count() - before
