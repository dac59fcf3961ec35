"""What a locked-out login sees: the admin's sign-in page with django-axes' message, as a 429."""

from axes.helpers import get_lockout_message
from django.shortcuts import render


def locked_out(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: replaces the response to a login attempt while the lockout lasts."""
    return render(request, "cms/locked_out.html", {"message": get_lockout_message()}, status=429)
