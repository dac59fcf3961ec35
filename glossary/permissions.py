"""Who may see and change which language's glossary.

Django's model permissions say whether a user may list, add, change or delete terms at all; the
policy narrows every action to the languages a user works in. Which languages those are is the
translation workflow's rule (editorial.permissions), handed in when the policy is registered, so
this app does not depend on the workflow.
"""

from collections.abc import Callable

from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry

from cms import i18n
from glossary.models import GlossaryTerm


class GlossaryPermissionPolicy(ModelPermissionPolicy):
    def __init__(self, user_languages: Callable[[object], set[str] | None]):
        """`user_languages(user)`: the language codes the user works in, None for every one."""
        super().__init__(GlossaryTerm)
        self.user_languages = user_languages

    def language_codes(self, user) -> list[str]:
        """The translation languages whose glossary the user may see and change."""
        codes = self.user_languages(user)
        return [code for code in i18n.TRANSLATION_LANGUAGES if codes is None or code in codes]

    def user_has_permission_for_instance(self, user, action, instance):
        if not super().user_has_permission_for_instance(user, action, instance):
            return False
        return instance.locale.language_code in self.language_codes(user)

    def instances_user_has_permission_for(self, user, action):
        instances = super().instances_user_has_permission_for(user, action)
        return instances.filter(locale__language_code__in=self.language_codes(user))


def language_codes(user) -> list[str]:
    """The languages whose glossary the user may see, whatever policy is registered."""
    policy = policy_registry.get_by_type(GlossaryTerm)
    if isinstance(policy, GlossaryPermissionPolicy):
        return policy.language_codes(user)
    return list(i18n.TRANSLATION_LANGUAGES) if user.is_superuser else []
