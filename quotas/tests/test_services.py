import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from quotas import selectors
from quotas.models import QuotaEntry
from quotas.services import decision, ledger
from recipients.models import Candidate, CandidateEvent, CandidateStatus as S
from regions.models import Kabupaten

pytestmark = pytest.mark.django_db


def codes(shares):
    return {k.code: n for k, n in shares.items()}


# --- the ledger -------------------------------------------------------------------------------

def test_a_quota_is_the_sum_of_its_ledger_entries(programme_year, plan, revision, samarinda, balikpapan, users):
    p = users["provincial"]
    ledger.quota_entry_add(programme_year=programme_year, kabupaten=samarinda, document=plan, places=150,
                             reason="Kuota APBD murni", user=p)
    ledger.quota_entry_add(programme_year=programme_year, kabupaten=samarinda, document=revision, places=18,
                             reason="Tambahan APBD Perubahan", user=p)
    ledger.quota_entry_add(programme_year=programme_year, kabupaten=samarinda, document=revision, places=-3,
                             reason="Koreksi", user=p)
    ledger.quota_entry_add(programme_year=programme_year, kabupaten=balikpapan, document=plan, places=150,
                             reason="Kuota APBD murni", user=p)

    assert selectors.quota_of(programme_year=programme_year, kabupaten=samarinda) == 165
    assert selectors.quota_of(programme_year=programme_year, kabupaten=balikpapan) == 150
    assert selectors.places_total(programme_year=programme_year, province=None) == 315


def test_a_quota_entry_needs_a_reason_and_a_document_of_the_same_year(programme_year, plan, samarinda, users):
    from programmes.models import ProgrammeYear

    with pytest.raises(ValidationError, match="Alasan wajib diisi"):
        ledger.quota_entry_add(programme_year=programme_year, kabupaten=samarinda, document=plan, places=10,
                                 reason="  ", user=users["provincial"])
    other_year = ProgrammeYear.objects.create(year=2026)
    with pytest.raises(ValidationError, match="harus dari tahun 2026"):
        ledger.quota_entry_add(programme_year=other_year, kabupaten=samarinda, document=plan, places=10,
                                 reason="Salah tahun", user=users["provincial"])
    assert not QuotaEntry.objects.exists()


@pytest.mark.parametrize("role", ["officer", "viewer", "other_officer"])
def test_only_provincial_staff_write_the_ledger(programme_year, plan, samarinda, users, role):
    with pytest.raises(PermissionDenied):
        ledger.quota_entry_add(programme_year=programme_year, kabupaten=samarinda, document=plan, places=10,
                                 reason="Coba", user=users[role])


# --- spreading --------------------------------------------------------------------------------

def test_an_even_spread_of_180_gives_each_of_the_ten_18(regions):
    shares = ledger.spread_even(total=180, kabupaten_list=Kabupaten.objects.all())
    assert len(shares) == 10
    assert set(shares.values()) == {18}


def test_an_even_spread_of_1000_gives_each_100(regions):
    shares = ledger.spread_even(total=1000, kabupaten_list=Kabupaten.objects.all())
    assert set(shares.values()) == {100}
    assert sum(shares.values()) == 1000


def test_an_even_spread_of_7_over_10_gives_the_spare_places_to_the_lowest_codes(regions):
    shares = codes(ledger.spread_even(total=7, kabupaten_list=Kabupaten.objects.all()))
    assert shares == {"64.01": 1, "64.02": 1, "64.03": 1, "64.07": 1, "64.08": 1, "64.09": 1, "64.11": 1,
                      "64.71": 0, "64.72": 0, "64.74": 0}
    # Same input, same answer, whatever the order of the list.
    again = codes(ledger.spread_even(total=7, kabupaten_list=reversed(list(Kabupaten.objects.all()))))
    assert again == shares


def test_largest_remainder_gives_spare_places_to_the_largest_remainders_first(regions):
    k = regions
    shares = codes(ledger.spread_largest_remainder(
        total=10, weights={k["64.01"]: 1, k["64.02"]: 2, k["64.03"]: 3}))
    # Exact shares 1.67, 3.33, 5: remainders 0.67 and 0.33 -> 64.01 gets the one spare place.
    assert shares == {"64.01": 2, "64.02": 3, "64.03": 5}


def test_a_proportional_spread_follows_the_candidates_who_passed_field_verification(
        programme_year, samarinda, balikpapan, eligible, make_candidate, users):
    eligible(samarinda, 3)
    eligible(balikpapan, 1)
    make_candidate(samarinda, created_by=users["officer"], status="proposed")  # not counted

    shares = codes(ledger.spread_proportional(total=10, programme_year=programme_year, kabupaten_list=Kabupaten.objects.all()))

    # 7.5 and 2.5: equal remainders, the lower code (Balikpapan 64.71) gets the spare place.
    assert shares["64.72"] == 7 and shares["64.71"] == 3
    assert sum(shares.values()) == 10


def test_a_proportional_spread_without_eligible_candidates_is_explained(programme_year, regions):
    with pytest.raises(ValidationError, match="Belum ada calon yang lolos verifikasi lapangan"):
        ledger.spread_proportional(total=10, programme_year=programme_year, kabupaten_list=Kabupaten.objects.all())


def test_the_2025_plan_and_revision_spread_to_150_then_168_each(programme_year, plan, revision, regions, users):
    p = users["provincial"]
    preview = ledger.spread_preview(programme_year=programme_year, total=1500,
                                    rule=QuotaEntry.Rule.EVEN, user=users["provincial"])
    assert [r.add for r in preview.rows] == [150] * 10
    assert not QuotaEntry.objects.exists(), "a preview writes nothing"

    ledger.spread_apply(programme_year=programme_year, document=plan, total=1500, rule=QuotaEntry.Rule.EVEN,
                          reason="Kuota APBD murni 2025", user=p)
    preview = ledger.spread_preview(programme_year=programme_year, total=180,
                                    rule=QuotaEntry.Rule.EVEN, user=users["provincial"])
    assert [(r.current, r.add, r.new) for r in preview.rows] == [(150, 18, 168)] * 10
    assert preview.budget.ok and preview.budget.needed == 8_400_000_000
    entries = ledger.spread_apply(programme_year=programme_year, document=revision, total=180,
                                    rule=QuotaEntry.Rule.EVEN, reason="Tambahan APBD Perubahan 2025", user=p)

    assert len(entries) == 10 and all(e.document == revision and e.rule == "even" for e in entries)
    assert selectors.quotas_by_kabupaten(programme_year=programme_year) == {k.pk: 168 for k in regions.values()}
    check = ledger.budget_check(programme_year=programme_year, province=users["provincial"].province)
    assert (check.places, check.needed, check.available, check.spare) == (
        1680, 8_400_000_000, 8_500_000_000, 100_000_000)


# --- the budget check -------------------------------------------------------------------------

def test_the_budget_check_refuses_places_the_money_does_not_cover(programme_year, plan, regions, users):
    ledger.spread_apply(programme_year=programme_year, document=plan, total=1500, rule=QuotaEntry.Rule.EVEN,
                          reason="Kuota APBD murni 2025", user=users["provincial"])

    preview = ledger.spread_preview(programme_year=programme_year, total=180,
                                    rule=QuotaEntry.Rule.EVEN, user=users["provincial"])
    assert not preview.ok
    with pytest.raises(ValidationError) as refused:
        ledger.spread_apply(programme_year=programme_year, document=plan, total=180, rule=QuotaEntry.Rule.EVEN,
                              reason="Tanpa APBD Perubahan", user=users["provincial"])

    assert "1.680 tempat × Rp 5.000.000 = Rp 8.400.000.000" in refused.value.messages[0]
    assert "hanya Rp 7.500.000.000" in refused.value.messages[0]
    assert selectors.places_total(programme_year=programme_year, province=None) == 1500


def test_the_budget_check_allows_exactly_the_money(programme_year, plan, samarinda, users):
    ledger.quota_entry_add(programme_year=programme_year, kabupaten=samarinda, document=plan, places=1500,
                             reason="Semua untuk satu wilayah", user=users["provincial"])
    assert ledger.budget_check(programme_year=programme_year, province=users["provincial"].province).spare == 0
    with pytest.raises(ValidationError, match="Anggaran tidak cukup"):
        ledger.quota_entry_add(programme_year=programme_year, kabupaten=samarinda, document=plan, places=1,
                                 reason="Satu lagi", user=users["provincial"])


def test_lowering_a_budget_document_below_the_places_is_refused(programme_year, plan, samarinda, set_quota, users):
    set_quota(samarinda, 1000)
    with pytest.raises(ValidationError, match="1.000 tempat × Rp 5.000.000 = Rp 5.000.000.000"):
        ledger.budget_document_save(document=plan, programme_year=programme_year, user=users["provincial"],
                                      kind=plan.kind, number=plan.number, date=plan.date, amount=4_000_000_000)
    plan.refresh_from_db()
    assert plan.amount == 7_500_000_000


def test_raising_the_value_per_recipient_must_still_fit_the_budget(programme_year, plan, samarinda, set_quota, users):
    set_quota(samarinda, 1500)
    with pytest.raises(ValidationError, match="Anggaran tidak cukup"):
        ledger.programme_year_update(programme_year=programme_year, user=users["provincial"],
                                       value_per_recipient=5_500_000)


# --- lowering below the decided count ---------------------------------------------------------

def test_lowering_a_quota_below_the_decided_count_is_refused_with_the_numbers(
        programme_year, plan, samarinda, set_quota, eligible, users):
    set_quota(samarinda, 3)
    eligible(samarinda, 2)
    decision.candidates_decide_bulk(programme_year=programme_year, kabupaten=samarinda, count=2,
                                    user=users["provincial"])

    with pytest.raises(ValidationError) as refused:
        ledger.quota_entry_add(programme_year=programme_year, kabupaten=samarinda, document=plan, places=-2,
                                 reason="Pengurangan", user=users["provincial"])
    assert refused.value.messages == [
        "Kuota Kota Samarinda 2025 tidak dapat diturunkan dari 3 menjadi 1: sudah 2 orang ditetapkan. "
        "Pengurangan paling banyak 1 tempat, atau batalkan dahulu penetapan."]
    ledger.quota_entry_add(programme_year=programme_year, kabupaten=samarinda, document=plan, places=-1,
                             reason="Pengurangan", user=users["provincial"])
    assert selectors.quota_of(programme_year=programme_year, kabupaten=samarinda) == 2


# --- the decision and the reserve list --------------------------------------------------------

def test_deciding_over_the_quota_is_refused_in_plain_words(programme_year, samarinda, set_quota, eligible, users):
    set_quota(samarinda, 2)
    a, b, c = eligible(samarinda, 3)
    decision.candidate_decide(candidate=a, user=users["provincial"])
    decision.candidate_decide(candidate=b, user=users["provincial"])

    with pytest.raises(ValidationError) as refused:
        decision.candidate_decide(candidate=c, user=users["provincial"])

    assert refused.value.messages == ["Kuota Kota Samarinda 2025 sudah penuh: 2 dari 2 tempat terisi."]
    c.refresh_from_db()
    assert c.status == S.FIELD_ELIGIBLE


def test_a_candidate_not_yet_field_verified_cannot_be_decided(programme_year, samarinda, set_quota, make_candidate,
                                                               users):
    set_quota(samarinda, 5)
    proposed = make_candidate(samarinda, created_by=users["officer"], status="desk_passed")
    with pytest.raises(ValidationError, match="tidak dapat ditetapkan"):
        decision.candidate_decide(candidate=proposed, user=users["provincial"])


def test_deciding_writes_the_timeline(programme_year, samarinda, set_quota, eligible, users):
    set_quota(samarinda, 1)
    (a,) = eligible(samarinda, 1)
    decision.candidate_decide(candidate=a, user=users["provincial"])
    event = CandidateEvent.objects.get(candidate=a)
    assert (event.status, event.user, event.message) == (S.DECIDED, users["provincial"], "Ditetapkan sebagai penerima.")


def test_bulk_decision_takes_the_lowest_desil_then_the_earlier_proposal(
        programme_year, samarinda, set_quota, eligible, users):
    set_quota(samarinda, 3)
    d3 = eligible(samarinda, 1, desil_proposed=3)[0]
    d1_early = eligible(samarinda, 1, desil_proposed=1)[0]
    d2 = eligible(samarinda, 1, desil_proposed=2)[0]
    d1_late = eligible(samarinda, 1, desil_proposed=1)[0]

    decision.candidates_decide_bulk(programme_year=programme_year, kabupaten=samarinda, count=3,
                                    user=users["provincial"])

    decided = set(selectors.decided_list(programme_year=programme_year, kabupaten=samarinda, queryset=Candidate.objects.all()))
    assert decided == {d1_early, d1_late, d2}
    d3.refresh_from_db()
    assert d3.status == S.FIELD_ELIGIBLE


def test_the_registry_desil_outranks_the_proposed_one(programme_year, samarinda, set_quota, eligible, users):
    set_quota(samarinda, 1)
    says_1_is_4 = eligible(samarinda, 1, desil_proposed=1, desil_dtks=4)[0]
    says_3_is_2 = eligible(samarinda, 1, desil_proposed=3, desil_dtks=2)[0]
    not_verified_3 = eligible(samarinda, 1, desil_proposed=3)[0]

    ranked = list(selectors.candidates_ranked(programme_year=programme_year, kabupaten=samarinda,
                                              queryset=Candidate.objects.all()))
    decision.candidates_decide_bulk(programme_year=programme_year, kabupaten=samarinda, count=1,
                                    user=users["provincial"])
    decision.reserve_list_rebuild(programme_year=programme_year, kabupaten=samarinda, user=users["provincial"])

    assert ranked == [says_3_is_2, not_verified_3, says_1_is_4]
    everyone = Candidate.objects.all()
    assert selectors.decided_list(programme_year=programme_year, kabupaten=samarinda, queryset=everyone).get() == \
        says_3_is_2
    assert list(selectors.reserve_list(programme_year=programme_year, kabupaten=samarinda, queryset=everyone)) == [
        not_verified_3, says_1_is_4]


def test_the_ranking_sql_compiled_from_the_orm_gives_the_orm_order(programme_year, samarinda, eligible):
    import datetime as dt

    people = [*eligible(samarinda, 4, desil_proposed=3), *eligible(samarinda, 3, desil_proposed=2, desil_dtks=4),
              *eligible(samarinda, 3, desil_proposed=5, desil_dtks=1)]
    Candidate.objects.filter(pk__in=[p.pk for p in people[:5]]).update(created_at=dt.datetime(2025, 3, 1, tzinfo=dt.UTC))
    ranked = list(selectors.candidates_ranked(programme_year=programme_year, kabupaten=samarinda,
                                              queryset=Candidate.objects.all()))
    ranks = selectors.ranks_of(programme_year=programme_year, kabupaten=samarinda, ids=[p.pk for p in people])
    assert sorted(ranks, key=ranks.get) == [c.pk for c in ranked]
    assert sorted(ranks.values()) == list(range(1, 11))


def test_bulk_decision_over_the_free_places_is_refused_whole(programme_year, samarinda, set_quota, eligible, users):
    set_quota(samarinda, 2)
    eligible(samarinda, 3)
    with pytest.raises(ValidationError) as refused:
        decision.candidates_decide_bulk(programme_year=programme_year, kabupaten=samarinda, count=3,
                                        user=users["provincial"])
    assert "tinggal 2 tempat (0 dari 2 terisi), sedangkan 3 calon akan ditetapkan" in refused.value.messages[0]
    assert selectors.occupied_count(programme_year=programme_year, kabupaten=samarinda) == 0


def test_the_reserve_list_is_ordered_by_desil_then_proposal_then_nik(
        programme_year, samarinda, set_quota, eligible, users):
    set_quota(samarinda, 1)
    d2 = eligible(samarinda, 1, desil_proposed=2)[0]
    d4 = eligible(samarinda, 1, desil_proposed=4)[0]
    d1 = eligible(samarinda, 1, desil_proposed=1)[0]
    d2_late = eligible(samarinda, 1, desil_proposed=2)[0]
    d1_top = eligible(samarinda, 1, desil_proposed=1)[0]
    decision.candidates_decide_bulk(programme_year=programme_year, kabupaten=samarinda, count=1,
                                    user=users["provincial"])

    n = decision.reserve_list_rebuild(programme_year=programme_year, kabupaten=samarinda, user=users["provincial"])

    reserve = list(selectors.reserve_list(programme_year=programme_year, kabupaten=samarinda, queryset=Candidate.objects.all()))
    assert n == 4
    assert reserve == [d1_top, d2, d2_late, d4]
    assert [c.reserve_rank for c in reserve] == [1, 2, 3, 4]
    d1.refresh_from_db()
    assert d1.status == S.DECIDED and d1.reserve_rank is None


def test_withdrawal_needs_a_reason(programme_year, samarinda, set_quota, eligible, users):
    set_quota(samarinda, 1)
    (a,) = eligible(samarinda, 1)
    decision.candidate_decide(candidate=a, user=users["provincial"])
    with pytest.raises(ValidationError, match="Alasan pembatalan wajib diisi"):
        decision.candidate_withdraw(candidate=a, user=users["provincial"], reason=" ")
    a.refresh_from_db()
    assert a.status == S.DECIDED


def test_withdrawal_frees_the_place_and_the_first_reserve_of_the_same_area_takes_it(
        programme_year, samarinda, balikpapan, set_quota, eligible, users):
    set_quota(samarinda, 2)
    set_quota(balikpapan, 1)
    first, second = eligible(samarinda, 2, desil_proposed=1)
    r1, r2 = eligible(samarinda, 2, desil_proposed=3)
    bpp_reserve = eligible(balikpapan, 2, desil_proposed=1)[1]
    p = users["provincial"]
    decision.candidates_decide_bulk(programme_year=programme_year, kabupaten=samarinda, count=2, user=p)
    decision.candidates_decide_bulk(programme_year=programme_year, kabupaten=balikpapan, count=1, user=p)
    decision.reserve_list_rebuild(programme_year=programme_year, kabupaten=samarinda, user=p)
    decision.reserve_list_rebuild(programme_year=programme_year, kabupaten=balikpapan, user=p)

    replacement = decision.candidate_withdraw(candidate=first, user=p, reason="Meninggal dunia")

    first.refresh_from_db()
    assert first.status == S.WITHDRAWN
    assert first.timeline.last().message == "Penetapan dibatalkan: Meninggal dunia"
    assert replacement == r1 and replacement.status == S.DECIDED and replacement.reserve_rank is None
    event = replacement.timeline.last()
    assert event.user == p and event.data["replaces"] == first.pk
    assert "menggantikan Calon 1: Meninggal dunia" in event.message
    r2.refresh_from_db()
    assert (r2.status, r2.reserve_rank) == (S.RESERVE, 1)
    bpp_reserve.refresh_from_db()
    assert bpp_reserve.status == S.RESERVE, "a reserve of another area never fills Samarinda's place"
    assert selectors.occupied_count(programme_year=programme_year, kabupaten=samarinda) == 2


def test_withdrawal_with_an_empty_reserve_list_leaves_a_free_place(programme_year, samarinda, set_quota, eligible,
                                                                    users):
    set_quota(samarinda, 1)
    (a,) = eligible(samarinda, 1)
    decision.candidate_decide(candidate=a, user=users["provincial"])

    assert decision.candidate_withdraw(candidate=a, user=users["provincial"], reason="Pindah domisili") is None
    assert selectors.occupied_count(programme_year=programme_year, kabupaten=samarinda) == 0


def test_a_withdrawn_person_cannot_be_withdrawn_again(programme_year, samarinda, set_quota, eligible, users):
    set_quota(samarinda, 1)
    (a,) = eligible(samarinda, 1)
    decision.candidate_decide(candidate=a, user=users["provincial"])
    decision.candidate_withdraw(candidate=a, user=users["provincial"], reason="Menolak bantuan")
    with pytest.raises(ValidationError, match="tidak dapat dibatalkan"):
        decision.candidate_withdraw(candidate=a, user=users["provincial"], reason="Menolak bantuan")


@pytest.mark.parametrize("role", ["officer", "viewer"])
def test_only_provincial_staff_decide_and_withdraw(programme_year, samarinda, set_quota, eligible, users, role):
    set_quota(samarinda, 1)
    (a,) = eligible(samarinda, 1)
    with pytest.raises(PermissionDenied):
        decision.candidate_decide(candidate=a, user=users[role])
    decision.candidate_decide(candidate=a, user=users["provincial"])
    with pytest.raises(PermissionDenied):
        decision.candidate_withdraw(candidate=a, user=users[role], reason="Pindah")


# --- the province page ------------------------------------------------------------------------

def test_the_overview_counts_each_step_and_the_money(programme_year, samarinda, balikpapan, set_quota, eligible,
                                                     make_candidate, users):
    set_quota(samarinda, 5)
    set_quota(balikpapan, 4)
    make_candidate(samarinda, created_by=users["officer"], status="proposed")
    make_candidate(samarinda, created_by=users["officer"], status="desk_passed")
    make_candidate(samarinda, created_by=users["officer"], status="desk_failed")
    eligible(samarinda, 3)
    decision.candidates_decide_bulk(programme_year=programme_year, kabupaten=samarinda, count=2,
                                    user=users["provincial"])

    overview = selectors.province_overview(programme_year=programme_year, user=users["provincial"])
    row = next(r for r in overview.rows if r.kabupaten == samarinda)
    assert (row.quota, row.proposed, row.passed_desk, row.passed_field, row.decided, row.reserve, row.free) == (
        5, 6, 4, 3, 2, 0, 3)
    assert row.committed == 10_000_000
    assert overview.total.quota == 9 and overview.total.decided == 2 and overview.total.committed == 10_000_000

    own = selectors.province_overview(programme_year=programme_year, user=users["other_officer"])
    assert [r.kabupaten for r in own.rows] == [balikpapan]
    assert own.total.proposed == 0


def test_a_second_person_of_a_family_that_already_holds_a_place_is_not_decided(
        programme_year, samarinda, set_quota, eligible, users):
    set_quota(samarinda, 5)
    first, second = eligible(samarinda, 2)
    second.no_kk = first.no_kk
    second.save(update_fields=["no_kk"])
    decision.candidate_decide(candidate=first, user=users["provincial"])

    with pytest.raises(ValidationError) as refused:
        decision.candidate_decide(candidate=second, user=users["provincial"])

    assert "KK yang sama sudah menjadi penerima" in refused.value.messages[0]
    second.refresh_from_db()
    assert second.status == S.FIELD_ELIGIBLE


def test_two_people_of_one_family_are_not_decided_together(programme_year, samarinda, set_quota, eligible, users):
    from recipients.kk import kk_place_refusal

    first, second = eligible(samarinda, 2)
    assert kk_place_refusal(programme_year_id=programme_year.pk, candidate_ids=[first.id, second.id]) is None
    second.no_kk = first.no_kk
    second.save(update_fields=["no_kk"])

    assert "satu KK" in kk_place_refusal(programme_year_id=programme_year.pk, candidate_ids=[first.id, second.id])


def test_each_province_spreads_and_spends_only_its_own_money(programme_year, plan, regions, kalsel_users, users,
                                                             banjarmasin):
    from quotas.models import BudgetDocument

    kalsel_staff = kalsel_users["kalsel_provincial"]
    with pytest.raises(ValidationError, match="milik provinsi lain"):  # Kaltim's DPA is not Kalsel's money
        ledger.spread_apply(programme_year=programme_year, document=plan, total=2, rule=QuotaEntry.Rule.EVEN,
                            reason="Coba", user=kalsel_staff)
    kalsel_plan = ledger.budget_document_save(programme_year=programme_year, user=kalsel_staff, kind="murni",
                                              number="DPA-1.06.0001/2025", date=plan.date, amount=10_000_000)
    entries = ledger.spread_apply(programme_year=programme_year, document=kalsel_plan, total=2,
                                  rule=QuotaEntry.Rule.EVEN, reason="Kuota Kalsel", user=kalsel_staff)

    assert {e.kabupaten.code for e in entries} == {"63.01", "63.71"}
    assert ledger.budget_check(programme_year=programme_year, province=banjarmasin.province).spare == 0
    assert ledger.budget_check(programme_year=programme_year, province=users["provincial"].province).available \
        == plan.amount
    assert list(BudgetDocument.objects.visible_to(users["viewer"])) == [plan]
    with pytest.raises(PermissionDenied):  # nor does Kalsel's staff give Samarinda places
        ledger.quota_entry_add(programme_year=programme_year, kabupaten=regions["64.72"], document=kalsel_plan,
                               places=1, reason="Coba", user=kalsel_staff)
