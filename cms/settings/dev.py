"""Local development: debug on, a throwaway secret key, everything under var/."""

from cms.env import env_str

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = env_str("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True  # a receiver on this machine
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
