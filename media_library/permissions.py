"""Who may change images and documents: only those granted change_image / change_document.

Wagtail's default policy for media (CollectionOwnershipPermissionPolicy) also lets whoever
uploaded a file edit, replace and delete it with nothing more than add_image / add_document. Here
an upload belongs to the library, not to its uploader: national editors upload and choose, and
only moderators change or delete, as docs/translation-workflow.md says. Wagtail's collection
permission policy, without the ownership rule, says exactly that; it is registered through
Wagtail's policy registry, which every admin view, listing and chooser asks.
"""

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.permission_policies.collections import CollectionPermissionPolicy
from wagtail.permissions import register_permission_policy


def _actions(actions):
    """As in Wagtail's default media policy, "delete" needs the change permission: there is no
    separate delete permission to grant for media."""
    return sorted({"change" if action == "delete" else action for action in actions})


class MediaPermissionPolicy(CollectionPermissionPolicy):
    """Collection permissions only: being the uploader gives no right to change a file."""

    def user_has_permission(self, user, action):
        return super().user_has_any_permission(user, _actions([action]))

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, _actions(actions))

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(_actions(actions))

    def user_has_permission_for_instance(self, user, action, instance):
        return super().user_has_any_permission_for_instance(user, _actions([action]), instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return super().user_has_any_permission_for_instance(user, _actions(actions), instance)

    def instances_user_has_any_permission_for(self, user, actions):
        return super().instances_user_has_any_permission_for(user, _actions(actions))

    def users_with_any_permission_for_instance(self, actions, instance):
        return super().users_with_any_permission_for_instance(_actions(actions), instance)

    def collections_user_has_any_permission_for(self, user, actions):
        return super().collections_user_has_any_permission_for(user, _actions(actions))


def register():
    """Called from the app's ready(). Registered for the exact classes, so that Wagtail's own
    registration (its apps come later in INSTALLED_APPS) does not take precedence."""
    image, document = get_image_model(), get_document_model()
    register_permission_policy(
        image, MediaPermissionPolicy(image, auth_model="wagtailimages.Image"), exact_class=True
    )
    register_permission_policy(
        document, MediaPermissionPolicy(document, auth_model="wagtaildocs.Document"), exact_class=True
    )
