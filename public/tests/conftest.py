import uuid

import pytest


@pytest.fixture(autouse=True)
def fresh_limits(settings):
    """Each test counts its lookups under its own Redis keys: no test inherits another's hits."""
    settings.PUBLIC_LIMITS_KEY_PREFIX = f"uep:public:test-{uuid.uuid4().hex}:"
