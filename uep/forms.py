"""Form fields shared by every app: whole numbers typed the Indonesian way.

People here write five million as ``5.000.000`` (a dot groups thousands, a comma starts the
decimals), often with ``Rp`` in front and sometimes ``,-`` or ``,00`` behind. Django's
IntegerField and ``<input type=number>`` read ``500.000.000`` as 500 or refuse it with a
browser message in English. These fields read what an Indonesian office types, and refuse
with an Indonesian message whatever could mean two things (``5,5``, ``1.5``, ``5.00.000``,
``1,500,000``): a refusal costs a retype, a wrong amount costs money.

Accepted: ``5000000``, ``5.000.000``, ``Rp 5.000.000``, ``Rp5.000.000,-``, ``Rp 5.000.000,00``,
``-3`` or ``+3`` where negatives are allowed. Refused: any other comma, a group of other than
three digits after a dot, decimals that are not zero, a value out of range.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from uep.formatting import angka, rupiah, thousands

INT64_MAX = 2**63 - 1  # PostgreSQL bigint
INT32_MAX = 2**31 - 1  # PostgreSQL integer

_SIGNED = re.compile(r"(?P<before>[-+\u2212]?)\s*(?:rp\.?)?\s*(?P<after>[-+\u2212]?)\s*(?P<body>.*)",
                     re.IGNORECASE | re.DOTALL)
# 5000000 or 5.000.000, then optionally ,- or ,00 (no cents, said explicitly).
_BODY = re.compile(r"(?P<digits>\d+|[1-9]\d{0,2}(?:\.\d{3})+)(?:,-|,0+)?", re.ASCII)
_MAX_DIGITS = 19  # more digits than any int64; checked before int() so that a 5,000-digit string costs nothing


def parse_indonesian_integer(text: str) -> int:
    """Read a whole number written the Indonesian way; ValueError(code) if it is not one.

    The code names the reason: ``decimal``, ``comma_groups``, ``groups``, ``too_big`` or ``invalid``.
    The sign may stand before or after ``Rp`` (``-Rp 5.000`` or ``Rp -5.000``).
    """
    signed = _SIGNED.fullmatch(str(text).strip())
    if signed["before"] and signed["after"]:
        raise ValueError("invalid")
    body = signed["body"].strip()
    match = _BODY.fullmatch(body)
    if match is None:
        raise ValueError(_reason(body))
    digits = match["digits"].replace(".", "").lstrip("0") or "0"
    if len(digits) > _MAX_DIGITS:
        raise ValueError("too_big")
    value = int(digits)
    return -value if (signed["before"] or signed["after"]) in ("-", "\u2212") else value


def _reason(body: str) -> str:
    if re.fullmatch(r"[0-9.]*[0-9],[0-9]*[1-9][0-9]*", body) or re.fullmatch(r"[0-9]+\.[0-9]{1,2}", body):
        return "decimal"
    if re.fullmatch(r"[0-9]{1,3}(,[0-9]{3})+", body):
        return "comma_groups"
    if re.fullmatch(r"[0-9][0-9.]*(,0*|,-)?", body):
        return "groups"
    return "invalid"


class NumericInput(forms.TextInput):
    """A text box that brings up the phone's number pad, without the browser's own (English) checks
    of ``type=number``; it shows the value grouped, as it will be read back."""

    def __init__(self, attrs=None, *, negative: bool = False):
        # iOS's numeric pad has no minus key: a field that takes negatives keeps the full keyboard.
        base = {"autocomplete": "off"} if negative else {"inputmode": "numeric", "autocomplete": "off"}
        super().__init__({**base, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, int) and not isinstance(value, bool):
            return thousands(value)
        return super().format_value(value)


class IndonesianIntegerField(forms.Field):
    """A whole number typed the Indonesian way (see the module's docstring), within bounds."""

    widget = NumericInput
    default_error_messages = {
        "invalid": _("Tulis angka bulat, misalnya 1.500 atau 1500."),
        "decimal": _("“%(value)s” tidak jelas: koma menandai pecahan dan angka ini harus bulat. "
                     "Titik memisahkan ribuan, misalnya 1.500.000."),
        "comma_groups": _("“%(value)s” tidak jelas: pakai titik sebagai pemisah ribuan "
                          "(1.500.000), bukan koma."),
        "groups": _("“%(value)s” tidak jelas: titik memisahkan ribuan, jadi setiap kelompok sesudah titik "
                    "harus tiga angka (misalnya 1.500.000)."),
        "negative": _("Tidak boleh negatif."),
        "too_big": _("Angka ini terlalu besar."),
        "min_value": _("Paling sedikit %(limit)s."),
        "max_value": _("Paling banyak %(limit)s."),
    }

    def __init__(self, *, min_value: int | None = 0, max_value: int | None = INT64_MAX, **kwargs):
        # A model form passes these (and sometimes step_size or localize) from the model field.
        kwargs.pop("step_size", None)
        kwargs.pop("localize", None)
        self.min_value = min_value
        self.max_value = INT64_MAX if max_value is None else min(max_value, INT64_MAX)
        if self.min_value is not None and self.min_value < 0 and kwargs.get("widget") is None:
            kwargs["widget"] = NumericInput(negative=True)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, bool):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if isinstance(value, int):
            return value
        text = str(value).strip()
        if text == "":
            return None
        try:
            return parse_indonesian_integer(text)
        except ValueError as exc:
            code = str(exc) if str(exc) in self.error_messages else "invalid"
            raise ValidationError(self.error_messages[code], code=code, params={"value": text[:40]}) from None

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if value < 0 and self.min_value is not None and self.min_value >= 0:
            raise ValidationError(self.error_messages["negative"], code="negative")
        if self.min_value is not None and value < self.min_value:
            raise ValidationError(self.error_messages["min_value"], code="min_value",
                                  params={"limit": self._show(self.min_value)})
        if value > self.max_value:
            raise ValidationError(self.error_messages["max_value"], code="max_value",
                                  params={"limit": self._show(self.max_value)})

    def _show(self, limit: int) -> str:
        return angka(limit)


class RupiahField(IndonesianIntegerField):
    """An amount of whole Rupiah: ``Rp 5.000.000``, ``5.000.000`` or ``5000000``; never negative by default."""

    default_error_messages = {
        "invalid": _("Tulis jumlah Rupiah tanpa sen, misalnya 5.000.000 atau Rp 5.000.000."),
        "decimal": _("“%(value)s” tidak jelas: Rupiah ditulis tanpa sen, dan koma menandai sen. "
                     "Tulis misalnya 5.000.000 atau Rp 5.000.000."),
    }

    def _show(self, limit: int) -> str:
        return rupiah(limit)


class CountField(IndonesianIntegerField):
    """A count of people or places: ``1.500`` or ``1500``; fits PostgreSQL's integer column."""

    def __init__(self, *, min_value: int | None = 0, max_value: int | None = INT32_MAX, **kwargs):
        super().__init__(min_value=min_value, max_value=INT32_MAX if max_value is None else min(max_value, INT32_MAX),
                         **kwargs)


class IdListField(forms.Field):
    """The ids of ticked rows (``<input type=checkbox name=... value=id>``): whole positive numbers that
    fit a bigint, or the form is invalid. A forged value is a form error, never a database error."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {"invalid": _("Pilihan tidak sah; muat ulang halaman dan pilih lagi.")}
    _ID = re.compile(r"[1-9][0-9]{0,17}", re.ASCII)  # up to 18 digits: always below 2**63

    def to_python(self, value) -> list[int]:
        if value in self.empty_values:
            return []
        values = value if isinstance(value, (list, tuple)) else [value]
        if not all(isinstance(v, (str, int)) and self._ID.fullmatch(str(v)) for v in values):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return sorted({int(v) for v in values})


class PlainModelChoiceIterator(forms.models.ModelChoiceIterator):
    """A select's choices read in one plain query. Django's own iterator opens a server-side cursor
    (DECLARE, FETCH, CLOSE outside a transaction: three round trips each) that a list of a hundred
    kecamatan does not need; on the candidate list's filters that was a fifth of the page's time."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


def plain_model_choices(form: forms.Form) -> None:
    """Every ModelChoiceField of ``form`` reads its choices with PlainModelChoiceIterator (call it
    before the querysets are set)."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField):
            field.iterator = PlainModelChoiceIterator
            field.widget.choices = field.choices


def add_service_error(form: forms.Form, error: Exception) -> None:
    """A service's refusal shown on the form that sent it: an error naming one of the form's fields
    under that field, every other message above the form (a PermissionDenied by its text)."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return
    for message in getattr(error, "messages", None) or [str(error)]:
        form.add_error(None, message)
