"""The long lists page by keyset (uep/keyset.py): every row once, in order, under ties; the filters
and the scope kept on every page; a forged cursor gives the first page; page 500 runs the queries of
page 1."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from uep.keyset import Cursor

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(programme_year, users):
    """``many(kabupaten, names, status=...)``: candidates set-based (bulk), one per name, in order."""
    from recipients.models import Candidate, Person
    from recipients.nik import make_nik
    from regions.models import Kecamatan

    serial = iter(range(1, 9999))

    def make(kabupaten, names, *, status="proposed"):
        kecamatan = Kecamatan.objects.filter(kabupaten=kabupaten).first()
        kelurahan = kecamatan.kelurahan_set.first()
        birth = dt.date(1980, 1, 1)
        people = Person.objects.bulk_create([
            Person(nik=make_nik(kecamatan_code=kecamatan.code, birth_date=birth, sex="L", serial=next(serial)),
                   name=name, sex="L", birth_date=birth) for name in names])
        return Candidate.objects.bulk_create([
            Candidate(person=p, name=p.name, sex="L", birth_date=birth, kabupaten=kabupaten,
                      programme_year=programme_year, kecamatan=kecamatan, kelurahan=kelurahan, address="Jl. A",
                      no_kk=p.nik[:6] + "0101250001", desil_proposed=2, business_type="Gorengan",
                      business_status="BERJALAN", status=status, created_by=users["officer"]) for p in people])

    return make


@pytest.fixture
def small_pages(monkeypatch):
    import recipients.views

    monkeypatch.setattr(recipients.views, "PAGE_SIZE", 5)


def walk(client, url, param="page", direction="next", extra=None):
    """Every page from ``url`` on, following the pager's links; the ids of each page."""
    pages, cursor = [], None
    while True:
        response = client.get(url, {**(extra or {}), **({param: cursor} if cursor else {})})
        assert response.status_code == 200
        page = response.context["page"]
        pages.append([c.pk for c in page])
        cursor = page.next_cursor if direction == "next" else page.previous_cursor
        more = page.has_next() if direction == "next" else page.has_previous()
        if not more:
            return pages, page
        if direction == "previous" and not cursor:  # back on the first page: its own address
            response = client.get(url)
            pages.append([c.pk for c in response.context["page"]])
            return pages, response.context["page"]


def expected_order(qs):
    return list(qs.order_by("kabupaten__code", "name", "id").values_list("pk", flat=True))


def test_the_provincial_list_walks_every_row_once_in_order_under_ties_and_back(
        client, users, samarinda, balikpapan, many, small_pages):
    from recipients.models import Candidate

    # Ties on the name, within and across areas: only the id tells them apart.
    many(samarinda, ["Siti"] * 12 + ["Ahmad"] * 4 + ["Zainal"])
    many(balikpapan, ["Siti"] * 7 + ["Budi"] * 3)
    many(samarinda, ["Siti"] * 3)  # later ids of an earlier name
    client.force_login(users["provincial"])
    url = reverse("recipients:candidate_list")

    pages, last = walk(client, url)
    seen = [pk for page in pages for pk in page]

    assert seen == expected_order(Candidate.objects.all()) and len(seen) == len(set(seen)) == 30
    assert [len(p) for p in pages] == [5] * 6
    assert last.start_index() == 26 and last.end_index() == 30 and not last.has_next()

    # Back from the last page by "Sebelumnya": the same pages, in reverse.
    back = [pages[-1]]
    cursor = last.previous_cursor
    while cursor:
        page = client.get(url, {"page": cursor}).context["page"]
        back.append([c.pk for c in page])
        cursor = page.previous_cursor
    back.append([c.pk for c in client.get(url).context["page"]])
    assert back[::-1] == pages


def test_filters_stay_on_every_page_and_the_links_keep_the_other_parameters(
        client, users, samarinda, many, small_pages, monkeypatch):
    from recipients.models import Candidate

    many(samarinda, [f"Lolos {i:02d}" for i in range(12)], status="desk_passed")
    many(samarinda, [f"Usul {i:02d}" for i in range(12)])
    client.force_login(users["provincial"])
    url = reverse("recipients:candidate_list")
    client.post(url, {"status": "desk_passed"})  # the candidate list keeps its filters in the session

    pages, _last = walk(client, url)

    names = [c for page in pages for c in page]
    assert len(names) == 12 and [len(p) for p in pages] == [5, 5, 2]

    # The field list keeps its search in the address: the pager's links carry it on.
    import verification.views

    monkeypatch.setattr(verification.views, "FIELD_PAGE_SIZE", 5)
    many(samarinda, [f"Lain {i:02d}" for i in range(6)], status="desk_passed")
    client.force_login(users["officer"])
    field = reverse("verification:field_list")
    html = client.get(field, {"q": "lolos"}).content.decode()
    # A search is not counted (uep.keyset.SEARCH_COUNT_CAP): it says what it knows, exact on the last page.
    assert 'href="?q=lolos&amp;page=' in html and "baris 1–5 dari lebih dari 5" in html
    pages, last = walk(client, field, extra={"q": "lolos"})
    assert [len(p) for p in pages] == [5, 5, 2] and last.count_text == "12" and last.total == 12
    assert {c.name[:5] for c in Candidate.objects.filter(pk__in=[pk for p in pages for pk in p])} == {"Lolos"}


def test_a_forged_or_foreign_cursor_gives_the_first_page_with_a_notice(client, users, samarinda, many, small_pages):
    rows = many(samarinda, [f"Nama {i:02d}" for i in range(8)])
    client.force_login(users["officer"])
    url = reverse("recipients:candidate_list")
    first_ids = [c.pk for c in client.get(url).context["page"]]
    foreign = Cursor(after=True, pk=rows[3].pk, start=5).dumps("verification.field_list")
    unsigned = f"n{rows[3].pk}.5"

    for forged in (unsigned, foreign, "n1.1:abc", "x" * 300, "é:ü", f"{Cursor(True, 1, 1).dumps('x')}z"):
        response = client.get(url, {"page": forged})
        assert response.status_code == 200
        assert [c.pk for c in response.context["page"]] == first_ids
        assert "Tautan halaman tidak sah atau sudah kedaluwarsa" in response.content.decode()

    # A cursor whose row is gone: the first page again, said so.
    cursor = Cursor(after=True, pk=rows[-1].pk + 1000, start=6).dumps("recipients.candidate_list")
    response = client.get(url, {"page": cursor})
    assert [c.pk for c in response.context["page"]] == first_ids
    assert "tidak ada lagi di daftar ini" in response.content.decode()


def test_an_officer_walks_only_their_own_area_on_every_page(client, users, samarinda, balikpapan, many, small_pages):
    from recipients.models import Candidate

    many(samarinda, ["Siti"] * 9 + ["Yanti"] * 4)
    many(balikpapan, ["Siti"] * 9 + ["Ahmad"] * 4)
    client.force_login(users["officer"])
    url = reverse("recipients:candidate_list")

    pages, _last = walk(client, url)
    seen = [pk for page in pages for pk in page]

    mine = list(Candidate.objects.filter(kabupaten=samarinda).order_by("name", "id").values_list("pk", flat=True))
    assert seen == mine
    # A cursor signed for a provincial page that names a Balikpapan row still shows only Samarinda.
    other = Candidate.objects.filter(kabupaten=balikpapan).order_by("name", "id").first()
    page = client.get(url, {"page": Cursor(True, other.pk, 2).dumps("recipients.candidate_list")}).context["page"]
    assert page.object_list and {c.kabupaten_id for c in page} == {samarinda.pk}


def test_page_500_runs_the_queries_of_page_1(client, users, samarinda, many, monkeypatch):
    import recipients.views
    from recipients.models import Candidate

    monkeypatch.setattr(recipients.views, "PAGE_SIZE", 2)
    many(samarinda, [f"Warga {i % 37:02d}" for i in range(1001)])
    ids = list(Candidate.objects.order_by("name", "id").values_list("pk", flat=True))
    client.force_login(users["officer"])
    url = reverse("recipients:candidate_list")
    # Page 500 as its pager builds it: after the row ending page 499 (rows 997-998).
    deep = Cursor(after=True, pk=ids[997], start=999).dumps("recipients.candidate_list")

    client.get(url)  # the session and the year settle
    with CaptureQueriesContext(connection) as first:
        page_1 = client.get(url).context["page"]
    with CaptureQueriesContext(connection) as later:
        page_500 = client.get(url, {"page": deep}).context["page"]

    assert len(first.captured_queries) == len(later.captured_queries)
    assert page_500.number == 500 and [c.pk for c in page_500] == ids[998:1000] and page_500.has_next()
    assert [c.pk for c in page_1] == ids[:2]
    sql = " ".join(q["sql"] for q in later.captured_queries)
    assert "OFFSET" not in sql.upper()
    assert page_500.count == 1001 and page_500.count_text == "1.001"


def test_a_count_past_the_cap_is_said_as_more_than(client, users, samarinda, many):
    from recipients.models import Candidate
    from uep.keyset import keyset_page

    many(samarinda, [f"Warga {i}" for i in range(12)])
    page = keyset_page(Candidate.objects.all(), keys=("name", "id"), page_size=5, cursor=None, salt="t", cap=10)
    assert page.count == 11 and page.count_capped and page.count_text == "lebih dari 10"
    exact = keyset_page(Candidate.objects.all(), keys=("name", "id"), page_size=5, cursor=None, salt="t", cap=12)
    assert exact.count == 12 and exact.count_text == "12"

    # A name search counts to 1.000 at most (uep.keyset.SEARCH_COUNT_CAP), and says so.
    client.force_login(users["officer"])
    client.post(reverse("recipients:candidate_list"), {"q": "warga"})
    html = client.get(reverse("recipients:candidate_list")).content.decode()
    assert "12 calon" in html


def test_the_field_list_and_the_decision_list_page_by_cursor_with_the_same_queries(
        client, users, samarinda, many, programme_year):
    from quotas.selectors import DECISION_PAGE_SIZE
    from recipients.models import Candidate

    many(samarinda, [f"Tunggu {i:03d}" for i in range(60)], status="desk_passed")
    many(samarinda, ["Layak"] * (DECISION_PAGE_SIZE + 7), status="field_eligible")
    client.force_login(users["officer"])

    field = reverse("verification:field_list")
    pages, _last = walk(client, field)
    assert [pk for p in pages for pk in p] == list(
        Candidate.objects.filter(status="desk_passed").order_by("id").values_list("pk", flat=True))

    decision = reverse("quotas:decision", kwargs={"year": programme_year.year, "code": samarinda.code})
    with CaptureQueriesContext(connection) as first:
        response = client.get(decision)
    page = response.context["page"]
    with CaptureQueriesContext(connection) as second:
        response = client.get(decision, {"halaman": page.next_cursor})
    assert len(first.captured_queries) == len(second.captured_queries)
    later = response.context["page"]
    assert len(later) == 7 and later.start_index() == DECISION_PAGE_SIZE + 1
    # The ranks on the second page go on from the first (ties on desil and time: the NIK decides).
    assert [c.rank for c in response.context["rows"]] == list(range(DECISION_PAGE_SIZE + 1, DECISION_PAGE_SIZE + 8))
    both = [c.pk for c in page] + [c.pk for c in later]
    assert len(set(both)) == DECISION_PAGE_SIZE + 7


def test_the_name_search_as_django_writes_it_can_read_the_trigram_index(samarinda, many):
    """name__icontains is UPPER(name) LIKE UPPER('%x%'): the index is on that very expression
    (recipients 0012). With few rows the planner prefers a scan, so scans are taken from it here;
    bench/bench_pages.py shows it chosen on its own at 100,000 rows."""
    from recipients.models import Candidate

    many(samarinda, ["Dewi Kurniawan", "Budi Santoso"])
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")  # a b-tree read whole, filtering, is not the point
    plan = Candidate.objects.filter(name__icontains="kurnia").order_by().explain()
    assert "candidate_name_trgm" in plan
    assert list(Candidate.objects.filter(name__icontains="KURNIA").values_list("name", flat=True)) == ["Dewi Kurniawan"]
