from datetime import date

import pytest

from editorial import roles
from pages.models import Country, EventIndexPage, EventPage


@pytest.fixture
def member(django_user_model):
    """Make a user in the given editorial groups (named after them unless a username is given)."""

    def make(*group_names, username=None):
        user = django_user_model.objects.create_user(username or "-".join(group_names), password="pw")
        for name in group_names:
            user.groups.add(roles.Group.objects.get(name=name))
        return user

    return make


@pytest.fixture
def new_event(db):
    """A live English event that nobody has translated yet."""
    index = EventIndexPage.objects.get(locale__language_code="en")
    event = EventPage(
        title="Shelter staff workshop",
        slug="shelter-staff-workshop",
        kind="workshop",
        start_date=date(2027, 5, 4),
        country=Country.objects.get(iso_code="AL", locale__language_code="en"),
    )
    index.add_child(instance=event)
    event.save_revision().publish()
    return event
