import datetime as dt

import pytest
from django.utils import timezone

from monitoring.tests.conftest import hand_over, packages  # noqa: F401 - fixtures
from verification.tests.conftest import new_candidate  # noqa: F401 - fixture


@pytest.fixture
def due_now(samarinda, hand_over):  # noqa: F811
    """A Samarinda family whose 3-month visit fell due five days ago, with a stove and a wok in its BAST."""
    from disbursements.models import HandoverLine, Item
    from monitoring.models import Visit
    from monitoring.services.rounds import rounds_schedule

    today = timezone.localdate()
    year, month = divmod(today.year * 12 + today.month - 1 - 3, 12)
    handed_on = today.replace(year=year, month=month + 1, day=min(today.day, 28)) - dt.timedelta(days=5)
    candidate = hand_over(samarinda, name="Sari Pedagang Gorengan", date=handed_on)
    rounds_schedule()
    for code, name in (("KOMPOR", "Kompor gas"), ("WAJAN", "Wajan")):
        item = Item.objects.get_or_create(code=code, defaults={"name": name, "unit": "unit", "kind": "equipment"})[0]
        HandoverLine.objects.create(handover=candidate.handover, item=item, quantity=1, unit_price=300_000)
    return Visit.objects.get(candidate=candidate, round__months=3)


def jpeg_bytes(colour="white", size=(64, 48)) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG")
    return out.getvalue()
