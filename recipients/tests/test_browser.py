import io

import pytest
from playwright.sync_api import expect
from python_calamine import CalamineWorkbook


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_officer_uploads_a_list_reads_the_refusals_confirms_and_sees_the_candidates(
        login_page, live_server, users, samarinda, programme_year, rows, xlsx):
    page = login_page(users["officer"])
    page.get_by_test_id("nav-calon").locator("summary").click()
    page.get_by_role("link", name="Unggah usulan").first.click()

    with page.expect_download() as download:
        page.get_by_test_id("template-link").click()
    template = CalamineWorkbook.from_path(download.value.path()).get_sheet_by_index(0).to_python()
    assert template[0][0] == "NIK"

    data = rows(6, bad_rows=2)  # the last two rows: a NIK typed as a number, one in 6.47E+15 form
    data[4][0], data[5][0] = float(data[4][0]), "6.47E+15"
    page.set_input_files("input[type=file]", files=[{"name": "usulan-smd.xlsx", "buffer": xlsx(data),
                                                    "mimeType": "application/octet-stream"}])
    page.get_by_role("button", name="Unggah dan periksa").click()

    assert page.get_by_test_id("accepted-count").inner_text() == "4"
    assert page.get_by_test_id("refused-count").inner_text() == "2"
    refusals = page.get_by_test_id("refusals").inner_text()
    assert "tersimpan sebagai angka" in refusals and "notasi ilmiah" in refusals

    with page.expect_download() as refused:
        page.get_by_test_id("refusals-download").click()
    refused_rows = CalamineWorkbook.from_filelike(io.BytesIO(open(refused.value.path(), "rb").read())) \
        .get_sheet_by_index(0).to_python()
    assert len(refused_rows) == 3 and "ALASAN_PENOLAKAN" in refused_rows[0]

    page.get_by_test_id("confirm-button").click()
    assert page.get_by_test_id("upload-status").inner_text() == "Disimpan"
    page.get_by_test_id("candidates-of-upload").click()

    table = page.get_by_test_id("candidate-table").inner_text()
    for row in data[:4]:
        assert row[2] in table
    assert data[0][0] not in table and data[0][0][:4] + "••••••••" + data[0][0][-4:] in table


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_double_click_on_confirm_sends_one_confirm_and_saves_the_rows_once(
        login_page, live_server, users, samarinda, programme_year, rows, xlsx):
    from django.core.files.base import ContentFile

    from recipients.models import Candidate
    from recipients.services.upload import upload_check, upload_create

    upload = upload_check(upload=upload_create(user=users["officer"], kabupaten=samarinda,
                                               programme_year=programme_year,
                                               file=ContentFile(xlsx(rows(300)), name="usulan.xlsx")))
    page = login_page(users["officer"])
    page.goto(f"{live_server.url}/calon/unggahan/{upload.pk}/")
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)

    page.get_by_test_id("confirm-button").dblclick()

    expect(page.get_by_test_id("upload-status")).to_have_text("Disimpan")
    expect(page.get_by_test_id("accepted-count")).to_have_text("300")
    assert len([url for url in posts if url.endswith("/konfirmasi/")]) == 1
    assert Candidate.objects.filter(upload=upload).count() == 300


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_officer_walks_the_candidate_list_forward_and_back_by_cursor(login_page, live_server, users, samarinda,
                                                                           balikpapan, make_candidate):
    from recipients.models import Candidate

    for i in range(120):  # names repeat: the id keeps the order whole
        make_candidate(samarinda, name=f"Warga {i % 7}", created_by=users["officer"])
    make_candidate(balikpapan, name="Warga 0", created_by=users["other_officer"])
    order = list(Candidate.objects.filter(kabupaten=samarinda).order_by("name", "id").values_list("pk", flat=True))
    page = login_page(users["officer"])
    page.goto(f"{live_server.url}/calon/")

    def shown() -> list[int]:
        links = page.get_by_test_id("candidate-table").locator("tbody a")
        return [int(href.rstrip("/").rsplit("/", 1)[1]) for href in links.evaluate_all("ls => ls.map(l => l.href)")]

    pager = page.get_by_test_id("pagination")
    expect(page.get_by_test_id("candidate-total")).to_have_text("120 calon")
    expect(pager).to_contain_text("Halaman 1 · baris 1–50 dari 120")
    first = shown()
    page.get_by_test_id("page-next").click()
    expect(pager).to_contain_text("Halaman 2 · baris 51–100 dari 120")
    second = shown()
    assert "Warga" not in page.url and "page=" in page.url  # the cursor is opaque: no name in the address
    page.get_by_test_id("page-next").click()
    expect(pager).to_contain_text("Halaman 3 · baris 101–120 dari 120")
    third = shown()
    expect(page.get_by_test_id("page-next")).to_have_count(0)
    assert first + second + third == order

    page.get_by_test_id("page-previous").click()
    expect(pager).to_contain_text("Halaman 2 · baris 51–100 dari 120")
    assert shown() == second
    page.get_by_test_id("page-previous").click()
    expect(pager).to_contain_text("Halaman 1 · baris 1–50 dari 120")
    assert shown() == first and "page=" not in page.url
    expect(page.get_by_test_id("page-previous")).to_have_count(0)
