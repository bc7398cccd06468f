"""Demo catalogue of 2025: items with prices and a package per kind of business, within the cap."""

from disbursements.models import Item, ItemPrice, PackageType
from disbursements.services.catalogue import LineInput, package_activate, package_lines_set
from programmes.models import ProgrammeYear
from regions.models import Province

# code, name, specification, unit, kind, serial numbered, unit price 2025
ITEMS = [
    ("TEPUNG-25", "Tepung terigu", "karung 25 kg", "karung", "material", False, 250_000),
    ("MINYAK-18", "Minyak goreng", "jeriken 18 L", "jeriken", "material", False, 380_000),
    ("BUMBU", "Bumbu dan bahan tambahan", "paket awal", "paket", "material", False, 150_000),
    ("KOMPOR-2T", "Kompor gas", "2 tungku, SNI", "unit", "equipment", True, 450_000),
    ("TABUNG-3", "Tabung gas", "3 kg, berisi", "unit", "equipment", False, 200_000),
    ("WAJAN-40", "Wajan", "diameter 40 cm", "buah", "equipment", False, 150_000),
    ("SPATULA", "Spatula dan serok", "stainless", "set", "equipment", False, 70_000),
    ("ETALASE", "Etalase", "kaca 100 cm", "unit", "equipment", False, 1_340_000),
    ("OVEN", "Oven", "gas, 2 rak", "unit", "equipment", True, 1_040_000),
    ("MIXER", "Mixer", "300 W", "unit", "equipment", True, 600_000),
    ("GULA-50", "Gula pasir", "karung 50 kg", "karung", "material", False, 850_000),
    ("RAK", "Rak barang", "besi 5 susun", "unit", "equipment", False, 900_000),
    ("TIMBANGAN", "Timbangan", "digital 30 kg", "unit", "equipment", True, 450_000),
    ("SEMBAKO", "Sembako awal", "paket dagangan", "paket", "material", False, 1_410_000),
    ("MESIN-JAHIT", "Mesin jahit", "portable, listrik", "unit", "equipment", True, 2_200_000),
    ("OBRAS", "Mesin obras", "3 benang", "unit", "equipment", True, 1_800_000),
    ("KAIN", "Kain katun", "gulung 30 m", "gulung", "material", False, 500_000),
    ("KUNCI-SET", "Kunci set", "bengkel 60 pcs", "set", "equipment", False, 1_200_000),
    ("KOMPRESOR", "Kompresor", "1/2 PK", "unit", "equipment", True, 2_300_000),
    ("OLI", "Oli awal", "dus 24 L", "dus", "material", False, 900_000),
]

# code, name, sector, [(item code, quantity)]
PACKAGES = [
    ("PG-GORENGAN", "Paket usaha gorengan", "food",
     [("TEPUNG-25", 4), ("MINYAK-18", 3), ("BUMBU", 2), ("KOMPOR-2T", 1), ("TABUNG-3", 2), ("WAJAN-40", 2),
      ("SPATULA", 1), ("ETALASE", 1)]),
    ("PG-KUE", "Paket usaha kue basah", "food",
     [("TEPUNG-25", 2), ("GULA-50", 1), ("OVEN", 1), ("MIXER", 1), ("KOMPOR-2T", 1), ("TABUNG-3", 1),
      ("ETALASE", 1)]),
    ("PG-KELONTONG", "Paket warung kelontong", "trade", [("SEMBAKO", 1), ("RAK", 2), ("TIMBANGAN", 1),
                                                         ("ETALASE", 1)]),
    ("PG-JAHIT", "Paket usaha jahit", "craft", [("MESIN-JAHIT", 1), ("OBRAS", 1), ("KAIN", 2)]),
    ("PG-BENGKEL", "Paket bengkel motor", "service", [("KUNCI-SET", 1), ("KOMPRESOR", 1), ("OLI", 1)]),
]


def seed(*, users, stdout):
    year, _ = ProgrammeYear.objects.get_or_create(year=2025)
    provincial = users["provinsi"]
    items = {}
    for code, name, spec, unit, kind, serial, price in ITEMS:
        items[code], _ = Item.objects.get_or_create(code=code, defaults={
            "name": name, "specification": spec, "unit": unit, "kind": kind, "has_serial_number": serial})
        ItemPrice.objects.get_or_create(province=Province.objects.get(code="64"), programme_year=year, item=items[code], defaults={
            "unit_price": price, "source": "Survei harga pasar Samarinda 2025"})
    for code, name, sector, lines in PACKAGES:
        package, created = PackageType.objects.get_or_create(province=Province.objects.get(code="64"), programme_year=year, code=code,
                                                             defaults={"name": name, "sector": sector})
        if created or not package.lines.exists():
            package_lines_set(package=package, lines=[LineInput(items[c], q) for c, q in lines], user=provincial)
            package_activate(package=package, user=provincial)
    stdout.write(f"  Katalog {year.year}: {len(PACKAGES)} paket, {len(ITEMS)} barang")
    from disbursements.demo_goods import seed_goods

    seed_goods(year=year, users=users, stdout=stdout)
