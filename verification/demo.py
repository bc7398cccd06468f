"""Demo data: a small synthetic snapshot matching the demo candidates, and a few earlier recipients."""

import datetime as dt
import tempfile
from pathlib import Path

from recipients.models import Candidate
from verification.services import snapshots
from verification.models import PriorRecipient, Snapshot
from verification.synthetic import generate_snapshot_file


def seed(*, users, stdout):
    if not Snapshot.objects.filter(label="Demo").exists():
        people = []
        for i, c in enumerate(Candidate.objects.select_related("person", "kabupaten", "kecamatan", "kelurahan")):
            people.append({
                "nik": c.person.nik, "no_kk": c.no_kk, "name": c.name, "sex": c.sex,
                "birth_date": c.birth_date, "kabupaten_code": c.kabupaten.code, "kecamatan": c.kecamatan.name,
                "kelurahan": c.kelurahan.name,
                # Most pass; every seventh is too well-off, so the summary shows a refusal reason.
                "desil": 7 if i % 7 == 6 else 1 + i % 5,
            })
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "dtks-demo.csv"
            generate_snapshot_file(rows=len(people) + 2000, out=path, people=people)
            snapshot = snapshots.snapshot_create(extract_date=dt.date(2025, 6, 30), label="Demo", path=path,
                                                 user=users.get("provincial") if isinstance(users, dict) else None)
            snapshot = snapshots.snapshot_load(snapshot_id=snapshot.id)
        stdout.write(f"DTKS demo snapshot: {snapshot.loaded_count} rows")
    for nik, year, scheme in [("6472035507800001", 2023, "WRSE"), ("6401014101750002", 2024, "KUBE"),
                              ("6471011203700003", 2022, "UEP")]:
        PriorRecipient.objects.get_or_create(nik=nik, year=year, scheme=scheme, defaults={"source": "Demo"})
