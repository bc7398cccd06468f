"""The public lookup's limits, counted in Redis so every app process and server shares them.

Fixed windows: the first hit of a window creates its counter with the window as expiry, in the
same MULTI as the increment, so a crash cannot leave a counter that never expires. The keys sit
under the checkout's CELERY_KEY_PREFIX (parallel test runs on one Redis stay apart).
"""

import redis
from django.conf import settings


class LimitsUnavailable(Exception):
    """Redis did not answer: the lookup is refused rather than left unlimited."""


_client = None


def _redis() -> redis.Redis:
    global _client
    if _client is None:
        _client = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=2, socket_timeout=2)
    return _client


def hit(*, name: str, key: str, limit: int, window_seconds: int) -> bool:
    """Count one hit on ``name:key``; True while the count is within ``limit``."""
    full_key = f"{settings.CELERY_KEY_PREFIX}{settings.PUBLIC_LIMITS_KEY_PREFIX}{name}:{key}"
    try:
        pipe = _redis().pipeline(transaction=True)
        pipe.set(full_key, 0, ex=window_seconds, nx=True)
        pipe.incr(full_key)
        _, count = pipe.execute()
    except redis.RedisError as exc:
        raise LimitsUnavailable from exc
    return count <= limit
