"""Demo goods flow (vendor, contract, delivery, handover day); filled in by the next slice."""


def seed_goods(*, year, users, stdout):
    return None
