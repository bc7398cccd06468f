"""The admin's import runs the same rules as the app: the cap, positive prices, allocations within the contract."""

import tablib

from disbursements.models import PackageItem, PackageType
from disbursements.resources import PackageItemResource, PackageTypeResource


def _import(resource, headers, rows):
    return resource.import_data(tablib.Dataset(*rows, headers=headers), dry_run=False, raise_errors=False)


def test_an_imported_item_that_takes_an_active_package_over_the_cap_is_refused(stocked_package, items):
    result = _import(PackageItemResource(), ["year", "package", "item", "quantity", "unit_price"],
                     [[2025, "PG-GORENGAN", "KOMPOR-2T", 10, 500_000]])

    assert result.has_errors() or result.has_validation_errors()
    assert stocked_package.lines.get(item=items["kompor"]).quantity == 1


def test_an_imported_item_within_the_cap_updates_the_package_value(stocked_package, items):
    result = _import(PackageItemResource(), ["year", "package", "item", "quantity", "unit_price"],
                     [[2025, "PG-GORENGAN", "KOMPOR-2T", 2, 500_000]])

    assert not result.has_errors() and not result.has_validation_errors()
    stocked_package.refresh_from_db()
    assert stocked_package.value == 1_500_000


def test_a_package_import_cannot_activate_a_package_or_set_its_value(programme_year, users):
    _import(PackageTypeResource(user=users["provincial"]), ["programme_year", "code", "name", "sector", "description", "value", "is_active"],
            [[programme_year.year, "PG-MAHAL", "Paket mahal", "food", "", 7_500_000, 1]])

    package = PackageType.objects.get(code="PG-MAHAL")
    assert not package.is_active and package.value == 0
    assert not PackageItem.objects.filter(package=package).exists()
