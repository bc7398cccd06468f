"""Login lockout counts failures per (username, client address), the address read safely."""

import pytest

from uep.tests.factories import PASSWORD

LOGIN = "/akun/masuk/"


def fail_five_times(client, settings, **headers):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "petugas_smd", "password": "salah"}, **headers)


def logs_in(client, **headers) -> bool:
    response = client.post(LOGIN, {"username": "petugas_smd", "password": PASSWORD}, **headers)
    return response.status_code == 302


def test_without_a_proxy_a_forged_forwarded_header_is_ignored(client, users, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(settings.AXES_FAILURE_LIMIT):  # a new forged address each time does not dodge the lock
        client.post(LOGIN, {"username": "petugas_smd", "password": "salah"},
                    REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")

    assert not logs_in(client, REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR="198.51.100.200")
    assert logs_in(client, REMOTE_ADDR="203.0.113.10")


@pytest.mark.parametrize("proxies, attacker, officer", [
    (1, "203.0.113.66", "203.0.113.10"),
    # Two proxies (a load balancer, then nginx): the balancer's own hop is the last entry.
    (2, "203.0.113.66, 10.0.0.2", "203.0.113.10, 10.0.0.2"),
])
def test_behind_proxies_one_person_cannot_lock_an_account_for_everyone(client, users, settings, proxies, attacker,
                                                                      officer):
    settings.TRUSTED_PROXY_COUNT = proxies
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    fail_five_times(client, settings, HTTP_X_FORWARDED_FOR=attacker, **proxy)

    assert not logs_in(client, HTTP_X_FORWARDED_FOR=attacker, **proxy)
    assert logs_in(client, HTTP_X_FORWARDED_FOR=officer, **proxy)


def test_behind_a_proxy_an_address_the_client_prepends_is_not_believed(client, users, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    # The client sends its own X-Forwarded-For; the proxy appends the address it really saw.
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "petugas_smd", "password": "salah"},
                    HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.66", **proxy)

    assert not logs_in(client, HTTP_X_FORWARDED_FOR="198.51.100.99, 203.0.113.66", **proxy)
