"""Looking up partner API keys sent as `Authorization: Api-Key <key>`, with a short cache."""

import hmac

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.views.decorators.debug import sensitive_variables

from .models import PartnerKey

SCHEME = "api-key"
CACHE_SECONDS = 60
INVALID = "invalid"


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
    cached = cache.get(f"api:key:{digest}")
    if cached is None:
        partner = PartnerKey.objects.filter(prefix=key.partition(".")[0], is_active=True).first()
        if partner is not None and hmac.compare_digest(partner.key_hash, digest):
            cached = (partner.pk, partner.requests_per_minute)
        else:
            cached = INVALID
        cache.set(f"api:key:{digest}", cached, CACHE_SECONDS)
    return None if cached == INVALID else cached


@receiver(post_save, sender=PartnerKey)
@receiver(post_delete, sender=PartnerKey)
def forget_cached_key(sender, instance, **kwargs):
    """A revoked or changed key takes effect on the next request."""
    cache.delete(f"api:key:{instance.key_hash}")
