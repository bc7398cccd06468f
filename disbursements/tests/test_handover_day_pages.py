"""The handover day's pages: a whole filter invited at once, stock refusals that say what is missing, the scan
kept when "diterima" is refused, evidence pending, links to the package assignment."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from disbursements.demo_goods import demo_serials
from disbursements.models import Handover, StockBalance
from disbursements.services.handover import Received, handover_day_create, handover_invite, handover_receive
from regions.models import Kecamatan
from uep.tests.pdf import scan_pdf


@pytest.fixture
def day(users, samarinda, programme_year):
    programme_year.training_required = False
    programme_year.save()
    return handover_day_create(programme_year=programme_year, kabupaten=samarinda, date=dt.date(2025, 6, 2),
                               place="Aula Dinsos", user=users["officer"])


@pytest.fixture
def ready(users, samarinda, make_candidate, stocked_package):
    """Three recipients in the first kecamatan of Samarinda and two in the second."""
    first, second = Kecamatan.objects.filter(kabupaten=samarinda).order_by("code")[:2]

    def make(kecamatan, n):
        return [make_candidate(samarinda, status="decided", requested_package="PG-GORENGAN",
                               kecamatan=kecamatan, kelurahan=kecamatan.kelurahan_set.first(),
                               created_by=users["officer"]) for _ in range(n)]
    return {"first": (first, make(first, 3)), "second": (second, make(second, 2))}


def url(day, name="day_detail"):
    return reverse(f"disbursements:{name}", args=[day.id])


def test_every_ready_recipient_of_a_kecamatan_is_invited_in_one_post(client, users, day, ready, samarinda, items,
                                                                     stock_in):
    stock_in(samarinda, items["tepung"], 20)
    stock_in(samarinda, items["kompor"], 10)
    kecamatan, people = ready["first"]
    client.force_login(users["officer"])

    page = client.get(url(day), {"kecamatan": kecamatan.id}).content.decode()
    assert "Undang semua 3 penerima" in page

    response = client.post(url(day, "day_invite"), {"semua": "1", "kecamatan": kecamatan.id}, follow=True)

    assert "3 penerima diundang" in response.content.decode()
    assert set(Handover.objects.values_list("candidate_id", flat=True)) == {c.id for c in people}


def test_a_bulk_invitation_the_stock_cannot_cover_says_what_is_missing_and_links_to_the_delivery(
        client, users, day, ready, samarinda, items, stock_in):
    stock_in(samarinda, items["tepung"], 10)
    stock_in(samarinda, items["kompor"], 4)
    client.force_login(users["officer"])

    body = client.post(url(day, "day_invite"), {"semua": "1"}, follow=True).content.decode()

    assert "Kompor gas kurang 1 unit (tersedia 4, diperlukan 5)" in body
    assert f'<a href="{reverse("disbursements:deliveries")}">Catat penerimaan barang</a>' in body
    assert not Handover.objects.exists()


def test_another_areas_officer_and_a_viewer_cannot_invite_to_the_day(client, users, day, ready, samarinda, items,
                                                                    stock_in):
    stock_in(samarinda, items["tepung"], 20)
    stock_in(samarinda, items["kompor"], 10)
    for user in ("other_officer", "viewer"):
        client.force_login(users[user])
        assert client.post(url(day, "day_invite"), {"semua": "1"}).status_code == 404
        assert "Undang semua" not in client.get(url(day)).content.decode()
    assert not Handover.objects.exists()


def test_a_refused_diterima_keeps_the_chosen_scan_and_the_next_try_needs_no_file(client, users, day, ready,
                                                                                  samarinda, items, stock_in,
                                                                                  settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    stock_in(samarinda, items["tepung"], 2)
    stock_in(samarinda, items["kompor"], 1)
    handover, = handover_invite(day=day, candidates=ready["first"][1][:1], user=users["officer"])
    kompor = handover.lines.get(item=items["kompor"])
    StockBalance.objects.filter(item=items["kompor"]).update(on_hand=0)  # found broken meanwhile
    client.force_login(users["officer"])
    outcome = reverse("disbursements:handover_outcome", args=[handover.id])

    body = client.post(outcome, {"outcome": "received", f"serial_{kompor.id}": "KG-9", "bast_scan": SimpleUploadedFile(
        "bast-rina.pdf", scan_pdf(), content_type="application/pdf")}).content.decode()

    assert "tinggal 0 unit" in body and "sudah disimpan pada BAST" in body
    handover.refresh_from_db()
    assert handover.outcome == "invited" and handover.bast_scan
    stock_in(samarinda, items["kompor"], 1)
    assert client.post(outcome, {"outcome": "received", f"serial_{kompor.id}": "KG-9"}).status_code == 302
    handover.refresh_from_db()
    assert handover.outcome == "received" and handover.bast_scan


def test_a_received_handover_without_its_scan_stays_pending_on_the_day_and_the_beranda(
        client, users, day, ready, samarinda, items, stock_in, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    stock_in(samarinda, items["tepung"], 4)
    stock_in(samarinda, items["kompor"], 2)
    first, second = handover_invite(day=day, candidates=ready["first"][1][:2], user=users["officer"])
    for h in (first, second):
        handover_receive(handover=h, user=users["officer"], received=Received(serial_numbers=demo_serials(h)))
    client.force_login(users["officer"])

    assert 'data-testid="todo-evidence"' in client.get("/").content.decode()
    pending = client.get(url(day), {"bukti": "belum"}).content.decode()
    assert "2 serah terima tercatat diterima tanpa pindaian BAST" in pending and first.bast_number in pending
    assert "2 tanpa pindaian BAST" in client.get(reverse("disbursements:day_list")).content.decode()

    name = first.bast_number.replace("/", "-") + ".pdf"
    client.post(url(day, "day_scans"), {"scans": [SimpleUploadedFile(name, scan_pdf())]})

    pending = client.get(url(day), {"bukti": "belum"}).content.decode()
    assert "1 serah terima tercatat diterima tanpa pindaian BAST" in pending
    assert second.bast_number in pending and first.bast_number not in pending
    client.force_login(users["other_officer"])
    assert 'data-testid="todo-evidence"' not in client.get("/").content.decode()


def test_the_day_the_needs_page_and_penyaluran_link_to_the_package_assignment(client, users, day, ready, samarinda,
                                                                             items, stock_in, make_candidate):
    stock_in(samarinda, items["tepung"], 2)
    stock_in(samarinda, items["kompor"], 1)
    recipient = ready["first"][1][0]
    handover_invite(day=day, candidates=[recipient], user=users["officer"])
    lost = make_candidate(samarinda, status="decided", requested_package="PG-HILANG", name="Tanpa Paket Samarinda",
                          created_by=users["officer"])
    assign = reverse("disbursements:package_assign", args=[recipient.id])
    client.force_login(users["provincial"])

    assert f'{assign}?next=' in client.get(url(day)).content.decode()
    needs = client.get(reverse("disbursements:needs_list")).content.decode()
    assert f'{reverse("disbursements:recipient_list")}?paket=tanpa' in needs
    without = client.get(reverse("disbursements:recipient_list"), {"paket": "tanpa"}).content.decode()
    assert lost.name in without and recipient.name not in without
    assert reverse("disbursements:package_assign", args=[lost.id]) in without

    back = url(day)
    form = client.get(assign, {"next": back}).content.decode()
    assert f'href="{back}"' in form
    from disbursements.models import PackageType

    package = PackageType.objects.get(code="PG-GORENGAN")
    assert client.post(f"{assign}?next={back}", {"package": package.id, "reason": "tetap"}).url == back
    # Only a page of this site is a place to go back to.
    response = client.post(f"{assign}?next=https://contoh.example/", {"package": package.id, "reason": "tetap"})
    assert response.url == reverse("recipients:candidate_detail", args=[recipient.id])


def test_printing_warns_about_invitations_without_stock_and_the_stock_page_shows_the_reservation(
        client, users, day, ready, samarinda, items, stock_in):
    stock_in(samarinda, items["tepung"], 4)
    stock_in(samarinda, items["kompor"], 2)
    first, second = handover_invite(day=day, candidates=ready["first"][1][:2], user=users["officer"])
    client.force_login(users["officer"])
    stock = client.get(reverse("disbursements:stock")).content.decode()
    assert "Dicadangkan undangan" in stock

    StockBalance.objects.filter(item=items["kompor"]).update(on_hand=1)

    body = client.post(reverse("disbursements:print_create", args=["bast", day.id]), follow=True).content.decode()
    assert "1 undangan di acara ini belum tertutup stok" in body
    detail = client.get(url(day)).content.decode()
    assert f'data-testid="short-{second.id}"' in detail and f'data-testid="short-{first.id}"' not in detail
    assert "kurang 1" in client.get(reverse("disbursements:stock")).content.decode()


def test_a_viewer_reads_the_day_but_prints_no_bast_and_gives_no_handover_a_code(client, users, day, ready, samarinda,
                                                                               items, stock_in):
    from exports.models import Job

    stock_in(samarinda, items["tepung"], 4)
    stock_in(samarinda, items["kompor"], 2)
    handover_invite(day=day, candidates=ready["first"][1][:2], user=users["officer"])
    client.force_login(users["viewer"])
    page = client.get(url(day)).content.decode()
    assert "Aula Dinsos" in page and 'data-testid="print-bast"' not in page
    refused = client.post(reverse("disbursements:print_create", args=["bast", day.id]))
    assert refused.status_code == 403 and "hanya dapat membaca" in refused.content.decode()
    assert not Job.objects.exists()
    assert not Handover.objects.filter(day=day, verification_code__isnull=False).exists()

    client.force_login(users["officer"])
    assert 'data-testid="print-bast"' in client.get(url(day)).content.decode()
    assert client.post(reverse("disbursements:print_create", args=["bast", day.id])).status_code == 302
    assert Job.objects.count() == 1


def test_a_handover_outside_a_day_asks_for_the_serial_of_its_equipment(client, users, samarinda, make_candidate,
                                                                      stocked_package, items, stock_in, settings,
                                                                      tmp_path, programme_year):
    settings.MEDIA_ROOT = tmp_path
    programme_year.training_required = False
    programme_year.save()
    stock_in(samarinda, items["tepung"], 2)
    stock_in(samarinda, items["kompor"], 1)
    recipient = make_candidate(samarinda, status="decided", created_by=users["officer"], requested_package="PG-GORENGAN")
    client.force_login(users["officer"])
    create = reverse("disbursements:handover_create", args=[recipient.id])
    form = client.get(create).content.decode()
    assert f'name="serial_{items["kompor"].id}"' in form
    # The package the list shows is the one the form opens on, never "---------".
    assert f'<option value="{stocked_package.id}" selected>' in form

    def post(serial):
        return client.post(create, {"package_type": stocked_package.id, "date": "2025-06-02",
                                    "bast_number": "BAST/LUAR/2", f"serial_{items['kompor'].id}": serial,
                                    "bast_scan": SimpleUploadedFile("b.pdf", scan_pdf(), "application/pdf")})

    assert "Kompor gas: isi 1 nomor seri" in post("").content.decode()
    assert post("KG-31").status_code == 302
    assert Handover.objects.get().lines.get(item=items["kompor"]).serial_numbers == "KG-31"
