"""The year's SK: number and date entered at the decision, the annex carries it and the Kepala Dinas's block."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from papers.services import signatory_save
from quotas.models import Decree
from quotas.services import decision
from quotas.services.decree import decree_save
from uep.tests.pdf import assert_official, read_pdf

SK = "400.9/1234/DINSOS-KT/2025"


@pytest.fixture
def head_of_office(users, programme_year):
    return signatory_save(programme_year=programme_year, kabupaten=None, name="Dr. Hj. Ṣāliḥah Dédé, M.Si.",
                          nip="19700101 199003 2 001", position="Kepala Dinas Sosial Provinsi Kalimantan Timur",
                          rank="Pembina Utama Muda (IV/c)", user=users["provincial"])


def test_the_sk_keeps_its_signer_as_signed(users, programme_year, head_of_office):
    decree = decree_save(programme_year=programme_year, province=users["provincial"].province, number=" 400.9/1234/DINSOS-KT/2025 ",
                         date=dt.date(2025, 3, 14), user=users["provincial"])
    signatory_save(programme_year=programme_year, kabupaten=None, name="Pejabat Baru", nip="197001011990031001",
                   position="Plt. Kepala Dinas", user=users["provincial"])

    decree.refresh_from_db()
    assert (decree.number, decree.signer_name, decree.signer_nip) == (SK, "Dr. Hj. Ṣāliḥah Dédé, M.Si.",
                                                                      "197001011990032001")


@pytest.mark.parametrize("number, date, says", [
    ("", dt.date(2025, 3, 14), "Nomor SK hanya memuat"),
    ("SK<script>", dt.date(2025, 3, 14), "Nomor SK hanya memuat"),
    ("ABC/DEF", dt.date(2025, 3, 14), "sedikitnya satu angka"),
    (SK, dt.date(2024, 12, 30), "Tanggal SK harus di tahun 2025"),
])
def test_a_wrong_sk_is_refused_with_the_reason(users, programme_year, head_of_office, number, date, says):
    with pytest.raises(ValidationError) as exc:
        decree_save(programme_year=programme_year, province=users["provincial"].province, number=number, date=date, user=users["provincial"])
    assert says in exc.value.messages[0]
    assert not Decree.objects.exists()


def test_the_sk_needs_the_provincial_signatory_and_provincial_staff(users, programme_year):
    with pytest.raises(ValidationError, match="Isi dulu penanda tangan SK"):
        decree_save(programme_year=programme_year, province=users["provincial"].province, number=SK, date=dt.date(2025, 3, 14), user=users["provincial"])
    with pytest.raises(PermissionDenied):
        decree_save(programme_year=programme_year, province=users["provincial"].province, number=SK, date=dt.date(2025, 3, 14), user=users["officer"])


def _decision_url(programme_year, area, what=""):
    return f"/kuota/tahun/{programme_year.year}/penetapan/{area.code}/{what}"


def test_the_decision_page_takes_the_sk_and_keeps_what_was_typed_when_refused(client, users, programme_year,
                                                                             samarinda, head_of_office):
    client.force_login(users["provincial"])
    refused = client.post(_decision_url(programme_year, samarinda, "sk/"), {"number": "400/1/X", "date": "1/1/2024"},
                          follow=True).content.decode()
    assert "Tanggal SK harus di tahun 2025." in refused and 'value="400/1/X"' in refused

    client.post(_decision_url(programme_year, samarinda, "sk/"), {"number": SK, "date": "14/03/2025"})

    assert Decree.objects.get().date == dt.date(2025, 3, 14)
    client.force_login(users["officer"])
    page = client.get(_decision_url(programme_year, samarinda)).content.decode()
    assert SK in page and "14 Mar 2025" in page and 'data-testid="decree-form"' not in page
    assert client.post(_decision_url(programme_year, samarinda, "sk/"), {"number": "1/2/3",
                                                                         "date": "14/03/2025"}).status_code == 403


def test_the_annex_names_the_sk_its_signer_and_numbers_its_pages(client, users, programme_year, samarinda, set_quota,
                                                                 make_candidate, head_of_office):
    set_quota(samarinda, 40)
    for n in range(40):
        make_candidate(samarinda, created_by=users["officer"], status="field_eligible",
                       name="Ṣalāḥuddīn Nur'aini" if n == 0 else f"Penerima {n}")
    decision.candidates_decide_bulk(programme_year=programme_year, kabupaten=samarinda, count=40,
                                    user=users["provincial"])
    decree_save(programme_year=programme_year, province=users["provincial"].province, number=SK, date=dt.date(2025, 3, 14), user=users["provincial"])
    client.force_login(users["officer"])

    paper = read_pdf(client.get(_decision_url(programme_year, samarinda, "lampiran.pdf")).content)

    assert_official(paper, title="Daftar Penerima Bantuan Usaha Ekonomi Produktif (UEP) Tahun 2025 — Kota Samarinda")
    first, last = " ".join(paper.pages[0].split()), " ".join(paper.pages[-1].split())
    assert f"NOMOR : {SK}" in first and "TANGGAL : 14 Mar 2025" in first
    assert "Ṣalāḥuddīn Nur'aini" in paper.words and "No." in first.split("NIK")[0]
    assert "Ditetapkan di Samarinda" in last and "pada tanggal 14 Mar 2025" in last
    assert "KEPALA DINAS SOSIAL PROVINSI KALIMANTAN TIMUR," in last
    assert "Dr. Hj. Ṣāliḥah Dédé, M.Si." in last and "NIP 19700101 199003 2 001" in last
    assert len(paper.pages) >= 2
    for n, page in enumerate(paper.pages, start=1):
        assert f"Halaman {n} dari {len(paper.pages)}" in page


def test_an_annex_printed_before_the_sk_leaves_its_number_to_fill(client, users, programme_year, samarinda):
    client.force_login(users["provincial"])
    paper = read_pdf(client.get(_decision_url(programme_year, samarinda, "lampiran.pdf")).content)
    assert "NOMOR : ....................".replace(" ", "") in paper.words.replace(" ", "")
    assert "Halaman 1 dari 1" in paper.words
