"""The field work shell on a 390 x 844 phone in Chromium, with the network cut (page and service worker)."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from uep.tests.factories import PASSWORD
from fieldwork.models import Submission, SubmissionStatus
from monitoring.models import Visit
from monitoring.services.rounds import rounds_schedule
from recipients.models import CandidateEvent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def camera_photo(folder, seed: int):
    """A phone camera's picture: 2,000 x 1,500 px of noise (about 1 MB as JPEG), as a file IMG_<seed>.jpg."""
    from PIL import Image

    path = folder / f"IMG_{seed:04d}.jpg"
    if path.exists():  # the same picture again (a second of noise and JPEG each)
        return path
    Image.effect_noise((2000, 1500), 40 + seed % 20).convert("RGB").save(path, "JPEG", quality=90)
    return path


@pytest.fixture
def phone_args(browser_type_launch_args):
    return {**browser_type_launch_args, "viewport": PHONE, "service_workers": "allow"}


@pytest.fixture
def due_families(samarinda, hand_over):
    """Twenty Samarinda families whose 3-month visit fell due five days ago."""
    today = timezone.localdate()
    year, month = divmod(today.year * 12 + today.month - 1 - 3, 12)
    handed_on = today.replace(year=year, month=month + 1, day=min(today.day, 28)) - dt.timedelta(days=5)
    families = [hand_over(samarinda, name=f"Keluarga Sungai {i:02d}", date=handed_on) for i in range(1, 21)]
    rounds_schedule()
    return families


def offline(context, cut: bool):
    """No signal: the page's requests and the service worker's (which set_offline does not reach)."""
    context.set_offline(cut)
    if cut:
        context.route("**/*", lambda route: route.abort("internetdisconnected"))
    else:
        context.unroute("**/*")


def sign_in(page, base_url, user):
    page.goto(f"{base_url}/akun/masuk/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/")


def wait_until(page, expression, timeout=30):
    """Poll a condition in the page (wait_for_function evaluates strings, which the CSP forbids)."""
    for _ in range(timeout * 10):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(100)
    pytest.fail(f"never true: {expression}")


def open_shell(page, base_url):
    page.goto(f"{base_url}/lapangan/")
    wait_until(page, "navigator.serviceWorker.controller !== null")
    page.locator("#field-app[data-ready]").wait_for(state="attached")


def download(page):
    page.get_by_role("button", name="Unduh daftar kerja").click()
    expect(page.get_by_test_id("downloaded")).to_contain_text("Diunduh")


def record(page, name, day, *, photo=None, revenue="1.000.000"):
    page.locator("#list-monitoring li[data-key]").filter(has_text=name).get_by_role("button").click()
    form = page.locator("#form-monitoring")
    form.locator("input[name=visited_on]").fill(day.isoformat())
    form.locator("input[name=outcome][value=berjalan]").check()
    form.locator("input[name=monthly_revenue]").fill(revenue)
    if photo:  # a file on disk, as a phone's camera leaves it (Chromium reads it itself: no copy through Playwright)
        form.locator(".photo-input").set_input_files(photo)
    form.get_by_role("button", name="Simpan").click()
    expect(form).to_be_hidden()


def unsent(page, count):
    expect(page.get_by_test_id("unsent")).to_have_text(f"Belum terkirim: {count}", timeout=60_000)


def test_twenty_visits_with_photos_over_three_days_without_signal_arrive_exactly_once(
        playwright, phone_args, live_server, users, due_families, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    context = playwright.chromium.launch_persistent_context(str(tmp_path / "profil"), **phone_args)
    page = context.pages[0] if context.pages else context.new_page()
    sign_in(page, live_server.url, users["officer"])
    open_shell(page, live_server.url)
    download(page)
    expect(page.locator("#list-monitoring li[data-key]")).to_have_count(20)

    offline(context, True)
    today = timezone.localdate()
    days = [today - dt.timedelta(days=4), today - dt.timedelta(days=3), today - dt.timedelta(days=2)]
    names = [f.name for f in due_families]
    for day, chunk in zip(days, (names[:7], names[7:14], names[14:])):
        for i, name in enumerate(chunk):
            record(page, name, day, photo=camera_photo(tmp_path, i))
        # Night: the phone is closed and opened again, still without signal.
        page.reload()
        page.locator("#field-app[data-ready]").wait_for(state="attached")
    unsent(page, 20)
    # The count stays in view at the bottom of the phone's screen, over the list.
    box = page.get_by_test_id("unsent").bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"] and box["y"] > PHONE["height"] - 120
    assert not Submission.objects.exists()

    offline(context, False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    unsent(page, 0)
    context.close()

    assert Submission.objects.filter(status=SubmissionStatus.APPLIED).count() == 20
    visits = Visit.objects.filter(candidate__in=due_families, round__months=3)
    assert sorted({v.visited_on for v in visits}) == days
    assert all(v.photo and v.monthly_revenue == 1_000_000 for v in visits)
    from PIL import Image

    with Image.open(visits[0].photo.path) as stored:
        assert max(stored.size) <= 1280  # made smaller on the phone
    events = CandidateEvent.objects.filter(candidate__in=due_families, data__has_key="monitoring_visit")
    assert events.count() == 20 and not events.filter(message__startswith="Koreksi").exists()


def test_two_devices_recording_the_same_round_make_one_conflict_and_overwrite_nothing(
        browser, phone_args, live_server, users, make_user, samarinda, due_families):
    second = make_user("petugas_dua", "officer", kabupaten=samarinda)
    family = due_families[0].name
    devices = []
    for user in (users["officer"], second):
        context = browser.new_context(viewport=PHONE, service_workers="allow")
        page = context.new_page()
        sign_in(page, live_server.url, user)
        open_shell(page, live_server.url)
        download(page)
        offline(context, True)
        devices.append((context, page))
    record(devices[0][1], family, timezone.localdate() - dt.timedelta(days=2), revenue="2.000.000")
    record(devices[1][1], family, timezone.localdate() - dt.timedelta(days=1), revenue="750.000")

    for context, page in devices:
        offline(context, False)
        page.get_by_role("button", name="Kirim sekarang").click()
        unsent(page, 0)

    expect(devices[1][1].get_by_test_id("bar-notice")).to_contain_text("Konflik")
    visit = Visit.objects.get(candidate=due_families[0], round__months=3)
    assert (visit.monthly_revenue, visit.recorded_by) == (2_000_000, users["officer"])
    conflict = Submission.objects.get(status=SubmissionStatus.CONFLICT)
    assert conflict.user == second and conflict.payload["monthly_revenue"] == ["750.000"]
    assert Submission.objects.count() == 2

    page = devices[0][1]
    page.goto(f"{live_server.url}/lapangan/konflik/")
    expect(page.get_by_test_id("conflict")).to_have_count(1)
    expect(page.get_by_test_id("conflict")).to_contain_text(family)
    for context, _page in devices:
        context.close()


def test_a_browser_closed_while_sending_loses_nothing_and_sends_nothing_twice(
        playwright, phone_args, live_server, users, due_families, tmp_path):
    profile = str(tmp_path / "profil")
    context = playwright.chromium.launch_persistent_context(profile, **phone_args)
    page = context.pages[0] if context.pages else context.new_page()
    sign_in(page, live_server.url, users["officer"])
    open_shell(page, live_server.url)
    download(page)
    offline(context, True)
    for family in due_families[:5]:
        record(page, family.name, timezone.localdate() - dt.timedelta(days=1))
    unsent(page, 5)

    # The server takes the first send, but the phone never hears back: the browser is closed. The
    # route is in place before the signal returns, or the page's own "online" send may slip past it.
    held = []

    def reach_server_then_hang(route):
        route.fetch()
        held.append(route)

    context.route("**/lapangan/kirim/", reach_server_then_hang)
    offline(context, False)
    page.get_by_role("button", name="Kirim sekarang").click()
    for _ in range(200):
        if held:
            break
        page.wait_for_timeout(100)
    assert held and Submission.objects.count() == 1
    context.close()

    # Opened again on any page with signal: what waits goes out from there.
    context = playwright.chromium.launch_persistent_context(profile, **phone_args)
    page = context.pages[0] if context.pages else context.new_page()
    page.goto(f"{live_server.url}/")
    for _ in range(300):
        if Submission.objects.count() == 5:
            break
        page.wait_for_timeout(100)
    page.goto(f"{live_server.url}/lapangan/")
    unsent(page, 0)
    context.close()

    assert Submission.objects.count() == 5
    assert Visit.objects.filter(candidate__in=due_families[:5], recorded_at__isnull=False).count() == 5
    events = CandidateEvent.objects.filter(candidate__in=due_families[:5], data__has_key="monitoring_visit")
    assert events.count() == 5 and not events.filter(message__startswith="Koreksi").exists()


def test_a_second_user_on_the_same_browser_sees_none_of_the_first_users_data(
        browser, live_server, users, make_user, samarinda, due_families):
    context = browser.new_context(viewport=PHONE, service_workers="allow")
    page = context.new_page()
    sign_in(page, live_server.url, users["officer"])
    open_shell(page, live_server.url)
    download(page)
    offline(context, True)
    record(page, due_families[0].name, timezone.localdate() - dt.timedelta(days=1))
    unsent(page, 1)
    # Another page opened without signal: the field work, which works offline, saying why it is shown.
    expect(page.get_by_test_id("offline-elsewhere")).to_be_hidden()
    page.goto(f"{live_server.url}/admin/")
    expect(page.get_by_test_id("offline-elsewhere")).to_contain_text("Tidak ada sambungan")
    expect(page.get_by_role("heading", name="Kerja lapangan")).to_be_visible()
    unsent(page, 1)
    # The refusing route is in place before the signal returns, or the page's own "online" send
    # may deliver the visit first.
    context.route("**/lapangan/kirim/", lambda route: route.abort("internetdisconnected"))
    offline(context, False)
    first_id = users["officer"].id
    # Every page says what waits on the device.
    page.goto(f"{live_server.url}/")
    expect(page.locator(".unsent-badge")).to_have_text("1 kunjungan belum terkirim")

    # Logging out with a visit not sent asks first, then deletes the user's data from the device.
    page.once("dialog", lambda dialog: (dialog.message.startswith("Ada 1 kunjungan") or pytest.fail(dialog.message),
                                        dialog.accept()))
    page.get_by_test_id("menu-toggle").click()
    page.get_by_test_id("user-area").click()
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/akun/**")
    names = page.evaluate("indexedDB.databases().then(function (dbs) { return dbs.map(function (d) { return d.name; }); })")
    assert f"uep-lapangan-u{first_id}" not in names

    other = make_user("petugas_lain", "officer", kabupaten=samarinda)
    sign_in(page, live_server.url, other)
    open_shell(page, live_server.url)
    expect(page.get_by_test_id("downloaded")).to_contain_text("belum diunduh")
    unsent(page, 0)
    assert due_families[0].name not in page.content()
    context.close()
