"""The family is told its monitoring visit is coming, once per round, a week ahead."""

import datetime as dt

from monitoring.services.rounds import rounds_schedule, visit_notices_write
from notices.models import Kind, Notice


def test_a_visit_falling_due_within_a_week_gets_one_notice(hand_over, samarinda):
    family = hand_over(samarinda, phone="081234567890")  # handed over 2 Jun 2025: 3 months due 2 Sep 2025
    rounds_schedule()
    assert visit_notices_write(today=dt.date(2025, 8, 20)) == 0  # 13 days ahead: not yet
    assert visit_notices_write(today=dt.date(2025, 8, 27)) == 1
    assert visit_notices_write(today=dt.date(2025, 8, 28)) == 0  # written once
    notice = Notice.objects.get(candidate=family)
    assert notice.kind == Kind.VISIT_DUE and "Dinsos Kota Samarinda" in notice.text
    assert visit_notices_write(today=dt.date(2025, 11, 30)) == 1  # the 6-month round: its own notice
