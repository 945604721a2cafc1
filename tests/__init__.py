"""brief's test suite: a package, so tests share ``tests.helpers`` and import benchmark scripts."""
