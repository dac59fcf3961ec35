import pytest

from editorial import roles


@pytest.fixture
def member(django_user_model):
    """Make a user in the given editorial groups (named after them unless a username is given)."""

    def make(*group_names, username=None):
        user = django_user_model.objects.create_user(username or "-".join(group_names), password="pw")
        for name in group_names:
            user.groups.add(roles.Group.objects.get(name=name))
        return user

    return make
