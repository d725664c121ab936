"""Run one function on untrusted input in a child process that the kernel holds to a memory and a CPU limit.

Checking an uploaded file means running big parsers written in C (qpdf, libjpeg, libpng, zlib) on bytes that
anyone may have crafted. Our own code caps every decompression it does itself (see :mod:`coldcase.tips.pdfstreams`
and :mod:`coldcase.tips.photos`), but a parser can still decide to inflate something on its own (qpdf reads a whole
object stream before it parses the objects in it) or loop for a long time. So the check runs in a forked child
with ``RLIMIT_AS`` (address space: the child's own size at the fork plus ``memory_bytes``) and ``RLIMIT_CPU``
(``cpu_seconds``), and the parent waits at most ``wall_seconds``: whatever the file does, the worker that serves
tips never grows, and the child is gone when the answer is in. Forking costs a few milliseconds (nothing is
imported again: the child is a copy of the worker).

No Flask here: the caller passes the limits.
"""

from __future__ import annotations

import os
import pickle
import resource
import select
import signal
import time
from collections.abc import Callable
from typing import Any


class LimitExceeded(Exception):
    """The child ran out of memory or time, or died; the input is to be refused as too costly to check."""


def available() -> bool:
    """True where a child can be forked and held to limits (Linux: the child's base size is read from /proc)."""
    return hasattr(os, "fork") and os.path.exists("/proc/self/status")


def _lower(kind: int, value: int, hard_extra: int = 0) -> None:
    """Set the resource limit ``kind`` to ``value`` (soft) and ``value + hard_extra`` (hard), never above the
    hard limit that is already there (raising it is not ours to do)."""
    _, hard = resource.getrlimit(kind)
    if hard != resource.RLIM_INFINITY:
        value, hard_extra = min(value, hard), 0 if value >= hard else min(hard_extra, hard - value)
    resource.setrlimit(kind, (value, value + hard_extra))


def _own_address_space() -> int:
    """This process's virtual size in bytes (``VmSize``), the base for the child's ``RLIMIT_AS``."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    raise OSError("no VmSize in /proc/self/status")


def _child(write_end: int, function: Callable, args: tuple, memory_bytes: int, cpu_seconds: int) -> None:
    """In the child: set the limits, run, send back ``("ok", result)`` or ``("raised", exception)``, exit."""
    status = 0
    try:
        # The worker's own handlers (gunicorn's graceful stop, for one) make no sense here: default them.
        for number in (signal.SIGTERM, signal.SIGINT, signal.SIGQUIT, signal.SIGHUP, signal.SIGUSR1,
                       signal.SIGUSR2, signal.SIGWINCH, signal.SIGCHLD):
            signal.signal(number, signal.SIG_DFL)
        _lower(resource.RLIMIT_AS, _own_address_space() + memory_bytes)
        # SIGXCPU at the soft limit ends the child; the hard limit (one second later) is the kernel's SIGKILL.
        _lower(resource.RLIMIT_CPU, cpu_seconds, hard_extra=1)
        try:
            answer = ("ok", function(*args))
        except MemoryError:
            answer = ("limit", "memory")
        except Exception as error:  # noqa: BLE001  (handed to the parent, which re-raises it)
            answer = ("raised", error)
        try:
            payload = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001  (an exception that does not pickle)
            payload = pickle.dumps(("raised", RuntimeError(type(answer[1]).__name__)))
        view = memoryview(payload)
        while view:
            view = view[os.write(write_end, view):]
    except BaseException:  # noqa: BLE001  (nothing may escape the child: it must never run the parent's code)
        status = 1
    finally:
        os._exit(status)


#: How often the parent looks at the child's own memory (seconds).
WATCH_SECONDS = 0.02


def _private_bytes(pid: int) -> int:
    """The memory the child has written itself (``Private_Dirty``): pages it shares with its parent do not count,
    a page of the parent's free heap that it reuses does. 0 once the child is gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Private_Dirty:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _read_all(read_end: int, pid: int, wall_seconds: float, memory_bytes: int) -> bytes:
    deadline = time.monotonic() + wall_seconds
    chunks = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            os.kill(pid, signal.SIGKILL)
            raise LimitExceeded("time")
        ready, _, _ = select.select([read_end], [], [], min(left, WATCH_SECONDS))
        if not ready:
            # The address-space limit binds only new mappings: a worker that once decoded a large image keeps
            # that free heap mapped, and a child may fill it without asking for more. Its written pages tell.
            if _private_bytes(pid) > memory_bytes:
                os.kill(pid, signal.SIGKILL)
                raise LimitExceeded("memory")
            continue
        chunk = os.read(read_end, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def run(function: Callable, *args: Any, memory_bytes: int, cpu_seconds: int, wall_seconds: float) -> Any:
    """``function(*args)`` computed in a child held to the limits; returns its result or re-raises its exception.

    Raises :class:`LimitExceeded` when the child needs more address space than its own plus ``memory_bytes``,
    more than ``cpu_seconds`` of CPU, or more than ``wall_seconds`` in all, or dies otherwise. ``function``, its
    arguments and its result must pickle (the result and any exception come back through a pipe).
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover  (the child; coverage does not follow it)
        os.close(read_end)
        _child(write_end, function, args, memory_bytes, cpu_seconds)
    os.close(write_end)
    try:
        payload = _read_all(read_end, pid, wall_seconds, memory_bytes)
    finally:
        os.close(read_end)
        _, status = os.waitpid(pid, 0)
    if not payload or not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        reason = "time" if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL) \
            else "died"
        raise LimitExceeded(reason)
    kind, value = pickle.loads(payload)  # noqa: S301  (our own child's answer, through our own pipe)
    if kind == "ok":
        return value
    if kind == "limit":
        raise LimitExceeded(value)
    raise value
