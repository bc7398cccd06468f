"""Switching the test client between users many times a test (the every-URL matrices)."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY


def session_login(client, user) -> None:
    """The client logged in as ``user`` by a session written directly: what ``force_login`` leaves,
    without the login itself (its signals: the lockout log, the last login, a new session), which cost
    14 ms a switch, 30 s of the matrices' time. The matrices test what each user may reach, not logging in."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
