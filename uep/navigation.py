"""The navigation bar, per role: the case's stages as menus, each collected from the apps'
``urls.NAVIGATION``.

An entry is (stage, label, url name, predicate on the user). Apps are read in INSTALLED_APPS
order; the menus follow the life of a case whatever app an entry comes from.
"""

import functools
import importlib
from dataclasses import dataclass, field

from django.apps import apps
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# The stages of a case, in the order of its life; a menu appears only when it holds an entry.
CALON = "calon"
VERIFIKASI = "verifikasi"
PENETAPAN = "penetapan"
PENYALURAN = "penyaluran"
MONITORING = "monitoring"
LAPORAN = "laporan"
STAGES = {
    CALON: _("Calon"),
    VERIFIKASI: _("Verifikasi"),
    PENETAPAN: _("Penetapan"),
    PENYALURAN: _("Penyaluran"),
    MONITORING: _("Monitoring"),
    LAPORAN: _("Laporan"),
}


@dataclass
class Menu:
    key: str
    label: str
    entries: list[tuple[str, str]] = field(default_factory=list)
    current: bool = False  # the page shown is one of its entries


@functools.cache
def _entries() -> tuple:
    """Every app's NAVIGATION, read once per process (looking for the urls module of each of the 30-odd
    installed apps, most of which have none, was a third of a small page's time)."""
    entries = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.urls")
        except ModuleNotFoundError:
            continue
        entries.extend(getattr(module, "NAVIGATION", []))
    return tuple(entries)


def menus_for(user) -> list[Menu]:
    """The stages the user has a page in, each with its pages (label, url), in the case's order."""
    menus = {key: Menu(key, str(label)) for key, label in STAGES.items()}
    for stage, label, name, allowed in _entries():
        if allowed(user):
            menus[stage].entries.append((str(label), reverse(name)))
    return [menu for menu in menus.values() if menu.entries]
