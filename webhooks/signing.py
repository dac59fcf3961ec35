"""The signature partners check (docs/api.md#webhooks): HMAC-SHA256 over "{timestamp}.{body}"."""

import hashlib
import hmac

VERSION = "v1"


def signature(secret: str, timestamp: str, body: bytes) -> str:
    return hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def headers(secret: str, webhook_id: str, timestamp: str, body: bytes) -> dict[str, str]:
    return {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "thb-cms-webhooks/1",
        "Webhook-Id": webhook_id,
        "Webhook-Timestamp": timestamp,
        "Webhook-Signature": f"{VERSION}={signature(secret, timestamp, body)}",
    }
