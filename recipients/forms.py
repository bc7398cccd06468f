from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from programmes.models import ProgrammeYear
from recipients.models import CandidateStatus
from recipients.selectors import uploads_visible_to
from regions.selectors import kabupaten_visible_to, kecamatan_visible_to
from uep.forms import plain_model_choices


class UploadForm(forms.Form):
    kabupaten = forms.ModelChoiceField(label=_("Kabupaten/kota"), queryset=None)
    programme_year = forms.ModelChoiceField(label=_("Tahun program"), queryset=None, error_messages={
        "invalid_choice": _("Tahun itu tidak menerima usulan lagi; pilih tahun yang masih terbuka."),
        "required": _("Pilih tahun program.")})
    file = forms.FileField(label=_("Berkas daftar calon (XLSX atau CSV)"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["kabupaten"].queryset = kabupaten_visible_to(user)
        if not user.is_provincial:
            # An officer uploads for their own area only; the field is shown, fixed.
            self.fields["kabupaten"].initial = user.kabupaten
            self.fields["kabupaten"].disabled = True
        years = ProgrammeYear.objects.filter(is_open=True)
        self.fields["programme_year"].queryset = years
        self.fields["programme_year"].initial = years.first()

    def clean_kabupaten(self):
        kabupaten = self.cleaned_data["kabupaten"]
        if not self.user.can_work_in(kabupaten.id):
            raise forms.ValidationError(_("Anda hanya boleh mengunggah untuk wilayah Anda sendiri."))
        return kabupaten

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(_("Berkas terlalu besar (%(size)s MB); batasnya %(max)s MB.") % {
                "size": round(file.size / 1048576, 1), "max": settings.UPLOAD_MAX_BYTES // 1048576})
        if file.size == 0:
            raise forms.ValidationError(_("Berkas kosong."))
        return file


class CandidateFilterForm(forms.Form):
    # A year is always chosen (the header's unless another is picked): the list never shows every year.
    programme_year = forms.ModelChoiceField(label=_("Tahun"), queryset=None, required=False, empty_label=None)
    kabupaten = forms.ModelChoiceField(label=_("Kabupaten/kota"), queryset=None, required=False,
                                       empty_label=_("Semua"))
    kecamatan = forms.ModelChoiceField(label=_("Kecamatan"), queryset=None, required=False, empty_label=_("Semua"))
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("Semua"))] + CandidateStatus.choices, required=False)
    desil = forms.TypedChoiceField(label=_("Desil"), choices=[("", _("Semua"))] + [(i, i) for i in range(1, 11)],
                                   coerce=int, empty_value=None, required=False)
    upload = forms.ModelChoiceField(label=_("Unggahan"), queryset=None, required=False, empty_label=_("Semua"))
    q = forms.CharField(label=_("Cari nama atau NIK"), max_length=150, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        plain_model_choices(self)
        self.fields["programme_year"].queryset = ProgrammeYear.objects.all()
        self.fields["kabupaten"].queryset = kabupaten_visible_to(user)
        if not user.sees_all_areas:
            del self.fields["kabupaten"]
        self.fields["kecamatan"].queryset = kecamatan_visible_to(user).select_related("kabupaten")
        self.fields["upload"].queryset = uploads_visible_to(user).filter(status="confirmed")
        self.fields["upload"].label_from_instance = lambda u: f"#{u.id} {u.original_name}"
