import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from regions.models import Province
from uep.tests.authz import (EVERY_USER, PROVINCIAL_ONLY, SAMARINDA_OBJECT, WRITERS_OF_SAMARINDA, Access,
                             statuses)

RECIPIENT = "Budi Penerima Samarinda"
# Kaltim's packages, vendors and contracts: another province's staff do not find them.
KALTIM_PROVINCIAL_ONLY = statuses(403, provincial=200, admin=200, kalsel_provincial=404)


def world_extras(world):
    """A Samarinda recipient whose package was handed over (no bimtek required that year)."""
    from disbursements.models import PackageType
    from disbursements.services.handover import handover_record
    from recipients.models import Candidate, Person
    from recipients.nik import make_nik

    template = world["candidate"]
    born = dt.date(1980, 1, 15)
    person = Person.objects.create(nik=make_nik(kecamatan_code=template.kecamatan.code, birth_date=born, sex="L",
                                                serial=9001), name=RECIPIENT, sex="L", birth_date=born)
    recipient = Candidate.objects.create(
        person=person, name=RECIPIENT, sex="L", birth_date=born, programme_year=template.programme_year,
        kabupaten=template.kabupaten,
        kecamatan=template.kecamatan, kelurahan=template.kelurahan, address="Jl. Pahlawan RT 03", no_kk=template.no_kk,
        desil_proposed=1, business_type="Jahit", business_status="BERJALAN", status="decided",
        created_by=world["users"]["officer"])
    template.programme_year.training_required = False
    template.programme_year.save()
    package = PackageType.objects.create(programme_year=template.programme_year, province=Province.objects.get(code="64"), code="PG-JAHIT", name="Paket jahit",
                                         sector="craft", is_active=True)
    handover_record(candidate=recipient, package_type=package, date=dt.date(2025, 6, 2), bast_number="BAST/UJI/1",
                    bast_scan=SimpleUploadedFile("bast.pdf", b"%PDF-1.4"), user=world["users"]["officer"])
    from disbursements.services.handover import handover_day_create
    day = handover_day_create(programme_year=template.programme_year, kabupaten=template.kabupaten,
                              date=dt.date(2025, 6, 2), place="Aula Rahasia Samarinda", user=world["users"]["officer"])
    from disbursements.models import Contract, ContractAllocation, ContractLine, Item, Vendor
    from disbursements.services.checks import delivery_check_draw
    from disbursements.services.complaints import complaint_open

    item = Item.objects.create(code="UJI-MESIN", name="Mesin jahit uji", unit="unit")
    contract = Contract.objects.create(programme_year=template.programme_year, province=Province.objects.get(code="64"), number="KONTRAK/UJI/1",
                                       signed_on=dt.date(2025, 3, 1), vendor=Vendor.objects.create(province=Province.objects.get(code="64"), name="CV Uji"))
    line = ContractLine.objects.create(contract=contract, item=item, quantity=5, unit_price=2_000_000)
    ContractAllocation.objects.create(line=line, kabupaten=template.kabupaten, quantity=5)
    from disbursements.services.procurement import DeliveryLineInput, delivery_record

    delivery = delivery_record(contract=contract, kabupaten=template.kabupaten, received_on=dt.date(2025, 4, 1),
                               vendor_bast_number="BAST/UJI/RUSAK", user=world["users"]["officer"],
                               lines=[DeliveryLineInput(line, 2, 2, 1)])
    check = delivery_check_draw(programme_year=template.programme_year, user=world["users"]["provincial"], seed=1)
    complaint = complaint_open(candidate=recipient, kind="selection", description="Keluhan Rahasia Samarinda",
                               user=world["users"]["officer"])
    recipient.handover.verification_code = "K7QX9M2A"
    recipient.handover.save(update_fields=["verification_code"])
    return {"recipient": recipient, "package": package, "day": day,
            "handover": recipient.handover, "contract": contract, "check": check, "entry": check.entries.get(),
            "complaint": complaint, "delivery": delivery, "item": item}


# A POST that acts on a Samarinda object: its writers are sent back to the page; a viewer and
# Balikpapan's officer never reach it.
POSTED_TO_SAMARINDA = statuses(404, officer=302, provincial=302, admin=302)


MATRIX = {
    "disbursements:recipient_list": Access(EVERY_USER, must_not_leak=lambda w: [RECIPIENT]),
    # Balikpapan's officer gets the form for Balikpapan, never Samarinda's people.
    "disbursements:training_create": Access(statuses(200, viewer=403), must_not_leak=lambda w: [RECIPIENT]),
    "disbursements:training_invite": Access(statuses(200, viewer=403)),
    "disbursements:handover_create": Access(WRITERS_OF_SAMARINDA, kwargs=lambda w: {"candidate_id": w["recipient"].id}),
    "disbursements:catalogue": Access(EVERY_USER, province_secrets=lambda w: ["Paket jahit"]),
    "disbursements:package_toggle": Access(statuses(403, provincial=302, admin=302, kalsel_provincial=404), method="post",
                                           kwargs=lambda w: {"package_id": w["package"].id}),
    "disbursements:package_create": Access(PROVINCIAL_ONLY),
    "disbursements:package_edit": Access(KALTIM_PROVINCIAL_ONLY, kwargs=lambda w: {"package_id": w["package"].id}),
    "disbursements:package_assign": Access(statuses(403, provincial=200, admin=200, kalsel_provincial=404), kwargs=lambda w: {"candidate_id": w["recipient"].id}),
    "disbursements:needs_list": Access(EVERY_USER, must_not_leak=lambda w: ["Kota Samarinda"]),
    "disbursements:reconciliation": Access(EVERY_USER, must_not_leak=lambda w: ["Kota Samarinda"]),
    "disbursements:stock": Access(EVERY_USER, must_not_leak=lambda w: ["Kota Samarinda"]),
    "disbursements:stock_moves": Access(EVERY_USER, must_not_leak=lambda w: ["Kota Samarinda", "BAST/UJI/RUSAK"]),
    # Each writer gets the form for their own area; a write-off is refused to officers by its service.
    "disbursements:stock_act": Access(statuses(200, viewer=403), kwargs=lambda w: {"act": "rusak"}),
    "disbursements:delivery_replace": Access(WRITERS_OF_SAMARINDA, kwargs=lambda w: {"delivery_id": w["delivery"].id}),
    "disbursements:day_list": Access(EVERY_USER, must_not_leak=lambda w: ["Aula Rahasia Samarinda"]),
    "disbursements:day_detail": Access(SAMARINDA_OBJECT, kwargs=lambda w: {"day_id": w["day"].id}),
    "disbursements:day_invite": Access(POSTED_TO_SAMARINDA, method="post", kwargs=lambda w: {"day_id": w["day"].id}),
    "disbursements:day_scans": Access(POSTED_TO_SAMARINDA, method="post", kwargs=lambda w: {"day_id": w["day"].id}),
    "disbursements:handover_outcome": Access(statuses(404, officer=200, provincial=200, admin=200),
                                             kwargs=lambda w: {"handover_id": w["handover"].id}),
    "disbursements:print_create": Access(statuses(302, viewer=403, other_officer=404), method="post",
                                         kwargs=lambda w: {"kind": "bast", "target_id": w["day"].id}),
    "disbursements:bast_check_form": Access(EVERY_USER),
    "disbursements:bast_check": Access(statuses(200, other_officer=404),
                                       kwargs=lambda w: {"code": w["handover"].verification_code}),
    "disbursements:contracts": Access(EVERY_USER, province_secrets=lambda w: ["KONTRAK/UJI/1"]),
    "disbursements:contract_create": Access(PROVINCIAL_ONLY),
    "disbursements:contract_edit": Access(KALTIM_PROVINCIAL_ONLY, kwargs=lambda w: {"contract_id": w["contract"].id}),
    "disbursements:items": Access(EVERY_USER),
    "disbursements:item_create": Access(PROVINCIAL_ONLY),
    "disbursements:item_edit": Access(PROVINCIAL_ONLY, kwargs=lambda w: {"item_id": w["item"].id}),
    "disbursements:prices": Access(EVERY_USER),
    "disbursements:vendors": Access(EVERY_USER, province_secrets=lambda w: ["CV Uji"]),
    "disbursements:vendor_create": Access(PROVINCIAL_ONLY),
    "disbursements:vendor_edit": Access(KALTIM_PROVINCIAL_ONLY, kwargs=lambda w: {"vendor_id": w["contract"].vendor_id}),
    "disbursements:deliveries": Access(EVERY_USER, must_not_leak=lambda w: ["Kota Samarinda"]),
    # Balikpapan's officer gets the form for Balikpapan (no Samarinda allocation), a viewer never.
    # Kaltim's contract: another province's officer does not find it.
    "disbursements:delivery_create": Access(statuses(200, viewer=403, kalsel_officer=404, kalsel_provincial=404),
                                            kwargs=lambda w: {"contract_id": w["contract"].id}),
    "disbursements:checks": Access(EVERY_USER),
    "disbursements:check_detail": Access(EVERY_USER, kwargs=lambda w: {"check_id": w["check"].id},
                                         must_not_leak=lambda w: [RECIPIENT]),
    "disbursements:check_entry": Access(statuses(404, officer=200, provincial=200, admin=200),
                                        kwargs=lambda w: {"entry_id": w["entry"].id}),
    "disbursements:complaint_create": Access(statuses(404, officer=200, provincial=200, admin=200),
                                             kwargs=lambda w: {"candidate_id": w["recipient"].id}),
    "disbursements:complaint_resolve": Access(statuses(404, officer=200, provincial=200, admin=200),
                                              kwargs=lambda w: {"complaint_id": w["complaint"].id}),
}
