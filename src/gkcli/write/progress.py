"""gk progress add: check one progress entry, then append it to its unit's quarterly file.

Three steps, kept apart so each can be tested alone:

1. `check(model, request, today)` validates through the core — the task exists, the
   unit resolves (the one Resolver) to a unit assigned to the task, status and date
   make sense, the quarter is open (or `--late`) — and returns a `Target`, or raises
   `GkError` with a Chinese message. Nothing is written.
2. `append_text(text, entry, ...)` is a pure function: the file's text with the entry
   added at the end of its `entries:` list and every other byte unchanged (comments,
   spacing, quoting, flow or block style, CRLF). It edits the text, it does not
   re-serialize the YAML: what is not the new entry cannot change.
3. `write(target)` takes the folder lock, reads the file, appends, re-reads the result
   with gk's loader and checks it holds exactly the old data plus the new entry, then
   replaces the file atomically (and refuses if it changed on disk meanwhile).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import GkError
from ..lists import did_you_mean
from ..meant import literal
from ..model import id_key, plan_starts
from ..periods import NoSuchQuarter, Quarter
from ..status import ENTRY_LABELS
from . import atomic
from .yamltext import comment, flow_list, scalar

STATUSES = ("done", "in_progress", "not_started", "blocked")
STATUS_LABELS = ENTRY_LABELS


def status_code(text: str) -> str | None:
    """The status a clerk's word means: the code in any case or width (Done, in-progress) or a word
    for it (已完成, 进行中: meant.STATUS_WORDS, the words lint's hints know too); None otherwise."""
    found = literal(text, list(STATUSES))
    return found[0] if found is not None and found[1] != "typo" else None


def status_slip(text: str) -> str:
    """是不是 done（已完成）？ for a status typed with a slip (doen): said, never taken; else ""."""
    found = literal(text, list(STATUSES))
    return f"是不是 {found[0]}（{STATUS_LABELS[found[0]]}）？" if found is not None and found[1] == "typo" else ""


def entry_date(text: str, today: dt.date, what: str = "日期") -> tuple[dt.date, str | None]:
    """The date an entry is given, as clerks write it: any form the command line takes (上周五, 周五 too), or a day without
    its year (9月15日, 9-15, 9.15): the latest such day up to today (this year's, or last year's when this
    year's is still to come). With what the caller is to say of a date so read, else None."""
    from ..clock import WEEKDAY, parse_date

    try:
        day = parse_date(text, what)
        if (m := WEEKDAY.fullmatch(text.strip())) and not m[1]:  # 周五: which one is a choice, so said
            return day, f"{what}“{text.strip()}”按最近的{text.strip()}（{day.isoformat()}）读入"
        return day, None
    except GkError:
        from ..repo import _NO_YEAR

        m = _NO_YEAR.match(unicodedata.normalize("NFKC", text))
        if m is None:
            raise
        try:  # 1月1日 typed on 31 December: tomorrow, not the first of this January
            ahead = dt.date(today.year + 1, int(m[1]), int(m[2]))
        except ValueError:
            ahead = None
        if ahead is not None and (ahead - today).days <= 7:
            raise _later_than_today(what, text, ahead, today, "今年") from None
        for year in (today.year, today.year - 1):
            try:
                day = dt.date(year, int(m[1]), int(m[2]))
            except ValueError:
                continue
            if day <= today:
                return day, f"{what}“{text.strip()}”没写年份，按 {day.isoformat()} 读入"
            if (day - today).days <= SOON:  # tomorrow typed (a slip, or ahead of time): not the same day a year ago
                raise _later_than_today(what, text, day, today, "去年") from None
        raise


def _later_than_today(what: str, text: str, day: dt.date, today: dt.date, meant: str) -> GkError:
    """A day without its year read as one still to come; `meant` (今年, 去年): the year the hint writes it in."""
    year = today.year if meant == "今年" else day.year - 1
    return GkError(f"{what}“{text.strip()}”是 {day.isoformat()}，晚于今天（{today.isoformat()}）",
                   f"进度记已经发生的事，写实际的日期；指{meant}的这一天时写上年份，如 {year}-{day.month:02d}-{day.day:02d}")


# a day without its year up to this many days after today is this year's, still to come (refused), not last year's
SOON = 60


class ClosedQuarter(GkError):
    """The quarter's window has closed and the entry is not marked late (--late): interactively, asked."""


def parse_status(text: str) -> str:
    status = status_code(text)
    if status is None:
        raise GkError(
            f"未知状态“{text}”",
            status_slip(text) + "可用：" + "、".join(f"{s}（{STATUS_LABELS[s]}）" for s in STATUSES),
        )
    return status


@dataclass
class Request:
    task: str
    unit: str
    status: str
    date: dt.date | None = None
    note: str | None = None
    evidence: list[str] = field(default_factory=list)
    period: str | None = None
    late: bool = False


@dataclass
class Target:
    root: Path
    rel: str  # data/progress/2023Q3/县财政局.yaml
    unit: str  # canonical unit name
    quarter: Quarter
    today: dt.date
    entry: dict[str, Any]  # task, status, date (date), note?, evidence?
    warnings: list[str] = field(default_factory=list)
    late: bool = False  # filed after the quarter closed (--late): the file's submitted_on becomes today
    spellings: tuple[str, ...] = ()  # the unit's name, aliases and full name: a file's `unit:` must be one
    late_append: str = ""  # the warning of a late entry appended to a closed quarter's file (said otherwise interactively)

    @property
    def path(self) -> Path:
        return self.root / self.rel


@dataclass
class Outcome:
    target: Target
    created: bool
    written: bool  # False when the same entry was already there
    line: int  # where the entry stands in the file
    submitted_on_updated: bool = False


# --- 1. checking -------------------------------------------------------------


def find_task(model, text: str):
    """The TaskInfo of a written task id (exact, then case- and zero-insensitive)."""
    info = model.by_id.get(text.strip())
    if info is not None:
        return info
    want = id_key(unicodedata.normalize("NFKC", text))  # (ＸＨ２０２３－３０, as a Chinese input method types it)
    hits = [i for tid, i in model.by_id.items() if id_key(tid) == want]
    if len(hits) == 1:
        return hits[0]
    near = nearest_ids(model, text)
    hint = did_you_mean(near, "运行 gk status 查看所有任务编号")
    raise GkError(f"找不到任务“{text}”", hint)


def nearest_ids(model, text: str, limit: int = 3) -> list[str]:
    from rapidfuzz import fuzz, process

    ids = list(model.by_id)
    hits = process.extract(text.strip(), ids, scorer=fuzz.ratio, limit=limit, score_cutoff=50)
    return [h[0] for h in hits]


def resolve_unit(model, text: str, asked: bool = False) -> str:
    """A written unit reference to one concrete unit's name, or a GkError. A name of no unit that is
    another spelling of exactly one unit's (驷马镇人民政府 for 驷马镇, 县政府办公室 for 县政府办: units.body_key)
    is that unit: people type their unit's full name (check() says how it was read)."""
    if (same := model.resolver.spelled_otherwise(text)) is not None:
        return same
    r = model.resolver.require(text)
    if r.is_group:
        some = "、".join(r.units[:3]) + ("等" if len(r.units) > 3 else "")
        raise GkError(
            f"“{text}”是单位分组（{r.name}，{len(r.units)} 个单位），进度须由具体单位报送",
            f"{'请输入其中一个单位的编号或名称' if asked else '用 --unit 指定其中一个单位'}{f'，如 {some}' if some else ''}",
        )
    assert r.name is not None
    return r.name


def _into_open_quarter(today: dt.date, window: int, model=None, unit: str | None = None) -> str:
    """How to file into the quarter offices are filing now: last quarter until its window closes
    (on 10-08 that is the third quarter, not the fourth just begun), else this one. A unit that ended
    before that quarter began may not file it (GK215): what would be accepted is said instead."""
    now = Quarter.of(today)
    last = now.prev()
    end = model.ends.get(unit) if model is not None and unit is not None and model.ends else None
    if end is not None and end.ends_on < (last if today <= last.closes_on(window) else now).first_day:
        holder = model.holder(unit, today)
        return (f"{unit}已于 {end.ends_on} 撤销，不能再记入此后的季度"
                + (f"：撤销之后的工作以{holder}的名义报送（--unit {holder}）" if holder else "：撤销后的工作不再登记"))
    if today <= last.closes_on(window):
        return f"加 --period {last} 记入{last.label}（{last.closes_on(window)} 截止报送）"
    return f"加 --period {now} 记入本季度"


def _ended_before_open(model, unit: str, today: dt.date, window: int) -> bool:
    """Had `unit` ended before the quarter offices are filing now began?"""
    return bool(model.ends) and unit in model.ends and _into_open_quarter(today, window, model, unit).startswith(unit + "已于")


def check(model, req: Request, today: dt.date) -> Target:
    """Validate the request against the data repo; raise GkError on anything wrong."""
    status = parse_status(req.status)
    info = find_task(model, req.task)
    unit = resolve_unit(model, req.unit)
    warnings: list[str] = []
    if unit != req.unit.strip() and model.resolver.resolve(req.unit).problem == "unknown":
        warnings.append(f"“{req.unit.strip()}”是“{unit}”的另一种写法，按“{unit}”记入（常用这个写法的话，可把它加进该单位的 aliases）")
    # a successor may report on the work it took over from a unit that ended (docs/decisions.md, 单位的撤销与合并);
    # from which day it does is checked once the entry's date is known
    takes_over = [u for u in info.units if u in model.ends and unit in model.chain(u, dt.date.max)[1:]] if model.ends else []
    if unit not in info.units and not takes_over:
        if not info.units:
            raise GkError(
                f"任务 {info.id} 没有可解析的责任单位，无法登记进度",
                f"先修正 {info.file} 中该任务的 units（gk lint 会指出问题）",
            )
        listed = "、".join(info.units[:12]) + ("等" if len(info.units) > 12 else "")
        if not info.task.others:
            start = model.starts.get(unit) if model.starts else None
            began = plan_starts(info.plan)
            why = (f"（{unit}于 {start} 成立，晚于该方案（{began} 起）：方案中写给分组的任务不交给成立之前没有的单位；"
                   f"原单位的任务由 successor 承接）" if start is not None and began is not None and began < start else "")
            raise GkError(f"{unit} 不是任务 {info.id} 的责任单位{why}", f"该任务的责任单位：{listed}")
        warnings.append(
            f"{unit} 不在任务 {info.id} 列出的责任单位中；该任务写有“{info.task.others}”，"
            f"所以接受登记，但 gk lint 会给出警告，状态统计只显示、不计入该条"
        )

    quarter = parse_period(req.period, today) if req.period else None
    day = req.date
    if day is None:
        if quarter is not None and today > quarter.last_day:
            raise GkError(
                f"{quarter.label}已经结束，请用 --date 写明达到该状态的日期",
                f"日期应在 {quarter.last_day} 或之前",
            )
        day = today
    if day > today:
        raise GkError(f"日期 {day} 晚于今天（{today}）", "进度记录已经发生的事；计划中的事写在说明（--note）里")
    if quarter is None:
        quarter = Quarter.of(day)
    elif day > quarter.last_day:
        raise GkError(
            f"日期 {day} 在 {quarter}（{quarter.label}）结束之后",
            f"不加 --period 即记入 {Quarter.of(day)}，或把日期改到 {quarter.last_day} 或之前",
        )
    _ended_unit(model, info, unit, status, day, quarter, _also(req))
    _unformed_unit(model, info, unit, status, day, quarter, _also(req))
    carried_from = model.carries(info, unit, day) if unit not in info.units else None
    if unit not in info.units and takes_over and carried_from is None:
        taken = {u: model.takeover(u, unit) for u in takes_over}  # (the unit before it in the chain, the first day it carries)
        first = min(t[1] for t in taken.values() if t is not None)
        before = list(dict.fromkeys(t[0] for t in taken.values() if t is not None and t[1] == first))
        raise GkError(f"{unit} 自 {first} 起才承接{'、'.join(takes_over)}的任务 {info.id}，{day} 还不是它的任务",
                      f"{day} 的进展由{'、'.join(before)}报送；承接之后的进展写 {first} 或之后的日期")
    if carried_from is not None:
        warnings.append(f"{info.id} 原是{carried_from}的任务（{carried_from}已于 {model.ends[carried_from].ends_on} 撤销），由{unit}承接，记入{unit}的进度")
    window = model.repo.settings.report_window_days
    closes = quarter.closes_on(window)
    if today > closes and not req.late:
        raise ClosedQuarter(
            f"{quarter}（{quarter.label}）已于 {closes} 截止报送：进度是只追加的历史，已截止的季度不再写入",
            (f"确需补报，加 --late（{unit}撤销前的日期）；{_into_open_quarter(today, window, model, unit)}" if _ended_before_open(model, unit, today, window)
             else f"确需补报，加 --late；或{_into_open_quarter(today, window)}（日期可早于该季度）"),
        )
    if req.late and today <= closes:
        warnings.append(f"{quarter} 尚未截止（{closes} 截止），--late 不起作用")
    before = quarter.prev()
    if req.date is None and req.period is None and today <= before.closes_on(window):
        # the days offices file last quarter's work: said, so that it is not filed under the new one unawares
        warnings.append(f"记入 {quarter}（{quarter.label}）；{before.label}的报送到 {before.closes_on(window)} 截止，"
                        f"登记的若是上季度的工作，请加 --period {before}（或用 --date 写明日期）")

    counted = unit in info.units or bool(takes_over)  # a unit of the 等 tail is shown, not counted: it owes no round
    if status == "done" and counted and info.deadline is not None and info.deadline.kind == "recurring":
        from .. import status as st

        a = st.assignment_status(model, info, carried_from or unit, day, model.repo.settings.due_soon_days)
        if a.missed is not None and a.due is not None:  # work of the round before, done late, counts for this one
            first = info.deadline.occurrence(st.occurrence_day(info, day))[0]  # after the plan's end: its last round
            warnings.append(f"{info.id} 是周期任务，{unit} 上一期（{a.missed} 到期）没有登记“已完成”；{day} 的这条记入"
                            f" {first}—{a.due} 这一期。补做的是上一期的工作时，上一期仍算未按时完成，请在说明中写明")

    from ..status import plan_not_yet

    if why := plan_not_yet(info.plan, day):  # status and reports leave the plan out before that day
        warnings.append(f"方案《{info.plan.title}》{why}，晚于这条进度的日期 {day}：状态与报告在方案生效之后才计入它")
    prev = model.latest(info.id, unit, today)
    if prev is not None and prev.entry.status == "done" and status == "not_started":
        warnings.append(f"上次记录（{prev.entry.date}）为已完成，现在记为未启动；gk lint 会给出警告")
    elif prev is not None and prev.entry.date == day and prev.entry.status != status:  # as lint's GK409
        from ..status import ENTRY_LABELS

        warnings.append(f"{day} 已有一条“{ENTRY_LABELS.get(prev.entry.status, prev.entry.status)}”的记录：同一天两个状态，"
                        f"gk 按这条（{ENTRY_LABELS.get(status, status)}）计算；gk lint 会给出警告")

    from ..yamlio import CONTROL

    for what, text in (("--note", req.note or ""), *(("--evidence", e or "") for e in req.evidence)):
        try:  # first: undecodable bytes come in as lone surrogates, which CONTROL matches too
            text.encode("utf-8")
        except UnicodeEncodeError:  # bytes the terminal's encoding could not decode (a GBK terminal, a cut character)
            raise GkError(f"{what} 中有无法识别的字符（不是 UTF-8 文本），未写入", "检查终端的编码（应为 UTF-8），或重新输入这段文字") from None
        if CONTROL.search(text):  # gk lint would refuse the file it wrote (GK101)
            raise GkError(f"{what} 中含有控制字符，未写入", "删除这些字符（可能是从网页或 Word 复制来的）")
    entry: dict[str, Any] = {"task": info.id, "status": status, "date": day}
    note = (req.note or "").strip()
    if note:
        entry["note"] = note
    rel = target_file(model, unit, quarter)
    evidence = [e.strip() for e in req.evidence if e and e.strip()]
    if evidence:
        entry["evidence"] = evidence
        from ..lint.rules.gk413_evidence_link import said_of

        for e in evidence:  # as lint will (GK413, a warning): written all the same
            if (said := said_of(e, model.repo.root, rel)) is not None:
                warnings.append(f"佐证“{e}”{said[0]}：{said[1]}；gk lint 会给出警告")
    late_append = ""
    if req.late and today > closes and (model.repo.root / rel).exists() and not _added_by_this_branch(model.repo.root, rel):
        late_append = (f"{quarter} 已截止，本条追加到已有的 {rel}：合并请求中 gk lint --base 会把改动已截止季度的文件报为 GK407"
                       f"（需政务公开办说明理由后合并）；也可以{_into_open_quarter(today, window, model, unit)}")
        warnings.append(late_append)
    return Target(model.repo.root, rel, unit, quarter, today, entry, warnings, late=req.late and today > closes,
                  spellings=tuple(model.resolver.spellings(unit)), late_append=late_append)


def _added_by_this_branch(root: Path, rel: str) -> bool:
    """A late file this branch made (not in the branch the pull request goes into): appending to it is
    no change of a closed quarter's history, and --base says nothing (no GK407 to warn of)."""
    from ..lint.git import base_lacks

    return base_lacks(root, rel)


def _also(req: Request) -> str:
    """The note and evidence of a refused request, as options to copy: the command a refusal offers keeps them."""
    import shlex

    note = f" --note {shlex.quote(req.note)}" if req.note else ""
    return note + "".join(f" --evidence {shlex.quote(e)}" for e in req.evidence)


def _ended_unit(model, info, unit: str, status: str, day: dt.date, quarter: Quarter, also: str = "") -> None:
    """A unit that has ended (unit.ends_on) files nothing for a quarter starting after its last day, nor
    an entry dated after it (lint GK215): its successor reports its work. A GkError that names it."""
    end = model.ends.get(unit)
    if end is None or (quarter.first_day <= end.ends_on and day <= end.ends_on):
        return
    what = f"{quarter}（{quarter.label}）的进度" if quarter.first_day > end.ends_on else f"{day} 的进展"
    when = max(day, quarter.first_day)
    holder = model.holder(unit, when)
    start = model.starts.get(holder) if holder is not None and model.starts else None
    if holder is not None and start is not None and when < start:  # between the two: nobody was there to do it
        hint = (f"它的任务由{holder}承接，但{holder}于 {start} 才成立：{end.ends_on} 之后、{start} 之前的工作没有单位报送。"
                f"改正日期（{unit}写 {end.ends_on} 或之前，{holder}写 {start} 或之后），或核对两者的 ends_on、starts_on")
    elif holder is not None:
        hint = f"它的任务由{holder}承接，请以{holder}的名义报送：gk progress add {info.id} --unit {holder} --status {status} --date {day}{also}"
    else:
        hint = f"它没有接续单位：撤销后的工作不再登记。由别的单位承接它的职责时，在 data/units/ 中{unit}的 successor 写明承接单位"
    raise GkError(f"{unit}已于 {end.ends_on} 撤销，不再报送 {what}", hint)


def _unformed_unit(model, info, unit: str, status: str, day: dt.date, quarter: Quarter, also: str = "") -> None:
    """A unit formed later (unit.starts_on) files nothing dated before its first day, and so nothing for a
    quarter ending before it (lint GK217): the work of those days was the units' it took over. A GkError."""
    start = model.starts.get(unit) if model.starts else None
    if start is None or day >= start:
        return
    what = f"的 {quarter}（{quarter.label}）的进度" if quarter.last_day < start else f"（{day}）的进展"
    before = [u for u in model.predecessors(unit, day) if u in info.units]
    if before:
        hint = (f"成立之前的工作由{'、'.join(before)}报送：gk progress add {info.id} --unit {before[0]} --status {status}"
                f" --date {day}{also}；{unit}成立之后的进展写 {start} 或之后的日期")
    else:
        hint = f"写 {start} 或之后的日期（--date）；成立日期写错的，改正 data/units/ 中{unit}的 starts_on"
    raise GkError(f"{unit}于 {start} 成立，不报送成立之前{what}", hint)


def parse_period(text: str, today: dt.date) -> Quarter:
    """--period as written (2023Q3, 2023年第三季度): a quarter that has begun, or a GkError."""
    try:
        quarter = Quarter.from_option(text)
    except NoSuchQuarter as e:  # 2023Q5: written right, no such quarter
        raise GkError(str(e), "季度写作 2023Q3 这样的形式，Q1—Q4") from None
    except ValueError:
        raise GkError(f"季度“{text}”格式不对", "季度写作 2023Q3 这样的形式（1900—2999 年），也可写 2023年第三季度") from None
    if quarter.first_day > today:
        raise GkError(f"季度 {quarter}（{quarter.label}）还没有开始", f"今天是 {today}")
    return quarter


def target_file(model, unit: str, quarter: Quarter) -> str:
    """data/progress/<Q>/<unit name>.yaml — or the unit's existing file for Q under another
    spelling (an alias), so that one unit never has two files for one quarter; a file named
    by one of its spellings counts even when it could not be read (writing then refuses)."""
    from ..repo import UNIT_NAME_NOT_A_FILE, file_unit, names_no_file

    from ..units import name_key

    spelled = {name_key(w) for w in model.resolver.spellings(unit)}
    for report in model.repo.progress:
        if report.period == str(quarter) and (model.resolver.canonical(report.unit) or report.unit) == unit:
            if name_key(file_unit(report.file)) not in spelled:  # 县司法局.yaml saying unit: 县人社局: whose file is it?
                raise GkError(f"{report.file} 写的单位是 {report.unit}，与文件名不符，未写入",
                              "先改正该文件的文件名或 unit（gk lint 报 GK401），再登记进度")
            return report.file
    folder = model.repo.root / "data" / "progress" / str(quarter)
    for written in model.resolver.spellings(unit):
        for ext in (".yaml", ".yml"):
            if not names_no_file(written) and (folder / f"{written}{ext}").is_file():
                return f"data/progress/{quarter}/{written}{ext}"
    if names_no_file(unit):  # gk lint says so too (GK105); never write where such a name leads
        message, hint = UNIT_NAME_NOT_A_FILE
        raise GkError(message.format(unit) + "，未写入", hint)
    return f"data/progress/{quarter}/{unit}.yaml"


# --- 2. the text -------------------------------------------------------------


def entry_lines(entry: dict[str, Any]) -> list[tuple[str, str]]:
    """(key, YAML value text) of an entry, in DESIGN order."""
    out = [("task", scalar(entry["task"])), ("status", entry["status"]), ("date", entry["date"].isoformat())]
    if entry.get("note"):
        out.append(("note", scalar(entry["note"])))
    if entry.get("evidence"):
        out.append(("evidence", flow_list(entry["evidence"])))
    return out


def block_entry(entry: dict[str, Any], dash_col: int, key_col: int, nl: str) -> str:
    lines = entry_lines(entry)
    first = " " * dash_col + "-" + " " * max(1, key_col - dash_col - 1) + f"{lines[0][0]}: {lines[0][1]}"
    rest = [" " * key_col + f"{k}: {v}" for k, v in lines[1:]]
    return nl.join([first, *rest]) + nl


def flow_entry(entry: dict[str, Any]) -> str:
    parts = []
    for k, v in entry_lines(entry):
        if k in ("task", "note"):
            v = scalar(entry[k], flow=True)
        parts.append(f"{k}: {v}")
    return "{" + ", ".join(parts) + "}"


def new_file_text(unit: str, quarter: Quarter, submitted_on: dt.date, entry: dict[str, Any]) -> str:
    head = comment(f"{unit} {quarter.label}工作进度。由 gk progress add 创建；可以手工补充，注释会保留。")
    return (
        f"{head}\n"
        f"unit: {scalar(unit)}\n"
        f"period: {quarter}\n"
        f"submitted_on: {submitted_on.isoformat()}\n"
        f"entries:\n" + block_entry(entry, 2, 4, "\n")
    )


class Unappendable(Exception):
    """The file's shape leaves no safe place for an entry (gk refuses, unchanged)."""


def append_text(text: str, entry: dict[str, Any], submitted_on: dt.date | None = None) -> str:
    """`text` (a progress file, without BOM) with `entry` added at the end of `entries:`.

    Only insertions, except: an explicit null (`entries: ~`) is removed, and
    `submitted_on`, when given, replaces that field's value. Everything else keeps
    its bytes."""
    import yaml

    if "\r" in text and "\n" not in text:  # old Mac line ends (CR only): edited as LF, given back as CR
        return append_text(text.replace("\r", "\n"), entry, submitted_on).replace("\n", "\r")
    nl = _line_end(text)
    try:  # libyaml, as gk reads (the pure-Python scanner refuses a tab libyaml takes: `done\t`)
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark is not None else ""
        raise Unappendable(f"YAML 语法错误{where}") from None
    if not isinstance(root, yaml.MappingNode):
        raise Unappendable("文件顶层不是“键: 值”映射")
    edits: list[tuple[int, int, str]] = []
    value = None
    key_col = root.start_mark.column
    for k, v in root.value:
        if isinstance(k, yaml.ScalarNode) and k.value == "entries":
            value = v
            key_col = k.start_mark.column
        if submitted_on is not None and isinstance(k, yaml.ScalarNode) and k.value == "submitted_on":
            if not isinstance(v, yaml.ScalarNode):
                raise Unappendable("submitted_on 不是日期")
            q = v.style if v.style in ("'", '"') else ""  # '2023-09-01' stays quoted, as written
            edits.append((v.start_mark.index, v.end_mark.index, f"{q}{submitted_on.isoformat()}{q}"))

    if value is None:  # no entries key yet
        if root.flow_style:
            close = _closing(text, root, "}")
            edits.append((close, close, f", entries: [{flow_entry(entry)}]"))
        else:
            # at the mapping's end: before a document end marker (`...`) if there is one, where an
            # entries key would start a new document (the comments before it stay above the key)
            at = root.end_mark.index
            pre = "" if text[:at].endswith("\n") or not at else nl
            block = pre + " " * key_col + "entries:" + nl + block_entry(entry, key_col + 2, key_col + 4, nl)
            edits.append((at, at, block))
    elif isinstance(value, yaml.ScalarNode):
        if value.style not in (None, "") or value.value not in ("", "~", "null", "Null", "NULL"):  # plain: None, libyaml ""
            raise Unappendable("entries 不是列表")
        if root.flow_style:
            edits.append((value.start_mark.index, value.end_mark.index, f"[{flow_entry(entry)}]"))
        else:
            if value.end_mark.index > value.start_mark.index:
                start = value.start_mark.index
                if text[value.end_mark.index:value.end_mark.index + 1] in ("", "\n", "\r"):  # `entries: ~` → `entries:`, no space left
                    while start > 0 and text[start - 1] in " \t":  # at the line's end (before a comment it stays: `entries:   # 无`)
                        start -= 1
                edits.append((start, value.end_mark.index, ""))
            at = _after_line(text, value.end_mark.index)
            pre = nl if at == len(text) and not text.endswith("\n") else ""
            edits.append((at, at, pre + block_entry(entry, key_col + 2, key_col + 4, nl)))
    elif isinstance(value, yaml.SequenceNode):
        if value.flow_style:
            if value.value:
                at = value.value[-1].end_mark.index
                edits.append((at, at, ", " + flow_entry(entry)))
            else:
                close = _closing(text, value, "]")
                edits.append((close, close, flow_entry(entry)))
        else:
            last = value.value[-1]
            dash_col = value.start_mark.column
            at = _past_own_comments(text, _after_line(text, _content_end(last)), dash_col)
            pre = nl if at == len(text) and not text.endswith("\n") else ""
            if isinstance(last, yaml.MappingNode) and last.flow_style:
                item = " " * dash_col + "- " + flow_entry(entry) + nl
            else:
                item_key_col = last.start_mark.column if isinstance(last, yaml.MappingNode) else dash_col + 2
                if isinstance(last, yaml.MappingNode) and last.start_mark.line != _dash_line(text, last):
                    item_key_col = dash_col + 2
                item = block_entry(entry, dash_col, max(item_key_col, dash_col + 2), nl)
            edits.append((at, at, pre + item))
    else:
        raise Unappendable("entries 不是列表")
    if text and not text.endswith(("\n", "\r")):
        edits += _keep_final_block_scalar(text, root)

    out = text
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        out = out[:start] + new + out[end:]
    return out


def _line_end(text: str) -> str:
    """The file's own line end, for the lines gk adds: CRLF when most of its lines end so (a
    Windows file), else LF (one CRLF line pasted into an LF file does not make it one)."""
    crlf = text.count("\r\n")
    return "\r\n" if crlf > text.count("\n") - crlf else "\n"


def _keep_final_block_scalar(text: str, root) -> list[tuple[int, int, str]]:  # type: ignore[no-untyped-def]
    """A file without a final line break whose last value is a block scalar (`note: |` + `  块`,
    Notepad's way): the line break an append puts after it would join its value (块 → 块 + newline).
    Its header is made to strip that break (`|` → `|-`, `|+` → `|-`): the value stays as it was."""
    import yaml

    node = root
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value and not node.flow_style:
        node = node.value[-1][1] if isinstance(node, yaml.MappingNode) else node.value[-1]
    if not isinstance(node, yaml.ScalarNode) or node.style not in ("|", ">") or node.value.endswith("\n"):
        return []  # not a block scalar, or its last line has its break (a comment or spaces follow): nothing joins it
    at = node.start_mark.index  # the indicator
    header = re.match(r"[|>]([1-9]?[-+]?[1-9]?)", text[at:])
    if header is None or "-" in header[1]:
        return []
    if "+" in header[1]:
        plus = at + 1 + header[1].index("+")
        return [(plus, plus + 1, "-")]
    return [(at + 1, at + 1, "-")]


def _content_end(node) -> int:
    """Where the node's own text ends (not the comments and blank lines after it)."""
    import yaml

    if isinstance(node, yaml.ScalarNode) or node.flow_style:
        return node.end_mark.index
    if isinstance(node, yaml.SequenceNode):
        return _content_end(node.value[-1]) if node.value else node.end_mark.index
    return _content_end(node.value[-1][1]) if node.value else node.end_mark.index


def _past_own_comments(text: str, at: int, dash_col: int) -> int:
    """Past the comment lines right below the last entry that are indented into the list (at its
    `-` or deeper, no blank line between): they are that entry's (`    # ↑ 受阻原因：经费未到位`),
    and an entry put above them made them read as the new one's. A comment further left, or after
    a blank line, stays below the new entry (a note at the file's end)."""
    while at < len(text):
        end = text.find("\n", at)
        line = text[at:] if end < 0 else text[at:end]
        body = line.lstrip(" ")
        if not body.startswith("#") or len(line) - len(body) < dash_col:
            break
        at = len(text) if end < 0 else end + 1
    return at


def _after_line(text: str, pos: int) -> int:
    """The start of the line after the one holding position `pos` (end of text if none)."""
    if pos > 0 and text[pos - 1] == "\n":
        return pos
    i = text.find("\n", pos)
    return len(text) if i < 0 else i + 1


def _dash_line(text: str, node) -> int:
    """The line of the `-` that introduces a sequence item (0-based)."""
    i = node.start_mark.index - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i >= 0 and text[i] == "-":
        return node.start_mark.line
    return -1


def _closing(text: str, node, bracket: str) -> int:
    i = node.end_mark.index - 1
    if i < 0 or text[i] != bracket:
        raise Unappendable("无法定位列表的结尾")
    return i


# --- 3. writing --------------------------------------------------------------


def _as_text_values(entry: dict[str, Any]) -> dict[str, Any]:
    """The entry as gk's loader reads it back (every scalar is its text)."""
    out: dict[str, Any] = {}
    for k, v in entry.items():
        out[k] = v.isoformat() if isinstance(v, dt.date) else v
    return out


def _same_entry(a: Any, b: dict[str, Any]) -> bool:
    if not isinstance(a, dict):
        return False
    norm = lambda d: {k: v for k, v in d.items() if v not in (None, [], "")}  # noqa: E731
    return norm(a) == norm(b)


def write(target: Target) -> Outcome:
    """Append the entry under the folder lock; atomic; refuses when the file changed meanwhile."""
    from .. import yamlio

    path = target.path
    new_entry = _as_text_values(target.entry)
    atomic.confine(target.root, path)
    with atomic.locked(path.parent):
        atomic.clean_stale(path)
        before = atomic.read_bytes(path)
        if before is None:
            text = new_file_text(target.unit, target.quarter, target.today, target.entry)
            data = text.encode("utf-8")
            expected = {
                "unit": target.unit,
                "period": str(target.quarter),
                "submitted_on": target.today.isoformat(),
                "entries": [new_entry],
            }
            _verify(data, expected, target)
            atomic.replace(path, data, expect=None)
            return Outcome(target, True, True, _entry_line(data, 0))

        doc, old, entries = _readable(before, target)
        # the same entry again (a command run twice) is not written twice; but only when it is
        # the task's latest word in the file: done → blocked → done again is three entries
        same_task = [i for i, e in enumerate(entries) if isinstance(e, dict) and e.get("task") == new_entry["task"]]
        if same_task and _same_entry(entries[same_task[-1]], new_entry):
            return Outcome(target, False, False, doc.locate(("entries", same_task[-1]))[0])

        bom = b"\xef\xbb\xbf" if before.startswith(b"\xef\xbb\xbf") else b""
        text = before[len(bom):].decode("utf-8")
        submitted = old.get("submitted_on")
        bump = None
        if isinstance(submitted, str):
            try:  # a later entry, or one filed after closing (then the report shows 逾期报送)
                if dt.date.fromisoformat(submitted) < (target.today if target.late else target.entry["date"]):
                    bump = target.today
            except ValueError:
                pass  # a bad submitted_on is lint's business; leave it as written
        try:
            new_text = append_text(text, target.entry, bump)
        except Unappendable as e:
            raise GkError(f"{target.rel} 无法安全追加：{e}", "先修正该文件（gk lint 会指出问题），或手工添加该条目") from None
        data = bom + new_text.encode("utf-8")
        expected = dict(old)
        expected["entries"] = [*entries, new_entry]
        if bump is not None:
            expected["submitted_on"] = bump.isoformat()
        _verify(data, expected, target)
        atomic.replace(path, data, expect=before)
        return Outcome(target, False, True, _entry_line(data, len(entries)), bump is not None)


def _readable(before: bytes, target: Target):  # type: ignore[no-untyped-def]
    """The file's document, data and entries, or the GkError that refuses to append to it."""
    from .. import yamlio

    doc, problems = yamlio.read(before)
    if doc is None or not isinstance(doc.data, dict):
        first = problems[0].message if problems else "文件顶层不是“键: 值”映射"
        line = problems[0].line if problems else 1
        raise GkError(f"{target.rel} 第 {line} 行有错误，未写入：{first}", "先修正该文件（gk lint 会指出问题），再登记进度")
    old = doc.data
    _check_header(old, target)
    entries = old.get("entries") or []
    if not isinstance(entries, list):
        raise GkError(f"{target.rel} 中 entries 不是列表，未写入", "entries: 下每条进度以“- ”开头")
    return doc, old, entries


def check_file(target: Target) -> None:
    """Refuse now what `write` would refuse of the target file (it cannot be read, its header is wrong):
    interactively, before the note is typed, not after."""
    before = atomic.read_bytes(target.path)
    if before is not None:
        _readable(before, target)


def file_errors(model, target: Target) -> str | None:
    """What `gk lint` finds wrong in the target file (besides the new entry), said in a line, with
    whether `gk lint --fix` mends it: the entry is appended all the same, but the file still fails
    the check (a hand-written status: 推进中). None when the file is new or clean."""
    if not target.path.is_file():
        return None
    from .. import repo as repo_mod
    from ..lint import engine, registry
    from ..lint import fix as fixmod
    from ..model import build

    repo = repo_mod.load(model.repo.root, model.repo.settings, values=True, lint=True)
    lint_model = build(repo)
    errors = [f for f in engine.lint(repo, lint_model, paths=[target.rel]) if f.severity == "error"]
    if not errors:
        return None
    rules = [r for r in registry.all_rules() if r.fixable and r.fixes is not None and r.default]
    fixed = {e.code for e in fixmod.collect(engine.LintContext(repo, lint_model), rules) if e.file == target.rel}
    lines = "、".join(dict.fromkeys(str(f.line) for f in errors))
    how = ("gk lint --fix 可自动改正" if all(f.code in fixed for f in errors)
           else "运行 gk lint 查看，改正后再提交")
    return f"{target.rel} 第 {lines} 行还有 {len(errors)} 个错误（{errors[0].message}{'等' if len(errors) > 1 else ''}）：{how}"


def _check_header(old: dict, target: Target) -> None:
    from pydantic import ValidationError

    from ..schemas import ProgressHeader

    try:
        ProgressHeader.model_validate({**old, "entries": old.get("entries") or []})
    except ValidationError as e:
        err = e.errors(include_url=False)[0]
        where = ".".join(str(x) for x in err["loc"]) or "文件"
        raise GkError(f"{target.rel} 的 {where} 有误，未写入", "先修正该文件（gk lint 会指出问题），再登记进度") from None
    unit = old.get("unit")
    period = old.get("period")
    if period is not None and str(period).strip().upper() != str(target.quarter):
        raise GkError(
            f"{target.rel} 写的季度是 {period}，与 {target.quarter} 不符，未写入",
            "先修正该文件的 period（gk lint 会指出问题）",
        )
    if unit is not None and not isinstance(unit, str):
        raise GkError(f"{target.rel} 的 unit 不是文字，未写入", "先修正该文件（gk lint 会指出问题）")
    if isinstance(unit, str) and target.spellings:
        from ..units import name_key

        if name_key(unit) not in {name_key(s) for s in target.spellings}:
            raise GkError(
                f"{target.rel} 写的单位是“{unit}”，不是 {target.unit}，未写入",
                "该文件的 unit 与文件名不符（gk lint 会指出问题）；先改正其中之一，再登记进度",
            )


def _verify(data: bytes, expected: dict, target: Target) -> None:
    """Re-read the new bytes with gk's loader: exactly the old data plus the entry, and valid."""
    from pydantic import ValidationError

    from .. import yamlio
    from ..schemas import ProgressEntry, ProgressHeader

    doc, problems = yamlio.read(data)
    if problems:  # the file itself (a key written twice, the size limit): not gk's fault, and said so
        p = problems[0]
        raise GkError(f"{target.rel} 不能追加（第 {p.line} 行 {p.code}：{p.message}），文件保持原样、未写入",
                      p.hint or "先修正该文件（gk lint 会指出问题），再登记进度")
    ok = doc is not None and doc.data == expected
    if ok:
        try:
            ProgressHeader.model_validate(doc.data)
            ProgressEntry.model_validate(doc.data["entries"][-1])  # type: ignore[index]
        except ValidationError:
            ok = False
    if not ok:
        raise GkError(
            f"追加后的 {target.rel} 校验未通过，文件保持原样、未写入",
            "这是 gk 的缺陷或该文件格式特殊；请手工添加该条目，并把文件报告给维护者",
        )


def _entry_line(data: bytes, index: int) -> int:
    from .. import yamlio

    doc, _ = yamlio.read(data)
    return doc.locate(("entries", index))[0] if doc else 1
