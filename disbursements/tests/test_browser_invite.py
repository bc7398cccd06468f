"""Done when: an officer invites every ready recipient of one kecamatan to a handover day in one click, in real
Chromium, and their goods are reserved."""

import datetime as dt

import pytest

from disbursements.models import Handover
from disbursements.reservation import reserved_quantities
from disbursements.services.handover import handover_day_create
from regions.models import Kecamatan


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_officer_invites_a_whole_kecamatan_in_one_click(page, live_server, login_page, users, samarinda,
                                                           make_candidate, programme_year, stocked_package, items,
                                                           stock_in):
    first, second = Kecamatan.objects.filter(kabupaten=samarinda).order_by("code")[:2]
    here = [make_candidate(samarinda, status="decided", requested_package="PG-GORENGAN", kecamatan=first,
                           kelurahan=first.kelurahan_set.first(), created_by=users["officer"]) for _ in range(55)]
    make_candidate(samarinda, status="decided", requested_package="PG-GORENGAN", kecamatan=second,
                   kelurahan=second.kelurahan_set.first(), created_by=users["officer"])
    stock_in(samarinda, items["tepung"], 200)
    stock_in(samarinda, items["kompor"], 100)
    day = handover_day_create(programme_year=programme_year, kabupaten=samarinda, date=dt.date(2025, 6, 2),
                              place="Aula Kantor Camat", user=users["officer"])

    login_page(users["officer"])
    page.goto(f"{live_server.url}/penyaluran/acara/{day.id}/")
    page.select_option("#id_kecamatan", label=first.name)
    page.get_by_role("button", name="Saring").click()
    # More than one page of names (50 a page), all invited by the one button.
    page.get_by_role("button", name="Undang semua 55 penerima").click()
    page.get_by_text("55 penerima diundang").wait_for()

    assert set(Handover.objects.filter(day=day).values_list("candidate_id", flat=True)) == {c.id for c in here}
    assert reserved_quantities(kabupaten_ids=[samarinda.id]) == {(samarinda.id, items["tepung"].id): 110,
                                                                 (samarinda.id, items["kompor"].id): 55}
    assert page.get_by_text("0055/BAST-UEP/64.72/2025").is_visible() is False  # page 2 of the invited list
    assert page.get_by_text("0001/BAST-UEP/64.72/2025").is_visible()
