"""A realistic synthetic DTKS extract (the real one is confidential), for demos and benchmarks."""

import csv
import datetime as dt
import random
from pathlib import Path

from recipients.nik import make_nik

HEADER = ["ID_DTKS", "NIK", "NO_KK", "NAMA", "JENIS_KELAMIN", "TANGGAL_LAHIR", "KABUPATEN_KOTA", "KECAMATAN",
          "KELURAHAN_DESA", "DESIL"]
MEN = ["Ahmad", "Budi", "Rahmat", "Agus", "Hendra", "Syahrul", "Muhammad", "Rudi", "Yusuf", "Bambang", "Andi",
       "Arif", "Dedi", "Fajar", "Hasan", "Irwan", "Joko", "Rizky", "Slamet", "Wahyu", "Abdul", "Daeng", "Usman"]
WOMEN = ["Siti", "Nur", "Sri", "Dewi", "Rahmawati", "Fitri", "Yuliana", "Aisyah", "Hartini", "Kartini", "Lestari",
         "Mariam", "Nurhayati", "Rini", "Sarifah", "Wulan", "Fatimah", "Halimah", "Juliani", "Masniah", "Ernawati"]
FAMILY = ["Saputra", "Hidayat", "Rahman", "Wijaya", "Pratama", "Setiawan", "Lestari", "Kurniawan", "Hasanah",
          "Nugroho", "Santoso", "Gunawan", "Susanti", "Ramadhan", "Kusuma", "Syahputra", "Aminah", "Baharuddin",
          "Mappaseng", "Lamba", "Asmara", "Anwar", "Effendi", "Iskandar", "Maulana", "Firmansyah", "Sulaiman"]


def _villages():
    from regions.models import Kelurahan

    return list(Kelurahan.objects.select_related("kecamatan__kabupaten").values_list(
        "kecamatan__kabupaten__code", "kecamatan__code", "kecamatan__name", "name"))


def candidate_people(candidates) -> list[dict]:
    """The registry's rows for these candidates (``generate_rows(people=...)``), so that verifying
    them tells a true story: most are registered as proposed with desil 1-5 and pass; every seventh
    is too well-off (desil 7) and every eleventh is not in the registry at all, so the desk refuses
    some for the reasons it refuses real people."""
    people = []
    for i, c in enumerate(candidates.select_related("person", "kabupaten", "kecamatan", "kelurahan").order_by("id")):
        if i % 11 == 10:
            continue
        people.append({
            "nik": c.person.nik, "no_kk": c.no_kk, "name": c.name, "sex": c.sex, "birth_date": c.birth_date,
            "kabupaten_code": c.kabupaten.code, "kecamatan": c.kecamatan.name, "kelurahan": c.kelurahan.name,
            "desil": 7 if i % 7 == 6 else 1 + i % 5,
        })
    return people


def generate_rows(*, rows: int, seed: int = 64, people=()):
    """Yield CSV rows. ``people`` (dicts with nik, no_kk, name, sex, birth_date, kabupaten_code,
    kecamatan, kelurahan, desil) come first, as they are; the rest is random families of 1-4."""
    rng = random.Random(seed)
    villages = _villages()
    used = set()
    n = 0
    for person in people:
        used.add(person["nik"])
        n += 1
        yield [f"DTKS{n:09d}", person["nik"], person["no_kk"], person["name"], person["sex"],
               person["birth_date"].isoformat(), person["kabupaten_code"], person["kecamatan"], person["kelurahan"],
               person["desil"]]
    start, span = dt.date(1950, 1, 1).toordinal(), (dt.date(2006, 12, 31) - dt.date(1950, 1, 1)).days
    while n < rows:
        kab_code, kec_code, kec_name, village = rng.choice(villages)
        kk = f"{kec_code.replace('.', '')}{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}{rng.randint(5, 24):02d}" \
             f"{rng.randint(1, 9999):04d}"
        desil = min(10, max(1, int(rng.triangular(1, 11, 3))))
        family = FAMILY[rng.randrange(len(FAMILY))]
        for _member in range(rng.choice((1, 1, 2, 2, 3, 4))):
            if n >= rows:
                break
            sex = "P" if rng.random() < 0.5 else "L"
            born = dt.date.fromordinal(start + rng.randrange(span))
            nik = make_nik(kecamatan_code=kec_code, birth_date=born, sex=sex, serial=rng.randint(1, 9999))
            if nik in used:
                continue
            used.add(nik)
            first = (WOMEN if sex == "P" else MEN)[rng.randrange(len(WOMEN if sex == "P" else MEN))]
            n += 1
            yield [f"DTKS{n:09d}", nik, kk, f"{first} {family}", sex, born.isoformat(), kab_code, kec_name, village,
                   desil]


def generate_snapshot_file(*, rows: int, out: Path, seed: int = 64, people=()) -> int:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        count = 0
        for row in generate_rows(rows=rows, seed=seed, people=people):
            writer.writerow(row)
            count += 1
    return count
