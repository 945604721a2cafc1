"""The scripts that make every file in ``cli/brief/models/``; run each as ``python -m training.NAME``."""
