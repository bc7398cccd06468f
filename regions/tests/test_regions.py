from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from regions.models import Kabupaten, Kecamatan, Kelurahan, Province
from regions.selectors import province_kabupaten_ids
from regions.services import RegionsFileError, regions_load

KALSEL = Path(__file__).resolve().parent / "data" / "wilayah_kalsel_sample.csv"


def test_the_migration_loads_every_region_of_kaltim(regions):
    assert Kabupaten.objects.count() == 10
    assert Kecamatan.objects.count() == 105
    assert Kelurahan.objects.count() == 1035
    assert Kabupaten.objects.get(code="64.11").name == "Kabupaten Mahakam Ulu"
    # Mahakam Ulu has desa only; Bontang kelurahan only.
    assert not [k for k in Kelurahan.objects.filter(kecamatan__kabupaten__code="64.11") if not k.is_desa]
    assert not [k for k in Kelurahan.objects.filter(kecamatan__kabupaten__code="64.74") if k.is_desa]


def test_every_kabupaten_of_kaltim_belongs_to_province_64(regions):
    kaltim = Province.objects.get(code="64")
    assert kaltim.name == "Kalimantan Timur"
    assert set(Kabupaten.objects.values_list("province__code", flat=True)) == {"64"}


def test_a_kabupaten_gives_the_four_digits_of_its_niks(samarinda):
    assert samarinda.digits == "6472"
    assert samarinda.short_name == "Samarinda"


def test_the_command_loads_another_province_beside_kaltim(regions):
    call_command("load_regions", KALSEL, stdout=open("/dev/null", "w"))
    kalsel = Province.objects.get(code="63")
    assert kalsel.name == "Kalimantan Selatan"
    assert sorted(kalsel.kabupaten_set.values_list("code", flat=True)) == ["63.01", "63.71"]
    assert Kelurahan.objects.filter(kecamatan__kabupaten__province=kalsel).count() == 7
    assert Kabupaten.objects.filter(province__code="64").count() == 10  # Kaltim untouched
    call_command("load_regions", KALSEL, stdout=open("/dev/null", "w"))  # idempotent
    assert Kabupaten.objects.count() == 12


def test_the_command_sets_where_the_province_signs_and_a_reload_keeps_it(regions):
    call_command("load_regions", KALSEL, "--paper-place", "Banjarbaru", stdout=open("/dev/null", "w"))
    call_command("load_regions", KALSEL, stdout=open("/dev/null", "w"))
    assert Province.objects.get(code="63").paper_place == "Banjarbaru"
    assert Province.objects.get(code="64").paper_place == ""  # Kaltim: PAPER_PLACE


def test_the_province_areas_are_cached_and_forgotten_when_regions_load(regions):
    kaltim = Province.objects.get(code="64")
    assert set(province_kabupaten_ids(kaltim.id)) == {k.id for k in regions.values()}
    regions_load(path=KALSEL)
    kalsel = Province.objects.get(code="63")
    assert set(province_kabupaten_ids(kalsel.id)) == set(kalsel.kabupaten_set.values_list("id", flat=True))
    assert not set(province_kabupaten_ids(kalsel.id)) & set(province_kabupaten_ids(kaltim.id))


def test_it_refuses_a_file_whose_kecamatan_has_no_kabupaten_and_names_the_line(regions, tmp_path):
    bad = tmp_path / "wilayah.csv"
    bad.write_text("kode,nama,tingkat\n63,Kalimantan Selatan,provinsi\n63.02.01,Kandangan,kecamatan\n", encoding="utf-8")
    with pytest.raises(RegionsFileError, match="Baris 3: 63.02.01 Kandangan, induknya 63.02"):
        regions_load(path=bad)
    with pytest.raises(CommandError, match="Baris 3"):
        call_command("load_regions", bad)
    assert not Province.objects.filter(code="63").exists()
