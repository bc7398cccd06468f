"""At 390 px the key column of each list (status, desil, bertahan) shows without a sideways scroll."""

import pytest

from monitoring.services.rounds import rounds_schedule
from recipients.models import CandidateStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG = "Usaha kue basah, nasi kuning dan gorengan keliling kampung nelayan"


def no_sideways_scroll(page):
    """The page, and every table in it, is no wider than the phone."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url
    wide = page.evaluate("Array.prototype.filter.call(document.querySelectorAll('table.cards-sm'), "
                         "function (t) { return t.scrollWidth > t.clientWidth + 1; }).length")
    assert wide == 0, page.url


def key_cells_in_view(page, table, count):
    cells = page.locator(f"{table} tbody tr").first.locator(".key")
    assert cells.count() == count, page.url
    for i in range(count):
        box = cells.nth(i).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, (page.url, i, box)


def test_the_key_columns_of_the_lists_fit_a_390_px_phone(page, live_server, login_page, users, samarinda,
                                                         make_candidate, hand_over):
    for i in range(3):
        make_candidate(samarinda, name=f"Siti Nurhaliza Binti Abdurrahman {i}", created_by=users["officer"],
                       status=CandidateStatus.FIELD_ELIGIBLE, business_type=LONG)
    hand_over(samarinda, name="Budi Penerima Samarinda Yang Namanya Panjang")
    rounds_schedule()
    page.set_viewport_size({"width": 390, "height": 844})

    login_page(users["officer"])
    page.goto(f"{live_server.url}/calon/")
    key_cells_in_view(page, "[data-testid=candidate-table]", 2)  # desil, status
    no_sideways_scroll(page)
    page.goto(f"{live_server.url}/penyaluran/")
    key_cells_in_view(page, "table.cards-sm", 1)  # status
    no_sideways_scroll(page)

    page.context.clear_cookies()
    login_page(users["provincial"])
    page.goto(f"{live_server.url}/monitoring/keberlanjutan/")
    key_cells_in_view(page, "[data-testid=survival-total]", 1)  # bertahan
    no_sideways_scroll(page)
    page.goto(f"{live_server.url}/kuota/tahun/2025/penetapan/64.72/")
    key_cells_in_view(page, "[data-testid=ranked]", 2)  # desil, status
    no_sideways_scroll(page)
