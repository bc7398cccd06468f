from django import forms
from django.utils.translation import gettext_lazy as _


class SignatoryForm(forms.Form):
    name = forms.CharField(label=_("Nama lengkap dengan gelar"), max_length=150)
    nip = forms.CharField(label=_("NIP (18 angka)"), max_length=40,
                          widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    position = forms.CharField(label=_("Jabatan"), max_length=200,
                               help_text=_("Seperti tercetak di bawah tanda tangan, mis. Kepala Dinas Sosial "
                                           "Kabupaten Paser."))
    rank = forms.CharField(label=_("Pangkat/golongan"), max_length=100, required=False,
                           help_text=_("Boleh kosong, mis. Pembina Utama Muda (IV/c)."))
