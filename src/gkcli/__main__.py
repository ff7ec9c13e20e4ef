"""`python -m gkcli …`: the same as `gk …` (where the `gk` script is not on PATH)."""

from .cli import main

main()
