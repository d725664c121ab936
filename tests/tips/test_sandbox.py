"""The sandbox: a child held to memory, CPU and wall-time limits, whose result or error comes back."""

from __future__ import annotations

import os
import time

import pytest

from coldcase.tips import sandbox

LIMITS = {"memory_bytes": 64 * 1024 * 1024, "cpu_seconds": 1, "wall_seconds": 10.0}


def test_the_result_comes_back_from_the_child():
    assert sandbox.run(lambda a, b: (a + b, os.getpid()), 2, 3, **LIMITS)[0] == 5
    assert sandbox.run(lambda: os.getpid(), **LIMITS) != os.getpid()


def test_an_error_in_the_child_is_raised_in_the_parent():
    def fail():
        raise ValueError("too_complex")

    with pytest.raises(ValueError, match="too_complex"):
        sandbox.run(fail, **LIMITS)


def test_a_child_that_asks_for_more_memory_than_allowed_is_stopped():
    with pytest.raises(sandbox.LimitExceeded, match="memory"):
        sandbox.run(lambda: len(bytearray(256 * 1024 * 1024)), **LIMITS)
    # 32 MB beyond the worker's own size is within the limit
    assert sandbox.run(lambda: len(bytearray(32 * 1024 * 1024)), **LIMITS) == 32 * 1024 * 1024


def test_a_child_that_spins_is_stopped_after_its_cpu_seconds():
    def spin():
        while True:
            pass

    started = time.process_time()
    with pytest.raises(sandbox.LimitExceeded, match="time"):
        sandbox.run(spin, **LIMITS)
    assert time.process_time() - started < 0.5  # the parent only waited


def test_a_child_that_hangs_is_killed_after_the_wall_time():
    started = time.monotonic()
    with pytest.raises(sandbox.LimitExceeded, match="time"):
        sandbox.run(time.sleep, 30, **{**LIMITS, "wall_seconds": 0.5})
    assert time.monotonic() - started < 5
