"""Done when: a decided candidate goes through package assignment, delivery to stock, bimtek, the handover
day's BAST, the signed scan, a delivery check and a complaint, in real Chromium with a real worker."""

import datetime as dt
import io

import pytest
from PIL import Image

from disbursements.models import Complaint, Handover, PackageType, StockBalance
from disbursements.services.procurement import ContractLineInput, contract_create
from recipients.models import CandidateStatus
from regions.models import Province


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), (250, 250, 250)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_decided_candidate_goes_from_package_to_complaint(page, live_server, login_page, celery_worker, users,
                                                             samarinda, make_candidate, programme_year,
                                                             stocked_package, items):
    PackageType.objects.create(programme_year=programme_year, province=Province.objects.get(code="64"), code="PG-LAIN", name="Paket lain", sector="food",
                               is_active=True, value=100)
    rina = make_candidate(samarinda, name="Rina Demo Samarinda", status="decided", requested_package="PG-LAIN",
                          created_by=users["officer"])
    from disbursements.models import Vendor

    contract = contract_create(
        programme_year=programme_year, vendor=Vendor.objects.create(province=Province.objects.get(code="64"), name="CV Mitra Uji"), number="KTR/UJI/2025",
        signed_on=dt.date(2025, 4, 1), user=users["provincial"],
        lines=[ContractLineInput(item=items["tepung"], quantity=2, unit_price=250_000, allocations={samarinda.id: 2}),
               ContractLineInput(item=items["kompor"], quantity=1, unit_price=500_000, allocations={samarinda.id: 1})])
    url = live_server.url

    # Provincial staff give her the gorengan package instead of the one she asked for.
    login_page(users["provincial"])
    page.goto(f"{url}/penyaluran/{rina.id}/paket/")
    page.select_option("#id_package", label=str(stocked_package))
    page.fill("#id_reason", "Usaha gorengan sudah berjalan")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_test_id("candidate-goods").wait_for()

    # The officer receives the vendor's goods into Samarinda's stock, then holds the bimtek.
    page.context.clear_cookies()
    login_page(users["officer"])
    page.goto(f"{url}/penyaluran/kontrak/{contract.id}/terima/")
    page.fill("#id_received_on", "2025-05-15")
    page.fill("#id_vendor_bast_number", "BAST-CV/05/014")
    for line in contract.lines.all():
        page.fill(f"#id_stated_{line.id}", str(line.quantity))
        page.fill(f"#id_received_{line.id}", str(line.quantity))
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url(f"{url}/penyaluran/penerimaan/")
    assert StockBalance.objects.get(item=items["kompor"]).on_hand == 1

    page.goto(f"{url}/penyaluran/bimtek/")
    page.fill("#id_date", "2025-05-20")
    page.fill("#id_venue", "Aula Dinsos")
    page.check(f"input[name=participants][value='{rina.id}']")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url(f"{url}/penyaluran/")

    # The handover day: invite her, print the BAST in the worker, record the outcome, upload the signed scan.
    page.goto(f"{url}/penyaluran/acara/")
    page.fill("#id_date", "2025-06-02")
    page.fill("#id_place", "Aula Kantor Camat")
    page.get_by_role("button", name="Buat acara").click()
    page.check(f"input[name=candidates][value='{rina.id}']")
    page.get_by_role("button", name="Undang yang dipilih").click()
    handover = Handover.objects.get(candidate=rina)
    assert handover.bast_number == "0001/BAST-UEP/64.72/2025"

    page.get_by_test_id("print-bast").click()
    page.get_by_test_id("job-download").first.wait_for(state="visible", timeout=30_000)

    page.goto(f"{url}/penyaluran/acara/{handover.day_id}/")
    page.get_by_role("link", name="Catat hasil").click()
    page.get_by_label("Diterima", exact=True).check()
    page.fill(f"#id_serial_{handover.lines.get(item=items['kompor']).id}", "KG-2025-0001")
    # The photo of the handover is its evidence, so it is recorded at once (no second person needed).
    page.set_input_files("#id_photo", files=[{"name": "serah-terima.jpg", "mimeType": "image/jpeg",
                                              "buffer": jpeg_bytes()}])
    page.get_by_role("button", name="Simpan").click()
    page.get_by_text("Hasil penyerahan 0001/BAST-UEP/64.72/2025 dicatat").wait_for()
    page.get_by_test_id("scans").set_input_files(files=[{
        "name": "0001-BAST-UEP-64.72-2025.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}])
    page.get_by_role("button", name="Unggah").click()
    page.get_by_text("1 pindaian dicocokkan").wait_for()
    handover.refresh_from_db()
    rina.refresh_from_db()
    assert rina.status == CandidateStatus.HANDED_OVER and handover.bast_scan
    assert StockBalance.objects.get(item=items["kompor"]).on_hand == 0

    # The province draws the delivery check; the officer finds the kompor broken: a complaint opens.
    page.context.clear_cookies()
    login_page(users["provincial"])
    page.goto(f"{url}/penyaluran/uji-petik/")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_test_id("check-entries").wait_for()
    page.context.clear_cookies()
    login_page(users["officer"])
    page.goto(f"{url}/penyaluran/uji-petik/")
    page.locator("table a").first.click()
    page.get_by_role("link", name="Catat jawaban").click()
    page.get_by_label("Diterima dengan masalah").check()
    page.get_by_label("Kompor gas (unit) x 1").check()
    page.fill("#id_notes", "Kompor bocor")
    page.get_by_role("button", name="Simpan").click()
    complaint = Complaint.objects.get()
    # One list of complaints: the visit's goods complaint is there, with its channel.
    page.goto(f"{url}/pengaduan/daftar/?saluran=visit")
    assert page.get_by_role("link", name=complaint.grievance.code).is_visible()
    assert complaint.kind == Complaint.Kind.BROKEN and complaint.handover_line.item == items["kompor"]
