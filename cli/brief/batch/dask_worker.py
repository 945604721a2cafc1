"""What runs on the workers of a Dask cluster for ``brief batch --scheduler``: the ``brief`` worker
plugin, which loads the models once per worker process, and ``brief_chunk``, the task that briefs a
chunk of inputs. They live in the package, not in ``__main__``, so Dask pickles them by reference and
every task of a worker process shares one set of models; the worker needs brief-news installed (and
distributed, which a worker has). The client's side is ``dask_backend``.
"""

from __future__ import annotations

import asyncio
import threading

from . import Outcome, Prepared, _warm_up, _WorkerSettings, brief_prepared

try:
    from distributed import WorkerPlugin
except ImportError:  # without the dask extra, batch refuses --scheduler before coming here
    WorkerPlugin = object  # type: ignore[assignment,misc]

# One chunk at a time per worker process, whatever its thread count: the models are shared by the
# process, and briefing is Python code, so more threads would only take turns (the lock also makes
# the first chunk wait until the plugin has loaded the models).
_ONE_AT_A_TIME = threading.Lock()


class BriefPlugin(WorkerPlugin):
    """Loads brief's models once in each worker process, before its first chunk, and relaxes the
    cycle collector as the pool's workers do (see ``runtime.relax_gc``). Registering it again, as
    every ``brief batch`` run does, changes nothing."""

    name = "brief"
    idempotent = True

    async def setup(self, worker) -> None:
        # Off the worker's event loop, which must keep answering the scheduler meanwhile.
        await asyncio.get_running_loop().run_in_executor(None, _load_models)


def _load_models() -> None:
    from ..runtime import relax_gc

    with _ONE_AT_A_TIME:
        _warm_up()
        relax_gc(freeze=True)


def brief_chunk(chunk: list[Prepared], settings: _WorkerSettings) -> list[Outcome]:
    """Brief each input of a chunk, rendering output files for the client to write. Never raises:
    a bad input is its own failure record."""
    with _ONE_AT_A_TIME:
        return [brief_prepared(ready, settings, write=False) for ready in chunk]
