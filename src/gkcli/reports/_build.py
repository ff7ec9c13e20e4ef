"""Build step (setuptools cmdclass, see pyproject.toml): ship the top-level templates/ inside the package.

The built-in report templates live in the project's top-level `templates/` (where
people look for them); a wheel must carry them, so `build_py` copies them to
`gkcli/_templates/` in the build, and `sdist` adds them to the source archive
(so a wheel built from the sdist has them too). At run time
`gkcli.reports.templating.builtin_dir()` finds `gkcli/_templates/` in an installed
copy and the top-level `templates/` in a source checkout (editable install).

Imported by setuptools at build time only: nothing here runs when gk runs.
"""

from __future__ import annotations

import os

from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

SOURCE = "templates"
TARGET = ("gkcli", "_templates")


def _files(root: str) -> list[str]:
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        out += [os.path.join(dirpath, f) for f in sorted(filenames) if not f.startswith(".")]
    return out


class BuildPy(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):  # an editable install reads templates/ in place
            return
        target = os.path.join(self.build_lib, *TARGET)
        for f in _files(SOURCE):
            out = os.path.join(target, os.path.relpath(f, SOURCE))
            self.mkpath(os.path.dirname(out))
            self.copy_file(f, out)


class Sdist(sdist):
    def make_distribution(self) -> None:
        self.filelist.extend(_files(SOURCE))
        super().make_distribution()
