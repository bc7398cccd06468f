"""The BAST as a naskah dinas, read back from the PDF as an auditor reads it, and the page its QR leads to."""

import datetime as dt
import re
import subprocess
import tempfile

import pytest
from django.utils.html import escape

from disbursements.models import Handover
from disbursements.printing import verification_code_read
from disbursements.services.handover import handover_day_create, handover_invite
from exports.services import job_make
from exports.tests.helpers import job_of
from papers.services import signatory_save
from quotas.services.decree import decree_save
from uep.tests.pdf import assert_official, read_pdf

SK = "400.9/1234/DINSOS-KT/2025"
NAME = "Ṣalāḥuddīn Dédé Nur'aini"


@pytest.fixture
def bast_world(users, samarinda, make_candidate, programme_year, stocked_package, items, stock_in):
    programme_year.training_required = False
    programme_year.save()
    signatory_save(programme_year=programme_year, kabupaten=samarinda, name="Drs. H. Pejabat Penyerah, M.Si.",
                   nip="197001011990031001", position="Kepala Bidang Pemberdayaan Sosial", user=users["provincial"])
    signatory_save(programme_year=programme_year, kabupaten=None, name="Kepala Dinas Provinsi",
                   nip="197202022000031002", position="Kepala Dinas Sosial Provinsi Kalimantan Timur",
                   user=users["provincial"])
    decree_save(programme_year=programme_year, province=samarinda.province, number=SK, date=dt.date(2025, 3, 14), user=users["provincial"])
    recipient = make_candidate(samarinda, name=NAME, status="decided", requested_package="PG-GORENGAN",
                               created_by=users["officer"])
    stock_in(samarinda, items["tepung"], 2)
    stock_in(samarinda, items["kompor"], 1)
    day = handover_day_create(programme_year=programme_year, kabupaten=samarinda, date=dt.date(2025, 6, 2),
                              place="Aula Kantor Kecamatan Samarinda Ulu yang baru direnovasi di Jalan Panjang Sekali",
                              user=users["officer"])
    handover, = handover_invite(day=day, candidates=[recipient], user=users["officer"])
    return handover


def _print(client, users, handover, **data) -> bytes:
    client.force_login(users["officer"])
    job = job_of(client.post(f"/penyaluran/cetak/bast/{handover.day_id}/", data))
    job_make(job_id=job.id)
    return job.files.get().file.read()


def test_the_bast_names_both_parties_the_decree_and_the_total_in_words(client, users, bast_world):
    paper = read_pdf(_print(client, users, bast_world))
    handover = Handover.objects.get()

    assert_official(paper, title="BAST penyaluran UEP Aula Kantor Kecamatan Samarinda Ulu yang baru direnovasi di "
                                 "Jalan Panjang Sekali, 2 Jun 2025")
    assert len(paper.pages) == 1
    text = paper.words
    assert "PEMERINTAH PROVINSI KALIMANTAN TIMUR" in text and "DINAS SOSIAL" in text
    assert "BERITA ACARA SERAH TERIMA BARANG" in text and f"Nomor: {handover.bast_number}" in text
    assert ("Pada hari ini Senin tanggal dua bulan Juni tahun dua ribu dua puluh lima, bertempat di Aula Kantor "
            "Kecamatan Samarinda Ulu") in text
    assert "Drs. H. Pejabat Penyerah, M.Si." in text and "19700101 199003 1 001" in text
    assert "Kepala Bidang Pemberdayaan Sosial" in text and "selanjutnya disebut PIHAK PERTAMA" in text
    assert NAME in text and "selanjutnya disebut PIHAK KEDUA" in text
    assert f"Nomor {SK} tanggal 14 Mar 2025" in text
    assert "Rp 1.000.000" in text and "Terbilang: satu juta rupiah" in text
    assert "Mengetahui," in text and ("Lurah" in text or "Kepala Desa" in text) and "cap desa/kelurahan" in text
    assert "Saksi," in text and "Yang menerima," in text and "Yang menyerahkan," in text
    assert "NIP 19700101 199003 1 001" in text


def test_a_serial_number_prints_whole_in_its_column(client, users, bast_world):
    """'SN-00001-KO / MPOR-2T-1' before: a receipt's serial must read as one."""
    line = bast_world.lines.get(item__has_serial_number=True)
    line.serial_numbers = "SN-00001-KOMPOR-2T-1,SN-00002-KOMPOR-2T-1"
    line.save()
    text = read_pdf(_print(client, users, bast_world)).text
    assert "SN-00001-KOMPOR-2T-1," in text and "SN-00002-KOMPOR-2T-1" in text


def test_the_goods_table_is_numbered_no_not_tidak(client, users, bast_world):
    text = read_pdf(_print(client, users, bast_world)).text
    header = next(line for line in text.splitlines() if "Nama barang" in line)
    assert header.split()[0] == "No." and "Tidak" not in text


def test_the_opening_sentence_stays_inside_the_margins(client, users, bast_world):
    content = _print(client, users, bast_world)
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(content)
        f.flush()
        boxes = subprocess.run(["pdftotext", "-bbox", f.name, "-"], check=True, capture_output=True,
                               text=True).stdout
    right = [float(x) for x in re.findall(r'xMax="([\d.]+)"', boxes)]
    assert right and max(right) <= 595.28 - 18 * 72 / 25.4 + 1


def test_every_bast_page_carries_its_verification_code_not_guessable_from_its_number(client, users, bast_world,
                                                                                     make_candidate, samarinda):
    paper = read_pdf(_print(client, users, bast_world))
    handover = Handover.objects.get()
    code = handover.verification_code
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{8}", code)
    assert f"{code[:4]}-{code[4:]}" in paper.pages[0]
    assert code not in handover.bast_number and code not in handover.candidate.person.nik
    # Printing again keeps the code the paper already carries.
    _print(client, users, bast_world)
    handover.refresh_from_db()
    assert handover.verification_code == code


def test_a_bast_too_long_for_a_page_keeps_its_closing_and_every_signature_together_and_numbers_its_pages(
        client, users, bast_world):
    """A package of many items takes the BAST over a page: the witness and the lurah never sign a sheet of their
    own, and each page says which of how many it is."""
    from disbursements.models import HandoverLine, Item

    for n in range(12):
        item = Item.objects.create(code=f"ALAT-{n}", name=f"Peralatan dapur nomor {n}", specification="standar",
                                   unit="buah")
        HandoverLine.objects.create(handover=bast_world, item=item, quantity=1, unit_price=50_000)
    paper = read_pdf(_print(client, users, bast_world))
    assert len(paper.pages) == 2
    last = " ".join(paper.pages[-1].split())
    for words in ("Demikian berita acara", "Yang menerima,", "Yang menyerahkan,", "Saksi,", "Mengetahui,",
                  NAME, "Drs. H. Pejabat Penyerah, M.Si."):
        assert words in last, words
    for n, page in enumerate(paper.pages, start=1):
        assert f"Halaman {n} dari 2" in page and bast_world.bast_number in page
    assert "Saksi," not in paper.pages[0]


def test_a_full_nik_is_printed_only_when_asked(client, users, bast_world):
    nik = bast_world.candidate.person.nik
    assert nik not in read_pdf(_print(client, users, bast_world)).text
    assert nik in read_pdf(_print(client, users, bast_world, full_nik="1")).text


def test_without_signatory_or_decree_the_bast_leaves_dots_to_fill(client, users, bast_world):
    from papers.models import Signatory
    from quotas.models import Decree

    Signatory.objects.all().delete()
    Decree.objects.all().delete()
    client.force_login(users["officer"])
    page = client.get(f"/penyaluran/acara/{bast_world.day_id}/").content.decode()
    assert "Penandatangan PIHAK PERTAMA wilayah ini belum diisi." in page and "SK penetapan tahun ini" in page
    text = read_pdf(_print(client, users, bast_world)).words
    assert "Nomor .................... tanggal ...................." in text
    assert "(.................................)" in text


def test_the_qr_page_says_which_bast_and_whether_it_was_received(client, users, bast_world):
    from disbursements.services.handover import Received, handover_receive

    _print(client, users, bast_world)
    handover = Handover.objects.get()
    code = handover.verification_code
    client.force_login(users["officer"])

    page = client.get(f"/penyaluran/bast/cek/{code}/").content.decode()
    assert handover.bast_number in page and escape(NAME) in page and "Belum tercatat diterima" in page
    typed = client.get("/penyaluran/bast/cek/", {"kode": f"{code[:4].lower()}-{code[4:].lower()}"}, follow=True)
    assert typed.status_code == 200 and handover.bast_number in typed.content.decode()
    kompor = handover.lines.get(item__has_serial_number=True)
    handover_receive(handover=handover, user=users["officer"], received=Received(serial_numbers={kompor.id: "KG-1"}))
    assert "Tercatat diterima pada" in client.get(f"/penyaluran/bast/cek/{code}/").content.decode()

    client.force_login(users["other_officer"])
    refused = client.get(f"/penyaluran/bast/cek/{code}/")
    assert refused.status_code == 404 and escape(NAME) not in refused.content.decode()
    client.logout()
    assert client.get(f"/penyaluran/bast/cek/{code}/").status_code == 302


def test_a_mistyped_code_is_answered_in_words(client, users):
    client.force_login(users["officer"])
    assert "8 huruf dan angka" in client.get("/penyaluran/bast/cek/", {"kode": "12"}).content.decode()
    assert client.get("/penyaluran/bast/cek/", {"kode": "12\x00"}).status_code == 400  # the middleware's refusal
    assert client.get("/penyaluran/bast/cek/ZZZZZZZZ/").status_code == 404
    assert client.get("/penyaluran/bast/cek/K7QX%009M2A/").status_code == 400
    assert verification_code_read(" k7qx-9m2o ") == "K7QX9M20" and verification_code_read("K7QX-9M2É") is None


def test_the_attendance_list_wraps_a_long_name_in_an_embedded_font_with_page_numbers(
        client, users, samarinda, make_candidate, programme_year):
    from disbursements.services.training import training_record

    long_name = "Ṣalāḥuddīn bin Abdurrahman Nur'aini Dédé Panjang Sekali Namanya Sampai Tidak Muat"
    people = [make_candidate(samarinda, status="decided", created_by=users["officer"],
                             name=long_name if n == 0 else f"Peserta {n:02d}") for n in range(30)]
    session = training_record(programme_year=programme_year, kabupaten=samarinda, date=dt.date(2025, 5, 20),
                              venue="Aula", topic="Bimtek", candidates=people, user=users["officer"])
    client.force_login(users["officer"])
    job = job_of(client.post(f"/penyaluran/cetak/daftar-hadir/{session.id}/"))
    job_make(job_id=job.id)

    paper = read_pdf(job.files.get().file.read())
    assert_official(paper, title="Daftar hadir bimtek UEP Aula, 20 Mei 2025")
    # The long name wraps inside its column: every word printed, over more than one line.
    assert all(word in paper.text for word in long_name.split()) and "Peserta 29" in paper.words
    assert not any(long_name in line for line in paper.text.splitlines())
    assert len(paper.pages) >= 2 and f"Halaman 2 dari {len(paper.pages)}" in paper.pages[1]
    assert "No." in paper.pages[1] and "Tidak" not in paper.text.replace("Tidak Muat", "")
    # Closed by the count and the area's official, on a page with rows of the list.
    last = paper.pages[-1]
    assert "Jumlah diundang: 30 orang" in last and "Samarinda, 20 Mei 2025" in last
    assert "Peserta 29" in last and "NIP ....." in last


def test_the_attendance_list_is_signed_by_the_areas_official(client, users, bast_world, samarinda, programme_year):
    from disbursements.services.training import training_record

    session = training_record(programme_year=programme_year, kabupaten=samarinda, date=dt.date(2025, 5, 20),
                              venue="Aula", topic="Bimtek", candidates=[bast_world.candidate], user=users["officer"])
    client.force_login(users["officer"])
    job = job_of(client.post(f"/penyaluran/cetak/daftar-hadir/{session.id}/"))
    job_make(job_id=job.id)

    text = " ".join(read_pdf(job.files.get().file.read()).text.split())
    assert "Kepala Bidang Pemberdayaan Sosial, Drs. H. Pejabat Penyerah, M.Si. NIP 19700101 199003 1 001" in text


def test_the_handover_day_attendance_list_names_each_family_with_its_bast_and_room_to_sign(
        client, users, bast_world, samarinda):
    """The day's own paper: every family invited, its village and BAST number, signed on arrival;
    closed by the count and the area's official."""
    client.force_login(users["officer"])
    page = client.get(f"/penyaluran/acara/{bast_world.day_id}/").content.decode()
    assert 'data-testid="print-day-attendance"' in page
    job = job_of(client.post(f"/penyaluran/cetak/daftar-hadir-penyaluran/{bast_world.day_id}/"))
    job_make(job_id=job.id)

    paper = read_pdf(job.files.get().file.read())
    assert_official(paper, title=f"Daftar hadir penyaluran UEP {bast_world.day.place}, 2 Jun 2025")
    text = " ".join(paper.text.split())
    assert "DAFTAR HADIR PENYALURAN BANTUAN UEP" in text and bast_world.bast_number in text
    assert all(word in text for word in NAME.split())
    assert all(word in text.split() for word in bast_world.candidate.kelurahan.name.split()) and "1. ......" in text
    assert "Jumlah diundang: 1 orang" in text and "NIP 19700101 199003 1 001" in text and "Halaman 1 dari 1" in text
    assert bast_world.candidate.person.nik not in text  # masked unless asked

    client.force_login(users["viewer"])
    assert client.post(f"/penyaluran/cetak/daftar-hadir-penyaluran/{bast_world.day_id}/").status_code == 403


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_officer_prints_the_bast_in_chromium_and_the_download_reads_as_the_paper(
        page, live_server, login_page, celery_worker, users, bast_world):
    login_page(users["officer"])
    page.goto(f"{live_server.url}/penyaluran/acara/{bast_world.day_id}/")
    page.get_by_test_id("print-bast").click()
    page.get_by_test_id("job-download").wait_for(state="visible", timeout=60_000)
    with page.expect_download() as download:
        page.get_by_test_id("job-download").click()
    with open(download.value.path(), "rb") as f:
        paper = read_pdf(f.read())

    text = paper.words
    assert "Drs. H. Pejabat Penyerah, M.Si." in text and "NIP 19700101 199003 1 001" in text
    assert NAME in text and f"Nomor {SK} tanggal 14 Mar 2025" in text
    assert "Terbilang: satu juta rupiah" in text and "Tidak" not in text

    # The code under the QR leads to the page that says which BAST it is.
    code = Handover.objects.get().verification_code
    page.goto(f"{live_server.url}/penyaluran/bast/cek/")
    page.fill("#kode", f"{code[:4]}-{code[4:]}".lower())
    page.get_by_role("button", name="Periksa").click()
    assert "Belum tercatat diterima" in page.get_by_test_id("bast-status").inner_text()
