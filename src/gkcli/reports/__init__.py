"""gk report: the quarterly submission and the annual report.

- `data.py`: pure functions from the model (and the annual figures) to plain
  report data (dataclasses and dicts); every figure carries the files it came from.
- `provenance.py`: the data repo's git commit, as-of date and gk's version.
- `templating.py`: the ONE sandboxed Jinja environment (data repo's templates/
  first, then the built-in ones).
- `publish.py`: the output's extension picks the publisher: .md, .html, .docx.
- `docx_writer.py`: GB/T 9704 公文 layout with python-docx.
- `skeleton.py`: the annual figures skeleton with the official labels.

Nothing here is imported when gk starts: `commands/report.py` imports it inside
the command.
"""
