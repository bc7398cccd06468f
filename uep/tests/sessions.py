"""Switching the test client between users many times a test (the every-URL matrices)."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY


def session_create(user) -> str:
    """A session of ``user`` written directly, its key: what ``force_login`` leaves, without the login
    itself (its signals: the lockout log, the last login, a new session), which cost 14 ms a switch, 30 s
    of the matrices' time. The matrices test what each user may reach, not logging in."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return session.session_key


def session_login(client, user) -> None:
    client.cookies[settings.SESSION_COOKIE_NAME] = session_create(user)


class RoleSessions:
    """One session per user for a test's hundreds of role switches: only its cookie is set at a switch. A
    session that a request ended or renewed (a logout, a password change: its cookie changed) is written
    anew at the user's next turn. ``keys`` (user id -> session key) may come from sessions written before
    the test, in the same transaction."""

    def __init__(self, client, keys=None):
        self.client, self.keys, self.current = client, dict(keys or {}), None

    def use(self, user) -> None:
        self._forget_ended()
        if user.pk not in self.keys:
            self.keys[user.pk] = session_create(user)
        self.client.cookies[settings.SESSION_COOKIE_NAME] = self.keys[user.pk]
        self.current = user.pk

    def anonymous(self) -> None:
        """No session, and no cookie another user's answer left (its messages)."""
        self._forget_ended()
        self.client.cookies.clear()
        self.current = None

    def _forget_ended(self) -> None:
        cookie = self.client.cookies.get(settings.SESSION_COOKIE_NAME)
        if self.current is not None and (cookie is None or cookie.value != self.keys.get(self.current)):
            self.keys.pop(self.current, None)
