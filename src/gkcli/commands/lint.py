"""gk lint: check the data repo; the gate CI runs on every pull request."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Any, Optional

import typer

from .common import DataOpt_many, fresh_schemas, no_tasks


class Format(str, Enum):
    auto = "auto"
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"
    junit = "junit"
    markdown = "markdown"


# the 示例 section of the help (zh._Help.format_epilog): real command lines, never rewrapped
EXAMPLES = """
gk lint                              # 检查整个数据仓库
gk lint data/tasks/xh2023.yaml       # 只看这个文件中的问题
gk lint --fix --extend-select GK210  # 修复报告的问题，并把单位的别名统一为名称
gk lint --explain GK202              # 一条规则的说明与示例
"""

def _format_name(fmt: "Format", text_only: bool = False) -> str:
    """The output format: auto is github in GitHub Actions, else text; and text for what only
    text shows (--statistics, --diff, --explain, --list-rules): a command that works on a
    desktop must not be a usage error in CI's environment."""
    if fmt != Format.auto:
        return fmt.value
    if text_only:
        return "text"
    from ..lint import formats

    return formats.auto()


def lint(
    ctx: typer.Context,
    paths: Optional[list[str]] = typer.Argument(None, metavar="路径", help="只报告这些文件或目录中的问题（默认：整个数据仓库）", show_default=False),
    fmt: Format = typer.Option(Format.auto, "--format", "-f", help="输出格式：text 供人阅读；json；github（GitHub Actions 注释）；gitlab（GitLab 代码质量报告）；junit（GitLab/Jenkins 测试报告）；markdown 只用于 --list-rules（生成规则文档）。auto：在 GitHub Actions 中为 github（--statistics、--diff 等只输出文本的用法除外），否则为 text"),
    strict: Optional[bool] = typer.Option(None, "--strict/--no-strict", help="警告也算错误（退出码 1）；--no-strict 不论 gk.toml 的 [lint] strict", show_default=False),
    select: Optional[list[str]] = typer.Option(None, "--select", metavar="规则", help="只运行这些规则：代码、前缀或名称，逗号分隔，如 GK2,GK304", show_default=False),
    extend_select: Optional[list[str]] = typer.Option(None, "--extend-select", metavar="规则", help="在默认规则之外再运行这些规则，如 GK210", show_default=False),
    ignore: Optional[list[str]] = typer.Option(None, "--ignore", metavar="规则", help="不运行这些规则", show_default=False),
    severity: Optional[list[str]] = typer.Option(None, "--severity", metavar="规则=级别", help="改变规则的级别，如 GK403=warning", show_default=False),
    fix: bool = typer.Option(False, "--fix", help="自动修复所报告的问题中能安全修复的（只修复所选规则的，同 ruff）：进度文件中写成中文或大小写不同的状态（已完成 → done）、写法不同的日期（2023.9.25 → 2023-09-25）、大小写或补零不同的任务编号（GK105、GK402）；加 --extend-select GK210,GK211 时把单位和分组的别名统一为名称。只改相应的值，注释和格式不变；已截止季度的进度文件中已提交（git 的 HEAD 中已有）的内容不改（GK407），新补报的照常修复"),
    diff: bool = typer.Option(False, "--diff", help="只显示 --fix 会做的改动（统一 diff），不写文件；有改动时退出码为 1"),
    fix_deadlines: bool = typer.Option(False, "--fix-deadlines", help="与 --fix / --diff 一起用：把中文的固定日期时限改写为 ISO 日期（GK307）"),
    base: Optional[str] = typer.Option(None, "--base", metavar="版本", help="拉取请求模式：只报告自该 git 版本以来改动的文件，并检查已截止季度的进度没有被修改或删除（GK407）", show_default=False),
    list_rules: bool = typer.Option(False, "--list-rules", help="列出全部规则（--format json / markdown 可得机器可读的列表或文档）"),
    explain: Optional[str] = typer.Option(None, "--explain", metavar="规则", help="显示某条规则的说明与示例，如 GK202", show_default=False),
    output_file: Optional[str] = typer.Option(None, "--output-file", "-o", metavar="文件", help="把结果写入该文件，而不是标准输出", show_default=False),
    staged: bool = typer.Option(False, "--staged", help="提交前检查（pre-commit 钩子用）：只报告暂存区中改动的文件及其在别处引起的问题，并检查已截止季度的进度没有被修改或删除（GK407）；没有 git add 的文件不算"),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="有错误也以退出码 0 结束（只看结果、不阻止合并时用；同 ruff）"),
    statistics: bool = typer.Option(False, "--statistics", help="只列出每条规则的问题数，多的在前（同 ruff --statistics）"),
    data: Optional[list[str]] = DataOpt_many,
) -> None:
    """检查数据仓库：文件格式、单位名称、任务、进度与标准目录。

    退出码：0 没有问题或只有警告；1 有错误（--strict 时警告也算）；2 用法错误。
    给出多个 --data（或 gk.toml 中 workspace 列出各县仓库）时逐县检查，路径前加上各县目录。"""
    from ..errors import GkError
    from ..lint import formats, registry

    def emit(s: str) -> None:
        if output_file and output_file != "-":  # -: the screen, as gk import -o -
            from ..errors import os_reason
            from ..repo import settings_or_data
            from ..write import atomic

            # -o data/tasks/xh2023.yaml replaced a plan with 未发现问题 (lint's output is never YAML)
            if settings_or_data(output_file):
                raise GkError(f"-o {output_file} 是数据或设置文件的位置，未写入", "检查结果写到 data/ 之外、不以 .yaml 结尾的文件，如 -o gk-lint.txt、-o reports/gk.xml")
            try:  # a CI report path (reports/gk.xml): its folder made, as ruff does; gk's one safe writer
                if Path(output_file).is_dir():
                    raise IsADirectoryError(21, "", output_file)
                atomic.replace(Path(output_file), s.encode("utf-8"), output=True)
            except OSError as e:
                raise GkError(f"无法写入 {output_file}：{os_reason(e)}", "换一个输出路径，或检查权限") from None
        else:
            typer.echo(s, nl=False, color=True)  # the formatter chose colour or not (FORCE_COLOR): click would strip it off a pipe

    if output_file is not None and not output_file.strip():  # "-o $REPORT" with the variable unset: not the screen unsaid
        raise GkError("-o 的值是空的", "给出文件名，如 -o gk-lint.xml；要写到屏幕，去掉 -o 或写 -o -")
    if explain is not None and not explain.strip():  # --explain "$CODE" with the variable unset: never a full lint
        raise GkError("--explain 的值是空的", "给出规则代码，如 gk lint --explain GK202；gk lint --list-rules 列出全部规则")
    if explain and _format_name(fmt, text_only=True) not in ("text", "json"):
        raise GkError(f"--explain 不支持 --format {fmt.value}", "可用：text、json")
    # on a terminal --explain is rendered (rich's Markdown); piped, redirected or -o: the plain text, stable for scripts
    rendered = fmt != Format.json and not (output_file and output_file != "-") and _on_terminal()
    if explain and explain.strip().upper() == "GK000":  # no rule of the data: gk itself could not check
        if rendered:
            _show_markdown(formats.explain_markdown(None))
            return
        emit(formats.explain_gk000(as_json=fmt == Format.json))
        return
    if explain:
        rule = registry.find(explain)
        if rule is None:
            from rapidfuzz import process

            near = [c for c, _, _ in process.extract(explain.upper(), [r.code for r in registry.all_rules()], limit=3)]
            raise GkError(f"没有规则“{explain}”", "相近的代码：" + "、".join(near) + "；gk lint --list-rules 列出全部规则")
        if rendered:
            _show_markdown(formats.explain_markdown(rule))
            return
        emit(formats.explain(rule, as_json=fmt == Format.json))
        return
    if list_rules:
        name = _format_name(fmt, text_only=True)
        if name not in formats.RULE_FORMATTERS:
            raise GkError(f"--list-rules 不支持 --format {name}", "可用：text、json、markdown")
        if name == "text":  # wrapped to the terminal (or $COLUMNS), as the help pages are
            from ..texttable import terminal_width

            emit(formats.rules_text(registry.all_rules(), terminal_width()))
        else:
            emit(formats.RULE_FORMATTERS[name](registry.all_rules()))
        return
    if fmt == Format.markdown:
        raise GkError("--format markdown 只用于 --list-rules", "检查结果可用 text、json、github、gitlab、junit")
    if fix_deadlines and not (fix or diff):
        raise GkError("--fix-deadlines 需与 --fix 或 --diff 一起使用", "例如 gk lint --fix --fix-deadlines")
    if diff and _format_name(fmt, text_only=True) != "text":
        raise GkError(f"--diff 不能与 --format {fmt.value} 同用", "--diff 输出统一 diff（文本）；要检查结果的报告，去掉 --diff")
    text_only = statistics or diff  # (--explain and --list-rules have returned)

    from .. import repo as repo_mod
    from .. import workspace
    from ..lint import engine
    from ..model import build

    try:
        roots = workspace.resolve(ctx, data)  # reads gk.toml (its workspace)
    except GkError as e:
        roots = _own_repo_despite_its_lint(ctx, data, base)  # --base: the branch's [lint] is not what it is checked with
        if roots is None:
            _broken_settings(e, _format_name(fmt, text_only), emit, Path.cwd(), output_file)
            raise
    notes: list[str] = []
    if base is not None and base.strip() and len(own := workspace.named(ctx, data)) == 1 and roots != own:
        from ..lint.git import fork_point, setting_at

        # a pull request that adds `workspace` to gk.toml would have gk lint other folders than its own data
        if setting_at(own[0], fork_point(own[0], base)[0], "workspace") is None:
            roots = own
            notes.append("本次改动在 gk.toml 中加了 workspace：合并后才生效，本次检查本仓库自己的数据")
    from .. import lists

    sel, ext, ign = lists.split(select), lists.split(extend_select), lists.split(ignore)  # GK2,GK304 (，、 too), as --state
    sev = _severities(lists.split(severity))
    engine.select_rules(sel, ext, ign)  # reject a bad selector before any work
    if staged and (base is not None or fix or diff):
        raise GkError("--staged 不能与 --base、--fix 或 --diff 同用", "提交前用 --staged，拉取请求用 --base（CI）")
    if workspace.is_many(roots) and paths:  # gk lint counties/开江县 from the city's repo: that county alone
        inside = {r for r in roots for p in paths if repo_mod.inside(r, Path(p).resolve())}
        if len(inside) == 1 and all(any(repo_mod.inside(r, Path(p).resolve()) for r in inside) for p in paths):
            roots = list(inside)
    if workspace.is_many(roots):
        if fix or diff or base is not None or staged or paths:
            raise GkError("检查多个数据仓库时不能用 --fix、--diff、--base、--staged 或指定几个县的路径", "在单个县的数据仓库中运行这些操作；指定路径时只给出一个县里的（如 gk lint counties/甲县）")
        _lint_many(roots, fmt, emit, output_file, (sel, ext, ign, sev, strict), (exit_zero, statistics))
        return
    root = roots[0]
    from ..settings import load_settings

    pr_lint_error: GkError | None = None  # --base: the branch's own [lint] is wrong (a finding in gk.toml, not exit 2)
    try:
        settings = load_settings(root)  # read once: for [lint] here and for the load below
    except GkError as e:  # CI shows a broken gk.toml where it shows findings too, then exit 2
        try:  # with --base the branch's [lint] is not used (the base's is): its mistake must not hide the data's findings
            if base is None or not base.strip():
                raise
            settings = load_settings(root, without_lint=True)
            pr_lint_error = e
        except GkError:
            _broken_settings(e, _format_name(fmt, text_only), emit, root, output_file)
            raise e from None
    conf = settings.lint
    rel_paths = _repo_paths(root, paths) if paths else None
    changes = today = base_window = first_lines = base_entries = eol_only = base_units = None
    point, moved = base or "", False
    if base is not None:
        from ..lint.git import changes_since, fork_point, setting_at
        from ..records import CHECKS, Settings

        if not base.strip():  # "${{ …base.sha }}" that came out empty: never a quiet full lint without GK407
            raise GkError("--base 的值是空的", "CI 没有取到基准提交：检查工作流中传给 --base 的变量（如 github.event.pull_request.base.sha）")
        point, moved = fork_point(root, base)
        changes = changes_since(root, point)
        # gk.toml as the base has it, checked (and defaulted) as gk.toml's own: a pull request cannot
        # reopen closed quarters (report_window_days) nor switch rules off ([lint]) for itself
        window = setting_at(root, point, "report_window_days")
        at_base = CHECKS[Settings]({} if window is None else {"report_window_days": window})
        base_window = at_base.report_window_days if at_base is not None else None
        base_conf = _lint_at(setting_at(root, point, "lint"))
        if base_conf is None:  # the base's [lint] is wrong: the strictest, not this branch's (which may be the fix)
            notes.append(f"{base} 的 gk.toml 的 [lint] 有误，本次按默认设置检查（修正合并后生效）")
            base_conf = CHECKS[Settings]({}).lint  # type: ignore[union-attr]
        elif base_conf.fields() != conf.fields():
            notes.append(f"本次改动修改了 gk.toml 的 [lint]：合并后才生效，本次按 {base} 的设置检查")
        if pr_lint_error is None:  # a rule code that does not exist (read, but checked against the rules)
            try:
                _with_settings(conf, [], [], [], {}, None)
            except GkError as e:
                pr_lint_error = e
        conf = base_conf
    elif staged:  # the next commit, against HEAD (or nothing, before the first): its files as staged, not the working tree's
        import tempfile

        from ..lint.git import export_index, head_or_empty, staged_changes

        point = head_or_empty(root)
        changes = staged_changes(root, point)
        index_dir = tempfile.TemporaryDirectory(prefix="gk-index-")  # removed when the command ends
        staged_root = export_index(root, Path(index_dir.name))
        settings = load_settings(staged_root)  # gk.toml as it will be committed, its [lint] too
        conf = settings.lint
    if changes is not None:  # GK407: closed quarters as of today, each flagged at its first changed line
        from ..clock import today as clock_today
        from ..lint.git import data_at, entries_at, first_changed_lines, line_ends_only

        today = clock_today()
        edited = [p for p, st in changes.items() if st == "M" and p.startswith("data/progress/")]
        first_lines = first_changed_lines(root, point, edited, cached=staged)
        eol_only = line_ends_only(root, point, list(first_lines), cached=staged)  # GK407: "只改了换行符"
        base_entries = entries_at(root, point, edited)  # GK411: entries a change took out of a file
        base_units = data_at(root, point, [p for p, st in changes.items() if st == "M" and p.startswith("data/units/")])  # GK205
    # --fix / --diff apply only the fixes of the rules that are reported (as ruff): an opt-in rule
    # (GK210/GK211/GK307) is fixed when selected, never behind a clean `gk lint`; --fix-deadlines is
    # the request for GK307's fix (as if --extend-select GK307)
    fixing = _layered(conf, sel, ext + (["GK307"] if fix_deadlines else []), ign) if fix or diff else []
    try:
        sel, ext, ign, sev, strict = _with_settings(conf, sel, ext, ign, sev, strict)
    except GkError as e:  # an unknown rule in gk.toml's [lint]: shown in CI's reports too
        _broken_settings(e, _format_name(fmt, text_only), emit, root, output_file)
        raise

    repo = repo_mod.load(staged_root, settings, cache=False, values=True, lint=True) if staged else repo_mod.load(root, settings, values=True, lint=True)
    model = build(repo)
    unfixed: set[tuple[str, str]] = set()  # (file, rule) of the fixes --fix could not write
    write_failed = False  # a file --fix could not read or write: exit 1 (as ruff's I/O error), not 0
    if fix or diff:
        from ..lint import fix as fixmod

        fix_rules = [r for r in registry.all_rules() if r.fixable and r.fixes is not None and r in fixing]
        fix_ctx = engine.LintContext(repo, model)
        edits = fixmod.collect(fix_ctx, fix_rules)
        ignored = engine.per_file_codes(conf.per_file_ignores)
        edits = [e for e in edits if not engine.ignored_here(e.file, e.code, ignored)]  # (as ruff: not fixed where ignored)
        # a fix only in a file where a fixed rule reports: a fixer reads the raw file, and GK402 rewrote the id
        # of an entry GK105 had left unread (`--select GK402` said nothing; GK105 ignored there). Beside a
        # reported fix the others in its file stand: what GK105's fix makes readable, ruff's next pass would fix
        said = {(f.path, f.code) for f in (*repo.findings, *engine.run_rules(fix_ctx, fix_rules))}
        reported_in = {e.file for e in edits if (e.file, e.code) in said}
        edits = [e for e in edits if e.file in reported_in]
        if rel_paths is not None:
            edits = [e for e in edits if engine.in_paths(e.file, rel_paths)]
        if changes is not None:
            edits = [e for e in edits if e.file in changes]
        # a closed quarter's progress is history (GK407): what HEAD holds (with --base: what the base holds) is
        # left; a new submission (a file not committed yet, entries added since) is fixed (docs/decisions.md)
        from ..clock import today as clock_today

        window = base_window if base_window is not None else settings.report_window_days
        edits, withheld = _leave_history(root, edits, today or clock_today(), window, changes, repo)
        if withheld:
            notes.append(_withheld_note(root, withheld, base, changes))
        result = fixmod.plan(root, edits)
        for e, why in result.skipped:
            notes.append(f"未修复 {e.file} 中的 {e.title or e.old}：{why}")
        if diff:
            out = "".join(f.diff() for f in result.files if f.changed)
            emit(out)
            for n in notes:
                typer.echo(n, err=True)
            if not out and not withheld:  # (withheld ones: said above, how many and how to fix them)
                typer.echo("没有可自动修复的内容", err=True)
            # the exit code is of what --fix would write (as ruff's --diff, whose fixes left for --unsafe-fixes
            # do not count): the withheld findings still fail `gk lint` itself
            raise typer.Exit(1 if out and not exit_zero else 0)
        refused = dict(fixmod.write(root, result))
        for f, why in refused.items():
            notes.append(f"未修复 {f}：{why}")
        write_failed = bool(refused) or any(why.startswith(fixmod.UNREADABLE) for _, why in result.skipped)
        if write_failed:
            notes.append("有文件没能写入（或读取），修复未完成，退出码为 1：检查文件的权限或磁盘空间后重新运行 gk lint --fix")
        # what could not be fixed still stands: reported below (an opt-in rule's finding too), and counted
        unfixed = {(e.file, e.code) for e, _ in result.skipped} | {(e.file, e.code) for f in result.files if f.file in refused for e in f.edits}
        written = [f for f in result.files if f.changed and f.file not in refused]
        if written:
            n = sum(len(f.edits) for f in written)
            said = [f"  {f.file}:{_fixed_line(f, e)}：{e.title or e.old + ' → ' + e.new}" for f in written for e in f.edits]
            if len(said) > _FIXES_SHOWN:  # (the whole list: gk lint --diff before fixing, git diff after)
                said = said[:_FIXES_SHOWN] + [f"  …另 {len(said) - _FIXES_SHOWN} 处，用 git diff 查看全部改动"]
            notes[0:0] = [f"已修复 {n} 处（{len(written)} 个文件）"] + said
            repo = repo_mod.load(root, settings, values=True, lint=True)
            model = build(repo)

    options = dict(select=sel or None, extend_select=ext, ignore=ign, severity=sev, strict=strict, paths=rel_paths,
                   per_file_ignores=conf.per_file_ignores)
    restore_from = _restore_command(root, (point[:12] if moved else base) if base is not None else ("HEAD" if staged else None))
    findings = engine.lint(repo, model, **options, changes=changes, today=today, only_changed=False, base_window=base_window, first_lines=first_lines,
                           restore_from=restore_from, base_entries=base_entries, line_ends_only=eol_only, base_units=base_units)
    if unfixed:
        more = engine.lint(repo, model, **{**options, "select": sorted({c for _, c in unfixed}), "extend_select": None},
                           changes=changes, today=today, only_changed=False, base_window=base_window, first_lines=first_lines,
                           restore_from=restore_from, base_entries=base_entries, line_ends_only=eol_only, base_units=base_units)
        findings = sorted(set(findings) | {f for f in more if (f.path, f.code) in unfixed})
    if changes is not None:
        # a space between Chinese and a revision's name, none after a full-width bracket (as every message writes them)
        since = f"{base} 与本分支的分叉点（{point[:10]}）" if moved else f"{base} "
        # data/'s files (not the README a PR also edits); gk.toml is named, it is no data file
        data_changes = f"{sum(1 for p in changes if p.startswith('data/'))} 个数据文件" + ("和 gk.toml" if "gk.toml" in changes else "")
        before = f"在 {base} 中"
        if staged:
            from ..lint import git as git_mod

            before = "在上次提交中" if point != git_mod.EMPTY_TREE else "此前"
            notes.append(f"提交前检查：检查暂存区（将要提交的内容）中改动的 {data_changes}（及它们在别处引起的问题）")
        else:
            notes.append(f"拉取请求模式：只检查自 {since}以来改动的 {data_changes}")
        elsewhere = [f for f in findings if f.path not in changes]
        findings = [f for f in findings if f.path in changes]
        caused = _caused_elsewhere(root, point, elsewhere, options)  # type: ignore[arg-type]
        if caused:
            findings = sorted(findings + caused)
            notes.append(f"另有 {len(caused)} 个问题出现在未改动的文件中：{before}还没有，是本次改动引起的（如删除了仍被引用的单位）")

    if pr_lint_error is not None:  # an error of this branch's gk.toml, on its line: fixed before merging
        place = settings_place(pr_lint_error, root)
        where, at = place if place else (root / "gk.toml", (1, 1))
        from ..findings import Finding

        findings = sorted(findings + [Finding(
            os.path.relpath(where, root).replace(os.sep, "/"), at[0], at[1], "GK000", "error",
            f"{pr_lint_error.message}（本次检查数据用 {base} 的 [lint]）", pr_lint_error.hint or "改正后再合并")])
    if changes is None and rel_paths is None and (said := no_tasks(repo, listed=True)):  # nothing to be wrong is not "no problem found"
        notes.append(said)
    files = {p for _, p in repo_mod.data_files(root)}
    if conf.per_file_ignores:  # a glob of no file ignores nothing, unseen (./data/…, a misspelt name, C:\…)
        from fnmatch import fnmatchcase

        for glob in conf.per_file_ignores:
            if not any(fnmatchcase(p, glob) for p in files):
                notes.append(f"gk.toml 的 [lint] per-file-ignores 中的“{glob}”没有匹配任何数据文件（路径从数据仓库根写起，用 /，如 data/progress/2024Q2/县发改局.yaml）")
    nothing_checked = False
    if rel_paths is not None:
        # a path with no data file in it (gk lint README.md): said, as ruff's "No Python files found", not a bare 未发现问题
        empty = [given for given, rel in zip(paths or [], rel_paths) if rel not in ("", "gk.toml")
                 and not any(engine.in_paths(p, [rel]) for p in files) and not any(engine.in_paths(f.path, [rel]) for f in findings)]
        for given in empty:
            where = "中没有" if Path(given).is_dir() else "不是"
            notes.append(f"{given} {where} gk 检查的数据文件：gk 只检查 data/ 下 units、tasks、catalog、progress、annual 中的 .yaml 文件（及 gk.toml）")
        files = {p for p in files if engine.in_paths(p, rel_paths)}
        nothing_checked = len(empty) == len(rel_paths) and not findings
    if changes is not None:
        files = {p for p in files if p in changes} | {f.path for f in findings}
    # not in pull-request or pre-commit mode, which must not touch the checkout (a county may track .gk/schema in git)
    if base is None and not staged and (said := fresh_schemas(root)):
        notes.append(said)
    _report(findings, formats.Where(root), files, fmt, emit, output_file, notes, exit_zero, statistics, write_failed, nothing_checked)


def _own_repo_despite_its_lint(ctx: Any, data: Any, base: str | None) -> list[Path] | None:
    """With --base, the one repo named whose gk.toml is wrong only in [lint] (and lists no workspace):
    that [lint] is not used (the base's is), and its mistake is a finding, not exit 2. Else None."""
    from .. import workspace
    from ..errors import GkError
    from ..settings import load_settings

    if base is None or not base.strip():
        return None
    try:
        own = workspace.named(ctx, data)
        if len(own) != 1 or load_settings(own[0], without_lint=True).workspace:
            return None
    except GkError:
        return None
    return own


def _on_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):  # closed, or replaced (cli._console)
        return False


def _show_markdown(text: str) -> None:
    """Markdown rendered for a terminal by rich (imported only here: a dependency gk has, but a
    slow import for every other run). Colour as the rest of gk: NO_COLOR, TERM=dumb (rich's own rules)."""
    from rich.console import Console
    from rich.markdown import Markdown

    Console(highlight=False).print(Markdown(text, code_theme="ansi_dark", hyperlinks=False))


def settings_place(e: Any, root: Path) -> tuple[Path, tuple[int, int]] | None:
    """The gk.toml, line and column a settings error is at (a CI annotation goes on that line), or
    None when it is no error of a gk.toml (找不到数据仓库)."""
    import re

    from ..settings import key_place

    m = re.match(r"(\S*gk\.toml)[ 中第的]", e.message)  # gk.toml 第 2 行…, gk.toml 中 lint.x 有误, gk.toml 的 [lint]…
    if m is None:
        return None
    path = Path(e.path or (root / "gk.toml" if (root / "gk.toml").is_file() else Path.cwd() / m[1]))  # type: ignore[arg-type]
    at = e.at
    if at is None:  # [lint]'s rules, checked after loading: the key named in the message
        key = re.search(r"gk\.toml 的 (?:\[(\w+)\] )?([\w-]+)", e.message)
        try:
            at = key_place(path.read_text(encoding="utf-8-sig"), tuple(k for k in (key[1], key[2]) if k)) if key else (1, 1)
        except (OSError, UnicodeDecodeError):
            at = (1, 1)
    return path, at


def _broken_settings(e: Any, name: str, emit: Any, root: Path, output_file: str | None = None) -> None:
    """A gk.toml lint cannot read, as a finding on its line in the chosen format (a CI annotation,
    a failing JUnit case, a JSON or Code Quality report): a CI step that reads the report, or an
    empty file, would hide why the check failed. Text on the screen: stderr says it already."""
    import os

    from ..findings import Finding
    from ..lint import formats

    if name == "text" and not (output_file and output_file != "-"):
        return
    place = settings_place(e, root)
    if place is None:
        return
    path, at = place
    finding = Finding(os.path.relpath(path, root).replace(os.sep, "/"), at[0], at[1], "GK000", "error", e.message, e.hint)
    emit(formats.to_json([finding]) if name == "json" else formats.FORMATTERS[name]([finding], formats.Where(root)))


def _caused_elsewhere(root: Path, base: str, elsewhere: list, options: dict) -> list:
    """Pull-request mode: of the findings in files the change did not touch, those that
    linting the base did not give (matched by file, code and message: lines may shift).
    A change to one file can break another (a unit deleted that tasks still name); old
    problems elsewhere stay out, as in the rest of pull-request mode."""
    import tempfile

    from .. import repo as repo_mod
    from ..lint import engine
    from ..lint.git import export_at
    from ..model import build

    if not elsewhere:
        return []
    with tempfile.TemporaryDirectory(prefix="gk-base-") as tmp:
        if not export_at(root, base, Path(tmp)):
            return elsewhere  # nothing at the base: everything is new
        before = repo_mod.load(Path(tmp), cache=False, values=True, lint=True)
        old = {(f.path, f.code, f.message) for f in engine.lint(before, build(before), **options)}
    from dataclasses import replace

    # said in the finding itself: a CI annotation or a JUnit case stands on a file the diff does not show
    from ..lint.formats import CAUSED_NOTE

    return [replace(f, message=f.message + CAUSED_NOTE) for f in elsewhere if (f.path, f.code, f.message) not in old]


def _report(findings, where, files: set[str], fmt: "Format", emit, output_file, notes: list[str],
            exit_zero: bool = False, statistics: bool = False, failed: bool = False, nothing_checked: bool = False) -> None:
    """Print the findings in the chosen format and exit with the engine's code (0 with --exit-zero);
    `failed`: a fix --fix could not write, exit 1 whatever the findings (0 with --exit-zero, as ruff)."""
    import os

    from ..errors import GkError
    from ..lint import engine, formats

    name = _format_name(fmt, text_only=statistics)
    if statistics and name not in ("text", "json"):
        raise GkError(f"--statistics 不能与 --format {name} 同用", "--statistics 输出文本或 JSON（--format json）")
    if statistics:  # as ruff --statistics: how many of each rule, most first
        emit(formats.statistics(findings, as_json=name == "json"))
    elif name == "text":
        from ..texttable import use_color

        color = not (output_file and output_file != "-") and use_color()  # NO_COLOR, FORCE_COLOR (CI logs), TERM=dumb
        emit(formats.text(findings, where, color=color, notes=notes, checked=not nothing_checked))
    else:
        for n in notes:
            typer.echo(n, err=True)
        if name == "json":
            emit(formats.to_json(findings))
        elif name == "gitlab":  # paths from the project's root, where GitLab looks for them
            emit(formats.gitlab(findings, formats.Where(where.root, Path(os.environ.get("CI_PROJECT_DIR") or Path.cwd()))))
        elif name == "github":  # GitHub resolves an annotation's file from the checkout, not from where gk ran
            workspace = os.environ.get("GITHUB_WORKSPACE")
            emit(formats.github(findings, formats.Where(where.root, Path(workspace)) if workspace else where))
        else:
            emit(formats.junit(findings, where, files))
    raise typer.Exit(0 if exit_zero else 1 if failed else engine.exit_code(findings))


def _lint_many(roots, fmt, emit, output_file, given: tuple, report_opts: tuple = (False, False)) -> None:
    """Each county linted exactly as alone (its own gk.toml [lint] under the command line's
    options); paths shown from the working directory."""
    import os
    from dataclasses import replace

    from .. import cache
    from .. import repo as repo_mod
    from .. import workspace
    from ..findings import Finding
    from ..lint import engine, formats
    from ..model import build

    here = Path.cwd()

    def work(county):  # remembered per county by its files and the options, as gk status's figures
        from ..settings import load_settings

        conf = load_settings(county.root).lint
        sel, ext, ign, sev, strict = _with_settings(conf, *given)
        options = dict(select=sel or None, extend_select=ext, ignore=ign, severity=sev, strict=bool(strict),
                       per_file_ignores=conf.per_file_ignores)
        parts = (cache.code_version("lint/**/*.py", "model.py", "units.py", "deadlines.py", "periods.py", "schemas/*.py", "repo.py"), repr(sorted(options.items())))

        def linted(r):  # a wrong header's file checked too, as linted alone (repo.load's lint)
            r = repo_mod.with_lint_view(r)
            return engine.lint(r, build(r), **options)

        return workspace.remembered(county, "lint", parts, linted,
                                    use_cache=not cache.disabled(), values=True)

    findings, files = [], set()
    for county, found in workspace.each(workspace.counties(roots), work, "检查"):
        prefix = os.path.relpath(county.root, here).replace(os.sep, "/")
        findings += [replace(f, path=f"{prefix}/{f.path}") for f in found]
        files |= {f"{prefix}/{p}" for _, p in repo_mod.data_files(county.root)}
    findings.sort()
    for c in workspace.FAILED:  # each one a finding, in every format (JSON too), with its reason: on the line
        # of gk.toml that is wrong, with its hint, as the county linted alone says it
        e = workspace.ERRORS.get(c.root)
        place = settings_place(e, c.root) if e is not None else None
        where, at = place if place else (c.root / "gk.toml" if (c.root / "gk.toml").exists() else c.root, (1, 1))  # a path that exists
        findings.append(Finding(os.path.relpath(where, here).replace(os.sep, "/"), at[0], at[1], "GK000", "error",
                                f"{c.name} 的数据仓库无法检查：{workspace.WHY.get(c.root, '')}", (e.hint if e is not None else "") or "修正后重新运行"))
    listed = len(roots) + len(workspace.NOT_REPOS)  # an empty folder listed is a county too (GK000 above)
    try:
        _report(findings, formats.Where(here), files, fmt, emit, output_file,
                [f"检查了 {listed} 个数据仓库" + (f"，其中 {len(workspace.FAILED)} 个无法检查" if workspace.FAILED else "")], *report_opts)
    except typer.Exit:
        if workspace.FAILED:  # a county not checked is exit 2, as alone (and as status, report): CI tells a
            raise typer.Exit(2) from None  # broken gk.toml from data errors, and --exit-zero does not hide it
        raise


def _severities(items: list[str], what: str = "--severity") -> dict[str, str]:
    from ..errors import GkError
    from ..lint import registry

    out = {}
    for item in items:
        code, _, level = item.partition("=")
        level = {"错误": "error", "警告": "warning"}.get(level.strip(), level.strip().lower())
        rule = registry.find(code)
        if rule is None or level not in ("error", "warning"):
            raise GkError(f"{what} “{item}” 写法不对", "写作 规则代码=error 或 规则代码=warning，如 GK403=warning")
        out[rule.code] = level
    return out


def _lint_at(table: object) -> Any:
    """[lint] as a base version has it, checked as gk.toml's own: its settings (the defaults when
    it has none), or None when they are wrong (a bad type, an unknown rule)."""
    from ..errors import GkError
    from ..lint import engine, registry
    from ..records import CHECKS, Settings

    if table is None:
        return CHECKS[Settings]({}).lint  # type: ignore[union-attr]
    at = CHECKS[Settings]({"lint": table}) if isinstance(table, dict) else None
    if at is None:
        return None
    conf = at.lint
    try:
        for sels in (conf.select or [], conf.extend_select, conf.ignore, *conf.per_file_ignores.values()):
            engine._check_selectors(registry.all_rules(), sels, "")
        _severities(conf.severity, "")
    except GkError:
        return None
    return conf


def _layered(conf: Any, sel: list, ext: list, ign: list, default: list | None = None) -> list:
    """The rules gk.toml's [lint] `conf` and then the command line choose (see _with_settings);
    `default`: the selectors to start from when neither says select (the default rules)."""
    from ..lint import engine

    configured = engine.select_rules(conf.select or default, conf.extend_select, conf.ignore)
    return engine.select_rules(sel, ext, ign, start=configured)


def _with_settings(conf: Any, sel: list, ext: list, ign: list, sev: dict, strict: bool | None) -> tuple:
    """The options of gk.toml's [lint] `conf` (shared by CI and the pre-commit hook, as ruff's
    config), the command line's on top, as ruff layers them: gk.toml's select, extend-select
    and ignore make a set of rules; then the command line's --select starts over (gk.toml's
    ignore too: `--select GK404` runs GK404 whatever gk.toml ignores), --extend-select adds
    (back) to the set and --ignore takes away. The set goes on as rule codes."""
    from ..lint import engine, registry

    rules = registry.all_rules()
    for what, sels in (("select", conf.select or []), ("extend-select", conf.extend_select), ("ignore", conf.ignore),
                       *((f"per-file-ignores 的“{glob}”", codes) for glob, codes in conf.per_file_ignores.items())):
        engine._check_selectors(rules, sels, f"gk.toml 的 [lint] {what}")
    engine.select_rules(sel, ext, ign, rules)  # the command line's selectors said wrong as its own
    codes = [r.code for r in _layered(conf, sel, ext, ign)]
    # an empty set: every rule ignored (select=[] would mean the default rules)
    return (codes, [], [] if codes else ["GK"], {**_severities(conf.severity, "gk.toml 的 [lint] severity"), **sev},
            conf.strict if strict is None else strict)


def _restore_command(root: Path, rev: str | None) -> str | None:
    """The git command (up to the path) that puts a changed file back as `rev` has it (GK407's hint),
    run where gk lint was: paths are the data repo's, so elsewhere it says `git -C <repo>`."""
    if rev is None:
        return None
    import shlex

    here = Path.cwd().resolve()
    at = "" if here == Path(root).resolve() else f"-C {shlex.quote(os.path.relpath(root, here))} "
    return f"git {at}checkout {shlex.quote(rev)} --"


def _repo_paths(root: Path, paths: list[str]) -> list[str]:
    from ..errors import GkError

    out = []
    top = root.resolve()
    for p in paths:
        full = Path(p).expanduser()
        full = (full if full.is_absolute() else Path.cwd() / full).resolve()
        if not full.exists():
            raise GkError(f"路径不存在：{p}", "给出数据仓库中的文件或目录，如 data/tasks/xh2023.yaml")
        try:
            rel = full.relative_to(top)
        except ValueError:
            raise GkError(f"{p} 不在数据仓库 {root} 中", "用 --data 指定该文件所在的数据仓库") from None
        out.append(rel.as_posix() if str(rel) != "." else "")
    return out


def register(app: typer.Typer) -> None:
    app.command("lint", epilog=EXAMPLES)(lint)


_FIXES_SHOWN = 20


def _leave_history(root: Path, edits: list, today: Any, window: int, changes: Any, repo: Any) -> tuple[list, list]:
    """fix.leave_history with what it needs to know: without --base, the closed quarters' files as HEAD
    has them (git), and as they are now."""
    from ..lint import fix as fixmod
    from ..periods import quarter_of_file

    committed = current = None
    if changes is None:
        closed = sorted({e.file for e in edits if (q := quarter_of_file(e.file)) is not None and today > q.closes_on(window)})
        if closed:
            from ..lint.git import data_at, head_commit

            head = head_commit(root)
            if head is not None:
                committed = data_at(root, head, closed)
                current = {f: d.data for f in closed if (d := repo.docs.get(f)) is not None}
    return fixmod.leave_history(edits, today, window, changes, committed, current)


def _withheld_note(root: Path, withheld: list, base: str | None, changes: Any) -> str:
    """What --fix left in closed quarters' progress files, how many, why, and what to do about it."""
    import shlex

    files = sorted({e.file for e in withheld})
    what = f"未修复 {len(withheld)} 处（{len(files)} 个已截止季度的进度文件，如 {files[0]}）"
    why = "已截止季度的进度只能追加（GK407），已报送的内容更正须由政务公开办说明理由后合并"
    if changes is not None:
        return f"{what}：这些文件在 {base} 中已有；{why}"
    # committed on this branch only (not yet merged): a pull request adds them, --base says so
    from ..errors import GkError
    from ..lint.git import data_at, default_base, fork_point

    try:
        target = default_base(root)
        point = fork_point(root, target)[0] if target else None
    except GkError:  # git could not say: no command offered
        target = point = None
    if target and point and any(v is None for v in data_at(root, point, files).values()):
        return (f"{what}：这些内容已提交；{why}。本分支新增、尚未合并的补报文件可用 "
                f"gk lint --fix --base {shlex.quote(target)} 修复（--base 后写合并请求的目标分支）")
    return f"{what}：这些内容已提交（git 的 HEAD 中已有）；{why}"


def _fixed_line(ff, edit) -> int:
    """The line of a fixed value (the fix rewrites one scalar in place: the line stays)."""
    from .. import yamlio

    doc, _ = yamlio.read(ff.before)
    return doc.locate(edit.path)[0] if doc is not None else 1
