"""One Indonesian format on every page: counts 1.780, Rp 5.000.000, 24 Nov 2026 (24/11/2026 in tables)."""

import datetime as dt

from django.template import Context, Template

from uep.formatting import angka, rupiah
from uep.templatetags.uep import choice_label


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def test_counts_and_money_are_grouped_with_dots():
    assert [angka(v) for v in (0, 7, 1780, 100338, -2500, None, "")] == ["0", "7", "1.780", "100.338", "-2.500",
                                                                          "-", "-"]
    assert rupiah(5_000_000) == "Rp 5.000.000"
    assert rupiah(-1500) == "-Rp 1.500"


def test_dates_read_the_indonesian_way_long_and_in_dense_tables():
    day = dt.date(2026, 8, 24)

    assert render("{{ d|date }}", d=day) == "24 Agu 2026"
    assert render('{{ d|date:"SHORT_DATE_FORMAT" }}', d=day) == "24/08/2026"
    assert render("{{ d }}", d=dt.date(2026, 11, 24)) == "24 Nov 2026"


def test_a_stored_choice_shows_its_indonesian_label_not_its_code():
    assert choice_label("tidak_ditemukan", "monitoring.Visit.outcome") == "Tidak ditemukan"
    assert choice_label(None, "monitoring.Visit.outcome") == "-"


def test_the_admin_names_every_section_in_indonesian(client, users):
    client.force_login(users["admin"])

    page = client.get("/admin/").content.decode()

    for english in ("Pghistory", "Events", "Axes", "Change or view list link"):
        assert english not in page
    assert "Riwayat perubahan" in page and "Pembatasan login" in page
