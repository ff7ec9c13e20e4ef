"""The HTML report in a real headless browser: the tables and the SVG chart are really drawn.

Needs Chromium (Debian: `apt-get install chromium`); skipped where there is none, so
CI without a browser still passes. Two checks:
- the DOM Chromium built (--dump-dom): the tables, their rows and the chart's bars;
- a screenshot: the chart's colours (done green, overdue red) are on the page in
  pixels, so the inline SVG was rendered, not just parsed.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import struct
import subprocess
import tempfile
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from gkcli.model import build
from gkcli.periods import Quarter
from gkcli.repo import load
from gkcli.reports import data as rd
from gkcli.reports import publish
from gkcli.reports.provenance import Provenance

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "sample-xuanhan"
CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome", "chrome") if shutil.which(n)), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium here (apt-get install chromium)")

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--force-device-scale-factor=1",
]


def chromium(*args: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, timeout=120, env={**os.environ, "LANG": "zh_CN.UTF-8"})


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    model = build(load(SAMPLE))
    rep = rd.quarterly(model, Quarter(2023, 3), dt.date(2023, 9, 30), Provenance("0123abcdef", False, "test"))
    path = tmp_path_factory.mktemp("html") / "q.html"
    path.write_bytes(publish.render(rep, "html", SAMPLE))
    return path, rep


class Dom(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: dict[str, int] = {}
        self.rects: list[dict] = []
        self.titled = 0

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        a = dict(attrs)
        if tag == "rect":
            self.rects.append(a)
        if a.get("class") == "fig" and (a.get("title") or "").startswith("来源：data/"):
            self.titled += 1


def test_dom_has_the_tables_and_the_chart(page):
    path, rep = page
    p = chromium("--dump-dom", path.as_uri())
    assert p.returncode == 0, p.stderr.decode(errors="replace")[-500:]
    dom = Dom()
    dom.feed(p.stdout.decode("utf-8"))
    assert dom.tags.get("table", 0) >= 5
    assert dom.tags.get("tr", 0) > len(rep.tasks)
    assert dom.tags.get("svg") == 1 and dom.tags.get("script", 0) == 0
    bars = [r for r in dom.rects if r.get("fill") == "#d32f2f" and r.get("height") != "12"]  # overdue segments (not the legend)
    assert len(bars) == sum(1 for r in rep.summary if r.level <= 1 and r.cells["overdue"].value)
    assert all(float(r["width"]) > 0 for r in bars)
    assert dom.titled > 50  # figures carry their source files


def read_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit RGB/RGBA PNG (what Chromium writes) into rows of pixels."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and color in (2, 6)
            bpp = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, bpp, rows


def test_screenshot_shows_the_chart(page, tmp_path):
    path, _ = page
    shot = tmp_path / "q.png"
    p = chromium(f"--screenshot={shot}", "--window-size=1200,900", path.as_uri())
    assert p.returncode == 0 and shot.is_file(), p.stderr.decode(errors="replace")[-500:]
    width, bpp, rows = read_png(shot.read_bytes())

    def count(rgb: tuple[int, int, int]) -> int:
        n = 0
        for row in rows:
            for x in range(0, width * bpp, bpp):
                if abs(row[x] - rgb[0]) < 8 and abs(row[x + 1] - rgb[1]) < 8 and abs(row[x + 2] - rgb[2]) < 8:
                    n += 1
        return n

    assert count((0xD3, 0x2F, 0x2F)) > 500  # overdue red bars
    assert count((0x2E, 0x7D, 0x32)) > 50  # done green
    assert count((0x8B, 0x1A, 0x1A)) > 300  # the red rules under the section headings
