"""Long translation jobs run in a background worker, never inside a web request.

wagtail-localize hands "translate this subtree" and locale synchronisation to a job backend
(`WAGTAILLOCALIZE_JOBS`). This backend queues them on django-tasks' "translation" backend, a
database queue that `manage.py db_worker --backend translation` works through (`make run`
starts one). Arguments are stored as JSON: model instances by their primary key. Jobs that
wagtail-localize runs in one transaction run as versions that commit page by page (job_steps.py).
"""

from django.apps import apps
from django.db.models import Model, QuerySet
from django.utils.module_loading import import_string
from django_tasks import task
from wagtail_localize.components import BaseComponentManager
from wagtail_localize.tasks import BaseJobBackend

MODEL_KEY = "__model__"
# by path, to import when a job runs: this module is loaded while wagtail_localize.models is
IN_STEPS = {
    "wagtail_localize.operations.translate_page_subtree": "editorial.job_steps.translate_page_subtree",
}


def encode(value):
    if isinstance(value, Model):
        return {MODEL_KEY: value._meta.label, "pk": value.pk}
    if isinstance(value, QuerySet | list | tuple):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        return {key: encode(item) for key, item in value.items()}
    if isinstance(value, BaseComponentManager):
        if value.components:
            raise TypeError("translation components cannot be queued")
        return None  # nothing for the job to save
    return value


def decode(value):
    if isinstance(value, dict) and MODEL_KEY in value:
        return apps.get_model(value[MODEL_KEY]).objects.get(pk=value["pk"])
    if isinstance(value, list):
        return [decode(item) for item in value]
    if isinstance(value, dict):
        return {key: decode(item) for key, item in value.items()}
    return value


@task(backend="translation")
def run_translation_job(function_path, args, kwargs):
    function = import_string(IN_STEPS.get(function_path, function_path))
    function(*decode(args), **decode(kwargs))


class TranslationJobBackend(BaseJobBackend):
    def enqueue(self, func, args, kwargs):
        path = f"{func.__module__}.{func.__qualname__}"
        try:
            encoded = encode(list(args)), encode(dict(kwargs))
        except TypeError:
            func(*args, **kwargs)  # not serialisable: do it now rather than lose it
            return
        run_translation_job.enqueue(path, *encoded)
