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


class Item:
    def __init__(self, *marks):
        self.marks = list(marks)

    def get_closest_marker(self, name):
        return next((m for m in self.marks if m.name == name), None)

    def iter_markers(self):
        return iter(self.marks)

    def add_marker(self, mark):
        self.marks.append(mark.mark)


def test_a_test_on_a_committed_database_is_a_slow_kind_and_keeps_its_own_marker():
    from conftest import pytest_collection_modifyitems

    committed, rolled_back, crash = (Item(pytest.mark.django_db(transaction=True).mark), Item(pytest.mark.django_db.mark),
                                     Item(pytest.mark.crash.mark, pytest.mark.django_db(transaction=True).mark))
    pytest_collection_modifyitems(None, [committed, rolled_back, crash])

    assert committed.get_closest_marker("slow") is not None
    assert rolled_back.get_closest_marker("slow") is None
    assert [m.name for m in crash.marks] == ["crash", "django_db"]


@pytest.mark.django_db
def test_after_a_test_on_a_committed_database_the_regions_and_holidays_are_loaded_again(pytestconfig):
    from conftest import pytest_runtest_teardown
    from grievances.models import Holiday
    from regions.models import Kabupaten, Kecamatan, Kelurahan

    Kelurahan.objects.all().delete(), Kecamatan.objects.all().delete(), Kabupaten.objects.all().delete()
    Holiday.objects.all().delete()  # what the flush at the end of such a test leaves
    committed = Item(pytest.mark.django_db(transaction=True).mark)
    committed.config = pytestconfig

    teardown = pytest_runtest_teardown(committed, None)
    next(teardown)  # the test's own teardown (the flush) runs here
    next(teardown, None)

    assert Kabupaten.objects.count() == 10 and Kelurahan.objects.count() > 1000 and Holiday.objects.exists()


def test_every_apps_tests_are_in_the_suite():
    """pytest.ini's testpaths: an app's tests left out of it never run in `make test`."""
    import configparser
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    config = configparser.ConfigParser()
    config.read(root / "pytest.ini")
    listed = set(config["pytest"]["testpaths"].split())
    with_tests = {path.parent.parent.name for path in root.glob("*/tests/__init__.py")}
    assert with_tests - listed == set()
