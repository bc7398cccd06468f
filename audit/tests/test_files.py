"""Uploaded files that hold personal data leave the disk when the rule in the README says."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from audit.services.files import files_sweep
from recipients.generate import candidate_rows, candidate_xlsx
from recipients.models import Upload
from recipients.services.upload import upload_cancel, upload_check, upload_confirm, upload_create
from verification.models import Snapshot
from verification.services import snapshots
from verification.synthetic import HEADER


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def files_in(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


@pytest.fixture
def previewed(users, programme_year, samarinda):
    def make(serial_start=1):
        data = candidate_xlsx(candidate_rows(kabupaten=samarinda, rows=3, seed=1, serial_start=serial_start))
        upload = upload_create(user=users["officer"], kabupaten=samarinda, programme_year=programme_year,
                               file=ContentFile(data, name="usulan Siti.xlsx"))
        return upload_check(upload=upload)
    return make


def test_a_confirmed_upload_leaves_no_file_on_disk(previewed, users, media):
    upload = previewed()
    assert files_in(media)  # the list, and its checked rows beside it

    upload = upload_confirm(upload=upload, user=users["officer"])

    assert upload.status == Upload.Status.CONFIRMED and upload.accepted_count == 3
    assert files_in(media) == []
    assert Upload.objects.get(pk=upload.pk).file.name == ""


def test_a_cancelled_upload_leaves_no_file_on_disk(previewed, users, media):
    upload_cancel(upload=previewed(), user=users["officer"])

    assert files_in(media) == []


def test_a_preview_left_waiting_is_cancelled_and_its_file_deleted_by_the_sweep(previewed, settings, media):
    old, recent = previewed(), previewed(serial_start=100)
    Upload.objects.filter(pk=old.pk).update(uploaded_at=dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc))
    settings.UPLOAD_WAITING_DAYS = 30

    result = files_sweep(now=dt.datetime(2025, 2, 15, tzinfo=dt.timezone.utc))

    assert result == {"uploads_cancelled": 1, "upload_files_deleted": 1, "snapshot_files_deleted": 0,
                      "orphan_files_deleted": 0}
    old.refresh_from_db(), recent.refresh_from_db()
    assert old.status == Upload.Status.CANCELLED and not old.file
    assert recent.status == Upload.Status.PREVIEW and Path(recent.file.path).exists()


def test_the_sweep_deletes_a_confirmed_uploads_file_a_crash_left_behind(previewed, users, media):
    upload = previewed()
    Upload.objects.filter(pk=upload.pk).update(status=Upload.Status.CONFIRMED)

    assert files_sweep()["upload_files_deleted"] == 1
    assert files_in(media) == []


def extract(rows) -> bytes:
    return ("\n".join([",".join(HEADER), *[",".join(r) for r in rows]]) + "\n").encode()


def test_a_dtks_extract_uploaded_through_the_web_is_deleted_once_loaded(regions, media):
    row = ["DTKS1", "6472034703850001", "6472030101250001", "Siti", "P", "1985-03-07", "64.72", "Samarinda Ulu",
           "Air Hitam", "2"]
    snapshot = snapshots.snapshot_create(extract_date=dt.date(2025, 6, 30),
                                         upload=ContentFile(extract([row]), name="dtks_kaltim.csv"))
    assert files_in(media)

    snapshot = snapshots.snapshot_load(snapshot_id=snapshot.id)

    assert snapshot.status == Snapshot.Status.READY and snapshot.loaded_count == 1
    assert files_in(media) == [] and snapshot.file.name == ""


def test_an_extract_loaded_from_the_operators_path_is_left_where_it_is(regions, tmp_path):
    path = tmp_path / "dtks.csv"
    path.write_bytes(extract([]))
    snapshot = snapshots.snapshot_create(extract_date=dt.date(2025, 6, 30), path=path)

    snapshots.snapshot_load(snapshot_id=snapshot.id)
    files_sweep()

    assert path.exists()


def aged(path: Path, hours: float) -> Path:
    import os
    import time

    then = time.time() - hours * 3600
    os.utime(path, (then, then))
    return path


def test_the_sweep_deletes_a_media_file_no_row_points_to_once_past_the_grace(media, settings, previewed):
    from audit.services.files import media_orphans_delete

    settings.MEDIA_ORPHAN_GRACE_HOURS = 24
    waiting = previewed()  # its list and checked rows are pointed to: they stay
    for path in files_in(media):
        aged(path, 30)
    folder = media / "monitoring" / "2026"
    folder.mkdir(parents=True)
    (folder / "foto-lama.jpg").write_bytes(b"x")
    aged(folder / "foto-lama.jpg", 30)
    fresh = folder / "baru-ditulis.jpg"
    fresh.write_bytes(b"x")

    assert media_orphans_delete() == 1

    assert not (folder / "foto-lama.jpg").exists() and fresh.exists()
    assert Path(waiting.file.path).exists() and any(p.suffix == ".json" for p in files_in(media))
