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

from uep.tests.sessions import RoleSessions
from uep.tests.test_authorization import MATRIX, world, world_once  # noqa: F401 - the fixtures are used below

pytestmark = pytest.mark.slow  # every URL x every role x hostile values: a matrix of thousands of requests

ROOT = Path(__file__).resolve().parents[2]
# The administrator takes the provincial paths of the views (the admin site is tested on its own).
# Another province's staff ask too: their refusal of Kaltim's objects is a 404, never a 500.
ROLES = ("viewer", "officer", "other_officer", "provincial", "kalsel_provincial")
# Values a view reads: asked as every role. What the middleware refuses before any view (a NUL, a
# number past bigint) is asked once per URL, as an officer.
READ_BY_VIEWS = ("abc", "x" * 10_000)
# The roles that reach every view's own code (their own area's or province's objects) get every value;
# the others are refused before a field is read, or read through the same code as these: one value.
DEEP_ROLES = ("officer", "provincial")
REFUSED_BY_THE_MIDDLEWARE = (str(2**63), "9" * 5000, "\x00")
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
    # Off as in production, by pytest-django already; setting it again would throw away the parsed templates.
    assert not settings.DEBUG
    access = MATRIX[name]
    kwargs = access.kwargs(world)
    url = reverse(name, kwargs=kwargs)
    failures: list[str] = []
    valid = access.data(world) if access.method == "post" else {}
    sessions = RoleSessions(client, world["sessions"])
    for role in ROLES:
        user = world["users"][role]
        values = READ_BY_VIEWS if role in DEEP_ROLES else READ_BY_VIEWS[:1]
        for value in values:
            sessions.use(user)
            ask(client, "get", url, {p: value for p in PARAMS}, failures, role)
            sessions.use(user)
            ask(client, "post", url, {**valid, **{p: value for p in PARAMS}}, failures, role)
        if role in DEEP_ROLES:
            # One field at a time: a refusal of one must not hide another's 500. The long value only: in a
            # number, date or choice field it takes the path "abc" takes, and in a text field the one "abc"
            # cannot reach (too long for the column); a short text is what the app's own tests save.
            for key in valid:
                sessions.use(user)
                ask(client, "post", url, {**valid, key: READ_BY_VIEWS[-1]}, failures, role)
        for hostile_url in urls_with_hostile_path(name, kwargs, values):
            sessions.use(user)
            ask(client, access.method, hostile_url, valid, failures, role)
    # The middleware refuses these before any view, whoever asks: once per URL, as an officer.
    for value in REFUSED_BY_THE_MIDDLEWARE:
        sessions.use(world["users"]["officer"])
        for refused_url in urls_with_hostile_path(name, kwargs, (value,)):
            ask(client, access.method, refused_url, valid, failures, "officer")
        ask(client, "get", url, {p: value for p in PARAMS}, failures, "officer")
        ask(client, access.method, url, {**valid, **{p: value for p in PARAMS}}, failures, "officer")

    assert not failures, "\n".join(failures)



# ---------------------------------------------------------------------------------------------
# The admin site: every registered model's list (with each of its filters' parameters, a pattern
# lookup, the "show counts" facets), add, change, history and delete pages, and the import/export
# pages, as the administrator, with hostile values; numbers of 5,000 digits included.
# What reaches the views; the middleware refuses a NUL and numbers past bigint before any view.
ADMIN_HOSTILE = ("abc", "99999", "x" * 10_000)
REFUSED_EARLY = ("\x00", str(2**63), "9" * 5000)
# Asked on each list besides its filters' own parameters.
LIST_PARAMS = ("q", "o", "p")


def admin_apps() -> list[str]:
    from django.contrib import admin

    return sorted({model._meta.app_label for model in admin.site._registry})


def filter_parameters(response) -> set[str]:
    cl = response.context["cl"] if response.context and "cl" in response.context else None
    if cl is None:
        return set()
    names = {name for spec in cl.filter_specs for name in spec.expected_parameters()}
    if cl.date_hierarchy:
        names |= {f"{cl.date_hierarchy}__{part}" for part in ("year", "month", "day")}
    return names


def form_fields(response) -> list[str]:
    form = response.context.get("adminform") if response.context else None
    return list(form.form.fields) if form is not None else []


@pytest.mark.slow
@pytest.mark.parametrize("app_label", admin_apps())
def test_hostile_values_never_give_a_500_in_the_admin(client, world, settings, monkeypatch, app_label):  # noqa: F811
    from django.contrib import admin

    assert not settings.DEBUG
    # The side list of every model reads nothing of the request; rendered on each of these thousand pages it
    # was a fifth of the walk (other admin tests render it).
    monkeypatch.setattr(admin.site, "enable_nav_sidebar", False)
    client.force_login(world["users"]["admin"])
    failures: list[str] = []
    for model, model_admin in admin.site._registry.items():  # one app at a time: the world is built once per app
        if model._meta.app_label == app_label:
            admin_walk(client, model, model_admin, failures)
    assert not failures, "\n".join(failures)


def admin_walk(client, model, model_admin, failures: list[str]) -> None:
    from import_export.admin import ExportMixin, ImportMixin

    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    listing = client.get(base)
    if listing.status_code not in (200, 302, 403):
        failures.append(f"GET {base}: {listing.status_code}")

    params = sorted(filter_parameters(listing) | set(LIST_PARAMS))
    for value in ADMIN_HOSTILE:
        # One at a time: a refusal of one must not hide another's 500. The 10,000 characters only on the
        # search, where a long value reaches a query as it is; a filter reads it as it reads "abc", an
        # unknown choice (a third of the walk's time, the suite's longest test).
        for name in params if len(value) < 100 else ["q"]:
            ask(client, "get", base, {name: value}, failures, "admin")
        ask(client, "get", base, {**{name: value for name in params}, "_facets": "True"}, failures, "admin")
    for value in REFUSED_EARLY:
        response = client.get(base, {**{name: value for name in params}, "_facets": value})
        if response.status_code != 400:
            failures.append(f"GET {base} with {value[:20]!r}: {response.status_code}, not the middleware's 400")
    text_field = next((f.name for f in model._meta.concrete_fields if f.get_internal_type() == "CharField"), None)
    if text_field:
        ask(client, "get", base, {f"{text_field}__regex": "(", "_facets": "True"}, failures, "admin")

    add = client.get(f"{base}add/")
    for value in ADMIN_HOSTILE + REFUSED_EARLY[:1]:
        ask(client, "post", f"{base}add/", {field: value for field in form_fields(add)}, failures, "admin")
    for value in ADMIN_HOSTILE + REFUSED_EARLY:
        ask(client, "get", f"{base}{quote(value, safe='')}/change/", {}, failures, "admin")
    for page in ("history/", "delete/"):
        ask(client, "get", f"{base}{quote(ADMIN_HOSTILE[-1], safe='')}/{page}", {}, failures, "admin")

    obj = model._default_manager.order_by("pk").first() if model._meta.pk.concrete else None
    if obj is not None:
        change_url = f"{base}{quote(str(obj.pk), safe='')}/change/"
        change = client.get(change_url)
        for page in ("history/", "delete/"):
            ask(client, "get", f"{base}{quote(str(obj.pk), safe='')}/{page}", {}, failures, "admin")
        for value in ADMIN_HOSTILE:  # every field at once: one at a time would be minutes per model
            ask(client, "post", change_url, {field: value for field in form_fields(change)}, failures, "admin")

    if isinstance(model_admin, ImportMixin):
        for value in ADMIN_HOSTILE + ("../../etc/passwd", "/etc/passwd"):
            ask(client, "get", f"{base}import/", {"resource": value, "format": value}, failures, "admin")
            ask(client, "post", f"{base}import/", {"resource": value, "format": value}, failures, "admin")
            ask(client, "post", f"{base}process_import/", {"import_file_name": value, "original_file_name": value,
                                                           "format": value, "resource": value}, failures, "admin")
    if isinstance(model_admin, ExportMixin):
        for value in ADMIN_HOSTILE:
            ask(client, "get", f"{base}export/", {"resource": value, "format": value}, failures, "admin")
            ask(client, "post", f"{base}export/", {"resource": value, "format": value}, failures, "admin")
