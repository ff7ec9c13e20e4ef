"""One module per command; each exposes `register(app)`.

Modules here import only typer at start-up: the work is imported inside the
command function, so `gk --help` stays light."""

# the order here is the order in `gk --help`
NAMES = ["status", "lint", "report", "progress", "init", "import_", "export", "schema"]
