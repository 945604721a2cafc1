"""``python -m brief`` runs the command line, as the ``brief`` script does."""

from .runtime import main

main()
