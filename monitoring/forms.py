from django import forms
from django.utils.translation import gettext_lazy as _

from disbursements.forms import DateInput
from monitoring.models import Facilitator, GraduationRule, ItemUse, Outcome
from recipients.models import BusinessStatus
from uep.forms import CountField, RupiahField
from uep.uploads import PhotoField
from verification.models import Scheme


class BaselineForm(forms.Form):
    recorded_on = forms.DateField(label=_("Tanggal"), widget=DateInput)
    state = forms.ChoiceField(label=_("Kondisi usaha saat serah terima"), choices=BusinessStatus.choices,
                              widget=forms.RadioSelect)
    monthly_revenue = RupiahField(label=_("Omzet per bulan (Rp)"))
    assets = RupiahField(label=_("Nilai aset usaha (Rp)"), help_text=_("Peralatan dan stok yang dimiliki, "
                                                                        "termasuk paket UEP."))
    workers = CountField(label=_("Jumlah pekerja"), max_value=500)


class VisitForm(forms.Form):
    visited_on = forms.DateField(label=_("Tanggal kunjungan"), widget=DateInput)
    outcome = forms.ChoiceField(label=_("Hasil kunjungan"), choices=Outcome.choices, widget=forms.RadioSelect)
    monthly_revenue = RupiahField(label=_("Omzet per bulan (Rp)"), required=False)
    assets = RupiahField(label=_("Nilai aset usaha (Rp)"), required=False)
    workers = CountField(label=_("Jumlah pekerja"), max_value=500, required=False)
    reason = forms.CharField(label=_("Alasan (wajib bila usaha tutup)"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    photo = PhotoField(label=_("Foto usaha"), required=False,
                       widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}))
    latitude = forms.DecimalField(max_digits=9, decimal_places=6, min_value=-90, max_value=90, required=False,
                                  widget=forms.HiddenInput)
    longitude = forms.DecimalField(max_digits=9, decimal_places=6, min_value=-180, max_value=180, required=False,
                                   widget=forms.HiddenInput)
    notes = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, lines=(), **kwargs):
        """``lines``: the items of the recipient's BAST; each gets its state and a reason."""
        super().__init__(*args, **kwargs)
        self.lines = list(lines)
        for line in self.lines:
            self.fields[f"item_{line.id}"] = forms.ChoiceField(
                label=f"{line.item.name} ({line.quantity} {line.item.unit})", required=False,
                choices=[("", _("- pilih -")), *ItemUse.choices])
            self.fields[f"item_{line.id}_reason"] = forms.CharField(
                label=_("Alasan (wajib bila dijual atau hilang)"), required=False, max_length=300)

    def item_fields(self):
        return [(self[f"item_{line.id}"], self[f"item_{line.id}_reason"]) for line in self.lines]

    def visit_data(self) -> dict:
        """The cleaned data as ``visit_record`` takes it: the items gathered into ``items``."""
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("item_")}
        data["items"] = {line.id: (self.cleaned_data[f"item_{line.id}"], self.cleaned_data[f"item_{line.id}_reason"])
                         for line in self.lines}
        return data


class FacilitatorForm(forms.Form):
    name = forms.CharField(label=_("Nama pendamping"), max_length=150)
    phone = forms.CharField(label=_("No. HP"), max_length=20, required=False)


class FacilitatorChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Facilitator) -> str:
        return f"{obj.name} ({obj.kabupaten.short_name})"


class AssignmentForm(forms.Form):
    def __init__(self, *args, facilitators, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator"] = FacilitatorChoice(label=_("Pendamping"), queryset=facilitators)
        self.fields["candidates"] = forms.ModelMultipleChoiceField(
            label=_("Penerima"), queryset=candidates, widget=forms.CheckboxSelectMultiple)


class GraduationRuleForm(forms.ModelForm):
    class Meta:
        model = GraduationRule
        fields = ["consecutive_rounds", "umk_required", "mentoring_months"]


class PriorFollowUpForm(forms.Form):
    """Start following an earlier programme's recipient (imported by ``import_prior_recipients``)."""

    nik = forms.CharField(label=_("NIK"), max_length=16, min_length=16,
                          widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    scheme = forms.ChoiceField(label=_("Program"), choices=Scheme.choices)
    year = forms.IntegerField(label=_("Tahun menerima"), min_value=2000, max_value=2100)
    name = forms.CharField(label=_("Nama penerima"), max_length=150)
    received_on = forms.DateField(label=_("Tanggal menerima bantuan"), widget=DateInput,
                                  help_text=_("Putaran monitoring dihitung dari tanggal ini."))

    def __init__(self, *args, areas=None, **kwargs):
        """``areas``: the kabupaten/kota a provincial user chooses from; an officer works in their own."""
        super().__init__(*args, **kwargs)
        if areas is not None:
            self.fields["kabupaten"] = forms.ModelChoiceField(label=_("Kabupaten/Kota"), queryset=areas)


class PriorVisitForm(forms.Form):
    months = forms.IntegerField(label=_("Putaran (bulan setelah menerima)"), min_value=1, max_value=240)
    visited_on = forms.DateField(label=_("Tanggal kunjungan"), widget=DateInput)
    outcome = forms.ChoiceField(label=_("Hasil kunjungan"), choices=Outcome.choices, widget=forms.RadioSelect)
    monthly_revenue = RupiahField(label=_("Omzet per bulan (Rp)"), required=False)
    reason = forms.CharField(label=_("Alasan (wajib bila usaha tutup)"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    notes = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
