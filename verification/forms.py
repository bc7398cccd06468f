from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.models import ProgrammeYear
from recipients.forms import CandidateFilterForm
from regions.models import Kabupaten
from regions.selectors import kabupaten_visible_to
from uep.formatting import angka
from uep.uploads import PhotoField
from verification.models import FieldVisit, Snapshot
from verification.services.snapshots import snapshot_file_refusal


class JobStartForm(forms.Form):
    programme_year = forms.ModelChoiceField(ProgrammeYear.objects.all(), label=_("Tahun program"))
    kabupaten = forms.ModelChoiceField(Kabupaten.objects.all(), label=_("Kabupaten/kota"), required=False,
                                       empty_label=_("Semua kabupaten/kota"))
    snapshot = forms.ModelChoiceField(
        Snapshot.objects.filter(status=Snapshot.Status.READY).order_by("-extract_date", "-id"),
        label=_("Snapshot DTKS"), empty_label=None)
    reverify = forms.BooleanField(label=_("Verifikasi ulang calon yang sudah punya hasil DTKS"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kabupaten"].queryset = kabupaten_visible_to(user)
        # The newest registry extract, chosen and named by its date in words: an older one is picked
        # on purpose, never by leaving a blank between two look-alike numeric dates.
        self.fields["snapshot"].initial = self.fields["snapshot"].queryset.first()
        self.fields["snapshot"].label_from_instance = lambda s: _("%(snapshot)s · %(rows)s baris") % {
            "snapshot": s, "rows": angka(s.loaded_count)}


class SnapshotUploadForm(forms.Form):
    extract_date = forms.DateField(label=_("Tanggal ekstrak"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    label = forms.CharField(label=_("Keterangan"), max_length=200, required=False)
    file = forms.FileField(label=_("Berkas (CSV, atau XLSX untuk data kecil)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        refusal = snapshot_file_refusal(name=upload.name, size=upload.size)
        if refusal:
            raise forms.ValidationError(refusal)
        return upload


class PriorImportForm(forms.Form):
    source = forms.CharField(label=_("Sumber data"), max_length=200)
    file = forms.FileField(label=_("Berkas (CSV atau XLSX: NIK, NO_KK, TAHUN, SKEMA)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(_("Berkas terlalu besar."))
        return upload


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(PhotoField):
    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleImageField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


class FieldVisitForm(forms.ModelForm):
    photos = MultipleImageField(
        label=_("Foto"), required=False,
        widget=MultipleFileInput(attrs={"accept": "image/*", "capture": "environment", "multiple": True}))

    class Meta:
        model = FieldVisit
        fields = ["visited_on", "business_exists", "matches_proposal", "household_condition", "verdict", "notes"]
        widgets = {
            "visited_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),  # what <input type=date> reads
            "household_condition": forms.RadioSelect,
            "verdict": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visited_on"].initial = timezone.localdate()
        # A radio group starts with nothing chosen: no "---------" button, none preselected, so the
        # officer answers each question (the field is required).
        for name in ("household_condition", "verdict"):
            self.fields[name].choices = [(v, label) for v, label in self.fields[name].choices if v != ""]


class FieldListFilterForm(CandidateFilterForm):
    """The candidate list's search and area filters, for the people waiting for a field visit (the
    year comes from the header, the status is the list's own)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("programme_year", "status", "desil", "upload"):
            del self.fields[name]
