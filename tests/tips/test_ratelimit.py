"""The rate limiter on Redis: shared counters that hold no address and expire on their own."""

from __future__ import annotations

import pytest

from coldcase.tips import ratelimit

REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def redis_client():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    client.flushdb()
    yield client
    client.flushdb()


def test_redis_counters_are_keyed_hashes_with_an_expiry(app, redis_client):
    app.config["REDIS_URL"] = REDIS_URL
    app.extensions.pop("coldcase.tips.ratelimit", None)
    limit = ratelimit.Limit("status", 2, 60)
    with app.test_request_context(environ_base={"REMOTE_ADDR": "198.51.100.23"}):
        assert [ratelimit.allow(limit) for _ in range(3)] == [True, True, False]
    keys = [key.decode() for key in redis_client.keys("*")]
    assert keys and not any("198.51.100.23" in key for key in keys)
    assert all(0 < redis_client.ttl(key) <= 3660 for key in keys)


def test_an_unreachable_redis_never_blocks_a_tip(app):
    app.config["REDIS_URL"] = "redis://127.0.0.1:9/0"
    app.extensions.pop("coldcase.tips.ratelimit", None)
    with app.test_request_context():
        assert ratelimit.allow(ratelimit.Limit("submit", 1, 60))
