"""User text (notes, names, titles, links) appears in every format exactly as written: it never
breaks a table, never turns into markup, and never triggers the Word writer's line markup."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "sample-xuanhan"

NOTE = "甲 | 乙 \\| 丙 C:\\路径 `码` 完"
LINKS = ["https://example.gov.cn/x?a=1|b=2", "docs/证明|材料`1`.pdf"]


@pytest.fixture
def sample(tmp_path):
    root = tmp_path / "sample"
    shutil.copytree(SAMPLE, root)
    f = root / "data/progress/2023Q3/县司法局.yaml"
    text = f.read_text(encoding="utf-8")
    entry = f"note: {json.dumps(NOTE, ensure_ascii=False)}\n    evidence: {json.dumps(LINKS, ensure_ascii=False)}"
    text = text.replace("note: 行政执法“三项制度”公示平台更新完成", entry, 1)
    f.write_text(text, encoding="utf-8")
    return root


def _row(html: str, word: str) -> list[str]:
    """The cells (inner HTML) of the rendered Markdown table row holding `word`."""
    for tr in html.split("<tr>"):
        if word in tr:
            return re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)
    raise AssertionError(f"no row with {word}")


def test_markdown_table_cells_hold_pipes_backslashes_and_links(gk, sample):
    p = gk("report", "--quarter", "2023Q3", "--data", str(sample))
    assert p.returncode == 0, p.stderr
    html = MarkdownIt("commonmark").enable("table").render(p.stdout)
    cells = _row(html, "甲 |")
    assert len(cells) == 5, cells  # 任务 | 状态 | 日期 | 情况说明 | 佐证: the row is not broken
    assert cells[3] == "甲 | 乙 \\| 丙 C:\\路径 `码` 完", cells[3]  # nothing read as markup
    assert '<a href="https://example.gov.cn/x?a=1%7Cb=2">https://example.gov.cn/x?a=1|b=2</a>' in cells[4], cells[4]
    assert "<code>docs/证明|材料`1`.pdf</code>" in cells[4], cells[4]
