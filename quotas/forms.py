"""Forms only check the shape of the input; the rules are in quotas.services (ledger, decision)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.models import ProgrammeYear

from quotas.models import BudgetDocument, QuotaEntry
from regions.models import Kabupaten, Kecamatan
from regions.selectors import kabupaten_visible_to
from uep.forms import INT32_MAX, CountField, IdListField, RupiahField, plain_model_choices


class ProgrammeYearForm(forms.ModelForm):
    # A year is four digits, not a grouped number (2025, not 2.025).
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100,
                              widget=forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 4}))

    class Meta:
        model = ProgrammeYear
        fields = ["year", "value_per_recipient", "desil_max", "age_min", "age_max",
                  "training_required", "recipients_per_facilitator", "is_open"]
        # Typed the Indonesian way (Rp 5.000.000), in text boxes: never a browser message in English.
        field_classes = {"value_per_recipient": RupiahField, "desil_max": CountField, "age_min": CountField,
                         "age_max": CountField, "recipients_per_facilitator": CountField}

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["year"]
        self.fields["value_per_recipient"].min_value = 1

    def validate_unique(self):
        """The service says whether the year exists, in its own words."""


class BudgetDocumentForm(forms.ModelForm):
    class Meta:
        model = BudgetDocument
        fields = ["kind", "number", "date", "amount"]
        field_classes = {"amount": RupiahField}
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def validate_unique(self):
        """The service checks the number within the year."""


class _DocumentChoiceMixin:
    def _limit_documents(self, programme_year, user):
        self.fields["document"].queryset = BudgetDocument.objects.visible_to(user).filter(programme_year=programme_year)


class QuotaEntryForm(_DocumentChoiceMixin, forms.Form):
    kabupaten = forms.ModelChoiceField(label=_("Kabupaten/kota"), queryset=Kabupaten.objects.all())
    document = forms.ModelChoiceField(label=_("Dokumen anggaran"), queryset=BudgetDocument.objects.none())
    places = CountField(label=_("Jumlah tempat (negatif untuk mengurangi)"), min_value=-INT32_MAX)
    reason = forms.CharField(label=_("Alasan"), max_length=300)

    def __init__(self, *args, programme_year, user, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_documents(programme_year, user)
        self.fields["kabupaten"].queryset = kabupaten_visible_to(user)


class SpreadForm(_DocumentChoiceMixin, forms.Form):
    document = forms.ModelChoiceField(label=_("Dokumen anggaran"), queryset=BudgetDocument.objects.none())
    total = CountField(label=_("Jumlah tempat yang dibagi"), min_value=1)
    rule = forms.ChoiceField(label=_("Cara pembagian"), choices=[
        (QuotaEntry.Rule.EVEN, QuotaEntry.Rule.EVEN.label),
        (QuotaEntry.Rule.PROPORTIONAL, QuotaEntry.Rule.PROPORTIONAL.label),
    ])
    reason = forms.CharField(label=_("Alasan"), max_length=300)

    def __init__(self, *args, programme_year, user, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_documents(programme_year, user)


class BulkDecideForm(forms.Form):
    count = CountField(label=_("Jumlah teratas"), min_value=1)
    # The candidate the confirmation showed at rank ``count``: the ranking must still end there.
    last = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput)


DECISION_LISTS = [
    ("calon", _("Calon layak dan cadangan")),
    ("ditetapkan", _("Ditetapkan")),
    ("cadangan", _("Daftar cadangan")),
]


class DecisionFilterForm(forms.Form):
    """The list, search and filters of the decision page (GET); an invalid value is ignored."""

    daftar = forms.ChoiceField(label=_("Daftar"), choices=DECISION_LISTS, required=False)
    q = forms.CharField(label=_("Cari nama"), max_length=100, required=False)
    kecamatan = forms.ModelChoiceField(label=_("Kecamatan"), queryset=Kecamatan.objects.none(), required=False,
                                       empty_label=_("Semua kecamatan"))
    desil = forms.TypedChoiceField(label=_("Desil"), coerce=int, required=False, empty_value=None,
                                   choices=[("", _("Semua desil")), *((i, str(i)) for i in range(1, 11))])

    def __init__(self, *args, kabupaten, **kwargs):
        super().__init__(*args, **kwargs)
        plain_model_choices(self)
        self.fields["kecamatan"].queryset = Kecamatan.objects.filter(kabupaten=kabupaten).order_by("name")

    def filters(self) -> dict:
        """The valid values only: a forged one falls back to "all" instead of an error page."""
        self.is_valid()
        data = self.cleaned_data
        return {"which": data.get("daftar") or "calon", "search": (data.get("q") or "").strip(),
                "kecamatan": data.get("kecamatan"), "desil": data.get("desil")}


class DecideSelectedForm(forms.Form):
    candidate = IdListField(label=_("Calon"), required=False)


WITHDRAW_REASONS = [
    ("pindah", _("Pindah domisili")),
    ("meninggal", _("Meninggal dunia")),
    ("menolak", _("Menolak bantuan")),
    ("lainnya", _("Lainnya")),
]


class WithdrawForm(forms.Form):
    # No reason preselected: the user chooses one, or the form says so.
    kind = forms.ChoiceField(label=_("Alasan"), choices=[("", _("— pilih alasan —")), *WITHDRAW_REASONS],
                             error_messages={"required": _("Pilih alasan pembatalan.")})
    note = forms.CharField(label=_("Keterangan"), max_length=250, required=False)

    def clean(self):
        data = super().clean()
        if data.get("kind") == "lainnya" and not data.get("note", "").strip():
            self.add_error("note", _("Alasan pembatalan wajib diisi: tulis keterangannya untuk alasan 'Lainnya'."))
        return data

    def reason(self) -> str:
        """'Meninggal dunia: 3 Mei 2025', or only the note for 'Lainnya' (empty if none: the service refuses)."""
        kind, note = self.cleaned_data["kind"], self.cleaned_data["note"].strip()
        if kind == "lainnya":
            return note
        label = str(dict(WITHDRAW_REASONS)[kind])
        return f"{label}: {note}" if note else label


class DecreeForm(forms.Form):
    number = forms.CharField(label=_("Nomor SK"), max_length=100)
    date = forms.DateField(label=_("Tanggal SK"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
