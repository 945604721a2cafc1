"""brief's version: one place, read by the package, the User-Agent, ``--version`` and the build."""

__version__ = "0.1.0"
