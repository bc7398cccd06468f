from django import forms
from django.utils.translation import gettext_lazy as _

from disbursements.models import PackageType
from uep.uploads import PhotoField, ScanField


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")  # what <input type=date> reads, whatever the locale


class HandoverForm(forms.Form):
    package_type = forms.ModelChoiceField(label=_("Paket"), queryset=PackageType.objects.none(),
                                          empty_label=_("- pilih -"))
    date = forms.DateField(label=_("Tanggal serah terima"), widget=DateInput)
    bast_number = forms.CharField(label=_("Nomor BAST"), max_length=100)
    bast_scan = ScanField(label=_("Pindaian BAST bertanda tangan (PDF/JPG)"))
    photo = PhotoField(label=_("Foto serah terima"), required=False,
                       widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}))
    notes = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, programme_year_id: int, province_id: int, **kwargs):
        from disbursements.models import Item, PackageItem

        super().__init__(*args, **kwargs)
        packages = PackageType.objects.filter(programme_year_id=programme_year_id, province_id=province_id,
                                              is_active=True)
        self.fields["package_type"].queryset = packages
        # The equipment of the year's packages that carries a serial number: asked for the package chosen.
        self.serial_items = list(Item.objects.filter(has_serial_number=True, id__in=PackageItem.objects.filter(
            package__in=packages).values("item_id")).order_by("name"))
        for item in self.serial_items:
            self.fields[f"serial_{item.id}"] = forms.CharField(
                label=_("Nomor seri %(item)s (bila ada di paket; dipisah koma)") % {"item": item.name},
                required=False, max_length=255)

    def handover_data(self) -> dict:
        """The keyword arguments of ``handover_record``."""
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("serial_")}
        data["serial_numbers"] = {item.id: self.cleaned_data.get(f"serial_{item.id}", "") for item in self.serial_items}
        return data


class TrainingInviteForm(forms.Form):
    """A coming bimtek: every recipient of the area waiting for one is told the day and place by SMS."""

    date = forms.DateField(label=_("Tanggal bimtek"), widget=DateInput)
    venue = forms.CharField(label=_("Tempat"), max_length=200)


class TrainingForm(forms.Form):
    date = forms.DateField(label=_("Tanggal bimtek"), widget=DateInput)
    venue = forms.CharField(label=_("Tempat"), max_length=200)
    topic = forms.CharField(label=_("Materi"), max_length=200,
                            initial=_("Penggunaan peralatan dan pengelolaan usaha"))

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"] = forms.ModelMultipleChoiceField(
            label=_("Peserta"), queryset=candidates, widget=forms.CheckboxSelectMultiple)
