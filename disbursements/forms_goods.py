from django import forms
from django.utils.translation import gettext_lazy as _

from disbursements.forms import DateInput
from disbursements.models import Handover, PackageType
from uep.uploads import PhotoField, ScanField


class PackageAssignForm(forms.Form):
    package = forms.ModelChoiceField(label=_("Paket"), queryset=PackageType.objects.none())
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)

    def __init__(self, *args, programme_year_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["package"].queryset = PackageType.objects.filter(programme_year_id=programme_year_id,
                                                                     is_active=True)


class HandoverDayForm(forms.Form):
    date = forms.DateField(label=_("Tanggal"), widget=DateInput)
    place = forms.CharField(label=_("Tempat"), max_length=200)
    notes = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class OutcomeForm(forms.Form):
    OUTCOMES = [(Handover.Outcome.RECEIVED, _("Diterima")), (Handover.Outcome.ABSENT, _("Tidak hadir")),
                (Handover.Outcome.REFUSED, _("Menolak")), (Handover.Outcome.REPLACED, _("Ganti dengan cadangan"))]
    outcome = forms.ChoiceField(label=_("Hasil"), choices=OUTCOMES, widget=forms.RadioSelect)
    notes = forms.CharField(label=_("Catatan / alasan"), required=False, max_length=1000)
    bast_scan = ScanField(label=_("Pindaian BAST bertanda tangan (PDF/JPG/PNG/WebP)"), required=False)
    photo = PhotoField(label=_("Foto serah terima"), required=False)

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = list(lines)
        for line in self.lines:
            if line.item.has_serial_number:
                self.fields[f"serial_{line.id}"] = forms.CharField(
                    label=_("Nomor seri %(item)s") % {"item": line.item.name}, required=False, max_length=255)

    def serials(self) -> dict:
        return {line.id: self.cleaned_data.get(f"serial_{line.id}", "") for line in self.lines}


class ScansForm(forms.Form):
    pass
