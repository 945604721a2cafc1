"""``python -m brief`` runs the command line, as the ``brief`` script does."""

from .app import main

main()
