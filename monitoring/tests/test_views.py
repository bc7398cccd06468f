import datetime as dt
import io
import time

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from exports.models import Job
from exports.tests.helpers import downloaded, job_of
from monitoring.models import Facilitator, Visit
from monitoring.services.rounds import rounds_schedule


@pytest.fixture
def due_now(samarinda, hand_over):
    """A Samarinda family whose 3-month visit fell due five days ago."""
    today = timezone.localdate()
    year, month = divmod(today.year * 12 + today.month - 1 - 3, 12)
    handed_on = today.replace(year=year, month=month + 1, day=min(today.day, 28)) - dt.timedelta(days=5)
    candidate = hand_over(samarinda, name="Sari Pedagang Gorengan", date=handed_on)
    rounds_schedule()
    return Visit.objects.get(candidate=candidate, round__months=3)


def post_visit(client, visit, **fields):
    data = {"visited_on": visit.due_on.isoformat(), "outcome": "berjalan", **fields}
    return client.post(f"/monitoring/kunjungan/{visit.id}/", data, HTTP_ACCEPT="application/json")


def test_an_omzet_typed_the_indonesian_way_is_saved_as_that_amount(client, users, due_now):
    client.force_login(users["officer"])

    response = post_visit(client, due_now, monthly_revenue="Rp 2.000.000", workers="2")

    assert response.status_code == 200 and response.json()["ok"]
    assert Visit.objects.get(id=due_now.id).monthly_revenue == 2_000_000


def test_an_ambiguous_omzet_is_refused_in_indonesian_and_nothing_is_saved(client, users, due_now):
    client.force_login(users["officer"])

    response = post_visit(client, due_now, monthly_revenue="1,5")

    assert response.status_code == 400
    assert "Rupiah ditulis tanpa sen" in " ".join(response.json()["errors"])
    assert Visit.objects.get(id=due_now.id).visited_on is None


def test_a_closed_business_without_a_reason_is_shown_why(client, users, due_now):
    client.force_login(users["officer"])

    response = client.post(f"/monitoring/kunjungan/{due_now.id}/", {"visited_on": due_now.due_on.isoformat(),
                                                                    "outcome": "tutup"})

    assert response.status_code == 200
    assert "Tuliskan alasan usaha tutup." in response.content.decode()


def test_the_pendamping_sees_their_due_visits(client, users, samarinda, due_now):
    ani = Facilitator.objects.create(kabupaten=samarinda, name="Ani Pendamping", user=users["officer"])
    Visit.objects.filter(id=due_now.id).update(facilitator=ani)
    client.force_login(users["officer"])

    page = client.get("/monitoring/").content.decode()

    assert "Sari Pedagang Gorengan" in page and "Jatuh tempo" in page
    assert "Sari Pedagang Gorengan" not in client.get("/monitoring/?status=selesai").content.decode()


def test_malformed_parameters_are_a_404_not_an_error(client, users, programme_year):
    client.force_login(users["provincial"])

    assert client.get("/monitoring/?pendamping=abc").status_code == 404
    assert client.get("/monitoring/?status=bogus").status_code == 404
    assert client.get("/monitoring/keberlanjutan/?per=bogus").status_code == 404
    assert client.get("/monitoring/desil/?snapshot=x1").status_code == 404


def test_the_survival_page_draws_its_curve_and_table(client, users, programme_year, due_now):
    client.force_login(users["provincial"])

    page = client.get("/monitoring/keberlanjutan/?tahun=2025").content.decode()

    assert "<svg" in page and "Kaplan-Meier" in page
    assert 'data-testid="survival-groups"' in page and "Kota Samarinda" in page


def wait_for(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_writes_the_yearly_report_as_pdf_and_xlsx(celery_worker, client, users, programme_year, due_now):
    client.force_login(users["provincial"])

    job = job_of(client.post("/monitoring/laporan/buat/?tahun=2025"))

    assert wait_for(lambda: Job.objects.get(id=job.id).status == Job.Status.DONE, 60)
    assert downloaded(client, job, 0).startswith(b"%PDF")
    book = load_workbook(io.BytesIO(downloaded(client, job, 1)))
    assert book.sheetnames[:4] == ["Keberlanjutan usaha", "Omzet", "Alur penerima", "Realisasi anggaran"]
    assert [c.value for c in book["Alur penerima"][2]] == ["Kabupaten Paser", 0, 0, 0, 0, 0, 0, 0]
    # The share surviving: a number formatted as percent, or an empty cell when not known yet (never "-").
    sheet = book["Keberlanjutan usaha"]
    column = [c.value for c in sheet[1]].index("Bertahan")
    shares = [row[column] for row in sheet.iter_rows(min_row=2)]
    assert shares and all(c.value is None or (c.data_type == "n" and c.number_format == "0.0%") for c in shares)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_visit_typed_on_a_phone_without_a_connection_is_kept_and_sent_when_it_returns(
        page, live_server, login_page, users, due_now):
    page.set_viewport_size({"width": 390, "height": 844})
    login_page(users["officer"])
    page.goto(f"{live_server.url}/monitoring/")
    page.get_by_role("link", name="Sari Pedagang Gorengan").click()

    page.get_by_label("Berjalan").check()
    page.fill("#id_monthly_revenue", "2.000.000")
    page.fill("#id_notes", "Warung ramai pagi hari")
    page.context.set_offline(True)
    page.get_by_role("button", name="Simpan kunjungan").click()

    status = page.locator("#visit-status")
    status.get_by_text("Tidak ada sambungan").wait_for()
    assert Visit.objects.get(id=due_now.id).visited_on is None
    assert "Warung ramai pagi hari" in page.evaluate(f"localStorage.getItem('uep-visit-{due_now.id}')")
    # Big targets: the submit button spans the phone's width; what happened shows right under it.
    button = page.get_by_role("button", name="Simpan kunjungan").bounding_box()
    assert button["width"] > 300
    notice = status.bounding_box()
    assert 0 <= notice["y"] - (button["y"] + button["height"]) < 40

    page.context.set_offline(False)

    status.get_by_text("Kunjungan untuk Sari Pedagang Gorengan tersimpan.").wait_for(timeout=15000)
    visit = Visit.objects.get(id=due_now.id)
    assert (visit.outcome, visit.monthly_revenue, visit.notes, visit.recorded_by) == (
        "berjalan", 2_000_000, "Warung ramai pagi hari", users["officer"])
    assert page.evaluate(f"localStorage.getItem('uep-visit-{due_now.id}')") is None


@pytest.mark.django_db
def test_the_survival_page_says_so_when_nothing_was_handed_over_yet(client, users, programme_year):
    client.force_login(users["provincial"])

    page = client.get("/monitoring/keberlanjutan/").content.decode()

    assert 'data-testid="survival-empty"' in page and "Belum ada paket yang diserahkan" in page
    assert 'data-testid="survival-total"' not in page
