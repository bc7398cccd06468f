from django import forms
from django.utils.translation import gettext_lazy as _

from privacy.models import Channel, Kind
from regions.models import Kabupaten
from regions.selectors import kabupaten_visible_to


class DataRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Permintaan"), choices=Kind.choices)
    nik = forms.CharField(label=_("NIK yang datanya diminta"), max_length=16, min_length=16,
                          widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
                          error_messages={"min_length": _("NIK 16 angka."), "max_length": _("NIK 16 angka.")})
    requester_name = forms.CharField(label=_("Nama pemohon"), max_length=150)
    channel = forms.ChoiceField(label=_("Saluran"), choices=Channel.choices)
    kabupaten = forms.ModelChoiceField(label=_("Kabupaten/kota"), queryset=Kabupaten.objects.order_by("code"),
                                       empty_label=_("- pilih -"))
    received_at = forms.DateTimeField(label=_("Diterima pada (kosong: sekarang)"), required=False,
                                      widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    details = forms.CharField(label=_("Isi permintaan (untuk pembetulan: data mana menjadi apa)"), max_length=3000,
                              required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # The areas of the user (its province's for provincial staff), never another province's.
        self.fields["kabupaten"].queryset = kabupaten_visible_to(user).order_by("code")
        if user.kabupaten_id and not user.sees_all_areas:
            self.fields["kabupaten"].initial = user.kabupaten_id


class CloseForm(forms.Form):
    outcome = forms.CharField(label=_("Yang dilakukan"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4}))
    restrict = forms.BooleanField(label=_("Batasi pemrosesan: hentikan semua pemberitahuan ke keluarga ini"),
                                  required=False)
