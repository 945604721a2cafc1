"""Imported by the batch fork server before it forks any worker: importing it loads the models.

multiprocessing's fork server can only import modules it is told to preload, not call a function,
so this module's one job is that import-time call. Workers forked afterwards find every model
loaded (``core.warm_up`` runs once per process) and share its memory copy-on-write.
"""

from __future__ import annotations

from . import _warm_up

_warm_up()
