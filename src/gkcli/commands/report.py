"""gk report: the quarterly submission and the annual report (Markdown, HTML, Word)."""

from __future__ import annotations

from typing import Optional

import typer

from .common import DataOpt_many, one_unit, warn_data_errors


# the 示例 section of the help (zh._Help.format_epilog): real command lines, never rewrapped
EXAMPLES = """
gk report --quarter 2023Q3 -o 2023Q3.html
gk report --quarter 2023Q3 -u 县财政局 -o 县财政局.docx
gk report --year 2023 -o 2023年度报告.docx
gk report --year 2024 --init-annual  # 生成年度数据骨架
"""

def report(
    ctx: typer.Context,
    quarter: Optional[str] = typer.Option(None, "--quarter", "-q", help="季度报告，如 2023Q3", show_default=False),
    year_text: Optional[str] = typer.Option(None, "--year", "-y", help="年度报告（含政府信息公开工作年度报告），如 2023（2023年、2023年度也可）", show_default=False),
    unit: Optional[str] = typer.Option(None, "--unit", "-u", help="只出该单位自己的报告（名称、别名或分组；只能一个）", show_default=False),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="按哪一天统计，如 2023-10-15（默认：季度或年度的最后一天）", show_default=False),
    output: Optional[str] = typer.Option(
        None, "--output", "-o", help="输出文件；扩展名决定格式：.md、.html、.docx（Word 公文格式）。不给则向标准输出写 Markdown", show_default=False
    ),
    init_annual: bool = typer.Option(
        False, "--init-annual", help="年度数据文件 data/annual/<年份>.yaml 不存在时，生成带官方栏目名称的骨架（只在给出本选项时写入）"
    ),
    statutory: bool = typer.Option(
        False, "--statutory", help="与 --year 同用：只生成政府信息公开工作年度报告，单独成文（供依《条例》公开发布）"
    ),
    force: bool = typer.Option(False, "--force", help="-o 的文件已存在时覆盖它；原文件先另存为 <文件名>.备份-<时间>.<扩展名>"),
    data: Optional[list[str]] = DataOpt_many,
) -> None:
    """生成季度报告或年度报告：Markdown、自包含的 HTML 或 GB/T 9704 公文格式的 Word。

    每份报告注明数据的 git 提交、统计截止日与 gk 版本；HTML 中每个数字都可追溯到其来源文件。
    """
    from pathlib import Path

    from .. import __version__
    from ..clock import FIRST_DAY, LAST_DAY, parse_date, today
    from ..errors import GkError
    from ..model import build
    from ..periods import Quarter
    from ..repo import load
    from ..reports import data as rd
    from ..reports import provenance, publish

    year = _year(year_text) if year_text is not None else None
    if quarter is not None and year is not None:
        raise GkError("--quarter 与 --year 只能给出其中一个", "季度报送材料用 --quarter 2023Q3，年度报告用 --year 2023")
    if output is not None and not output.strip():  # "-o $OUT" with the variable unset: not the screen unsaid (as lint)
        raise GkError("-o 的值是空的", "给出文件名，如 -o 报告.docx；要写到屏幕，去掉 -o")
    if quarter is None and year is None:
        raise GkError("请给出 --quarter 或 --year 其中之一", "如 gk report --quarter 2023Q3，或 gk report --year 2023")
    if init_annual and year is None:
        raise GkError("--init-annual 只用于年度报告", "如 gk report --year 2023 --init-annual")
    if statutory and (year is None or unit):
        raise GkError("--statutory 只用于全县的年度报告", "如 gk report --year 2023 --statutory -o 年度报告.docx")
    fmt = publish.format_of(output) if output else "md"
    from .. import workspace

    roots = workspace.resolve(ctx, data)
    if quarter is not None:
        try:
            q = Quarter.from_option(quarter)
        except ValueError as e:
            # the option takes 2023年第三季度 too (a data file's period does not): said where it is accepted
            raise GkError(str(e), "如 --quarter 2023Q3，也可写 --quarter 2023年第三季度") from None
        quarter = str(q)  # one spelling from here on (2023年第三季度 → 2023Q3)
        if not FIRST_DAY.year <= q.year <= LAST_DAY.year:
            raise GkError(f"季度 {quarter} 超出 gk 支持的范围（{FIRST_DAY.year}—{LAST_DAY.year} 年）", "如 --quarter 2023Q3")
        first, last = q.first_day, q.last_day
    else:
        assert year is not None
        if not FIRST_DAY.year <= year <= LAST_DAY.year:
            what = "写四位数的年份" if 0 <= year < 1000 else f"gk 支持 {FIRST_DAY.year}—{LAST_DAY.year} 年"
            raise GkError(f"年份 {year} 不对（{what}）", "如 --year 2023")
        import datetime as dt

        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    what = q.label if quarter is not None else f"{year}年"
    if as_of is not None:
        day = parse_date(as_of, "--as-of")
    elif first > today():  # judged as of a day to come, every task would be stated overdue as fact
        raise GkError(f"报告期{what}尚未开始（今天是 {today().isoformat()}）", "检查 --quarter / --year；确要预先生成，用 --as-of 指定统计日")
    elif last > today():
        day = today()
        typer.echo(f"注意：{what}尚未结束，按今天（{day.isoformat()}）统计；按期末统计请加 --as-of {last.isoformat()}", err=True)
    else:
        day = last
    if day < first:
        raise GkError(f"--as-of {day.isoformat()} 早于报告期开始（{first.isoformat()}）", "统计截止日应在报告期内或之后")
    if workspace.is_many(roots):
        if init_annual or statutory:
            raise GkError(f"{'--init-annual' if init_annual else '--statutory'} 只用于单个县的数据仓库", "在该县的数据仓库中运行")
        _many(roots, quarter, year, day, unit, fmt, output, workspace.owner(ctx, data), force)
        return
    if output:  # said before the work (write_atomic refuses one made meanwhile too)
        publish.refuse_taken([Path(output)], force)
    root = roots[0]
    if init_annual:
        from ..reports import skeleton

        path = skeleton.write(root, year)  # type: ignore[arg-type]
        typer.echo(f"已生成 {path.relative_to(root).as_posix()}：官方栏目名称写在注释中，请填写后运行 gk lint 检查", err=True)
        if not output:
            return  # a report of the skeleton's zeros on the screen would only be noise; -o still writes one

    model = build(load(root))
    _refuse_unread_backbone(model)
    if unit:  # 县财政局,县教育局 pasted: each checked, then said to be one too many
        unit = one_unit(model.resolver, unit, _one_report(quarter, year))
    prov = provenance.of(root, __version__, today())
    if prov.untrusted:
        typer.echo(f"注意：{provenance.UNTRUSTED_HINT}", err=True)
    if quarter is not None:
        rep = rd.quarterly(model, q, day, prov, unit)
    else:
        rep = rd.annual(model, year, day, prov, unit)  # type: ignore[arg-type]
        st = rep.statutory
        if st is not None and st.before_format:  # a year of another format: said, never the --init-annual advice
            if statutory:
                raise GkError(f"不能生成 {year} 年度的政府信息公开工作年度报告：{st.before_format}",
                              f"{year} 年度的报告以已发布的原件为准；去掉 --statutory 可生成该年度的政务公开工作报告（不含统计表）")
            typer.echo(f"注意：年度报告不含政府信息公开工作年度报告：{st.before_format}", err=True)
        elif st is not None and not st.present and not statutory:  # (--statutory refuses below)
            typer.echo(
                f"提示：没有 {st.file}，年度报告不含政府信息公开工作年度报告（Word 中不附，Markdown、HTML 中写明缺少数据）；"
                f"可运行 gk report --year {year} --init-annual 生成骨架",
                err=True,
            )
        elif st is not None and st.problems and not statutory:  # (--statutory refuses them below)
            typer.echo(f"警告：{st.file} 有 {len(st.problems)} 处数据问题（见报告中的说明，或运行 gk lint）", err=True)
        for w in st.warnings if st is not None else ():  # often true of a real year: for the office, not the published page
            typer.echo(f"{_warning_label(w)}：{w}", err=True)
        if statutory:  # the document to publish on its own: only from figures that can be used
            if st is None or not st.present:
                raise GkError(f"{st.file if st else '年度数据文件'} 缺少，无法单独生成政府信息公开工作年度报告",
                              f"先填写并用 gk lint 检查该文件（运行 gk report --year {year} --init-annual 可生成骨架）")
            if not st.table3:  # GK601 and the like: where, as for the sums below
                raise GkError(f"{st.file} 有误（{len(st.problems)} 处），无法单独生成政府信息公开工作年度报告：" + "；".join(st.problems[:3])
                              + ("……" if len(st.problems) > 3 else ""), "运行 gk lint 逐一改正后再生成")
            broken = [f for f in model.repo.findings if f.severity == "error" and f.path == st.file]
            if broken:  # lint fails the file (two values for one cell: which one was published?)
                f = min(broken)
                raise GkError(f"{st.file} 有 {len(broken)} 个数据错误（第 {f.line} 行：{f.code} {f.message}），不能生成供公开的年度报告",
                              "运行 gk lint 逐一改正后再生成；要看草稿，去掉 --statutory")
            # GK611 reads figures out of free text: a wording it did not foresee can mislead it, and a refusal
            # no setting can lift would stop a correct report: said (and listed in a draft), never refused
            blocking = [p for p in st.problems if p not in st.mismatches]
            if blocking:  # a published report whose tables do not add up (or quote lint) is worse than none
                raise GkError(f"{st.file} 有{_kinds(blocking)}，不能生成供公开的年度报告：" + "；".join(blocking[:3])
                              + ("……" if len(blocking) > 3 else ""), "逐一改正后再生成；要看草稿，去掉 --statutory")
            for p in st.mismatches:  # the text or the table is wrong, or gk misread the sentence
                typer.echo(f"注意（请核对，发布前改正其中一处）：{p}", err=True)
            st.problems = []  # (the published page carries no 发布前请核对 box)
            texts = {"一、总体情况": st.overview, "五、存在的主要问题及改进情况": st.problems_text, "六、其他需要报告的事项": st.other_matters}
            unwritten = [k for k, v in texts.items() if not v or any("请填写" in p for p in v)]
            if unwritten:
                raise GkError(f"{st.file} 中“{'”“'.join(unwritten)}”尚未写完（空着或仍是“（请填写）”）",
                              "写完这些文字后再生成；要看草稿，去掉 --statutory")
            if st.published_on is None:
                typer.echo(f"注意：{st.file} 没有 published_on，落款日期留作“（发布日期）”", err=True)
            rep.meta.kind, rep.meta.title = "statutory", st.title
    out = publish.render(rep, fmt, root)
    if not statutory:  # the tasks' problems are not this document's
        warn_data_errors(model.data_errors(), "报告")
    if output:
        backup = publish.write_atomic(Path(output), out, force)
        typer.echo(f"已生成 {output}", err=True)
        if backup is not None:
            typer.echo(f"注意：已覆盖原文件；原文件另存为 {backup}", err=True)
    else:
        _to_stdout(out)


def _year(text: str) -> int:
    """--year as people write it: 2023, 2023年, 2023年度, full-width digits (the forms --quarter takes too)."""
    import re
    import unicodedata

    from ..errors import GkError

    m = re.fullmatch(r"\s*(-?\d+)\s*(?:年度?)?\s*", unicodedata.normalize("NFKC", text))
    if m is None:
        hint = f"季度报送材料写作 --quarter {text.strip()}" if re.search(r"[Qq季]", text) else "写作四位数的年份，如 --year 2023"
        raise GkError(f"年份“{text}”不对", hint)
    return int(m[1])


def _warning_label(warning: str) -> str:
    """How a warning of the annual figures is said on stderr: most are often true of a real year;
    a check that could not be made is no such thing."""
    from ..schemas.annual import UNCHECKED

    if UNCHECKED in warning:
        return "注意（未核对）"
    return "提示（请核对，可能属实）"


def _kinds(problems: list[str]) -> str:
    """What the problems of an annual file are, counted by kind: “ 1 处数据错误”, “ 2 处勾稽关系不成立”
    (a date or a cell written wrong, GK601, is no failed sum). (GK611 never stops --statutory: not here.)"""
    import re

    codes = [m[1] if (m := re.search(r" (GK\d{3}) ", p)) else "" for p in problems]
    wrong = sum(c == "GK601" for c in codes)
    sums = sum(c in ("GK602", "GK603", "GK604", "GK605", "GK606") for c in codes)
    other = len(codes) - wrong - sums
    parts = [f" {n} 处{what}" for n, what in ((wrong, "数据错误"), (sums, "勾稽关系不成立"), (other, "其他问题")) if n]
    return "、".join(parts) if parts else f" {len(problems)} 处问题"


def _one_report(quarter: str | None, year: int | None) -> str:
    """Why report --unit takes one unit, and how to get several."""
    period = f"--quarter {quarter}" if quarter else f"--year {year}"
    return (f"一份报告以一个单位（或一个分组）的名义出具：逐个生成，如 gk report {period} --unit 县财政局 -o 县财政局.docx；"
            "几个单位合出一份时，在 data/units/ 中为它们建一个分组")


def _refuse_unread_backbone(model) -> None:
    """A units or plan file that could not be read takes its units or tasks out of every figure
    (a Tab in the units file: every task “无责任单位”, 0 项次, 0 个单位未报送): no report is
    better than an official one that is wrong without saying so."""
    from ..errors import GkError
    from ..model import backbone_problem

    why = backbone_problem(model)
    if why:
        raise GkError(f"{why}。报告的数字会是错的，未生成报告", "运行 gk lint 查看并改正后再生成")


class _UsageError(Exception):
    """A GkError of the command line met in one county's work, passed through workspace.each
    (which would take a GkError for that county's failure)."""

    def __init__(self, error) -> None:  # type: ignore[no-untyped-def]
        self.error = error


def _said(results):  # type: ignore[no-untyped-def]
    """workspace.each's results; a _UsageError met in a county's work is the command's GkError."""
    try:
        yield from results
    except _UsageError as e:
        raise e.error from None


def _many(roots, quarter, year, day, unit, fmt, output, owner, force=False) -> None:
    """Several county repos: each county's own report (exactly as alone), and a roll-up.

    With -o 报告.docx: 报告-<县>.docx for every county, plus 报告-汇总.docx (the same
    format); without -o: the roll-up and every county's report, in Markdown, on stdout."""
    import re
    import sys
    from pathlib import Path

    from .. import __version__, workspace
    from ..clock import today
    from ..errors import GkError
    from ..model import backbone_problem, build
    from ..periods import Quarter
    from ..repo import load
    from ..reports import data as rd
    from ..reports import provenance, publish, rollup

    def work(county):
        model = build(load(county.root))
        if why := backbone_problem(model):  # this county's figures would be wrong: a failed county (said, left out, exit 2)
            raise GkError(why)
        prov = provenance.of(county.root, __version__, today())
        try:
            here = unit and one_unit(model.resolver, unit, _one_report(quarter, year), require=lambda ref: None)
        except GkError as e:  # several units: the command's error, not this county's
            raise _UsageError(e) from None
        try:
            rep = rd.quarterly(model, Quarter.parse(quarter), day, prov, here) if quarter else rd.annual(model, year, day, prov, here)
        except GkError as e:
            if unit:  # this county has no such unit: named, and left out
                return None, e.message, 0
            raise
        return (publish.render(rep, fmt, county.root), rep, prov.commit_label), "", len(model.data_errors())

    rows, parts, written, owed_label = [], [], [], ""
    names = {"汇总"}  # the roll-up's own file: a county called 汇总 is 汇总（2）
    left_out: list[tuple[str, str]] = []
    for county, (done, skipped, errors) in _said(workspace.each(workspace.counties(roots), work, "生成报告")):
        if done is None:
            typer.echo(f"注意：{county.name}（{county.root}）{skipped}，未生成该县的报告", err=True)
            left_out.append((county.name, skipped))
            continue
        if errors:
            typer.echo(f"注意：{county.name} 的数据中有 {errors} 个错误，相关记录未计入报告；在该县仓库运行 gk lint 查看。", err=True)
        out, rep, commit = done
        target = None
        if output:  # one file per county, named safely and never twice
            stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", county.name).strip(". ") or "县"
            name, k = stem, 1
            while name in names:
                k += 1
                name = f"{stem}（{k}）"
            names.add(name)
            target = Path(output).with_name(f"{Path(output).stem}-{name}{Path(output).suffix}")
        if quarter is None and rep.quarters:
            owed_label = rep.quarters[-1].label
        rows.append(rollup.row(county.name, rep.status, commit, target.name if target else "", rep.not_reported))
        if target:
            written.append((target, out))
        else:
            parts.append(out)
    if not rows:
        if workspace.FAILED:
            raise typer.Exit(2)  # every county failed, each said why
        raise GkError(f"没有一个县有单位“{unit}”", "检查单位名称，或去掉 --unit")
    label = Quarter.parse(quarter).label if quarter else f"{year}年度"
    left_out = [(c.name, workspace.WHY.get(c.root) or "数据无法读取") for c in workspace.FAILED] + left_out
    summary = rollup.Rollup(rollup.meta(owner, len(rows), label, quarter or str(year), day, __version__, today(), owed_label, unit),
                            rows, left_out)
    if fmt == "docx" and not summary.meta.office:
        typer.echo("注意：汇总报告（Word）没有落款：在列出各县的仓库（workspace）的 gk.toml 中写 office（或 [report] signature）即印出", err=True)
    if output:  # every file or none: one that is there already stops them all, before any is written
        written.append((Path(output).with_name(f"{Path(output).stem}-汇总{Path(output).suffix}"), publish.render(summary, fmt, owner)))
        publish.refuse_taken([t for t, _ in written], force)
        backups = [publish.write_atomic(t, out, force) for t, out in written]
        for (t, _), b in zip(written, backups):
            typer.echo(f"已生成 {t}" + (f"（原文件另存为 {b}）" if b is not None else ""), err=True)
    else:
        _to_stdout(publish.render(summary, "md", owner) + b"".join(b"\n---\n\n" + p for p in parts))
    if workspace.FAILED:
        raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    app.command("report", epilog=EXAMPLES)(report)


def _to_stdout(markdown: bytes) -> None:
    """The Markdown (UTF-8) on standard output: to a terminal in its own encoding when that is another
    (a GB18030 locale showed it garbled, while status and lint were right); to a file or pipe
    (gk report > 报告.md) as UTF-8, the bytes -o writes (under LC_ALL=C it was all ?, exit 0)."""
    import sys

    enc = (getattr(sys.stdout, "encoding", "") or "").lower().replace("-", "").replace("_", "")
    try:
        shown = sys.stdout.isatty()
    except (AttributeError, ValueError):
        shown = False
    if enc in ("utf8", "") or not shown:
        sys.stdout.buffer.write(markdown)
    else:
        sys.stdout.write(markdown.decode("utf-8"))
    sys.stdout.flush()
