"""Demo data: a small synthetic snapshot matching the demo candidates, and a few earlier recipients."""

import datetime as dt
import tempfile
from pathlib import Path

from recipients.models import Candidate
from verification.models import PriorRecipient, Snapshot
from verification.services import snapshots
from verification.synthetic import candidate_people, generate_snapshot_file


def seed(*, users, stdout):
    if not Snapshot.objects.filter(label="Demo").exists():
        people = candidate_people(Candidate.objects.all())
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
