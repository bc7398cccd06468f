import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from audit.models import DataAccess
from quotas import selectors
from quotas.models import QuotaEntry
from quotas.services import decision
from recipients.models import CandidateStatus as S
from uep.tests.pdf import assert_official, read_pdf

pytestmark = pytest.mark.django_db


def decision_url(programme_year, area, name="quotas:decision"):
    return reverse(name, kwargs={"year": programme_year.year, "code": area.code})


def test_the_province_page_shows_an_officer_only_their_own_row(client, programme_year, samarinda, balikpapan,
                                                                set_quota, users):
    set_quota(samarinda, 150)
    set_quota(balikpapan, 140)

    client.force_login(users["officer"])
    body = client.get(reverse("quotas:overview")).content.decode()
    assert 'data-testid="row-64.72"' in body and "Kota Balikpapan" not in body

    client.force_login(users["provincial"])
    body = client.get(reverse("quotas:overview")).content.decode()
    assert body.count('data-testid="row-') == 10
    assert ">290<" in body  # the total quota
    assert "quota-chart-row" in body


def test_money_committed_is_written_in_rupiah(client, programme_year, samarinda, set_quota, eligible, users):
    set_quota(samarinda, 5)
    eligible(samarinda, 3)
    decision.candidates_decide_bulk(programme_year=programme_year, kabupaten=samarinda, count=3,
                                    user=users["provincial"])
    client.force_login(users["viewer"])
    body = client.get(reverse("quotas:overview") + "?tahun=2025").content.decode()
    assert "Rp 15.000.000" in body


def test_the_spread_shows_a_preview_before_it_saves(client, programme_year, plan, regions, users, approve_pending):
    client.force_login(users["provincial"])
    url = reverse("quotas:spread", kwargs={"year": 2025})
    data = {"document": plan.pk, "total": 1500, "rule": "even", "reason": "Kuota APBD murni 2025"}

    preview = client.post(url, {**data, "action": "preview"})
    assert preview.status_code == 200
    assert 'data-testid="spread-preview"' in preview.content.decode()
    assert "+150" in preview.content.decode()
    assert not QuotaEntry.objects.exists()

    saved = client.post(url, {**data, "action": "save"}, follow=True)
    assert "Usulan dicatat dan menunggu persetujuan staf lain" in saved.content.decode()
    assert selectors.places_total(programme_year=programme_year, province=None) == 0  # four eyes: nothing until approved
    assert approve_pending() == 1
    assert selectors.places_total(programme_year=programme_year, province=None) == 1500


def test_a_spread_the_budget_does_not_cover_cannot_be_saved(client, programme_year, plan, regions, users):
    client.force_login(users["provincial"])
    url = reverse("quotas:spread", kwargs={"year": 2025})
    response = client.post(url, {"document": plan.pk, "total": 1501, "rule": "even", "reason": "Terlalu banyak",
                                 "action": "save"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Anggaran tidak cukup: 1.501 tempat" in body
    assert not QuotaEntry.objects.exists()


def test_lowering_a_quota_below_the_decided_shows_the_numbers(client, programme_year, plan, samarinda, set_quota,
                                                              eligible, users):
    set_quota(samarinda, 2)
    eligible(samarinda, 2)
    decision.candidates_decide_bulk(programme_year=programme_year, kabupaten=samarinda, count=2,
                                    user=users["provincial"])
    client.force_login(users["provincial"])
    response = client.post(reverse("quotas:entry_add", kwargs={"year": 2025}), {
        "kabupaten": samarinda.pk, "document": plan.pk, "places": -1, "reason": "Pengurangan"})
    assert "tidak dapat diturunkan dari 2 menjadi 1: sudah 2 orang ditetapkan" in response.content.decode()


def test_provincial_staff_decide_the_ticked_candidates(client, programme_year, samarinda, set_quota, eligible, users,
                                                       approve_pending):
    set_quota(samarinda, 3)
    a, b, c = eligible(samarinda, 3)
    client.force_login(users["provincial"])

    response = client.post(decision_url(programme_year, samarinda, "quotas:decide"), {"candidate": [a.pk, c.pk]},
                           follow=True)

    assert "Usulan dicatat dan menunggu persetujuan staf lain: Tetapkan 2 calon" in response.content.decode()
    assert not selectors.occupied_count(programme_year=programme_year, kabupaten=samarinda)
    approve_pending()
    statuses = {x.pk: x.status for x in (a, b, c) if not x.refresh_from_db()}
    assert statuses == {a.pk: S.DECIDED, b.pk: S.FIELD_ELIGIBLE, c.pk: S.DECIDED}


def test_a_full_quota_is_refused_on_the_page(client, programme_year, samarinda, set_quota, eligible, users):
    set_quota(samarinda, 1)
    eligible(samarinda, 2)
    decision.candidates_decide_bulk(programme_year=programme_year, kabupaten=samarinda, count=1,
                                    user=users["provincial"])
    client.force_login(users["provincial"])

    response = client.get(decision_url(programme_year, samarinda, "quotas:decide_confirm"), {"count": "1"})

    body = response.content.decode()
    assert "Kuota Kota Samarinda 2025 sudah penuh: 1 dari 1 tempat terisi." in body
    assert 'data-testid="confirm-decide"' not in body


def test_tetapkan_teratas_first_shows_what_it_will_do(client, programme_year, samarinda, set_quota, eligible, users,
                                                      approve_pending):
    set_quota(samarinda, 5)
    ranked = eligible(samarinda, 4)
    client.force_login(users["provincial"])

    # An unconfirmed "top" decides nobody: it leads to the confirmation.
    response = client.post(decision_url(programme_year, samarinda, "quotas:decide"), {"top": "1", "count": "3"})
    assert response.status_code == 302 and "konfirmasi/?count=3" in response["Location"]
    assert selectors.occupied_count(programme_year=programme_year, kabupaten=samarinda) == 0

    body = client.get(response["Location"]).content.decode()
    assert "3 calon</strong> teratas Kota Samarinda, peringkat 1 sampai 3" in body
    assert ranked[2].name in body  # the last one decided, by name
    assert "3 × Rp 5.000.000 = <strong>Rp 15.000.000</strong>" in body

    done = client.post(decision_url(programme_year, samarinda, "quotas:decide"),
                       {"top": "1", "count": "3", "last": ranked[2].pk}, follow=True)
    assert "menunggu persetujuan staf lain: Tetapkan 3 calon teratas" in done.content.decode()
    assert selectors.occupied_count(programme_year=programme_year, kabupaten=samarinda) == 0
    approve_pending()
    assert selectors.occupied_count(programme_year=programme_year, kabupaten=samarinda) == 3


def test_a_confirmation_that_no_longer_matches_the_ranking_decides_nobody(
        client, programme_year, samarinda, set_quota, eligible, users):
    set_quota(samarinda, 5)
    first, second, third = eligible(samarinda, 3)
    client.force_login(users["provincial"])
    decision.candidate_decide(candidate=first, user=users["provincial"])  # meanwhile, in another tab

    response = client.post(decision_url(programme_year, samarinda, "quotas:decide"),
                           {"top": "1", "count": "2", "last": second.pk}, follow=True)

    assert "Urutan calon berubah sejak konfirmasi dibuka" in response.content.decode()
    assert selectors.occupied_count(programme_year=programme_year, kabupaten=samarinda) == 1


def test_the_decision_page_is_paged_with_a_total_and_true_ranks(client, programme_year, samarinda, set_quota,
                                                                  eligible, users, django_assert_max_num_queries):
    set_quota(samarinda, 5)
    people = eligible(samarinda, selectors.DECISION_PAGE_SIZE + 3)
    client.force_login(users["provincial"])
    url = decision_url(programme_year, samarinda)

    response = client.get(url)
    body = response.content.decode()
    assert 'data-testid="pagination"' in body and "53 orang" in body and "Halaman 1 · baris 1–50 dari 53" in body
    assert body.count('name="candidate"') == selectors.DECISION_PAGE_SIZE
    assert people[-1].name not in body

    second = client.get(url, {"halaman": response.context["page"].next_cursor}).content.decode()
    assert people[-1].name in second and ">53<" in second

    # A search keeps the candidate's place in the whole ranking.
    found = client.get(url, {"q": people[40].name}).content.decode()
    assert "1 orang" in found and ">41<" in found

    with django_assert_max_num_queries(15):  # the keyset page: a capped count, the ids, their rows
        assert client.get(url, {"halaman": "abc", "desil": "abc", "kecamatan": "abc", "daftar": "x"}).status_code == 200
    # A NUL byte is refused before the view, for every page (uep.middleware.refuse_unreadable_input).
    assert client.get(url, {"halaman": "\x00", "kecamatan": "\x00"}).status_code == 400


def test_the_page_queries_do_not_grow_with_the_candidates(client, programme_year, samarinda, set_quota, eligible,
                                                           users):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    set_quota(samarinda, 50)
    client.force_login(users["provincial"])
    url = decision_url(programme_year, samarinda)
    counts = []
    for n in (2, 30):
        eligible(samarinda, n)
        decision.candidates_decide_bulk(programme_year=programme_year, kabupaten=samarinda, count=1,
                                        user=users["provincial"])
        for which in ("calon", "ditetapkan", "cadangan"):
            with CaptureQueriesContext(connection) as ctx:
                client.get(url, {"daftar": which})
            counts.append((which, len(ctx.captured_queries)))
    assert counts[:3] == counts[3:]


def test_withdrawing_on_the_page_needs_a_reason_and_refills_from_the_reserve(
        client, programme_year, samarinda, set_quota, eligible, users, approve_pending):
    set_quota(samarinda, 1)
    first, second = eligible(samarinda, 2)
    p = users["provincial"]
    decision.candidate_decide(candidate=first, user=p)
    decision.reserve_list_rebuild(programme_year=programme_year, kabupaten=samarinda, user=p)
    client.force_login(p)
    url = reverse("quotas:withdraw", kwargs={"pk": first.pk})

    page = client.get(url).content.decode()
    assert '<option value="" selected>— pilih alasan —</option>' in page  # nothing preselected

    no_reason = client.post(url, {"note": "pindah?"})
    assert "Pilih alasan pembatalan." in no_reason.content.decode()
    refused = client.post(url, {"kind": "lainnya", "note": ""})
    assert refused.status_code == 200 and "Alasan pembatalan wajib diisi" in refused.content.decode()
    first.refresh_from_db()
    assert first.status == S.DECIDED

    done = client.post(url, {"kind": "meninggal", "note": "Akta kematian 12-05-2025"}, follow=True)
    assert "menunggu persetujuan staf lain: Batalkan penetapan" in done.content.decode()
    first.refresh_from_db()
    assert first.status == S.DECIDED
    approve_pending()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == S.WITHDRAWN and second.status == S.DECIDED
    assert first.timeline.last().data["reason"] == "Meninggal dunia: Akta kematian 12-05-2025"


def test_an_officer_reads_their_own_decision_page_without_forms(client, programme_year, samarinda, set_quota,
                                                                eligible, users):
    set_quota(samarinda, 1)
    eligible(samarinda, 1, name="Warga Samarinda Layak")
    client.force_login(users["officer"])
    body = client.get(decision_url(programme_year, samarinda)).content.decode()
    assert "Warga Samarinda Layak" in body
    assert 'name="candidate"' not in body and "quotas:withdraw" not in body
    assert client.post(decision_url(programme_year, samarinda, "quotas:decide"), {"top": "1", "count": "1"}
                       ).status_code == 403


def test_the_annex_xlsx_opens_holds_the_decided_as_text_and_is_logged(
        client, programme_year, samarinda, set_quota, make_candidate, users):
    set_quota(samarinda, 2)
    a = make_candidate(samarinda, created_by=users["officer"], status="field_eligible", name="=HYPERLINK(\"x\")")
    b = make_candidate(samarinda, created_by=users["officer"], status="field_eligible", name="Sulastri")
    decision.candidates_decide_bulk(programme_year=programme_year, kabupaten=samarinda, count=2,
                                    user=users["provincial"])
    client.force_login(users["officer"])

    response = client.get(decision_url(programme_year, samarinda, "quotas:annex_xlsx"))

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("No.", "NIK", "No. KK", "Nama")
    names = {r[3] for r in rows[1:]}
    assert names == {"'=HYPERLINK(\"x\")", "Sulastri"}
    niks = {r[1] for r in rows[1:]}
    assert niks == {a.person.nik, b.person.nik} and all(isinstance(n, str) for n in niks)
    born = sheet.cell(row=2, column=6)
    assert born.is_date and born.value.date() == a.birth_date and born.number_format == "dd/mm/yyyy"
    log = DataAccess.objects.get()
    assert (log.user, log.action, log.kabupaten, log.row_count) == (users["officer"], "export", samarinda, 2)


def test_the_annex_pdf_is_an_a4_pdf_with_the_numbered_decided_list(client, programme_year, samarinda, set_quota,
                                                                   eligible, make_candidate, users):
    set_quota(samarinda, 3)
    make_candidate(samarinda, created_by=users["officer"], status="field_eligible", name="Sulastri")
    eligible(samarinda, 2)
    make_candidate(samarinda, created_by=users["officer"], status="field_eligible", name="Tidakterpilih")
    decision.candidates_decide_bulk(programme_year=programme_year, kabupaten=samarinda, count=3,
                                    user=users["provincial"])
    client.force_login(users["provincial"])

    response = client.get(decision_url(programme_year, samarinda, "quotas:annex_pdf"))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert b"/MediaBox [ 0 0 841.8898 595.2756 ]" in response.content  # A4 landscape
    text = read_pdf(response.content).words
    assert "Sulastri" in text and "Tidakterpilih" not in text
    assert "Kota Samarinda" in text and "2025" in text
    assert DataAccess.objects.filter(action="export", kabupaten=samarinda, row_count=3).exists()


def test_the_annex_signature_never_stands_alone_on_its_last_page(programme_year, samarinda, make_candidate, users):
    """Whatever the number of recipients, the page of "Ditetapkan di" also carries rows of the list it signs."""
    from quotas import exports

    people = [make_candidate(samarinda, created_by=users["officer"], status="decided", name=f"Penerima {n:02d}")
              for n in range(1, 25)]
    for count in range(1, len(people) + 1):
        paper = read_pdf(exports.annex_pdf(programme_year=programme_year, kabupaten=samarinda,
                                           candidates=people[:count]))
        last = next(page for page in paper.pages if "Ditetapkan di" in page)
        assert "Penerima" in last, f"{count} penerima: the signature alone on page {paper.pages.index(last) + 1}"
        assert f"Penerima {count:02d}" in paper.words and f"Halaman {len(paper.pages)} dari" in paper.pages[-1]


def test_a_viewer_may_not_download_the_annex(client, programme_year, samarinda, users):
    client.force_login(users["viewer"])
    assert client.get(decision_url(programme_year, samarinda, "quotas:annex_pdf")).status_code == 403
    assert not DataAccess.objects.exists()


def test_an_officer_of_another_area_gets_404_for_the_decision_page(client, programme_year, samarinda, users):
    client.force_login(users["other_officer"])
    assert client.get(decision_url(programme_year, samarinda)).status_code == 404
    assert client.get(decision_url(programme_year, samarinda, "quotas:annex_xlsx")).status_code == 404


def test_provincial_staff_add_a_budget_document_and_edit_the_year_rules(client, programme_year, users):
    client.force_login(users["provincial"])
    response = client.post(reverse("quotas:document_create", kwargs={"year": 2025}), {
        "kind": "murni", "number": "DPA-1/2025", "date": "2025-01-02", "amount": "7500000000"})
    assert response.status_code == 302
    response = client.post(reverse("quotas:year_edit", kwargs={"year": 2025}), {
        "value_per_recipient": "5000000", "desil_max": "4", "age_min": "18", "age_max": "59",
        "training_required": "on", "recipients_per_facilitator": "10",
        "is_open": "on"})
    assert response.status_code == 302
    programme_year.refresh_from_db()
    assert (programme_year.desil_max, programme_year.age_max) == (4, 59)
    body = client.get(reverse("quotas:year_detail", kwargs={"year": 2025})).content.decode()
    assert "Rp 7.500.000.000" in body and "DPA-1/2025" in body


def test_a_second_plan_document_in_one_year_is_refused(client, programme_year, plan, users):
    client.force_login(users["provincial"])
    response = client.post(reverse("quotas:document_create", kwargs={"year": 2025}), {
        "kind": "murni", "number": "DPA-2/2025", "date": "2025-02-02", "amount": "1000000"})
    assert "sudah punya dokumen APBD Murni" in response.content.decode()


def test_a_pagu_typed_the_indonesian_way_is_saved_as_that_amount(client, programme_year, users):
    client.force_login(users["provincial"])
    response = client.post(reverse("quotas:document_create", kwargs={"year": 2025}), {
        "kind": "murni", "number": "DPA-1/2025", "date": "2025-01-02", "amount": "Rp 7.500.000.000"})
    assert response.status_code == 302
    assert programme_year.budget_documents.get().amount == 7_500_000_000


def test_an_ambiguous_pagu_is_refused_in_indonesian_and_nothing_is_saved(client, programme_year, users):
    client.force_login(users["provincial"])
    response = client.post(reverse("quotas:document_create", kwargs={"year": 2025}), {
        "kind": "murni", "number": "DPA-1/2025", "date": "2025-01-02", "amount": "7.500.000,5"})
    assert response.status_code == 200
    assert "Rupiah ditulis tanpa sen" in response.content.decode()
    assert not programme_year.budget_documents.exists()


def test_the_year_rules_read_the_value_per_recipient_with_separators(client, programme_year, users):
    client.force_login(users["provincial"])
    response = client.post(reverse("quotas:year_edit", kwargs={"year": 2025}), {
        "value_per_recipient": "Rp 5.500.000", "desil_max": "4", "age_min": "18", "age_max": "59",
        "recipients_per_facilitator": "10", "is_open": "on"})
    assert response.status_code == 302
    programme_year.refresh_from_db()
    assert programme_year.value_per_recipient == 5_500_000


def test_places_typed_with_a_separator_are_read_as_thousands(client, programme_year, plan, samarinda, users,
                                                             approve_pending):
    client.force_login(users["provincial"])
    response = client.post(reverse("quotas:entry_add", kwargs={"year": 2025}), {
        "kabupaten": samarinda.pk, "document": plan.pk, "places": "1.200", "reason": "Kuota awal"})
    assert response.status_code == 302
    approve_pending()
    assert selectors.quota_of(programme_year=programme_year, kabupaten=samarinda) == 1200


def test_the_overview_and_the_ledger_write_counts_with_separators(client, programme_year, samarinda, set_quota, users):
    set_quota(samarinda, 1200)
    client.force_login(users["provincial"])
    overview = client.get(reverse("quotas:overview"), {"tahun": "2025"}).content.decode()
    assert 'data-testid="total-quota">1.200<' in overview and ">1200<" not in overview
    ledger = client.get(reverse("quotas:ledger", kwargs={"year": 2025})).content.decode()
    assert 'data-testid="quota-64.72">1.200<' in ledger and "+1.200" in ledger
