"""The estimators against textbook properties and values worked by hand."""

import pytest

from monitoring.estimators import Step, aalen_johansen, kaplan_meier, wilson


def test_without_censoring_the_incidence_and_its_variance_are_binomial():
    # 10 families, nobody lost: 2 close and 1 dies, then 1 closes and 2 move, then 2 close and 2 die.
    steps = [Step(10, 2, 1), Step(7, 1, 2), Step(4, 2, 2)]
    estimates = aalen_johansen(steps)

    assert [e.value for e in estimates] == pytest.approx([0.2, 0.3, 0.5])
    # log-log interval from the binomial variance F(1 - F)/10: at F = 0.5, var = 0.025.
    import math
    se = math.sqrt(0.025) / abs(0.5 * math.log(0.5))
    assert (estimates[2].low, estimates[2].high) == pytest.approx(
        (0.5 ** math.exp(1.959964 * se), 0.5 ** math.exp(-1.959964 * se)))


def test_one_minus_kaplan_meier_overstates_closure_when_families_die_first():
    steps = [Step(10, 2, 3), Step(5, 1, 0)]
    km, aj = kaplan_meier(steps), aalen_johansen(steps)

    assert 1 - km[1].value == pytest.approx(1 - 0.8 * 0.8)  # 0.36
    assert aj[1].value == pytest.approx(0.2 + 0.5 * 0.2)  # 0.30


def test_intervals_stay_inside_zero_and_one():
    for e in kaplan_meier([Step(3, 2), Step(1, 0)]) + aalen_johansen([Step(3, 2, 0), Step(1, 0, 1)]):
        if e.low is not None:
            assert 0 < e.low <= e.value <= e.high < 1


def test_a_step_nobody_was_followed_in_has_no_figure():
    assert kaplan_meier([Step(0, 0)])[0].value is None
    assert aalen_johansen([Step(0, 0, 0)])[0].value is None


def test_wilson_interval():
    assert wilson(0, 0) is None
    low, high = wilson(5, 10)
    assert (low, high) == pytest.approx((0.236593, 0.763407), abs=1e-6)
