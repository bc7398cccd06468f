"""Forms of purchasing: items, the price list, vendors, contracts with their lines and areas' allocations."""

from django import forms
from django.utils.translation import gettext_lazy as _

from disbursements.forms import DateInput
from disbursements.models import Item, Vendor
from uep.forms import CountField, RupiahField


class ItemForm(forms.Form):
    code = forms.CharField(label=_("Kode barang"), max_length=40, help_text=_("Dipakai di paket dan berkas impor."))
    name = forms.CharField(label=_("Nama barang"), max_length=150)
    specification = forms.CharField(label=_("Spesifikasi"), max_length=255, required=False)
    unit = forms.CharField(label=_("Satuan"), max_length=30)
    kind = forms.ChoiceField(label=_("Jenis"), choices=Item.Kind.choices)
    has_serial_number = forms.BooleanField(label=_("Bernomor seri (ditulis di BAST)"), required=False)


class ItemPriceForm(forms.Form):
    item = forms.ModelChoiceField(label=_("Barang"), queryset=Item.objects.all())
    unit_price = RupiahField(label=_("Harga satuan"), min_value=1)
    source = forms.CharField(label=_("Sumber harga"), max_length=200, required=False,
                             help_text=_("Misalnya SSH Provinsi 2025, e-katalog, survei pasar."))


class VendorForm(forms.Form):
    name = forms.CharField(label=_("Nama penyedia"), max_length=200)
    npwp = forms.CharField(label=_("NPWP"), max_length=30, required=False)
    address = forms.CharField(label=_("Alamat"), max_length=255, required=False)
    phone = forms.CharField(label=_("Telepon"), max_length=30, required=False)
    contact_person = forms.CharField(label=_("Narahubung"), max_length=150, required=False)


class ContractForm(forms.Form):
    vendor = forms.ModelChoiceField(label=_("Penyedia"), queryset=Vendor.objects.none())
    number = forms.CharField(label=_("Nomor kontrak"), max_length=100)
    signed_on = forms.DateField(label=_("Tanggal kontrak"), widget=DateInput)
    notes = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vendor"].queryset = Vendor.objects.visible_to(user)  # the province's own vendors


class ContractLineForm(forms.Form):
    """One item of the contract and how many of it go to each kabupaten/kota (``alloc_<id>``)."""

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = list(areas)
        self.fields["item"] = forms.ModelChoiceField(label=_("Barang"), queryset=Item.objects.all(), required=False)
        self.fields["quantity"] = CountField(label=_("Jumlah"), required=False, min_value=1, max_value=10_000_000)
        self.fields["unit_price"] = RupiahField(label=_("Harga satuan"), required=False, min_value=1)
        for area in self.areas:
            self.fields[f"alloc_{area.id}"] = CountField(label=area.name, required=False, max_value=10_000_000)

    def allocation_fields(self):
        return [self[f"alloc_{area.id}"] for area in self.areas]

    def clean(self):
        data = super().clean()
        if data.get("item"):
            for name in ("quantity", "unit_price"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Wajib diisi."))
        return data

    def line(self):
        from disbursements.services.procurement import ContractLineInput

        data = self.cleaned_data
        return ContractLineInput(item=data["item"], quantity=data["quantity"], unit_price=data["unit_price"],
                                 allocations={area.id: data.get(f"alloc_{area.id}") or 0 for area in self.areas})


class BaseContractLineFormSet(forms.BaseFormSet):
    def __init__(self, *args, areas=(), **kwargs):
        self.areas = list(areas)
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "areas": self.areas}

    @property
    def empty_form(self):
        form = self.form(auto_id=self.auto_id, prefix=self.add_prefix("__prefix__"), empty_permitted=True,
                         use_required_attribute=False, areas=self.areas, renderer=self.renderer)
        self.add_fields(form, None)
        return form

    def lines(self):
        return [form.line() for form in self.forms if form.cleaned_data.get("item")]


ContractLineFormSet = forms.formset_factory(ContractLineForm, formset=BaseContractLineFormSet, extra=3, max_num=200)
