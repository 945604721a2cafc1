"""The scripts that measure brief's figures; run each as ``python -m benchmarks.NAME``."""
