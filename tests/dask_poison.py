"""Test-only: a Dask worker preload (``dask worker --preload tests.dask_poison``) that makes an
article holding ``POISON`` kill the worker process briefing it, as a crash in a C extension or the
OOM killer would. It wraps the function the worker task calls, so brief itself has no such hook."""

from __future__ import annotations

import os
import signal

from brief.batch import dask_worker

POISON = "Poison pill for the Dask tests: the worker that reads this sentence dies."
_brief_prepared = dask_worker.brief_prepared


def _dies_on_poison(ready, settings, **keywords):
    data = ready.data
    if data is None:
        with open(ready.read_from or ready.task.path, "rb") as handle:
            data = handle.read()
    if POISON.encode() in data:
        os.kill(os.getpid(), signal.SIGKILL)
    return _brief_prepared(ready, settings, **keywords)


dask_worker.brief_prepared = _dies_on_poison
