"""The package catalogue of a programme year: items, prices, and the value cap per recipient.

A package is worth the sum of its items (quantity x unit price). The year's value per recipient
is a cap: a package over it cannot be active, and an active package cannot be changed to exceed it.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils.translation import gettext as _

from accounts.permissions import acting_province, require_province, require_provincial
from disbursements.models import Item, ItemPrice, PackageItem, PackageType
from uep.formatting import rupiah


@dataclass(frozen=True)
class LineInput:
    item: Item
    quantity: int
    unit_price: int | None = None  # None: the year's price list


def package_value(*, package: PackageType) -> int:
    return package.lines.aggregate(v=Sum(F("quantity") * F("unit_price")))["v"] or 0


def package_cap_check(*, package: PackageType, value: int) -> None:
    """Refuse a value over the year's cap, with both figures in Rupiah."""
    cap = package.programme_year.value_per_recipient
    if value > cap:
        raise ValidationError(
            _("Nilai paket %(code)s %(value)s melebihi batas %(cap)s per penerima tahun %(year)s "
              "(lebih %(over)s). Kurangi jumlah atau harga barangnya.")
            % {"code": package.code, "value": rupiah(value), "cap": rupiah(cap), "year": package.programme_year_id,
               "over": rupiah(value - cap)}, code="over_cap")


def price_of(*, programme_year_id: int, province_id: int, item: Item) -> int:
    """The unit price of the item in the province's price list of the year."""
    price = ItemPrice.objects.filter(programme_year_id=programme_year_id, province_id=province_id, item=item).values_list(
        "unit_price", flat=True).first()
    if price is None:
        raise ValidationError(_("Barang %(item)s belum ada di daftar harga tahun %(year)s; isi harga satuannya.")
                              % {"item": item.name, "year": programme_year_id})
    return price


@transaction.atomic
def package_lines_set(*, package: PackageType, lines: Iterable[LineInput], user) -> PackageType:
    """Replace the package's items; the value is their sum, and an active package stays within the cap."""
    require_provincial(user)
    require_province(user, package.province_id)
    package = PackageType.objects.select_for_update().select_related("programme_year").get(pk=package.pk)
    rows, seen = [], set()
    for number, line in enumerate(lines, start=1):
        if line.item.pk in seen:
            raise ValidationError(_("Baris %(n)s: %(item)s sudah ada di paket ini.") % {"n": number,
                                                                                          "item": line.item.name})
        seen.add(line.item.pk)
        if line.quantity < 1:
            raise ValidationError(_("Baris %(n)s: jumlah %(item)s minimal 1.") % {"n": number, "item": line.item.name})
        price = line.unit_price if line.unit_price is not None else price_of(
            programme_year_id=package.programme_year_id, province_id=package.province_id, item=line.item)
        rows.append(PackageItem(package=package, item=line.item, quantity=line.quantity, unit_price=price))
    value = sum(r.quantity * r.unit_price for r in rows)
    if package.is_active:
        package_cap_check(package=package, value=value)
    package.lines.all().delete()
    PackageItem.objects.bulk_create(rows)
    package.value = value
    package.save(update_fields=["value"])
    return package


@transaction.atomic
def package_save(*, package: PackageType | None, programme_year, code: str, name: str, sector: str, user,
                 description: str = "") -> PackageType:
    """Create a package of the year in the user's province (inactive) or change its name; the code is unique
    within the province's year."""
    require_provincial(user)
    if package is not None:
        require_province(user, package.province_id)
    province = package.province if package is not None else acting_province(user)
    code = code.strip().upper()
    taken = PackageType.objects.filter(programme_year=programme_year, province=province, code=code)
    if package is not None:
        taken = taken.exclude(pk=package.pk)
    if taken.exists():
        raise ValidationError(_("Kode paket %(code)s sudah dipakai di tahun %(year)s.")
                              % {"code": code, "year": programme_year.year})
    if package is None:
        return PackageType.objects.create(programme_year=programme_year, province=province, code=code, name=name,
                                          sector=sector, description=description)
    package.code, package.name, package.sector, package.description = code, name, sector, description
    package.save(update_fields=["code", "name", "sector", "description"])
    return package


@transaction.atomic
def package_activate(*, package: PackageType, user) -> PackageType:
    """Open the package for assignment: it must have items and stay within the year's value per recipient."""
    require_provincial(user)
    require_province(user, package.province_id)
    package = PackageType.objects.select_for_update().select_related("programme_year").get(pk=package.pk)
    value = package_value(package=package)
    if value == 0:
        raise ValidationError(_("Paket %(code)s belum berisi barang.") % {"code": package.code})
    package_cap_check(package=package, value=value)
    package.value, package.is_active = value, True
    package.save(update_fields=["value", "is_active"])
    return package


def package_deactivate(*, package: PackageType, user) -> PackageType:
    require_provincial(user)
    require_province(user, package.province_id)
    PackageType.objects.filter(pk=package.pk).update(is_active=False)
    package.is_active = False
    return package


@transaction.atomic
def package_copy_to_year(*, package: PackageType, programme_year, user) -> PackageType:
    """Start next year's version of a package from this one (inactive: its prices are checked again)."""
    require_provincial(user)
    require_province(user, package.province_id)
    if PackageType.objects.filter(programme_year=programme_year, province_id=package.province_id,
                                  code=package.code).exists():
        raise ValidationError(_("Paket %(code)s sudah ada di tahun %(year)s.")
                              % {"code": package.code, "year": programme_year.year})
    copy = PackageType.objects.create(programme_year=programme_year, province_id=package.province_id,
                                      code=package.code, name=package.name,
                                      sector=package.sector, description=package.description, value=package.value)
    PackageItem.objects.bulk_create(PackageItem(package=copy, item_id=line.item_id, quantity=line.quantity,
                                                unit_price=line.unit_price) for line in package.lines.all())
    return copy


@transaction.atomic
def item_save(*, item: Item | None, code: str, name: str, unit: str, user, specification: str = "",
              kind: str = Item.Kind.MATERIAL, has_serial_number: bool = False) -> Item:
    """Add a good to the catalogue or change it; the code (what imports and packages name) is unique."""
    require_provincial(user)
    code = code.strip().upper()
    taken = Item.objects.filter(code__iexact=code)
    if item is not None:
        taken = taken.exclude(pk=item.pk)
    if taken.exists():
        raise ValidationError(_("Kode barang %(code)s sudah dipakai.") % {"code": code})
    if kind not in Item.Kind.values:
        raise ValidationError(_("Pilih jenis barang."))
    item = item or Item()
    item.code, item.name, item.unit, item.specification = code, name.strip(), unit.strip(), specification.strip()
    item.kind, item.has_serial_number = kind, has_serial_number
    item.save()
    return item


@transaction.atomic
def item_price_set(*, programme_year, item: Item, unit_price: int, user, source: str = "") -> ItemPrice:
    """The price list of a year in the user's province: set one item's unit price (the start of new package
    lines; packages keep theirs)."""
    require_provincial(user)
    province = acting_province(user)
    if unit_price < 1:
        raise ValidationError(_("Harga satuan %(item)s harus lebih dari 0.") % {"item": item.name})
    price, _created = ItemPrice.objects.update_or_create(programme_year=programme_year, province=province, item=item,
                                                         defaults={
        "unit_price": unit_price, "source": source.strip()})
    return price
