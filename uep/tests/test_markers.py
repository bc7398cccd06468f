"""A slow test cannot hide in the fast core: one that starts a browser, a live server or a worker
without its marker fails before it runs."""

from types import SimpleNamespace

import pytest

from conftest import pytest_runtest_setup


def item(*fixtures, marks=()):
    return SimpleNamespace(nodeid="app/tests/test_x.py::test_y", fixturenames=list(fixtures),
                           iter_markers=lambda: [SimpleNamespace(name=m) for m in marks])


@pytest.mark.parametrize("fixture, marker", [("page", "browser"), ("live_server", "browser"),
                                             ("celery_worker", "worker"), ("celery_worker", "crash")])
def test_a_slow_fixture_with_its_marker_runs(fixture, marker):
    pytest_runtest_setup(item("db", fixture, marks=[marker, "django_db"]))


@pytest.mark.parametrize("fixture", ["page", "live_server", "celery_worker"])
def test_a_slow_fixture_without_a_marker_fails_and_says_which_to_add(fixture):
    with pytest.raises(pytest.fail.Exception, match=f"uses `{fixture}` but is not marked @pytest.mark"):
        pytest_runtest_setup(item("db", fixture, marks=["django_db"]))


def test_a_browser_needs_the_browser_marker_not_another_slow_one():
    with pytest.raises(pytest.fail.Exception, match="@pytest.mark.browser"):
        pytest_runtest_setup(item("page", marks=["worker"]))
