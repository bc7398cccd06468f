import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from disbursements.models import ItemPrice, PackageType
from disbursements.services.catalogue import LineInput, package_activate, package_copy_to_year, package_lines_set
from programmes.models import ProgrammeYear
from regions.models import Province


@pytest.fixture
def draft(programme_year):
    return PackageType.objects.create(programme_year=programme_year, province=Province.objects.get(code="64"), code="PG-JAHIT", name="Paket jahit",
                                      sector="craft")


def test_it_refuses_to_activate_a_package_over_the_cap(users, items, draft):
    # The sketch accepted a Rp 7.500.000 package against the Rp 5.000.000 rule.
    package_lines_set(package=draft, lines=[LineInput(items["kompor"], 15, 500_000)], user=users["provincial"])

    with pytest.raises(ValidationError) as refused:
        package_activate(package=draft, user=users["provincial"])

    message = refused.value.messages[0]
    assert "Rp 7.500.000" in message and "Rp 5.000.000" in message and "Rp 2.500.000" in message
    draft.refresh_from_db()
    assert not draft.is_active and draft.value == 7_500_000


def test_a_package_within_the_cap_is_activated_with_its_value_the_sum_of_its_items(users, items, draft):
    package_lines_set(package=draft, lines=[LineInput(items["tepung"], 4, 250_000),
                                            LineInput(items["kompor"], 8, 500_000)], user=users["provincial"])

    package_activate(package=draft, user=users["provincial"])

    draft.refresh_from_db()
    assert draft.is_active and draft.value == 5_000_000


def test_an_active_package_cannot_be_changed_to_exceed_the_cap(users, items, stocked_package):
    with pytest.raises(ValidationError, match="melebihi batas"):
        package_lines_set(package=stocked_package, lines=[LineInput(items["kompor"], 11, 500_000)],
                          user=users["provincial"])
    assert stocked_package.lines.count() == 2


def test_an_item_without_a_price_takes_the_price_list_or_is_refused(users, items, draft, programme_year):
    with pytest.raises(ValidationError, match="daftar harga"):
        package_lines_set(package=draft, lines=[LineInput(items["tepung"], 1)], user=users["provincial"])

    ItemPrice.objects.create(programme_year=programme_year, province=Province.objects.get(code="64"), item=items["tepung"], unit_price=260_000)
    package_lines_set(package=draft, lines=[LineInput(items["tepung"], 2)], user=users["provincial"])
    assert draft.lines.get().unit_price == 260_000


def test_an_officer_cannot_change_the_catalogue(users, items, draft):
    with pytest.raises(PermissionDenied):
        package_lines_set(package=draft, lines=[LineInput(items["tepung"], 1, 1)], user=users["officer"])


def test_next_years_version_starts_inactive_and_keeps_the_code(users, stocked_package):
    year_2026 = ProgrammeYear.objects.create(year=2026, value_per_recipient=4_000_000)

    copy = package_copy_to_year(package=stocked_package, programme_year=year_2026, user=users["provincial"])

    assert (copy.code, copy.is_active, copy.lines.count()) == ("PG-GORENGAN", False, 2)
    assert PackageType.objects.filter(code="PG-GORENGAN").count() == 2


def test_provincial_staff_build_a_package_in_the_app_and_the_cap_refusal_shows_the_figures(client, users, items,
                                                                                          programme_year):
    client.force_login(users["provincial"])
    form = {"code": "pg-jahit", "name": "Paket jahit", "sector": "craft", "description": "",
            "isi-TOTAL_FORMS": "2", "isi-INITIAL_FORMS": "0", "isi-MIN_NUM_FORMS": "0", "isi-MAX_NUM_FORMS": "60",
            "isi-0-item": items["kompor"].id, "isi-0-quantity": "2", "isi-0-unit_price": "Rp 500.000",
            "isi-1-item": "", "isi-1-quantity": "", "isi-1-unit_price": ""}

    response = client.post("/penyaluran/paket/baru/", form)

    assert response.status_code == 302
    package = PackageType.objects.get(code="PG-JAHIT")
    assert package.value == 1_000_000
    client.post(f"/penyaluran/paket/{package.id}/aktif/")
    form["isi-0-quantity"] = "11"
    refused = client.post(f"/penyaluran/paket/{package.id}/", form).content.decode()
    assert "Rp 5.500.000" in refused and "Rp 5.000.000" in refused
    client.force_login(users["officer"])
    assert client.get("/penyaluran/paket/baru/").status_code == 403


def test_the_message_after_saving_names_the_packages_value(client, users, items, programme_year):
    # It said "nilainya Rp 0" for a Rp 7.500.000 package: the view showed the package before its lines.
    client.force_login(users["provincial"])
    form = {"code": "PG-MAHAL", "name": "Paket mahal", "sector": "food", "description": "",
            "isi-TOTAL_FORMS": "1", "isi-INITIAL_FORMS": "0", "isi-MIN_NUM_FORMS": "0", "isi-MAX_NUM_FORMS": "60",
            "isi-0-item": items["kompor"].id, "isi-0-quantity": "15", "isi-0-unit_price": "500.000"}

    page = client.post("/penyaluran/paket/baru/", form, follow=True).content.decode()

    assert "Paket PG-MAHAL disimpan, nilainya Rp 7.500.000." in page


def _admin_lines(package, lines):
    data = {"programme_year": package.programme_year_id, "code": package.code, "name": package.name,
            "sector": package.sector, "description": "", "lines-TOTAL_FORMS": str(len(lines)),
            "lines-INITIAL_FORMS": str(sum(1 for line in lines if line.get("id"))), "lines-MIN_NUM_FORMS": "0",
            "lines-MAX_NUM_FORMS": "1000"}
    for n, line in enumerate(lines):
        data.update({f"lines-{n}-{key}": value for key, value in line.items()})
        data[f"lines-{n}-package"] = package.id
    return data


def test_the_admins_item_lines_cannot_take_an_active_package_over_the_cap(client, users, items, stocked_package):
    client.force_login(users["admin"])
    kompor = stocked_package.lines.get(item=items["kompor"])
    tepung = stocked_package.lines.get(item=items["tepung"])
    url = f"/admin/disbursements/packagetype/{stocked_package.id}/change/"

    refused = client.post(url, _admin_lines(stocked_package, [
        {"id": kompor.id, "item": items["kompor"].id, "quantity": 11, "unit_price": 500_000},
        {"id": tepung.id, "item": items["tepung"].id, "quantity": 2, "unit_price": 250_000}]))

    assert refused.status_code == 200
    assert "melebihi batas" in refused.content.decode() and "Rp 6.000.000" in refused.content.decode()
    kompor.refresh_from_db()
    stocked_package.refresh_from_db()
    assert (kompor.quantity, stocked_package.value, stocked_package.is_active) == (1, 1_000_000, True)

    saved = client.post(url, _admin_lines(stocked_package, [
        {"id": kompor.id, "item": items["kompor"].id, "quantity": 4, "unit_price": 500_000},
        {"id": tepung.id, "item": items["tepung"].id, "quantity": 2, "unit_price": 250_000}]))

    assert saved.status_code == 302
    stocked_package.refresh_from_db()
    assert stocked_package.value == 2_500_000
    assert client.get(f"/admin/disbursements/packageitem/{kompor.id}/change/").status_code in (302, 403)
    assert client.post(f"/admin/disbursements/packageitem/{kompor.id}/change/",
                       {"package": stocked_package.id, "item": items["kompor"].id, "quantity": 50,
                        "unit_price": 500_000}).status_code == 403


def test_a_province_keeps_its_packages_prices_and_vendors_to_itself(users, kalsel_users, programme_year, items,
                                                                    stocked_package):
    from disbursements.models import Vendor
    from disbursements.services.catalogue import item_price_set, package_save
    from disbursements.services.procurement import vendor_save

    kalsel_staff = kalsel_users["kalsel_provincial"]
    own = package_save(package=None, programme_year=programme_year, code="PG-GORENGAN", name="Gorengan Kalsel",
                       sector="food", user=kalsel_staff)  # the same code as Kaltim's, in its own province
    item_price_set(programme_year=programme_year, item=items["tepung"], unit_price=300_000, user=kalsel_staff)
    vendor_save(vendor=None, name="CV Banjar", user=kalsel_staff)

    assert list(PackageType.objects.visible_to(kalsel_users["kalsel_officer"])) == [own]
    assert stocked_package not in PackageType.objects.visible_to(kalsel_staff)
    assert own not in PackageType.objects.visible_to(users["viewer"])
    assert not ItemPrice.objects.visible_to(users["provincial"]).filter(unit_price=300_000).exists()
    assert not Vendor.objects.visible_to(users["provincial"]).filter(name="CV Banjar").exists()
    with pytest.raises(PermissionDenied):  # Kaltim's package is not Kalsel's to change
        package_activate(package=stocked_package, user=kalsel_staff)
