"""Media in an S3-compatible bucket (MEDIA_STORAGE_URL), with the same rules as on local disk.

Only renditions (`images/`) are public: their addresses are plain bucket URLs that partner sites
and browsers fetch and cache for a year. Original images and documents stay private in the bucket:
their addresses are signed and expire (MEDIA_SIGNED_URL_SECONDS), and the API gives none of them
(documents are linked through `/documents/`, which checks a private collection's restriction
before it streams the file or redirects to such a signed address).
"""

from storages.backends.s3 import S3Storage
from storages.utils import clean_name

PUBLIC_PREFIX = "images/"  # renditions; original_images/ and documents/ are private
PUBLIC_CACHE_CONTROL = "public, max-age=31536000"  # a year
PRIVATE_CACHE_CONTROL = "private, no-cache"


def is_public(name: str) -> bool:
    return clean_name(name).lstrip("/").startswith(PUBLIC_PREFIX)


class MediaStorage(S3Storage):
    """django-storages' S3 storage where an upload never replaces another file of the same name (as
    on disk), objects carry no ACL (the bucket's policy decides: public read for `images/` alone),
    each object gets its Cache-Control on upload, and only renditions have unsigned addresses."""

    file_overwrite = False
    default_acl = None
    querystring_auth = True  # for every file but renditions, see url()

    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        parameters.setdefault(
            "CacheControl", PUBLIC_CACHE_CONTROL if is_public(name) else PRIVATE_CACHE_CONTROL
        )
        return parameters

    def url(self, name, parameters=None, expire=None, http_method=None):
        if not is_public(name):
            return super().url(name, parameters, expire, http_method)
        # A plain, lasting address: a signed one would change with each response and expire in
        # partners' pages and caches.
        client = self.unsigned_connection.meta.client
        return client.generate_presigned_url(
            "get_object",
            Params={
                **(parameters or {}),
                "Bucket": self.bucket_name,
                "Key": self._normalize_name(clean_name(name)),
            },
            HttpMethod=http_method,
        )


def public_read_policy(bucket: str, location: str = "") -> dict:
    """The bucket policy a deployment sets (docs/operations.md): anyone may read renditions, and
    nothing else; original images and documents are read only through signed addresses.
    `location` is MEDIA_STORAGE_URL's folder inside the bucket, if any."""
    folder = f"{location.strip('/')}/" if location.strip("/") else ""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicRenditions",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/{folder}{PUBLIC_PREFIX}*",
            }
        ],
    }
