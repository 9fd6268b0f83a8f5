"""``python -m stackfit``: the same CLI as the ``stackfit`` command."""

from stackfit.cli import main

main()
