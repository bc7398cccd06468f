from django import forms
from django.utils.translation import gettext_lazy as _

from disbursements.forms import DateInput
from disbursements.models import CheckAnswer, Handover, PackageType
from uep.uploads import PhotoField, ScanField


class PackageAssignForm(forms.Form):
    package = forms.ModelChoiceField(label=_("Paket"), queryset=PackageType.objects.none())
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)

    def __init__(self, *args, programme_year_id: int, province_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["package"].queryset = PackageType.objects.filter(programme_year_id=programme_year_id,
                                                                     province_id=province_id, is_active=True)


class HandoverDayForm(forms.Form):
    date = forms.DateField(label=_("Tanggal"), widget=DateInput)
    place = forms.CharField(label=_("Tempat"), max_length=200)
    notes = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class InviteFilterForm(forms.Form):
    """Which ready recipients of the day's area to invite: by kecamatan, package and bimtek done."""

    BIMTEK = [("", _("Semua")), ("sudah", _("Sudah bimtek")), ("belum", _("Belum bimtek"))]
    kecamatan = forms.ModelChoiceField(label=_("Kecamatan"), queryset=None, required=False, empty_label=_("Semua"))
    paket = forms.ModelChoiceField(label=_("Paket"), queryset=None, required=False, empty_label=_("Semua"))
    bimtek = forms.ChoiceField(label=_("Bimtek"), choices=BIMTEK, required=False)

    def __init__(self, *args, day, **kwargs):
        from regions.models import Kecamatan

        super().__init__(*args, **kwargs)
        self.fields["kecamatan"].queryset = Kecamatan.objects.filter(kabupaten_id=day.kabupaten_id).order_by("name")
        self.fields["paket"].queryset = PackageType.objects.filter(programme_year_id=day.programme_year_id,
                                                                   province=day.kabupaten.province_id, is_active=True)

    def filters(self) -> dict:
        """The keyword arguments of ``disbursements.selectors.invitable``."""
        data = self.cleaned_data
        return {"kecamatan_id": data["kecamatan"].id if data.get("kecamatan") else None,
                "package_id": data["paket"].id if data.get("paket") else None,
                "trained": {"sudah": True, "belum": False}.get(data.get("bimtek") or "")}


SCAN_KEPT = _("Pindaian BAST sudah tersimpan; pilih berkas hanya untuk menggantinya.")


class OutcomeForm(forms.Form):
    OUTCOMES = [(Handover.Outcome.RECEIVED, _("Diterima")), (Handover.Outcome.ABSENT, _("Tidak hadir")),
                (Handover.Outcome.REFUSED, _("Menolak")), (Handover.Outcome.REPLACED, _("Ganti dengan cadangan")),
                (Handover.Outcome.CANCELLED, _("Batalkan undangan (stok yang dicadangkan dilepas)"))]
    outcome = forms.ChoiceField(label=_("Hasil"), choices=OUTCOMES, widget=forms.RadioSelect)
    notes = forms.CharField(label=_("Catatan / alasan"), required=False, max_length=1000)
    bast_scan = ScanField(label=_("Pindaian BAST bertanda tangan (PDF/JPG/PNG/WebP)"), required=False)
    photo = PhotoField(label=_("Foto serah terima"), required=False)

    def __init__(self, *args, lines=(), scan_kept: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = list(lines)
        if scan_kept:
            self.fields["bast_scan"].help_text = SCAN_KEPT
        for line in self.lines:
            if line.item.has_serial_number:
                # Asked when the package is received (the service refuses "diterima" without them).
                self.fields[f"serial_{line.id}"] = forms.CharField(
                    label=_("Nomor seri %(item)s (%(n)s, dipisah koma)") % {"item": line.item.name, "n": line.quantity},
                    required=False, max_length=255, initial=line.serial_numbers)

    def serials(self) -> dict:
        return {line.id: self.cleaned_data.get(f"serial_{line.id}", "") for line in self.lines}


class ScansForm(forms.Form):
    pass


class DeliveryForm(forms.Form):
    received_on = forms.DateField(label=_("Tanggal diterima"), widget=DateInput)
    vendor_bast_number = forms.CharField(label=_("Nomor BAST penyedia"), max_length=100)
    notes = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, contract_lines=(), **kwargs):
        from uep.forms import CountField

        super().__init__(*args, **kwargs)
        self.contract_lines = list(contract_lines)
        for line in self.contract_lines:
            for part, label in (("stated", _("di BAST penyedia")), ("received", _("diterima")),
                                ("damaged", _("rusak"))):
                self.fields[f"{part}_{line.id}"] = CountField(
                    label=f"{line.item.name} ({line.item.unit}): {label}", required=False)

    def lines(self):
        from disbursements.services.procurement import DeliveryLineInput

        return [DeliveryLineInput(contract_line=line,
                                  quantity_stated=self.cleaned_data.get(f"stated_{line.id}") or 0,
                                  quantity_received=self.cleaned_data.get(f"received_{line.id}") or 0,
                                  quantity_damaged=self.cleaned_data.get(f"damaged_{line.id}") or 0)
                for line in self.contract_lines]


class CheckDrawForm(forms.Form):
    confidence = forms.TypedChoiceField(label=_("Tingkat kepercayaan"), coerce=int, initial=95,
                                        choices=[(90, "90%"), (95, "95%"), (99, "99%")])
    margin = forms.IntegerField(label=_("Batas kesalahan (%)"), min_value=1, max_value=50, initial=10)


class CheckAnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("Jawaban"), widget=forms.RadioSelect,
                               choices=[(v, label) for v, label in CheckAnswer.choices if v != CheckAnswer.PENDING])
    notes = forms.CharField(label=_("Catatan"), required=False, max_length=1000)

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problem_lines"] = forms.ModelMultipleChoiceField(
            label=_("Barang kurang / bermasalah"), required=False, widget=forms.CheckboxSelectMultiple,
            queryset=lines)


class ComplaintForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis pengaduan"), choices=[],
                             error_messages={"required": _("Pilih jenis pengaduan.")})
    description = forms.CharField(label=_("Uraian"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args, lines, **kwargs):
        from disbursements.models import Complaint

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("- pilih -")), *Complaint.Kind.choices]  # none chosen for the officer
        self.fields["handover_line"] = forms.ModelChoiceField(label=_("Barang"), required=False, queryset=lines)


class ComplaintResolveForm(forms.Form):
    resolution = forms.CharField(label=_("Penyelesaian"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    replacement_quantity = forms.IntegerField(label=_("Jumlah barang pengganti"), min_value=0, max_value=1000,
                                              initial=0, required=False)
    rejected = forms.BooleanField(label=_("Pengaduan ditolak (tidak terbukti)"), required=False)


class PackageForm(forms.Form):
    code = forms.CharField(label=_("Kode"), max_length=30)
    name = forms.CharField(label=_("Nama paket"), max_length=150)
    sector = forms.ChoiceField(label=_("Sektor"), choices=PackageType.Sector.choices)
    description = forms.CharField(label=_("Keterangan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()


class PackageLineForm(forms.Form):
    item = forms.ModelChoiceField(label=_("Barang"), queryset=None, required=False)
    quantity = forms.IntegerField(label=_("Jumlah"), min_value=1, max_value=100_000, required=False)
    unit_price = forms.IntegerField(label=_("Harga satuan (Rp), kosong: daftar harga"), min_value=1,
                                    max_value=10**12, required=False)

    def __init__(self, *args, **kwargs):
        from uep.forms import CountField, RupiahField

        from disbursements.models import Item

        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = Item.objects.all()
        self.fields["unit_price"] = RupiahField(label=_("Harga satuan (Rp), kosong: daftar harga"), required=False,
                                                min_value=1)
        self.fields["quantity"] = CountField(label=_("Jumlah"), required=False, min_value=1, max_value=100_000)

    def clean(self):
        data = super().clean()
        if data.get("item") and not data.get("quantity"):
            self.add_error("quantity", _("Isi jumlahnya."))
        return data


PackageLineFormSet = forms.formset_factory(PackageLineForm, extra=3, max_num=60)


class StockActForm(forms.Form):
    """A warehouse act: a return, damage found, a write-off; ``kabupaten`` only for users of every area."""

    reason = forms.CharField(label=_("Alasan"), max_length=255, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, areas=None, with_bast: bool = False, **kwargs):
        from disbursements.models import Item
        from uep.forms import CountField

        super().__init__(*args, **kwargs)
        fields = {}
        if areas is not None:
            fields["kabupaten"] = forms.ModelChoiceField(label=_("Kabupaten/Kota"), queryset=areas)
        fields["item"] = forms.ModelChoiceField(label=_("Barang"), queryset=Item.objects.all())
        fields["quantity"] = CountField(label=_("Jumlah"), min_value=1, max_value=1_000_000)
        if with_bast:
            fields["bast_number"] = forms.CharField(
                label=_("Nomor BAST penerima (jika barang kembali dari penerima tertentu)"), required=False,
                max_length=100)
        fields["reason"] = self.fields["reason"]
        self.fields = fields
