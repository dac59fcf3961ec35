"""Which address a request comes from, as the API's rate limit and django-axes' login lockout
both count it (AXES_CLIENT_IP_CALLABLE)."""

from django.conf import settings


def client_address(request) -> str:
    if settings.API_TRUST_X_FORWARDED_FOR:
        # the last address is the one our proxy added; those before it come from the client
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR", "unknown")
