import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from papers.models import Signatory
from papers.selectors import signatory_for
from papers.services import nip_clean, signatory_save


@pytest.mark.parametrize("typed, nip", [
    ("197001011990031001", "197001011990031001"),
    ("19700101 199003 1 001", "197001011990031001"),
    ("19851231.201001.2.015", "198512312010012015"),
])
def test_a_nip_typed_with_spaces_or_dots_is_kept_as_its_18_digits(typed, nip):
    assert nip_clean(typed) == nip


@pytest.mark.parametrize("typed, says", [
    ("19700101199003100", "18 angka (sekarang 17)"),
    ("1970010119900310011", "18 angka (sekarang 19)"),
    ("19700101199003100A", "18 angka"),
    ("197002301990031001", "tanggal lahir atau TMT yang tidak ada"),
    ("197001011990131001", "tanggal lahir atau TMT yang tidak ada"),
    ("197001011990033001", "jenis kelamin 1 atau 2"),
    ("197001011980031001", "TMT setelah usia 15 tahun"),
])
def test_a_nip_that_cannot_be_is_refused_with_the_reason(typed, says):
    with pytest.raises(ValidationError) as exc:
        nip_clean(typed)
    assert says in exc.value.messages[0]


def test_provincial_staff_set_one_signatory_per_area_and_year(users, programme_year, samarinda):
    signatory_save(programme_year=programme_year, kabupaten=samarinda, name="Drs. Lama", nip="197001011990031001",
                   position="Kepala Dinas Sosial Kota Samarinda", user=users["provincial"])
    signatory_save(programme_year=programme_year, kabupaten=samarinda, name="Dr. Baru, M.Si.",
                   nip="19800202 200501 2 003", position="Kepala Dinas Sosial Kota Samarinda",
                   rank="Pembina (IV/a)", user=users["provincial"])
    signatory_save(programme_year=programme_year, kabupaten=None, name="Kepala Provinsi", nip="197001011990031001",
                   position="Kepala Dinas Sosial Provinsi Kalimantan Timur", user=users["provincial"])

    assert Signatory.objects.count() == 2
    now = signatory_for(programme_year=programme_year, kabupaten=samarinda)
    assert (now.name, now.nip, now.rank) == ("Dr. Baru, M.Si.", "198002022005012003", "Pembina (IV/a)")
    assert signatory_for(programme_year=programme_year, kabupaten=None, province=samarinda.province).name \
        == "Kepala Provinsi"


def test_each_province_has_its_own_kepala_dinas_and_sees_no_other(users, kalsel_users, programme_year, samarinda,
                                                                   banjarmasin):
    from django.core.exceptions import PermissionDenied

    from papers.selectors import signatories_of_year

    kalsel_staff = kalsel_users["kalsel_provincial"]
    signatory_save(programme_year=programme_year, kabupaten=None, name="Kepala Kaltim", nip="197001011990031001",
                   position="Kepala Dinas Sosial Provinsi Kalimantan Timur", user=users["provincial"])
    signatory_save(programme_year=programme_year, kabupaten=None, name="Kepala Kalsel", nip="197001011990031001",
                   position="Kepala Dinas Sosial Provinsi Kalimantan Selatan", user=kalsel_staff)

    assert signatory_for(programme_year=programme_year, kabupaten=None, province=banjarmasin.province).name \
        == "Kepala Kalsel"
    rows = signatories_of_year(kalsel_staff, programme_year=programme_year)
    assert [(area and area.code, s and s.name) for area, s in rows] == [(None, "Kepala Kalsel"), ("63.01", None),
                                                                       ("63.71", None)]
    with pytest.raises(PermissionDenied):  # Kalsel's staff never sets Samarinda's
        signatory_save(programme_year=programme_year, kabupaten=samarinda, name="X", nip="197001011990031001",
                       position="Y", user=kalsel_staff)


def test_an_officer_may_not_set_a_signatory(users, programme_year, samarinda):
    with pytest.raises(PermissionDenied):
        signatory_save(programme_year=programme_year, kabupaten=samarinda, name="X", nip="197001011990031001",
                       position="Y", user=users["officer"])


def test_the_page_sets_a_signatory_and_says_what_is_wrong_with_a_nip(client, users, programme_year, samarinda):
    client.force_login(users["provincial"])
    url = f"/naskah/penandatangan/{programme_year.year}/{samarinda.code}/"
    body = client.post(url, {"name": "Dr. Baru", "nip": "1970", "position": "Kepala Dinas"}).content.decode()
    assert "NIP harus 18 angka (sekarang 4)." in body and 'value="Dr. Baru"' in body
    assert not Signatory.objects.exists()

    response = client.post(url, {"name": "Dr. Baru", "nip": "197001011990031001", "position": "Kepala Dinas"})

    assert response.status_code == 302
    listing = client.get(f"/naskah/penandatangan/{programme_year.year}/").content.decode()
    assert "Dr. Baru" in listing and "197001011990031001" in listing
    assert "Provinsi (penanda tangan SK)" in listing


def test_an_officer_sees_only_the_signatory_of_their_own_area(client, users, programme_year, samarinda, balikpapan):
    for area, name in ((samarinda, "Pejabat Samarinda"), (balikpapan, "Pejabat Balikpapan")):
        signatory_save(programme_year=programme_year, kabupaten=area, name=name, nip="197001011990031001",
                       position="Kepala Dinas", user=users["provincial"])
    client.force_login(users["officer"])
    body = client.get(f"/naskah/penandatangan/{programme_year.year}/").content.decode()
    assert "Pejabat Samarinda" in body and "Pejabat Balikpapan" not in body
    assert f"/naskah/penandatangan/{programme_year.year}/{samarinda.code}/" not in body
    assert client.get(f"/naskah/penandatangan/{programme_year.year}/provinsi/").status_code == 403
