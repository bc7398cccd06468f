from regions.models import Kabupaten, Kecamatan, Kelurahan


def test_the_migration_loads_every_region_of_kaltim(regions):
    assert Kabupaten.objects.count() == 10
    assert Kecamatan.objects.count() == 105
    assert Kelurahan.objects.count() == 1035
    assert Kabupaten.objects.get(code="64.11").name == "Kabupaten Mahakam Ulu"
    # Mahakam Ulu has desa only; Bontang kelurahan only.
    assert not [k for k in Kelurahan.objects.filter(kecamatan__kabupaten__code="64.11") if not k.is_desa]
    assert not [k for k in Kelurahan.objects.filter(kecamatan__kabupaten__code="64.74") if k.is_desa]


def test_a_kabupaten_gives_the_four_digits_of_its_niks(samarinda):
    assert samarinda.digits == "6472"
    assert samarinda.short_name == "Samarinda"
