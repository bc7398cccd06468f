"""The storage budget of the field work: a pendamping's full caseload (the year's
``recipients_per_facilitator``) with a photo each, recorded without signal, must fit in 50 MB of the
phone's browser storage, measured by Chromium's ``navigator.storage.estimate()``.

The photo is the worst case for JPEG: a 4,000 x 3,000 camera picture of sensor noise, made smaller on
the device as every photo is (1,280 px, quality 0.72). The baseline, measured in the same run, is the
storage the shell and the downloaded worklist take before any visit. Run alone to read the figure:

    make test PYTEST_ARGS="fieldwork/tests/test_storage_budget.py -s"
"""

import datetime as dt

import pytest
from django.utils import timezone

from fieldwork.tests.test_browser import PHONE, download, offline, open_shell, record, sign_in, unsent
from monitoring.services.rounds import rounds_schedule

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BUDGET_MB = 50
USAGE = "navigator.storage.estimate().then(function (e) { return e.usage; })"


def camera_noise_photo(path):
    from PIL import Image

    Image.effect_noise((4000, 3000), 64).convert("RGB").save(path, "JPEG", quality=92)
    return path


def test_a_full_caseload_with_a_photo_each_fits_in_50_mb(playwright, browser_type_launch_args, live_server, users,
                                                        samarinda, hand_over, programme_year, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    caseload = programme_year.recipients_per_facilitator
    today = timezone.localdate()
    year, month = divmod(today.year * 12 + today.month - 1 - 3, 12)
    handed_on = today.replace(year=year, month=month + 1, day=min(today.day, 28)) - dt.timedelta(days=5)
    families = [hand_over(samarinda, name=f"Keluarga Hulu {i:03d}", date=handed_on) for i in range(caseload)]
    rounds_schedule()
    photo = camera_noise_photo(tmp_path / "IMG_0001.jpg")
    photo_size = photo.stat().st_size

    context = playwright.chromium.launch_persistent_context(
        str(tmp_path / "profil"), **browser_type_launch_args, viewport=PHONE, service_workers="allow")
    page = context.pages[0] if context.pages else context.new_page()
    sign_in(page, live_server.url, users["officer"])
    open_shell(page, live_server.url)
    download(page)
    offline(context, True)
    baseline = page.evaluate(USAGE)
    for family in families:
        record(page, family.name, today - dt.timedelta(days=1), photo=photo)
    unsent(page, caseload)
    page.wait_for_timeout(1000)  # the store's files are counted once written
    used = page.evaluate(USAGE)
    stored = page.evaluate("UEPField.all(document.body.dataset.user, 'queue').then(function (q) {"
                           " return q.reduce(function (n, e) { return n + e.photos.reduce(function (m, p) {"
                           " return m + p.size; }, 0); }, 0); })")
    context.close()

    mb = 1024 * 1024
    print(f"\nStorage of a full caseload ({caseload} visits, one photo each, camera photo {photo_size / mb:.1f} MB "
          f"made {stored / caseload / 1024:.0f} KB on the device): {used / mb:.1f} MB used "
          f"(baseline, shell and worklist only: {baseline / mb:.1f} MB; visits add {(used - baseline) / mb:.1f} MB); "
          f"budget {BUDGET_MB} MB")
    assert stored < photo_size * caseload / 5  # made smaller on the device
    assert used < BUDGET_MB * mb
