"""Run one piece of work in a forked child process, with a memory limit.

A document is never parsed in the process that collects the results: a C
library that crashes on it (pdfium aborting, a segmentation fault) or a
document that needs more memory than allowed takes down only the child, and
the parent reports that file in one line and goes on with the others.

The memory limit is ``RLIMIT_AS`` set in the child: the address space it
already has (the loaded rules and model, shared with the parent) plus
``max_memory``. An allocation past it fails: Python raises ``MemoryError``
(reported by ``runner.check_one``), a C library usually aborts, which
``describe_death`` reports, from the child's exit status and peak memory, as
a memory problem rather than a crash.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from policylint.limits import format_size


def _statm(field: int) -> int:
    """Field ``field`` of /proc/self/statm in bytes (0 where it cannot be read)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[field]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def address_space() -> int:
    """This process's virtual memory size in bytes (0 where it cannot be read)."""
    return _statm(0)


def resident() -> int:
    """This process's resident memory in bytes (0 where it cannot be read)."""
    return _statm(1)


def start_child(max_memory: int) -> None:
    """Prepare a forked child: no crash dump of its own on standard error (a
    crash is reported by the parent in one line), and the memory limit."""
    import faulthandler

    faulthandler.disable()
    limit_memory(max_memory)


def limit_memory(max_memory: int) -> None:
    """Let this process grow by at most ``max_memory`` bytes (0: no limit)."""
    if max_memory <= 0:
        return
    try:
        import resource
    except ImportError:  # not on this system: no limit
        return
    used = address_space()
    if not used:
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = used + max_memory
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


@dataclass(frozen=True)
class Death:
    """How a child ended without handing back a result."""

    signal: int | None
    exit_code: int | None
    grown: int  # bytes its peak resident memory exceeded what it started with


def run_alone(work: Callable[[Any], Any], argument: Any, max_memory: int) -> Any:
    """``work(argument)`` in a forked child limited to ``max_memory``: its
    result, or a ``Death`` when the child ended without one. An exception
    ``work`` raises is raised here again (as a process pool does)."""
    start = resident()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        status = 70
        try:
            os.close(read_end)
            start_child(max_memory)
            try:
                outcome = (True, work(argument))
            except Exception as exc:  # noqa: BLE001 - raised again in the parent, as a pool does
                outcome = (False, exc)
            data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            status = 0
        except BaseException:  # noqa: BLE001 - the parent reports a child without a result
            pass
        finally:
            os._exit(status)
    os.close(write_end)
    try:
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
    finally:
        _, status, usage = os.wait4(pid, 0)
    if data and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
        ok, outcome = pickle.loads(data)
        if not ok:
            raise outcome
        return outcome
    grown = max(0, usage.ru_maxrss * 1024 - start)
    if os.WIFSIGNALED(status):
        return Death(signal=os.WTERMSIG(status), exit_code=None, grown=grown)
    return Death(signal=None, exit_code=os.WEXITSTATUS(status), grown=grown)


def describe_death(death: Death, max_memory: int) -> str:
    """One line for people on why a child checking a file gave no result."""
    if max_memory and (death.grown >= max_memory // 2 or death.signal == signal.SIGKILL):
        return (f"needed more memory than the limit of {format_size(max_memory)} per document "
                "(see --max-memory); not checked")
    if death.signal == signal.SIGKILL:
        return "the process checking this file was killed (the system may have run out of memory)"
    how = f"killed by {signal.Signals(death.signal).name}" if death.signal is not None \
        else f"exit status {death.exit_code}"
    return f"the process checking this file stopped unexpectedly ({how}; a library crashed on it)"
