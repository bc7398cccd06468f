from disbursements.models import PackageType

PACKAGES = [
    ("PG-GORENGAN", "Paket usaha gorengan", "food",
     "Tepung terigu 25 kg\nMinyak goreng 18 L\nBumbu\nKompor gas\nTabung gas 3 kg\nWajan\nSpatula\nEtalase"),
    ("PG-KUE", "Paket usaha kue basah", "food", "Tepung\nGula\nMentega\nOven\nMixer\nLoyang\nEtalase"),
    ("PG-KELONTONG", "Paket warung kelontong", "trade", "Sembako awal\nRak\nTimbangan\nEtalase"),
    ("PG-JAHIT", "Paket usaha jahit", "craft", "Mesin jahit\nMesin obras\nKain\nBenang\nGunting"),
    ("PG-ANYAMAN", "Paket kerajinan anyaman", "craft", "Rotan\nPewarna\nPisau raut\nPernis"),
    ("PG-BENGKEL", "Paket bengkel motor", "service", "Kunci set\nKompresor\nDongkrak\nOli awal\nBan dalam"),
]


def seed(*, users, stdout):
    for code, name, sector, items in PACKAGES:
        PackageType.objects.get_or_create(code=code, defaults={"name": name, "sector": sector, "items": items})
