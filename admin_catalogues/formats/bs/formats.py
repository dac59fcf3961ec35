# Django imports <FORMAT_MODULE_PATH>.<language>.formats; the language is this package's name.
from admin_catalogues.cldr import django_formats

globals().update(django_formats(__name__.split(".")[-2]))
