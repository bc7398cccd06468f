from django import forms
from django.utils.translation import gettext_lazy as _


class StatusLookupForm(forms.Form):
    nik = forms.RegexField(
        label=_("NIK (16 angka, lihat KTP atau KK)"), regex=r"^\d{16}$", max_length=16, strip=True,
        error_messages={"invalid": _("NIK harus 16 angka, tanpa spasi atau titik."),
                        "required": _("Isi NIK Anda.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "pattern": r"\d{16}"}))
    tanggal_lahir = forms.DateField(
        label=_("Tanggal lahir"), input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"],
        error_messages={"invalid": _("Tanggal lahir tidak terbaca; tulis seperti 31/12/1980."),
                        "required": _("Isi tanggal lahir Anda.")},
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}))
