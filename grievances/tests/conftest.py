import pytest


@pytest.fixture
def complaints_officer(make_user):
    """The designated provincial complaints officer, who alone reads the sensitive categories."""
    from django.contrib.auth.models import Permission

    from accounts.models import Role

    user = make_user("petugas_pengaduan", Role.PROVINCIAL)
    user.user_permissions.add(Permission.objects.get(codename="handle_sensitive"))
    return user


@pytest.fixture
def head_of_division(make_user):
    """The head of division: the last step of an escalation (sensitive ones included)."""
    from django.contrib.auth.models import Permission

    from accounts.models import Role

    user = make_user("kabid", Role.PROVINCIAL)
    user.user_permissions.add(Permission.objects.get(codename="head_of_division"))
    return user



@pytest.fixture
def holidays_2026(db):
    """Christmas 2026, which the hand-computed dates cross (seeded by a migration, but a transactional test
    empties the table)."""
    import datetime as dt

    from grievances.models import Holiday

    Holiday.objects.get_or_create(date=dt.date(2026, 12, 25), defaults={"name": "Kelahiran Yesus Kristus"})
