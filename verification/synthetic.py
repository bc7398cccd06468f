"""A realistic synthetic DTKS extract (the real one is confidential), for demos and benchmarks."""

import csv
import datetime as dt
import itertools
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


# People per kabupaten/kota, so that an extract has the province's shape (Samarinda's partition
# is 25 times Mahakam Ulu's). Source: BPS, Sensus Penduduk 2020 (SP2020), population of each
# kabupaten/kota of Kalimantan Timur, September 2020 (province 3,766,039); DTSEN covers the whole
# population, so a 4,000,000-row extract is these shares of four million.
KABUPATEN_POPULATION = {
    "64.01": 275_452,  # Paser
    "64.02": 729_382,  # Kutai Kartanegara
    "64.03": 248_035,  # Berau
    "64.07": 165_091,  # Kutai Barat
    "64.08": 434_459,  # Kutai Timur
    "64.09": 178_681,  # Penajam Paser Utara
    "64.11": 32_513,  # Mahakam Ulu
    "64.71": 688_318,  # Balikpapan
    "64.72": 827_994,  # Samarinda
    "64.74": 178_917,  # Bontang
}


# The eight provinces of the registry benchmark at 30,000,000 rows (bench/bench_registry.py), with
# their population in SP2020 (BPS): about 31 million people, so 30,000,000 rows are these shares.
# Kalimantan Timur keeps its real kabupaten/kota and their sizes; the bench gives the others
# synthetic regions where the app has none loaded.
BENCH_PROVINCES = {
    "64": ("Kalimantan Timur", 3_766_039),
    "61": ("Kalimantan Barat", 5_414_390),
    "62": ("Kalimantan Tengah", 2_669_969),
    "63": ("Kalimantan Selatan", 4_073_584),
    "65": ("Kalimantan Utara", 701_814),
    "71": ("Sulawesi Utara", 2_621_923),
    "73": ("Sulawesi Selatan", 9_073_509),
    "74": ("Sulawesi Tenggara", 2_624_875),
}


def _villages(province: str | None = None):
    from regions.models import Kelurahan

    villages = Kelurahan.objects.all()
    if province is not None:
        villages = villages.filter(code__startswith=f"{province}.")
    return list(villages.order_by("code").values_list(
        "kecamatan__kabupaten__code", "kecamatan__code", "kecamatan__name", "name"))


def _villages_by_weight(province: str | None = None):
    """The villages, and for each kabupaten/kota its population share spread over its villages:
    a random village is then drawn with the area's real weight, however many villages it has."""
    villages = _villages(province)
    per_area: dict[str, int] = {}
    for kab_code, *_rest in villages:
        per_area[kab_code] = per_area.get(kab_code, 0) + 1
    weights = [KABUPATEN_POPULATION.get(kab_code, 0) / per_area[kab_code] for kab_code, *_rest in villages]
    if not any(weights):  # regions of another province only: every village alike
        weights = [1] * len(villages)
    return villages, weights


# A NIK is unique by construction, without remembering the ones given (4,000,000 strings would be
# about 400 MB): the n-th person of a kecamatan gets the n-th point of a fixed permutation of
# (birth day, sex, serial), an affine map modulo the size of that space with a multiplier prime to it.
BIRTH_START = dt.date(1950, 1, 1).toordinal()
BIRTH_DAYS = (dt.date(2006, 12, 31) - dt.date(1950, 1, 1)).days
NIK_SPACE = BIRTH_DAYS * 2 * 9999
NIK_STEP = 257_298_883  # a prime near 0.618 of NIK_SPACE, not one of its factors: the map is a bijection


def _birth_sex_serial(kec_index: int, n: int) -> tuple[dt.date, str, int]:
    point = (n * NIK_STEP + kec_index * 7_919_321) % NIK_SPACE
    point, serial = divmod(point, 9999)
    day, female = divmod(point, 2)
    return dt.date.fromordinal(BIRTH_START + day), "P" if female else "L", serial + 1


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


def generate_rows(*, rows: int, seed: int = 64, people=(), province: str | None = None, id_prefix: str = "DTKS"):
    """Yield CSV rows. ``people`` (dicts with nik, no_kk, name, sex, birth_date, kabupaten_code,
    kecamatan, kelurahan, desil) come first, as they are; the rest is random families of 1-4,
    living in the villages of ``province`` ("64") or of every province loaded."""
    rng = random.Random(seed)
    used = set()
    n = 0
    for person in people:
        used.add(person["nik"])
        n += 1
        yield [f"{id_prefix}{n:09d}", person["nik"], person["no_kk"], person["name"], person["sex"],
               person["birth_date"].isoformat(), person["kabupaten_code"], person["kecamatan"], person["kelurahan"],
               person["desil"]]
    villages, weights = _villages_by_weight(province)
    cumulative = list(itertools.accumulate(weights))
    kec_index = {code: i for i, code in enumerate(sorted({v[1] for v in villages}))}
    given = dict.fromkeys(kec_index, 0)  # people numbered so far per kecamatan
    while n < rows:
        kab_code, kec_code, kec_name, village = rng.choices(villages, cum_weights=cumulative)[0]
        kk = f"{kec_code.replace('.', '')}{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}{rng.randint(5, 24):02d}" \
             f"{rng.randint(1, 9999):04d}"
        desil = min(10, max(1, int(rng.triangular(1, 11, 3))))
        family = FAMILY[rng.randrange(len(FAMILY))]
        for _member in range(rng.choice((1, 1, 2, 2, 3, 4))):
            if n >= rows:
                break
            born, sex, serial = _birth_sex_serial(kec_index[kec_code], given[kec_code])
            given[kec_code] += 1
            nik = make_nik(kecamatan_code=kec_code, birth_date=born, sex=sex, serial=serial)
            if nik in used:  # one of ``people``
                continue
            first = (WOMEN if sex == "P" else MEN)[rng.randrange(len(WOMEN if sex == "P" else MEN))]
            n += 1
            yield [f"{id_prefix}{n:09d}", nik, kk, f"{first} {family}", sex, born.isoformat(), kab_code, kec_name, village,
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


def generate_provinces_file(*, rows: int, out: Path, provinces: dict[str, tuple[str, int]] = BENCH_PROVINCES,
                            seed: int = 64) -> dict[str, int]:
    """One extract of several provinces, each its share of ``rows`` by population, one province after
    the other (as a national extract sorted by region comes). Returns the rows per province."""
    total = sum(population for _name, population in provinces.values())
    counts = {code: rows * population // total for code, (_name, population) in provinces.items()}
    counts[next(iter(counts))] += rows - sum(counts.values())
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        for code, count in counts.items():
            writer.writerows(generate_rows(rows=count, seed=seed + int(code), province=code, id_prefix=f"DTKS{code}"))
    return counts
