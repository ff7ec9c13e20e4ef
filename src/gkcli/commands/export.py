"""gk export: not written yet (see its issue)."""

import typer


def register(app: typer.Typer) -> None:
    pass
