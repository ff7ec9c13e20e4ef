"""gk init: a new, working data repo that lints clean.

Writes gk.toml, a units file skeleton, an empty plan, data/progress/, the
pre-commit hook and CI workflow that run `gk lint`, a .gitignore, editor settings
for the JSON Schemas (generated into .gk/schema), and runs `git init`. Refuses
when any of those files already exists: it never overwrites.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
from pathlib import Path

from ..errors import GkError
from . import atomic
from . import schema as sc

SCHEMA_DIR = sc.SCHEMA_DIR


def _toml_string(s: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's (a quote or backslash in a name stays one)."""
    import json

    return json.dumps(s, ensure_ascii=False)


def gk_toml(county: str | None, office: str | None) -> str:
    c = f"county = {_toml_string(county)}" if county else '# county = "某某县"'
    o = f"office = {_toml_string(office)}" if office else '# office = "某某县人民政府办公室"'
    return f"""\
# gk 的设置（TOML）。全部可选；改动后运行 gk lint 检查。
# 县（市、区）名称，报告中使用
{c}
# 报告的发文机关
{o}
# 到期前多少天算“临期”（默认 30）
# due_soon_days = 30
# 季度结束后多少天内仍可报送该季度进度（默认 10：第三季度的进度在 10 月 10 日前报送）
# report_window_days = 10
"""


UNITS = """\
# 责任单位与单位分组。一个单位一条：name 是文件中使用的简称（在单位与分组中唯一），
# full_name 是全称，aliases 是文件中出现过的其他写法（单位更名后旧名也写在这里）。
# kind：department 政府工作部门 | township 乡镇 | street 街道 | vertical 垂直管理
#       | party 党委部门 | institution 事业单位 | office 议事协调/内设机构 | other 其他
# 示例在 units: 与 groups: 下面，去掉行首的 # 即可使用（列表写在冒号后的下一行起）。
units:
#   - name: 县财政局
#     full_name: 某某县财政局
#     kind: department
#   - name: 某某镇
#     full_name: 某某县某某镇人民政府
#     kind: township
#   - name: 县粮食局  # 撤销或并入其他单位（机构改革）的单位仍写在这里：旧文件中的名称照样识别
#     kind: department
#     ends_on: 2024-03-31  # 可选：撤销的日期（最后一天）；此后它不再承担任务、不再报送进度
#     successor: 县财政局  # 可选：承接其工作的单位（没有就不写）
#   - name: 县数据局  # 机构改革中新组建的单位
#     kind: department
#     starts_on: 2024-04-01  # 可选：成立的日期（第一天）；此前的季度不要求它报送，此前的方案不经分组派给它任务
# 分组：members 为单位（或分组）名称列表，或 {kind: [township, street]}（这些类别的所有单位）。
groups:
#   - name: 各乡镇人民政府、街道办事处
#     aliases: [各乡镇（街道）]
#     members: {kind: [township, street]}
"""


def example_plan(county: str | None, office: str | None) -> str:
    from .yamltext import scalar

    issued_by = f"\n  issued_by: {scalar(office)}" if office else ""
    return f"""\
# 方案与任务：一个方案一个文件，文件名即方案编号。
# 可以用 gk import 任务分解表.docx --plan 编号 从 Word/Excel 表格导入，不必手写。
# 本文件是一个空方案，可以改写为真实方案，或删除。
# 任务示例在 tasks: 下面，去掉行首的 # 即可使用；units 的第一个为牵头单位。
plan:
  id: example
  title: 示例方案（请改为真实方案）{issued_by}
  # issued_on: 2024-03-01  # 可选：印发日期（不写年份的时限按它的年份）
  # ends_on: 2024-12-31  # 可选：方案结束日期（此后周期任务不再有新的一期，也不再要求报送进度）
tasks:
#   - id: example-01
#     category: 深化行政决策公开
#     title: 推行重大行政决策预公开
#     detail: 通过政府网站等方式及时向公众预公开
#     units: [县财政局, 各乡镇（街道）]
#     others: 等县级有关部门
#     deadline: 2024年6月底前
"""


def install_spec() -> str | None:
    """How a CI runner installs this gk: the git repository and commit it was installed
    from (PEP 610); None when that is not known (an editable or local install: the
    workflow then asks for GK_INSTALL). Never a bare package name (gkcli is not on PyPI,
    and a name nobody holds there is one anybody could take), nor a version tag (gk's
    repository has none yet)."""
    try:
        import json
        from importlib.metadata import distribution

        direct = json.loads(distribution("gkcli").read_text("direct_url.json") or "null")
    except Exception:
        direct = None
    vcs = direct.get("vcs_info") if isinstance(direct, dict) else None
    if isinstance(vcs, dict) and vcs.get("commit_id") and str(direct.get("url", "")).startswith("http"):  # type: ignore[union-attr]
        return f"gkcli @ git+{direct['url']}@{vcs['commit_id']}"  # type: ignore[index]
    return None


def precommit() -> str:
    # gk's own hook definition, run with the gk installed on this machine: nothing to pin, and
    # nothing that needs a tag of gk's repository
    hook = """\
  - repo: local
    hooks:
      - id: gk-lint
        name: gk lint（政务公开数据检查）
        entry: gk lint
        # 只检查这次提交暂存的内容（git add 过的，按暂存的样子）：pre-commit 不把未跟踪的草稿藏起来，
        # 不加 --staged 时它们也会挡住提交。别处原有的问题不挡提交；改动在别处引起的问题、改了已截止季度的进度（GK407）照样挡。
        # 整个仓库的检查由 CI 运行（或手动 gk lint）；多个县的汇总仓库（gk.toml 中有 workspace）请删去这一行
        args: [--staged]
        language: system          # 用本机已安装的 gk（pip install 后 gk 命令可用）
        files: ^(data/|gk\\.toml$)
        pass_filenames: false
        always_run: true          # 只删除文件的提交也检查（删掉仍被引用的单位）
"""
    return f"""\
# pre-commit：每次提交前运行 gk lint。启用：pip install pre-commit && pre-commit install
repos:
{hook}"""


def workflow() -> str:
    spec = install_spec()
    if spec:
        install = f"""\
      - name: 安装 gk
        run: pip install '{spec}'
"""
    else:
        install = """\
      # 安装 gk：在仓库的 Settings → Secrets and variables → Actions → Variables 中设置 GK_INSTALL，
      # 写安装 gk 的来源，如 gkcli @ git+https://…/gk.git@<完整提交哈希>（或内部镜像上的包、wheel 文件的网址）
      - name: 安装 gk
        env:
          GK_INSTALL: ${{ vars.GK_INSTALL }}
        run: |
          if [ -z "$GK_INSTALL" ]; then
            echo "::error::请先设置仓库变量 GK_INSTALL（安装 gk 的来源），见本文件中的说明"
            exit 1
          fi
          pip install "$GK_INSTALL"
"""
    return f"""\
# 每个合并请求（pull request）都运行 gk lint：有错误时不能合并，
# 问题以注释形式标在“Files changed”中对应的行上。
name: gk
on:
  pull_request:
  push:
    branches: [main, master]
jobs:
  lint:
    name: gk lint                   # 分支保护中“必须通过的检查”选这个名字
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0            # --base 需要基准分支的历史
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
{install}      # 合并请求：只报告本次改动的文件（及改动在别处引起的问题），并检查已截止季度的进度未被改动（GK407）；
      # 推送到主分支：检查整个仓库
      - name: gk lint
        env:
          BASE: ${{{{ github.base_ref }}}}
        run: |
          if [ -n "$BASE" ]; then
            gk lint --format github --base "origin/$BASE"
          else
            gk lint --format github
          fi
"""


GITIGNORE = """\
# gk 生成的文件（JSON Schema 等，可随时用 gk schema -o .gk/schema 重新生成）
.gk/
# gk export 导出的台账（默认文件名）与临时文件
/台账*.xlsx
~$*.xlsx
*.tmp
"""


def vscode_settings() -> str:
    mapping = {f"./{SCHEMA_DIR}/{name}": glob for name, glob in sc.file_globs().items()}
    return json.dumps({"yaml.schemas": mapping, "files.encoding": "utf8", "files.eol": "\n"}, ensure_ascii=False, indent=2) + "\n"


def files(county: str | None, office: str | None) -> dict[str, str]:
    """Repo-relative path → content of every file init writes."""
    return {
        "gk.toml": gk_toml(county, office),
        "data/units/units.yaml": UNITS,
        "data/tasks/example.yaml": example_plan(county, office),
        "data/progress/.gitkeep": "",
        ".pre-commit-config.yaml": precommit(),
        ".github/workflows/gk.yml": workflow(),
        ".gitignore": GITIGNORE,
        ".vscode/settings.json": vscode_settings(),
    }


def init(root: Path, county: str | None = None, office: str | None = None) -> tuple[list[str], str]:
    """Create the repo under `root`; (files written, a note on git)."""
    if county and not office:
        office = f"{county}人民政府办公室"
    if root.exists() and not root.is_dir():
        raise GkError(f"{root} 已存在且不是目录", "换一个目录名")
    content = files(county, office)
    present = [rel for rel in content if os.path.lexists(root / rel)]  # a dangling symlink is somebody's too
    resumed: list[str] = []
    if present and len(present) < len(content) and _left_by_an_interrupted_init(root, content, present):
        # a gk init killed halfway (kill -9, a closed laptop) left some of its files, each exactly as it
        # writes them: finish it (nothing of anybody's is touched) instead of refusing a half-made repo
        resumed, present = present, []
        content = {rel: text for rel, text in content.items() if rel not in resumed}
    for rel in ("data/units", "data/tasks"):
        d = root / rel
        if d.is_dir() and any(p.suffix in (".yaml", ".yml") and f"{rel}/{p.name}" not in resumed for p in d.iterdir()):
            present.append(rel + "/")
    if present:
        shown = f"{'、'.join(present[:4])}{'等' if len(present) > 4 else ''}"
        if any(rel == "gk.toml" or rel.startswith("data/") for rel in present):  # gk's own settings or data: a repo
            raise GkError(f"{root} 已经是数据仓库（已有 {shown}），未做任何改动", "gk init 不会覆盖已有文件；换一个空目录，或直接在该仓库中工作")
        # a folder with a .gitignore (a new hosted repo cloned, with its README) is no data repo: say what is in the way
        raise GkError(f"{root} 不是空目录：已有与 gk init 要生成的文件同名的 {shown}，未做任何改动",
                      "gk init 不会覆盖已有文件；把这些文件移走或改名后重新运行（gk init 会生成它们），或换一个空目录")
    for rel in content:  # a folder on the way (data/) may be a link out of the new repo: nothing is written there
        atomic.confine(root, root / rel)
    made = [d for d in _folders(root, [*content, f"{SCHEMA_DIR}/x"]) if not os.path.lexists(d)]  # to take back on failure
    written: list[str] = []
    try:
        for rel, text in content.items():
            atomic.create(root / rel, text.encode("utf-8"))
            written.append(rel)
        for kind in sc.kinds():
            rel = f"{SCHEMA_DIR}/{sc.filename(kind)}"
            atomic.replace(root / rel, sc.dumps(sc.generate(kind)).encode("utf-8"))
            written.append(rel)
        git_note = _git_init(root)
    except BaseException:  # all or nothing (disk full, no permission): a failed init must not block the next one
        for rel in reversed(written):
            with contextlib.suppress(OSError):
                (root / rel).unlink()
        for d in sorted(made, key=lambda p: len(p.parts), reverse=True):
            with contextlib.suppress(OSError):
                d.rmdir()  # only when empty: nothing of anybody else's goes
        raise
    if resumed:
        git_note = f"补全了上次中断的 gk init（已有的 {len(resumed)} 个文件与它生成的相同，未改动）；{git_note}"
    return written[: len(content)], git_note


def _left_by_an_interrupted_init(root: Path, content: dict[str, str], present: list[str]) -> bool:
    """Is every file of `content` that is there byte for byte what gk init writes (with these options),
    and no other YAML file in data/units or data/tasks? Then an init stopped halfway made them."""
    for rel in present:
        try:
            if (root / rel).is_symlink() or (root / rel).read_bytes() != content[rel].encode("utf-8"):
                return False
        except OSError:
            return False
    for folder in ("data/units", "data/tasks"):
        d = root / folder
        if d.is_dir() and any(p.suffix in (".yaml", ".yml") and f"{folder}/{p.name}" not in content for p in d.iterdir()):
            return False
    return True


def _folders(root: Path, rels: list[str]) -> list[Path]:
    """`root` and every folder on the way to the files `rels`, each once, outermost first."""
    out: dict[Path, None] = {root: None}
    for rel in rels:
        for parent in reversed(Path(rel).parents[:-1]):
            out.setdefault(root / parent, None)
    return list(out)


def _git_init(root: Path) -> str:
    if (root / ".git").exists():
        return "已是 git 仓库"
    if shutil.which("git") is None:
        return "未找到 git：请安装 git 后在该目录运行 git init"
    inside = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=root, capture_output=True, text=True, encoding="utf-8", errors="replace")
    if inside.returncode == 0 and inside.stdout.strip():  # a repo inside another would leave the data out of it
        return f"位于已有的 git 仓库（{inside.stdout.strip()}）中，未另建仓库；如需单独的数据仓库，在该仓库之外运行 gk init"
    r = subprocess.run(["git", "init", "-q"], cwd=root, capture_output=True, text=True, encoding="utf-8", errors="replace")
    if r.returncode != 0:  # (disk full): a half-made .git would make the next gk init refuse
        shutil.rmtree(root / ".git", ignore_errors=True)
        raise GkError(f"git init 失败，未创建数据仓库：{r.stderr.strip()}", "检查磁盘空间与权限后重新运行 gk init")
    # file names are Chinese: git status/commit show them as written, not as "\345\216\277…"
    subprocess.run(["git", "config", "core.quotepath", "false"], cwd=root, capture_output=True)
    return "已运行 git init"
