"""Rate limits per client that keep no lasting identifier.

A client is counted under a keyed hash (HMAC-SHA256) of its address. The key is random, lives only in memory (or
in Redis with a one-hour expiry, so that the workers share it) and is replaced every hour; counters expire with
their window. The address itself is never stored or logged, and after an hour nobody, not even someone holding
the server, can link a counter to an address.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass

from flask import current_app, request

_KEY_SECONDS = 3600


@dataclass(frozen=True)
class Limit:
    """At most ``count`` requests per ``seconds`` for one client, counted under ``name``."""

    name: str
    count: int
    seconds: int


class MemoryBackend:
    """Counters in this process (one worker); used when no Redis is configured."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key = secrets.token_bytes(32)
        self._key_hour = int(time.time() // _KEY_SECONDS)
        self._counters: dict[str, tuple[int, float]] = {}

    def key(self) -> bytes:
        hour = int(time.time() // _KEY_SECONDS)
        with self._lock:
            if hour != self._key_hour:
                # New key, and the old counters can no longer be reached: forget them.
                self._key, self._key_hour, self._counters = secrets.token_bytes(32), hour, {}
            return self._key

    def hit(self, bucket: str, seconds: int) -> int:
        now = time.monotonic()
        with self._lock:
            count, expires = self._counters.get(bucket, (0, 0.0))
            if expires <= now:
                count, expires = 0, now + seconds
            count += 1
            self._counters[bucket] = (count, expires)
            if len(self._counters) > 50_000:  # keep memory bounded under a flood
                self._counters = {k: v for k, v in self._counters.items() if v[1] > now}
            return count


class RedisBackend:
    """Counters in Redis, shared by all workers; keys and counters expire on their own."""

    def __init__(self, url: str) -> None:
        import redis

        self._redis = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)

    def key(self) -> bytes:
        hour = int(time.time() // _KEY_SECONDS)
        name = f"coldcase:ratelimit:key:{hour}"
        # The first worker of the hour sets the key; the others read it. It vanishes after the hour.
        self._redis.set(name, secrets.token_bytes(32), nx=True, ex=_KEY_SECONDS + 60)
        return self._redis.get(name)

    def hit(self, bucket: str, seconds: int) -> int:
        name = f"coldcase:ratelimit:{bucket}"
        pipe = self._redis.pipeline()
        pipe.incr(name)
        pipe.expire(name, seconds, nx=True)
        count, _ = pipe.execute()
        return int(count)


def _backend():
    app = current_app._get_current_object()
    backend = app.extensions.get("coldcase.tips.ratelimit")
    if backend is None:
        url = app.config.get("REDIS_URL")
        backend = app.extensions.setdefault("coldcase.tips.ratelimit", RedisBackend(url) if url else MemoryBackend())
    return backend


def client_bucket(limit: Limit, key: bytes) -> str:
    """The counter name for the current client under ``limit``: a keyed hash, never the address."""
    address = (request.remote_addr or "").encode()
    digest = hmac.new(key, address, hashlib.sha256).hexdigest()[:32]
    return f"{limit.name}:{digest}"


def allow(limit: Limit) -> bool:
    """Count one request of the current client against ``limit``; False once the limit is passed.

    If Redis cannot be reached the request is allowed: a tip must not be refused because a counter is down.
    """
    backend = _backend()
    try:
        key = backend.key()
        return backend.hit(client_bucket(limit, key), limit.seconds) <= limit.count
    except Exception as error:  # noqa: BLE001  (any Redis failure)
        current_app.logger.warning("rate limit store unavailable (%s); request allowed", error.__class__.__name__)
        return True


def configured(name: str) -> Limit:
    """The limit ``name`` (``submit`` or ``status``) from ``TIPS_RATE_LIMITS``, e.g. ``{"submit": (10, 600)}``."""
    defaults = {"submit": (10, 600), "status": (10, 600)}
    count, seconds = {**defaults, **current_app.config.get("TIPS_RATE_LIMITS", {})}[name]
    return Limit(name, int(count), int(seconds))
