import pytest


@pytest.fixture
def complaints_officer(make_user):
    """The designated provincial complaints officer, who alone reads the sensitive categories."""
    from django.contrib.auth.models import Permission

    from accounts.models import Role

    user = make_user("petugas_pengaduan", Role.PROVINCIAL)
    user.user_permissions.add(Permission.objects.get(codename="handle_sensitive"))
    return user
