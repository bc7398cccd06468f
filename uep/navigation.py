"""The navigation bar, per role, collected from each app's ``urls.NAVIGATION``.

An entry is (label, url name, predicate on the user); apps are read in INSTALLED_APPS
order, which follows the life of a case.
"""

import importlib

from django.apps import apps
from django.urls import reverse


def entries_for(user) -> list[tuple[str, str]]:
    entries = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.urls")
        except ModuleNotFoundError:
            continue
        for label, name, allowed in getattr(module, "NAVIGATION", []):
            if allowed(user):
                entries.append((str(label), reverse(name)))
    return entries
