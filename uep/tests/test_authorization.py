"""Every URL pattern x every role: the expected status; an officer of another area is refused."""

import importlib

import pytest
from django.apps import apps
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from uep.tests import factories
from uep.tests.authz import OTHER_PROVINCE, ROLES, Access
from uep.tests.sessions import RoleSessions, session_create

pytestmark = pytest.mark.slow  # every URL x every role

# URLs outside the project's views: Django's admin (tested in test_admin) and auth views.
SKIP_NAMESPACES = {"admin"}


def collect_matrix() -> dict[str, Access]:
    matrix = {}
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.tests.authz")
        except ModuleNotFoundError:
            continue
        overlap = matrix.keys() & module.MATRIX.keys()
        assert not overlap, f"URL names listed twice: {overlap}"
        matrix.update(module.MATRIX)
    return matrix


def url_names(resolver=None, namespace=None) -> set[str]:
    names = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in SKIP_NAMESPACES:
                continue
            ns = entry.namespace if not namespace else f"{namespace}:{entry.namespace}" if entry.namespace else namespace
            names |= url_names(entry, ns)
        elif isinstance(entry, URLPattern):
            assert entry.name, f"URL pattern {entry.pattern} has no name, so the matrix cannot list it"
            names.add(f"{namespace}:{entry.name}" if namespace else entry.name)
    return names


MATRIX = collect_matrix()


def test_every_url_pattern_is_in_the_matrix():
    missing = url_names() - MATRIX.keys()
    stale = MATRIX.keys() - url_names()
    assert not missing, f"URL patterns with no expected statuses: {sorted(missing)}"
    assert not stale, f"Matrix rows for URLs that no longer exist: {sorted(stale)}"


def test_every_row_names_every_role():
    for name, access in MATRIX.items():
        assert set(ROLES) <= set(access.expect) <= set(ROLES) | set(OTHER_PROVINCE), name


def world_build() -> dict:
    """Objects of Samarinda that the matrix rows point at; apps add theirs in ``world_extras``. The users
    include a second province's (Kalimantan Selatan), who must reach none of them."""
    from programmes.models import ProgrammeYear

    regions = factories.regions_ready()
    samarinda, balikpapan = regions["64.72"], regions["64.71"]
    kalsel = factories.kalsel_load()
    users = factories.users_create(samarinda, balikpapan)
    users.update(factories.kalsel_users_create(kalsel, kalsel.kabupaten_set.get(code="63.71")))
    world = {"users": users, "samarinda": samarinda, "balikpapan": balikpapan}
    make_candidate = factories.candidate_maker(ProgrammeYear.objects.create(year=2025))
    world["candidate"] = make_candidate(samarinda, name="Siti Rahasia Samarinda", created_by=users["officer"])
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.tests.authz")
        except ModuleNotFoundError:
            continue
        if hasattr(module, "world_extras"):
            world.update(module.world_extras(world))
    world["sessions"] = {user.pk: session_create(user) for user in users.values()}
    return world


@pytest.fixture(scope="module")
def world_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world, built once for a module's hundreds of tests (150 ms each time) in a transaction rolled
    back after the last of them; each test runs in a savepoint inside it (``world``), so what one test
    writes the next never sees. Its files (a BAST scan) in a folder of its own."""
    media = tmp_path_factory.mktemp("world-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        yield {**world_build(), "media_root": media}
        transaction.set_rollback(True)


@pytest.fixture
def world(world_once, db, settings):
    settings.MEDIA_ROOT = world_once["media_root"]
    return world_once


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_gets_the_expected_status(client, world, name):
    access = MATRIX[name]
    url = reverse(name, kwargs=access.kwargs(world))
    sessions = RoleSessions(client, world["sessions"])
    for role in (*ROLES, *OTHER_PROVINCE):
        sessions.anonymous()  # else the role's own session next
        if role != "anonymous":
            sessions.use(world["users"][role])
        response = getattr(client, access.method)(url, access.data(world))
        expected = access.expected(role)
        assert response.status_code in (expected if isinstance(expected, tuple) else (expected,)), (
            f"{access.method.upper()} {url} as {role}: {response.status_code}, expected {expected}"
        )
        if (role == "other_officer" or role in OTHER_PROVINCE) and response.status_code == 200:
            body = b"".join(response) if response.streaming else response.content
            secrets = [*access.must_not_leak(world), *(access.province_secrets(world) if role in OTHER_PROVINCE else [])]
            for secret in secrets:
                assert secret.encode() not in body, f"{url} shows {role} Kaltim's {secret!r}"
