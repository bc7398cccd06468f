"""One Indonesian format on every page: counts 1.780, Rp 5.000.000, 24 Nov 2026 (24/11/2026 in tables)."""

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from django.template import Context, Template

from uep.formatting import angka, persen, rupiah, tanggal, tanggal_angka, waktu
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


def test_papers_messages_and_exports_write_dates_as_the_pages_do():
    moment = dt.datetime(2026, 12, 6, 23, 30, tzinfo=dt.timezone.utc)  # 7 December in WITA

    assert tanggal(dt.date(2026, 12, 7)) == "7 Des 2026" == tanggal(moment)
    assert tanggal_angka(dt.date(2026, 12, 7)) == "07/12/2026"
    assert waktu(moment) == "7 Des 2026 07:30 WITA"
    assert waktu(dt.datetime(2026, 12, 7, 7, 30, tzinfo=ZoneInfo("Asia/Makassar"))) == "7 Des 2026 07:30 WITA"
    assert persen(0.8333) == "83,3%" and persen(None) == "-"


ROOT = Path(__file__).resolve().parents[2]
SOURCES = [p for p in ROOT.glob("*/**/*.py") if ".venv" not in p.parts and "tests" not in p.parts
           and "migrations" not in p.parts and "bench" not in p.parts]


def test_no_template_writes_a_date_pattern_of_its_own():
    """Named formats only (uep/formats/id), so a page cannot drift from the rule."""
    own = [(path.relative_to(ROOT), pattern) for path in (ROOT / "templates").rglob("*.html")
           for pattern in re.findall(r'\|date:"([^"]+)"', path.read_text())
           if pattern not in {"DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT", "YEAR_MONTH_FORMAT", "Y"}]
    assert own == []


def test_no_text_for_people_writes_a_day_with_dashes_or_its_own_numeric_pattern():
    """07-12-2026 never; dates for people go through uep.formatting. Input formats (what people type),
    file names and machine formats (ISO) are not text for people."""
    offenders = [(str(path.relative_to(ROOT)), line.strip()) for path in SOURCES
                 for line in path.read_text().splitlines()
                 if re.search(r"%d[-/]%m[-/]%Y|:%d[-/]%m[-/]%Y", line) and "INPUT_FORMATS" not in line.upper()
                 and "for fmt in" not in line]
    assert offenders == []


def test_a_stored_choice_shows_its_indonesian_label_not_its_code():
    assert choice_label("tidak_ditemukan", "monitoring.Visit.outcome") == "Tidak ditemukan"
    assert choice_label(None, "monitoring.Visit.outcome") == "-"


def test_the_admin_names_every_section_in_indonesian(client, users):
    client.force_login(users["admin"])

    page = client.get("/admin/").content.decode()

    for english in ("Pghistory", "Events", "Axes", "Change or view list link"):
        assert english not in page
    assert "Riwayat perubahan" in page and "Pembatasan login" in page


def test_every_model_of_the_app_has_an_indonesian_name_in_the_admin():
    """Not Django's English default from the class name ("Print jobs", "Stock balances")."""
    from django.apps import apps
    from django.utils.text import camel_case_to_spaces

    defaulted = [model._meta.label for model in apps.get_models()
                 if Path(model._meta.app_config.path).parent == ROOT
                 and model.__module__.split(".")[0] == model._meta.app_config.name  # not a bench's table
                 and (str(model._meta.verbose_name) == camel_case_to_spaces(model.__name__)
                      and "verbose_name" not in model._meta.original_attrs
                      or str(model._meta.verbose_name_plural) == f"{model._meta.verbose_name}s"
                      and "verbose_name_plural" not in model._meta.original_attrs)]
    assert defaulted == []
