import uuid

import pytest


@pytest.fixture(autouse=True)
def fresh_limits(settings):
    settings.PUBLIC_LIMITS_KEY_PREFIX = f"uep:public:test-{uuid.uuid4().hex}:"


@pytest.fixture
def complaints_officer(make_user):
    """The designated provincial complaints officer, who alone reads the sensitive categories."""
    from django.contrib.auth.models import Permission

    from accounts.models import Role

    user = make_user("petugas_pengaduan", Role.PROVINCIAL)
    user.user_permissions.add(Permission.objects.get(codename="handle_sensitive"))
    return user
