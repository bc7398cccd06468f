import pytest


@pytest.fixture
def dpo(make_user):
    """The data-protection officer: provincial staff given the permission."""
    from django.contrib.auth.models import Permission

    from accounts.models import Role

    user = make_user("pejabat_pdp", Role.PROVINCIAL)
    user.user_permissions.add(Permission.objects.get(codename="handle_data_rights"))
    return user
