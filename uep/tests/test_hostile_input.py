"""Every URL pattern, every role, hostile values in the path, GET and POST: never a 500 (DEBUG off).

Reuses the authorization matrix (its ``world`` and each app's ``tests/authz.py``): each URL
is asked again with every path argument, every GET parameter the code reads, and every POST
field of its matrix row replaced by a hostile value. Django's test client raises what the
view raised, so a 500 shows as the exception; every one found is listed at the end.
"""

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.urls import reverse

from uep.tests.test_authorization import MATRIX, world  # noqa: F401 - the fixture is used below

pytestmark = pytest.mark.slow  # every URL x every role x hostile values: a matrix of thousands of requests

ROOT = Path(__file__).resolve().parents[2]
# The administrator takes the provincial paths of the views (the admin site is tested on its own).
ROLES = ("viewer", "officer", "other_officer", "provincial")
# A NUL byte is asked once per URL, as an officer (below).
HOSTILE = ("abc", str(2**63), "x" * 10_000)
# A stand-in that every path converter accepts, replaced by the hostile value in the URL.
SENTINEL = 987654321


def parameters_the_code_reads() -> set[str]:
    """Every request.GET / request.POST key named in the project's source."""
    names = set()
    pattern = re.compile(r"request\.(?:GET|POST)(?:\.get|\.getlist)?[\[(]\s*[\"'](\w+)[\"']")
    for path in ROOT.glob("*/*.py"):
        if ".venv" not in path.parts:
            names |= set(pattern.findall(path.read_text()))
    from programmes.years import YEAR_PARAM

    return names | {YEAR_PARAM, "page", "q"}


PARAMS = sorted(parameters_the_code_reads())


def urls_with_hostile_path(name: str, kwargs: dict, values) -> list[str]:
    urls = []
    for key in kwargs:
        marked = reverse(name, kwargs={**kwargs, key: SENTINEL})
        for value in values:
            urls.append(marked.replace(str(SENTINEL), quote(value, safe=""), 1))
    return urls


def ask(client, method: str, url: str, data, failures: list, role: str) -> None:
    try:
        response = getattr(client, method)(url, data)
    except Exception as exc:  # noqa: BLE001 - a 500: the view raised
        failures.append(f"{method.upper()} {url[:120]} {sorted(data)[:6] if data else ''} as {role}: "
                        f"{exc.__class__.__name__}: {str(exc)[:160]}")
        return
    if response.status_code == 500:  # 503 is the health check's "no worker", by design
        failures.append(f"{method.upper()} {url[:120]} as {role}: {response.status_code}")


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_hostile_values_never_give_a_500(client, world, settings, name):  # noqa: F811
    settings.DEBUG = False
    access = MATRIX[name]
    kwargs = access.kwargs(world)
    url = reverse(name, kwargs=kwargs)
    failures: list[str] = []
    valid = access.data(world) if access.method == "post" else {}
    for role in ROLES:
        for value in HOSTILE:
            client.force_login(world["users"][role])
            ask(client, "get", url, {p: value for p in PARAMS}, failures, role)
            client.force_login(world["users"][role])
            ask(client, "post", url, {**valid, **{p: value for p in PARAMS}}, failures, role)
            if role in ("officer", "provincial"):  # the others are refused before a field is read
                for key in valid:  # one field at a time: a refusal of one must not hide another's 500
                    client.force_login(world["users"][role])
                    ask(client, "post", url, {**valid, key: value}, failures, role)
        for hostile_url in urls_with_hostile_path(name, kwargs, HOSTILE):
            client.force_login(world["users"][role])
            ask(client, access.method, hostile_url, valid, failures, role)
    client.force_login(world["users"]["officer"])
    for nul_url in urls_with_hostile_path(name, kwargs, ("\x00",)):
        ask(client, access.method, nul_url, valid, failures, "officer")
    ask(client, access.method, url, {**valid, **{p: "\x00" for p in PARAMS}}, failures, "officer")

    assert not failures, "\n".join(failures)

