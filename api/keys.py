"""Looking up partner API keys sent as `Authorization: Api-Key <key>`.

A key's validity is read from the database on every request, by its unique prefix (one indexed
query). It is never cached: a worker's memory, or a shared cache filled just before a revocation
commits, would keep accepting a revoked key (tests/api/test_key_revocation.py).
"""

import hmac

from django.views.decorators.debug import sensitive_variables

from .models import PartnerKey

SCHEME = "api-key"


@sensitive_variables("header", "key")  # error reports show frames' variables: never the raw key
def key_from_request(request):
    """The key the request sends, or None; '' when the header is malformed."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if not header:
        return None
    scheme, _space, key = header.partition(" ")
    return key.strip() if scheme.lower() == SCHEME else ""


@sensitive_variables("key")
def partner_quota(key):
    """(partner key id, requests per minute) for an active key, else None."""
    digest = PartnerKey.hash(key)
    row = (
        PartnerKey.objects.filter(prefix=key.partition(".")[0], is_active=True)
        .values_list("pk", "requests_per_minute", "key_hash")
        .first()
    )
    if row is None or not hmac.compare_digest(row[2], digest):
        return None
    return row[0], row[1]
