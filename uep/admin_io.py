"""The admin's imports and exports (django-import-export), held to the app's own rules.

- Imports read the file through ``uep/files.py`` (sniffed from the bytes, size limit, zip-bomb
  and encryption guards) and refuse more than ``ADMIN_IMPORT_MAX_ROWS`` rows: a hostile XLSX is
  refused in well under a second instead of keeping a worker busy for minutes.
- The file waiting for the confirm lives under a random name the server chose, in its own folder;
  a name posted back that is not one of those is refused (import-export would read, and then
  delete, any path the form names).
- Every error names the sheet row (the header is row 1), the column and the value, in Indonesian,
  instead of "Line number: 21 - Item matching query does not exist" or PostgreSQL's message.
- Exports write text that a spreadsheet would run as a formula as text, name the sheet and the
  columns in Indonesian, and keep numbers numbers (see ``CarefulResource.export_field``).

The site (``uep/admin_site.py``) mixes these into every ModelAdmin and Resource that uses import-export.
"""

import datetime as dt
import os
import re
import tempfile
import uuid
from decimal import Decimal

import tablib
from django.conf import settings
from django.core.exceptions import MultipleObjectsReturned, ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from import_export.formats import base_formats
from import_export.tmp_storages import TempFolderStorage

from uep.files import FileRefused, read_table
from uep.xlsx import neutralise, xlsx_bytes

NAME = re.compile(r"[0-9a-f]{32}")
# A number written as text that is a number, not a code: no leading zero, shorter than a NIK.
WHOLE_NUMBER = re.compile(r"-?[1-9][0-9]{0,14}|0")


def import_folder() -> str:
    folder = os.path.join(tempfile.gettempdir(), "uep-admin-import")
    os.makedirs(folder, mode=0o700, exist_ok=True)
    return folder


def import_files_sweep(*, older_than: dt.datetime) -> int:
    """Files of admin imports previewed and never confirmed (the nightly sweep calls this)."""
    deleted = 0
    for entry in os.scandir(import_folder()):
        if entry.is_file() and entry.stat().st_mtime < older_than.timestamp():
            os.unlink(entry.path)
            deleted += 1
    return deleted


class ImportTempStorage(TempFolderStorage):
    """The uploaded file between the preview and the confirm: a random name in one folder."""

    def get_full_path(self):
        if not NAME.fullmatch(self.name or ""):
            raise FileRefused(_("Berkas impor tidak ditemukan; unggah lagi."))
        return os.path.join(import_folder(), self.name)

    def save(self, data):
        self.name = self.name or uuid.uuid4().hex
        binary = isinstance(data, bytes)
        with open(self.get_full_path(), "wb" if binary else "w", encoding=None if binary else self.encoding) as file:
            file.write(data)

    def _open(self, mode="r"):
        return open(self.get_full_path(), mode, encoding=None if "b" in mode else self.encoding)


def guarded_dataset(data: bytes) -> tablib.Dataset:
    """The first sheet (or the CSV) as a dataset, read by the app's one guarded reader."""
    rows = read_table(data, max_bytes=settings.ADMIN_IMPORT_MAX_BYTES)
    while rows and all(cell in (None, "") for cell in rows[-1]):
        rows.pop()
    if not rows:
        raise FileRefused(_("Berkas kosong."))
    if len(rows) - 1 > settings.ADMIN_IMPORT_MAX_ROWS:
        raise FileRefused(_("Berkas berisi %(n)s baris; paling banyak %(max)s baris sekali impor.")
                          % {"n": len(rows) - 1, "max": settings.ADMIN_IMPORT_MAX_ROWS})
    headers = ["" if cell is None else str(cell).strip() for cell in rows[0]]
    dataset = tablib.Dataset(headers=headers)
    width = len(headers)
    for row in rows[1:]:  # blank rows stay, so the row numbers stay those of the sheet
        dataset.append((list(row) + [None] * width)[:width])
    return dataset


class GuardedXLSX(base_formats.XLSX):
    def create_dataset(self, in_stream):
        return guarded_dataset(in_stream)


class GuardedCSV(base_formats.CSV):
    """Read as bytes, so the reader decodes it as the app's uploads are (UTF-8 or Windows-1252)."""

    def get_read_mode(self):
        return "rb"

    def is_binary(self):
        return True

    def create_dataset(self, in_stream, **kwargs):
        return guarded_dataset(in_stream)


class SafeXLSX(base_formats.XLSX):
    """Written by the app's one XLSX writer: text never runs as a formula, numbers and dates stay typed."""

    def export_data(self, dataset, **kwargs):
        return xlsx_bytes(headers=dataset.headers or [], rows=dataset, sheet=dataset.title or _("Data"))


def _shown(value) -> str:
    text = "" if value is None else str(value)
    return f"“{text[:60]}”" if text else _("(kosong)")


class CarefulResource:
    """Mixed in front of every import-export Resource the admin uses."""

    def get_instance(self, instance_loader, row):
        # The columns that find the row to update (a KODE of a kabupaten, an item's code): a value
        # that finds nothing is the row's error, named, not "matching query does not exist".
        for name in self.get_import_id_fields():
            field = self.fields.get(name)
            if field is None or field.column_name not in row:
                continue
            try:
                field.clean(row)
            except (ObjectDoesNotExist, MultipleObjectsReturned):
                raise ValidationError({field.attribute: _("tidak ditemukan di data acuan")}) from None
            except (ValueError, ArithmeticError, TypeError):
                raise ValidationError({field.attribute: _("tidak dapat dibaca")}) from None
        return super().get_instance(instance_loader, row)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        try:
            return super().import_field(field, instance, row, is_m2m, **kwargs)
        except (ObjectDoesNotExist, MultipleObjectsReturned):
            raise ValueError(_("tidak ditemukan di data acuan")) from None
        except ValueError:
            raise
        except (ArithmeticError, TypeError):
            raise ValueError(_("tidak dapat dibaca")) from None

    def save_instance(self, instance, is_create, row, **kwargs):
        # A savepoint per row: a refused row must not abort the rows after it.
        try:
            with transaction.atomic():
                return super().save_instance(instance, is_create, row, **kwargs)
        except IntegrityError as exc:
            column = getattr(getattr(exc.__cause__, "diag", None), "column_name", None)
            if column:
                raise ValidationError({column.removesuffix("_id"): _("wajib diisi")}) from None
            raise ValidationError(_("bertentangan dengan data yang sudah ada (misalnya kode ganda)")) from None

    def import_row(self, row, instance_loader, **kwargs):
        result = super().import_row(row, instance_loader, **kwargs)
        number = kwargs.get("row_number", 0) + 1  # the header is the sheet's row 1
        columns = getattr(self, "_columns", {})
        if result.validation_error is not None:
            error = result.validation_error
            messages = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
            result.validation_error = ValidationError({
                key: [self._sentence(number, columns.get(key, key) if key not in ("", "__all__") else "",
                                     row.get(columns.get(key, key)), message) for message in texts]
                for key, texts in messages.items()})
        for error in result.errors:
            error.error = ValueError(self._sentence(number, "", None, _("baris tidak dapat disimpan; periksa isinya")))
        return result

    @staticmethod
    def _sentence(number: int, column: str, value, reason: str) -> str:
        if column:
            return _("Baris %(row)d, kolom %(column)s, nilai %(value)s: %(reason)s") % {
                "row": number, "column": column, "value": _shown(value), "reason": reason}
        return _("Baris %(row)d: %(reason)s") % {"row": number, "reason": reason}

    def _verbose(self, field) -> str:
        """A column named after the model's field gets the field's Indonesian name."""
        try:
            model_field = self._meta.model._meta.get_field(field.attribute)
        except Exception:  # noqa: BLE001 - a computed or related column keeps its own name
            return field.column_name
        return capfirst(str(model_field.verbose_name)) if field.column_name == field.attribute else field.column_name

    def get_export_headers(self, selected_fields=None):
        return [self._verbose(field) for field in self.get_export_fields(selected_fields)]

    def before_import(self, dataset, **kwargs):
        # A file exported here comes back with the Indonesian headers: read them as the columns they name.
        names = {self._verbose(field).lower(): field.column_name for field in self.get_import_fields()}
        if dataset.headers:
            dataset.headers = [names.get(str(h).strip().lower(), h) for h in dataset.headers]
        self._columns = {field.attribute: field.column_name for field in self.get_import_fields() if field.attribute}
        return super().before_import(dataset, **kwargs)

    def export(self, *args, **kwargs):
        dataset = super().export(*args, **kwargs)
        dataset.title = capfirst(str(self._meta.model._meta.verbose_name_plural))[:31]
        return dataset

    def export_field(self, field, instance, **kwargs):
        # Numbers and dates as themselves (import-export's widgets render them as text); text neutralised.
        rendered = super().export_field(field, instance, **kwargs)
        dehydrate = field.get_dehydrate_method(self.get_field_name(field))
        if field.attribute and not callable(dehydrate) and getattr(self, dehydrate, None) is None:
            value = field.get_value(instance)
            if isinstance(value, (int, float, Decimal, dt.date)) and not isinstance(value, bool):
                return value
        if isinstance(rendered, str) and WHOLE_NUMBER.fullmatch(rendered):
            return int(rendered)  # a related row shown by its number (the year of a programme year)
        return neutralise(rendered)


class CarefulImportExport:
    """Mixed in front of every ModelAdmin that has import-export's pages."""

    import_template_name = "admin/uep_import.html"

    def get_import_formats(self):
        return [GuardedXLSX, GuardedCSV]

    def get_export_formats(self):
        return [SafeXLSX, base_formats.CSV]

    def get_import_resource_classes(self, request):
        return [careful_resource(cls) for cls in super().get_import_resource_classes(request)]

    def get_export_resource_classes(self, request):
        return [careful_resource(cls) for cls in super().get_export_resource_classes(request)]

    def add_data_read_fail_error_to_form(self, form, e):
        form.add_error("import_file", str(e) if isinstance(e, FileRefused) else
                       _("Berkas tidak dapat dibaca. Unggah XLSX atau CSV dengan satu baris judul kolom."))

    def process_import(self, request, **kwargs):
        # The confirm form names the file, the format and the resource by index: anything else is refused.
        data = request.POST
        formats, resources = self.get_import_formats(), self.get_import_resource_classes(request)
        if request.method == "POST" and not (
                NAME.fullmatch(data.get("import_file_name", ""))
                and data.get("format", "").isdigit() and int(data["format"]) < len(formats)
                and (not data.get("resource") or (data["resource"].isdigit() and int(data["resource"]) < len(resources)))):
            return render(request, "400.html", status=400)
        try:
            return super().process_import(request, **kwargs)
        except (FileRefused, FileNotFoundError):
            return render(request, "400.html", status=400)


_careful_resources: dict[type, type] = {}


def careful_resource(cls: type) -> type:
    if issubclass(cls, CarefulResource):
        return cls
    if cls not in _careful_resources:
        careful = type(cls.__name__, (CarefulResource, cls), {"__module__": cls.__module__})
        # Model validation (required fields, choices, lengths) before the database sees the row.
        careful._meta.clean_model_instances = True
        _careful_resources[cls] = careful
    return _careful_resources[cls]
