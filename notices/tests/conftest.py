import pytest

from notices.tests.fake_gateway import FakeGateway


@pytest.fixture
def gateway():
    fake = FakeGateway()
    yield fake
    fake.close()


@pytest.fixture(autouse=True)
def daytime(settings):
    """Quiet hours off, so a test sends whatever the hour of its run (the suite once failed after 21:00
    WITA); the tests of quiet hours set them again."""
    settings.NOTICE_QUIET_FROM = settings.NOTICE_QUIET_UNTIL = 0


@pytest.fixture
def notice_files(settings, tmp_path):
    settings.NOTICE_PROVIDER = "file"
    settings.NOTICE_FILE_DIR = str(tmp_path / "notices")
    return tmp_path / "notices"
