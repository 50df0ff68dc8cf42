"""``python -m readaloud``: the same as the ``readaloud`` command."""

from .cli import main

main()
