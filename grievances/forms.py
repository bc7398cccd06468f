from django import forms
from django.utils.translation import gettext_lazy as _

from grievances.models import Category, Channel, Status
from regions.models import Kabupaten
from regions.selectors import kabupaten_visible_to


class GrievanceForm(forms.Form):
    # No category chosen for the complainant: it decides who handles the complaint (a sensitive one goes to the
    # province), so a form sent unchanged must not route it.
    category = forms.ChoiceField(label=_("Tentang apa?"), choices=[("", _("- pilih -")), *Category.choices],
                                 error_messages={"required": _("Pilih tentang apa pengaduan Anda."),
                                                 "invalid_choice": _("Pilih tentang apa pengaduan Anda.")})
    kabupaten = forms.ModelChoiceField(label=_("Kabupaten/kota"), queryset=Kabupaten.objects.order_by("code"),
                                       empty_label=_("- pilih -"),
                                       error_messages={"required": _("Pilih kabupaten/kota."),
                                                       "invalid_choice": _("Pilih kabupaten/kota.")})
    description = forms.CharField(label=_("Ceritakan apa yang terjadi"), max_length=5000,
                                  widget=forms.Textarea(attrs={"rows": 5}),
                                  error_messages={"required": _("Ceritakan apa yang terjadi."),
                                                  "max_length": _("Paling banyak 5.000 huruf.")})
    complainant_name = forms.CharField(label=_("Nama (boleh dikosongkan)"), max_length=150, required=False)
    complainant_phone = forms.RegexField(label=_("No. HP (boleh dikosongkan)"), regex=r"^(\+62|0)\d{8,13}$",
                                         max_length=20, required=False,
                                         error_messages={"invalid": _("Tulis No. HP seperti 081234567890.")},
                                         widget=forms.TextInput(attrs={"inputmode": "tel"}))


class RecordedGrievanceForm(GrievanceForm):
    """An officer's record of a complaint made by phone, WhatsApp or in person."""

    channel = forms.ChoiceField(label=_("Saluran"), choices=[("", _("- pilih -")),
                                                            *(c for c in Channel.choices if c[0] != Channel.WEB)],
                                error_messages={"required": _("Pilih saluran pengaduan.")})

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # The areas of the user (its province's for provincial staff), never another province's.
        self.fields["kabupaten"].queryset = kabupaten_visible_to(user).order_by("code")
        if user.kabupaten_id and not user.sees_all_areas:
            self.fields["kabupaten"].initial = user.kabupaten_id


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Kode pelacakan"), max_length=20,
                           error_messages={"required": _("Isi kode pelacakan.")})


class GrievanceUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    resolution = forms.CharField(label=_("Penyelesaian"), required=False, max_length=5000, widget=forms.Textarea)


class DeadlinesForm(forms.Form):
    """The working days to resolve each category: one field per category."""

    def __init__(self, *args, current: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        from grievances.deadlines import MAX_RESOLVE_WORKING_DAYS

        message = _("Isi 1 sampai %(max)s hari kerja.") % {"max": MAX_RESOLVE_WORKING_DAYS}
        for value, label in Category.choices:
            self.fields[value] = forms.IntegerField(
                label=label, min_value=1, max_value=MAX_RESOLVE_WORKING_DAYS, initial=current[value],
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                error_messages={"required": message, "invalid": message, "min_value": message,
                                "max_value": message})


class HolidayForm(forms.Form):
    date = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}),
                           error_messages={"required": _("Isi tanggalnya."), "invalid": _("Tanggal tidak dikenal.")})
    name = forms.CharField(label=_("Nama hari libur"), max_length=120,
                           error_messages={"required": _("Tuliskan nama hari libur.")})
