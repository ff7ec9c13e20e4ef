"""Step 3 of gk import: `RawTask`s into plan tasks (ids, units, deadlines), ids kept from an
earlier import (`--force`), and the plan file rendered as YAML text with its comments."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Any

from ..yamltext import comment, flow_list, scalar
from .rows import AS_WRITTEN, UNTITLED, RawTask, short
from .unit_cells import split_units


@dataclass
class ImportedTask:
    id: str
    category: str | None
    title: str
    detail: str | None
    units: list[str]
    others: str | None
    deadline: str | None
    written_units: str  # the cell(s) as written
    where: str
    note: str | None = None
    leader: str | None = None  # 牵头领导：李副县长, written as a comment: a person is no unit
    no_lead: bool = False  # no 牵头单位 written: the first 配合单位 leads (a comment says so)


@dataclass
class Unresolved:
    written: str
    problem: str
    candidates: tuple[str, ...]
    where: str
    task: str


@dataclass
class Result:
    tasks: list[ImportedTask]
    categories: list[str]
    unresolved: list[Unresolved]
    warnings: list[str]
    bad_deadlines: int = 0  # deadlines gk lint will refuse (GK304)


def _clean(text: str, keep_lines: bool = False) -> str:
    from ...yamlio import CONTROL

    text = CONTROL.sub(" ", text.replace("\r", ""))  # Word's \x0b line breaks, stray control codes: gk lint refuses them
    lines = [" ".join(ln.split()) for ln in text.split("\n")]
    lines = [ln for ln in lines if ln]
    return ("\n" if keep_lines else "").join(lines)


def _deadline(text: str, plan_year: int | None = None) -> str:
    """A 完成时限 cell as written, its lines joined as the reader reads them: the pieces of one
    deadline broken over lines (2023年⏎6月底前, 每季度结束后⏎10个工作日内, 长期⏎坚持) run on without
    a mark; two whole deadlines (2030年9月30日前⏎每季度更新) are two clauses, joined by “；”."""
    digits = bool(re.search(r"\d", text))
    # kept as written (the deadlines parser reads full-width forms itself): only full-width digits
    # become ASCII, so that lint quotes what a reader can search for; ①②③ stay steps
    text = _clean(text.translate(_FULL_DIGITS), keep_lines=True)
    lines = [re.sub(r"\s+", "", line) if digits else line for line in text.split("\n") if line]
    out = lines[:1]
    for line in lines[1:]:
        # two clauses: a line's closing 。 gives way to the “；” (2024年6月底前完成初稿。⏎2024年12月底前印发。)
        out[-1] = out[-1] + line if _one_deadline(out[-1], line, plan_year) else out[-1].removesuffix("。") + "；" + line
    text = "；".join(out)  # (one string: the clauses as joined)
    m = re.fullmatch(r"(\d{4})/(\d{1,2})/(\d{1,2})", text)  # 2024/6/30: a CSV's or Excel's date as text
    return f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}" if m else text


def _one_deadline(before: str, line: str, plan_year: int | None) -> bool:
    """Are two lines of a deadline cell pieces of one deadline (to run on), not two whole deadlines?
    So when the line before ends in a mark that goes on (，；、：, not 。); when the two run on read as one deadline
    and joined by “；” they read otherwise or not at all (2023年⏎6月底前: “2023年；6月底前” is a year
    late; 每年⏎1月31日前); or, when the run-on reads as nothing, when a line is no deadline by itself
    (按要求⏎时限). 2030年9月30日前⏎每季度更新 and 2023年6月底前⏎长期坚持 stay two clauses. The
    year (a stand-in when the plan has none) only lets 6月底前 be read."""
    from ... import deadlines

    if re.search(r"[，,；;、：:]$", before):  # (not 。: a sentence ended, 2024年6月底前。⏎2024年12月底前。 is two)
        return True
    year = plan_year or 2000

    def read(text: str):
        try:
            return replace(deadlines.parse(text, year), text="")
        except deadlines.DeadlineError:
            return None

    run_on = read(before + line)
    if run_on is None:
        return read(before) is None or read(line) is None
    return read(before + "；" + line) != run_on


_FULL_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def convert(raw: list[RawTask], resolver, plan_id: str, plan_year: int | None) -> Result:
    from ... import deadlines

    ids, renumbered = _ids(raw, plan_id)
    tasks: list[ImportedTask] = []
    unresolved: list[Unresolved] = []
    warnings: list[str] = [renumbered] if renumbered else []
    categories: list[str] = []
    bad_deadlines = 0
    above_units: list = []
    above_deadline = ""
    for rt, tid in zip(raw, ids):
        names: list[str] = []
        others: list[str] = []
        # 同上 ("as above") in a cell: the row above's value, as the reader takes it
        units = above_units if rt.units and all(_SAME_AS_ABOVE.match(cell) for _kind, cell in rt.units) else rt.units
        above_units = units
        for _kind, cell in units:
            uc = split_units(cell, resolver)
            for ref in uc.refs:
                if ref.name not in names:
                    names.append(ref.name)
                if ref.problem:
                    unresolved.append(Unresolved(ref.written, ref.problem, ref.candidates, rt.where, tid))
            others.extend(o for o in uc.others if o not in others)
            for name, said in uc.notes:  # 县财政局（2024年6月底前）: the unit is 县财政局; the note is no part of its name
                warnings.append(f"{rt.where}（{tid}）：责任单位“{name}（{said}）”按单位“{name}”读入，括号中的说明不是名称的一部分"
                                "（原文保留在任务上方的注释“责任单位原文”中）")
        deadline = _deadline(rt.deadline, plan_year) or None
        if deadline and re.fullmatch(r"\d{4}\.1", rt.deadline.strip()):
            warnings.append(f"{rt.where}（{tid}）：完成时限“{rt.deadline.strip()}”可能是 {rt.deadline.strip()}0 月（Excel 把 2024.10 存成了数字 2024.1），请核对")
        elif deadline and (md := re.fullmatch(r"(\d{1,2})\.([1-3])(前|之前)?", rt.deadline.strip())) and 1 <= int(md[1]) <= 12:
            # 6.30 typed into an Excel cell is the number 6.3: read as written (June 3), but said
            warnings.append(f"{rt.where}（{tid}）：完成时限“{rt.deadline.strip()}”按 {md[1]} 月 {md[2]} 日读入；若原表写的是 "
                            f"{md[1]}.{md[2]}0（Excel 把 {md[1]}.{md[2]}0 存成了数字 {md[1]}.{md[2]}），请改为 {md[1]}月{md[2]}0日")
        if deadline and _SAME_AS_ABOVE.match(deadline) and above_deadline:
            deadline = above_deadline
        above_deadline = deadline or ""
        if deadline:
            try:
                deadlines.parse(deadline, plan_year)
            except deadlines.DeadlineError as e:  # lint's own reason (no year, or not a deadline)
                bad_deadlines += 1
                warnings.append(f"{rt.where}（{tid}）：{e}{AS_WRITTEN}")
        else:
            warnings.append(f"{rt.where}（{tid}）：没有完成时限")
        if not names:
            warnings.append(f"{rt.where}（{tid}）：没有可用的责任单位，gk lint 会报错")
        elif rt.no_lead:
            warnings.append(f"{rt.where}（{tid}）：牵头单位一格是空的，按配合单位的第一个“{names[0]}”作牵头单位（units 的第一个），"
                            "方案文件中该任务上方有注释；不对时在方案文件中把牵头单位写在 units 的最前面")
        category = _clean(rt.category) or None
        if category and category not in categories:
            categories.append(category)
        title, detail = _clean(rt.title), _clean(rt.detail, keep_lines=True)
        lines = _clean(rt.title, keep_lines=True).split("\n")
        if len(lines) > 1 and not detail and not _goes_on(lines[0], lines[1]):
            # 工作任务及具体措施 in one cell: its first line is the task, the rest the work
            title, detail = lines[0], "\n".join(lines[1:])
        tasks.append(
            ImportedTask(
                tid,
                category,
                title,
                detail or None,
                names,
                "、".join(others) or None,
                deadline,
                "；".join(_lines_apart(_clean(c, keep_lines=True)) for _, c in rt.units),  # the cell as written, lines kept apart
                rt.where,
                _clean(rt.note) or None,
                _clean(rt.leader) or None,
                rt.no_lead and bool(names),
            )
        )
    return Result(tasks, categories, unresolved, warnings, bad_deadlines)


def _lines_apart(text: str) -> str:
    """A cell's lines on one line: a line break is a 、 unless a separator is there already (县林业局、⏎县水利局)."""
    return re.sub(r"\n", "", re.sub(r"(?<![、，,；;/／])\n(?![、，,；;/／])", "、", text))


# a numbered line of work: 1. / 1、 / （1） / ① / （一） / 一、 / 一是 (not 10.5万元, a number in a sentence)
_WORK_ITEM = re.compile(r"\s*(?:[（(]?\d+[）)]|\d+[、．.](?!\d)|[①-⑳]|[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+(?:、|是))")


def _goes_on(line: str, after: str) -> bool:
    """Does a cell's first line break off mid-sentence (加强…公开，在县政府网站 / “…”栏目集中公开…),
    so that the next line continues it rather than being the task's work? A heading (加强涉企政策公开)
    has no comma inside; a sentence that has one and no end (。；：！？) goes on."""
    if re.search(r"[。；;：:！!？?]$", line) or _WORK_ITEM.match(after):
        return False  # an ended sentence, or numbered work below a heading (加强政策解读，提升回应实效 / 1.…)
    return bool(re.search(r"[，,、“‘（(《]$", line) or re.match(r"[”’）)》，,。、；;：:]", after) or re.search(r"[，,、]", line))


def _words(title: str | None) -> str:
    """A title's words alone: width, punctuation and spaces are no words (（含…） is (含…), ２０３０ is 2030)."""
    return re.sub(r"[\W_]", "", unicodedata.normalize("NFKC", title or ""))


def _only_added_or_cut(a: str, b: str) -> bool:
    """Is one title (its _words) the other with words added (or cut), none changed? (…返贫动态监测帮扶政策
    → …返贫致贫动态监测和帮扶政策 is; 公开政府预算 → 公开政府决算, 一季度 → 二季度 are other tasks.)"""
    from rapidfuzz.distance import LCSseq

    return LCSseq.similarity(a, b) == min(len(a), len(b))


def _within(a: str, b: str) -> bool:
    """One title the other with a bracketed remark added (教育领域信息公开 → 教育领域信息公开（含招生入学与资助政策）):
    a task made more precise, however long the remark. Not words run on (公开预算 → 公开预算执行审计结果: another task)."""
    short, long = sorted(("".join(unicodedata.normalize("NFKC", x).split()) for x in (a, b)), key=len)
    return len(short) >= 4 and long.startswith(short) and re.fullmatch(r"\([^()]+\)[。.]?", long[len(short):]) is not None


def keep_ids(result: Result, old: list[tuple[str, str, str | None, tuple[str, ...], str | None]],
             plan_id: str) -> tuple[list[str], list[str], list[str]]:
    """A revised table imported over its plan (--force): a task the old plan had keeps its old id,
    so that progress already reported against it stays with it. Old tasks are (id, title, detail,
    units, deadline). Tasks are matched by title and detail, then by title alone; a title several
    tasks share (a 序号 merged over rows: -03-1, -03-2) pairs them in order when old and new have as
    many; then a task reworded a little (the same units and deadline, a title SIMILAR alike) keeps
    the id, best match first (an equal best: none); then one with more words added or cut, the same
    work too, when each is the other's only match (`_only_pairs`). Any other task whose 序号-id an old task had gets a new number after
    the old plan's last. Returns what to say, the pairs by a similar title (for the office to
    check), and the old ids no task has any more."""
    from rapidfuzz import fuzz

    norm = lambda s: "".join((s or "").split())  # noqa: E731
    ids_by_number = [t.id for t in result.tasks]  # (what convert's warnings call them)
    free_old = list(old)
    taken: dict[int, str] = {}
    for key in (lambda t: (norm(t[1]), norm(t[2])), lambda t: norm(t[1])):
        groups_new: dict = {}
        for k, t in enumerate(result.tasks):
            if k not in taken:
                groups_new.setdefault(key((t.id, t.title, t.detail)), []).append(k)
        for want, ks in groups_new.items():
            same_old = [o for o in free_old if key(o) == want]
            if len(same_old) == len(ks):  # one each, or as many parts in both: in order
                for k, o in zip(ks, same_old):
                    taken[k] = o[0]
                    free_old.remove(o)
    # a title edited a little (公开防止返贫动态监测帮扶政策 → …致贫…和帮扶政策) while a row was inserted
    # above it: the same units and deadline say it is the same task; best pairs first, each once
    old_words = [_words(o[1]) for o in free_old]  # (each title read once, not once per pair)
    new_words = {k: _words(t.title) for k, t in enumerate(result.tasks) if k not in taken}
    pairs = sorted(
        (-score, k, j)
        for k, t in enumerate(result.tasks) if k in new_words
        for j, o in enumerate(free_old)
        if [norm(u) for u in o[3]] == [norm(u) for u in t.units] and norm(o[4]) == norm(t.deadline)
        and ((score := fuzz.ratio(old_words[j], new_words[k])) >= SIMILAR or _within(o[1], t.title))
        and _only_added_or_cut(old_words[j], new_words[k])
    )
    similar: list[str] = []
    paired: set[int] = set()
    by_similar: set[int] = set()

    def keep(k: int, o: tuple) -> None:
        """New task k keeps old task o's id by a title alike, not the same: listed for the office to check."""
        by_similar.add(k)
        taken[k] = o[0]
        new_shown, old_shown = _where_they_differ(result.tasks[k].title, o[1])
        similar.append(f"{result.tasks[k].where}“{new_shown}”沿用 {o[0]}（原为“{old_shown}”）")

    tied_new: set[int] = set()  # a new task two old ones fit equally well (or an old one two new ones fit): no id is
    tied_old: set[int] = set()  # guessed for it (公开项目资金: 公开项目? 公开资金?), not now nor by a looser test below
    for score, k, j in pairs:
        if k in taken or j in paired or k in tied_new or j in tied_old:
            continue
        rivals = [(k2, j2) for s2, k2, j2 in pairs if s2 == score and (k2, j2) != (k, j) and (k2 == k or j2 == j)
                  and k2 not in taken and j2 not in paired]
        if rivals:
            tied_new.update({k, *(k2 for k2, _ in rivals)})
            tied_old.update({j, *(j2 for _, j2 in rivals)})
            continue
        paired.add(j)
        keep(k, free_old[j])
    # words added or cut anywhere, too many for the ratio (编制年度报告 → 编制政府信息公开年度报告), the same units,
    # deadline and work: the same task when no other task left could be it (each of the two the other's only match)
    tied_old_ids = {free_old[j][0] for j in tied_old}
    free_old = [o for j, o in enumerate(free_old) if j not in paired]
    for k, j in _only_pairs(result.tasks, free_old, {**taken, **{k: "" for k in tied_new}}, tied_old_ids, norm):
        keep(k, free_old[j])
    free_old = [o for o in free_old if o[0] not in taken.values()]
    old_ids = {o[0] for o in old}
    number = re.compile(rf"^{re.escape(plan_id)}-(\d+)(?:-\d+)?$")
    numbered = sorted(int(m[1]) for i in old_ids if (m := number.match(i)))
    width = max([2, *(len(m[1]) for i in old_ids if (m := number.match(i)))])
    used = old_ids | {taken.get(k, t.id) for k, t in enumerate(result.tasks)}
    nxt = (numbered[-1] if numbered else 0) + 1  # after the old plan's last
    renamed: list[str] = []
    for k, t in enumerate(result.tasks):
        if k in taken:
            if taken[k] != t.id:
                if k not in by_similar:  # (those are said apart)
                    renamed.append(f"{t.where}“{short(t.title)}”沿用原编号 {taken[k]}（按序号应为 {t.id}）")
                result.tasks[k] = replace(t, id=taken[k])
        elif t.id in old_ids:  # an old task's number: its progress must not pass to this one
            while f"{plan_id}-{nxt:0{width}d}" in used:
                nxt += 1
            new_id = f"{plan_id}-{nxt:0{width}d}"
            used.add(new_id)
            renamed.append(f"{t.where}“{short(t.title)}”是新任务，编为 {new_id}（{t.id} 是原方案另一项任务的编号）")
            result.tasks[k] = replace(t, id=new_id)
    _said_with(result, {a: b.id for a, b in zip(ids_by_number, result.tasks) if a != b.id})
    gone = [o[0] for o in old if o[0] not in {t.id for t in result.tasks}]
    return renamed, similar, gone


def _only_pairs(tasks: list[ImportedTask], free_old: list, taken: dict[int, str], tied: set[str], norm) -> list[tuple[int, int]]:
    """The new tasks (by index) and old ones (by index in `free_old`) whose units, deadline and detail are the same
    and one of whose titles is the other with words added or cut (none changed), when each is the other's one
    such match. With no detail the title must also end alike (the same last two words: the thing done is the same,
    编制年度报告 → 编制政府信息公开年度报告), for words run on at the end make another task (公开预算 → 公开预算执行审计结果)."""
    def matches(t: ImportedTask, o) -> bool:
        if [norm(u) for u in o[3]] != [norm(u) for u in t.units] or norm(o[4]) != norm(t.deadline):
            return False
        if _words(o[2]) != _words(t.detail):
            return False
        a, b = _words(o[1]), _words(t.title)
        if min(len(a), len(b)) < 2 or a == b or not _only_added_or_cut(a, b):
            return False
        return bool(_words(t.detail)) or (min(len(a), len(b)) >= 4 and a[-2:] == b[-2:])

    edges = {(k, j) for k, t in enumerate(tasks) if k not in taken for j, o in enumerate(free_old) if o[0] not in tied and matches(t, o)}
    out: list[tuple[int, int]] = []
    for k, j in sorted(edges):
        if sum(1 for e in edges if e[0] == k) == 1 and sum(1 for e in edges if e[1] == j) == 1:
            out.append((k, j))
    return out


def _said_with(result: Result, ids: dict[str, str]) -> None:
    """What convert said of a task (a warning, an unresolved unit) names it by the id it has now:
    第 6 行（dz2024-03）：没有完成时限 said of the row written as dz2024-02."""
    if not ids:
        return
    rx = re.compile("（(" + "|".join(map(re.escape, sorted(ids, key=len, reverse=True))) + ")）")
    result.warnings[:] = [rx.sub(lambda m: f"（{ids[m[1]]}）", w) for w in result.warnings]
    result.unresolved[:] = [replace(u, task=ids.get(u.task, u.task)) for u in result.unresolved]


def _where_they_differ(new: str, old: str, n: int = 20) -> tuple[str, str]:
    """Two titles shortened alike around where they differ, so that the change shows: a long title changed
    after its 20th character is shown from a little before the change (…部门预算在批复后20日内…), not cut
    at the same place in both."""
    new, old = " ".join(new.split()), " ".join(old.split())
    if len(new) <= n and len(old) <= n:
        return new, old
    same = next((k for k, (a, b) in enumerate(zip(new, old)) if a != b), min(len(new), len(old)))
    start = max(0, min(same - 6, len(new) - n + 1, len(old) - n + 1)) if same > n - 6 else 0
    return (("…" if start else "") + short(new[start:], n), ("…" if start else "") + short(old[start:], n))


SIMILAR = 75  # rapidfuzz ratio of two titles' words (_words) for a reworded task to keep its id


_SAME_AS_ABOVE = re.compile(r"^\s*同\s*上\s*[。.]?\s*$")  # \s: also the nbsp and full-width space of copied text


def _ids(raw: list[RawTask], plan_id: str) -> tuple[list[str], str | None]:
    """Task ids from the 序号 column, so that the document's 第2项 is <plan>-02; a 序号 merged
    over several rows (one item in parts) numbers the parts (-02-1, -02-2). When the 序号 are
    missing or start again (a second sheet from 1), by row order, and a note saying so."""
    nums: list[tuple[int, ...] | None] = []
    for rt in raw:  # 3, 3. or 3、; and 3.1, 3.2 (or 1.1.1): the parts of item 3, numbered in the table itself (-03-1, -03-2)
        m = re.fullmatch(r"\s*(\d+(?:\s*[.．]\s*\d+)*)\s*[.、．]?\s*", rt.no or "")
        nums.append(tuple(int(x) for x in re.split(r"\s*[.．]\s*", m[1])) if m else None)
    runs = [n for k, n in enumerate(nums) if k == 0 or n != nums[k - 1]]
    said = lambda n: ".".join(map(str, n))  # noqa: E731
    if nums and all(n is not None for n in nums) and len(set(runs)) == len(runs):
        width = max(2, len(str(max(n[0] for n in nums if n is not None))))
        ids = []
        for k, n in enumerate(nums):
            parts = nums.count(n)
            ids.append(f"{plan_id}-{n[0]:0{width}d}" + "".join(f"-{x}" for x in n[1:])  # type: ignore[index]
                       + (f"-{nums[:k].count(n) + 1}" if parts > 1 else ""))
        split = sorted({n for n in nums if n is not None and nums.count(n) > 1})
        note = (f"序号 {'、'.join(map(said, split))} 各占了几行（合并单元格，或同一序号写了两次），编为 …-{split[0][0]:0{width}d}-1、-2 …；"
                "如果其实是不同的任务，请改正原表的序号后重新导入") if split else None
        if len(set(ids)) == len(ids):  # (3 over two rows, -03-1 and -03-2, beside a 3.1 row: by row order)
            return ids, note
    width = max(2, len(str(len(raw))))
    ids = [f"{plan_id}-{n:0{width}d}" for n in range(1, len(raw) + 1)]
    if all(n is None for n in nums):
        return ids, None  # no 序号 at all: nothing to match
    # 1.9 then 1.1 again (1.10 in a number cell), 1.19 then 1.2 (1.20): Excel dropped the final 0
    again = [n for k, n in enumerate(nums) if k and n is not None and len(n) == 2 and n in nums[:k]
             and nums[k - 1] == (n[0], n[1] * 10 - 1)]
    if any(n is None for n in nums):
        why = "序号有缺失"
    elif again:
        why = f"序号 {said(again[0])} 出现了两次（Excel 把数字单元格中的 {said(again[0])}0 存成了 {said(again[0])}？把序号列设为文本后重新输入）"
    else:
        why = "序号有重复（如各类别、各工作表各自从 1 编起）"
    return ids, f"{why}：任务编号按行的顺序编为 {ids[0]} 至 {ids[-1]}，与原表的序号不一一对应" if raw else None


def carried_over(old_plan: Any, *, issued_on: dt.date | None, title: str | None, guessed_title: str | None,
                 issued_by: str | None, office: str | None) -> dict[str, Any]:
    """On --force over a plan: what the new table does not say (an issued_on or ends_on typed in by
    hand, the title, the issuer, the plan's default units), taken from the old plan rather than
    dropped. `issued_on` etc. are what the command line or the table gives (None: not given)."""
    kept: dict[str, Any] = {}
    if issued_on is None and old_plan.issued_on:
        kept["issued_on"] = old_plan.issued_on
    if old_plan.ends_on:  # no table says it: always the office's
        kept["ends_on"] = old_plan.ends_on
    if title is None and guessed_title is None and old_plan.title:
        kept["title"] = old_plan.title
    if issued_by is None and old_plan.issued_by and old_plan.issued_by != office:
        kept["issued_by"] = old_plan.issued_by
    if old_plan.units:
        kept["units"] = list(old_plan.units)
    return kept


# comments gk import writes itself (the header, and a task's 责任单位原文 and 备注): `render` below writes them
NO_LEAD = "牵头单位空缺："
_GK_NOTES = (NO_LEAD, "由 gk import 于", "title = 主要任务", "title 为任务、detail 为具体工作", "title 为条目的第一句", "写单位名称，不能识别的", "责任单位原文：", "备注：")


def comments(text: str) -> list[tuple[int, str]]:
    """The comments of a YAML text: (line from 1, text after the #), in order."""
    from ruamel.yaml import YAML

    out: list[tuple[int, str]] = []
    if not text:
        return out
    try:
        for token in YAML().scan(text):
            for c in getattr(token, "comment", None) or []:
                for one in c if isinstance(c, list) else [c]:
                    if one is None or not hasattr(one, "value"):
                        continue
                    for k, line in enumerate(one.value.split("\n")):
                        if line.strip().startswith("#"):
                            out.append((one.start_mark.line + 1 + k, line.strip()[1:].strip()))
    except Exception:  # a file gk could not read as YAML: nothing to name
        return []
    return sorted(set(out))


def plan_comment(text: str, notes: list[tuple[int, str]], key: str) -> str | None:
    """The comment at the end of the plan's `key:` line (issued_on: 2025-04-15  # 按正式文件), if any."""
    inside = False
    for n, line in enumerate(text.split("\n"), 1):
        if line[:1] not in (" ", "\t", "#", ""):
            inside = line.startswith("plan:")  # a top-level key: in the plan's block, or out of it
        elif inside and re.match(rf"\s+{key}\s*:", line):
            return next((c for ln, c in notes if ln == n), None)
    return None


def lost_comments(old: list[tuple[int, str]], new_text: str) -> list[tuple[int, str]]:
    """The old plan file's comments (`comments`) that the new text has not and gk did not write itself
    (a hand note on a task): to be named, not dropped unseen."""
    said = {c for _line, c in comments(new_text)}
    header = {line - 1 for line, c in old if c.startswith("由 gk import 于")}  # the title gk wrote above it
    return [(line, c) for line, c in old if c not in said and not c.startswith(_GK_NOTES) and not _LEADER_NOTE.match(c)
            and line not in header]


# 牵头领导：李副县长, 市级责任单位：市财政局: what render writes from a leader column or a city's units column
_LEADER_NOTE = re.compile(r"[^：\s]{0,8}(?:领导|单位|部门|人|县长|区长|市长|旗长|书记|主任|干部|同志)：")


def render(
    result: Result,
    plan: dict[str, Any],
    source: str,
    today: dt.date,
    paragraphs: bool = False,
) -> str:
    """The plan file as YAML text (DESIGN's format), with a header naming the source (a table, or
    `paragraphs`: numbered items with their 责任单位 markers, prose.py)."""
    said_how = [
        comment(f"由 gk import 于 {today} 从“{source}”按条目导入：每个写明责任单位的编号条目一项任务，按顺序编为 {plan['id']}-01、-02……"),
        comment("title 为条目的第一句（过长时取到第一个逗号）、detail 为条目全文（不含编号与责任单位）、category 为条目所在的标题；units 为责任单位（第一个为牵头单位），能在 data/units/ 中识别的"),
    ] if paragraphs else [
        comment(f"由 gk import 于 {today} 从“{source}”导入：一行一项任务，序号 N → {plan['id']}-NN。"),
        comment("title 为任务、detail 为具体工作、category 为类别（各取自表中哪一列，见导入时的说明）；units 为责任单位（第一个为牵头单位），能在 data/units/ 中识别的"),
    ]
    out: list[str] = [
        comment(f"{plan['title']}"),
        *said_how,
        comment("写单位名称，不能识别的按原文保留（gk lint 会报错）；“等县级有关部门”之类的开放式结尾保留在 others。"),
        "plan:",
        f"  id: {plan['id']}",
    ]
    said = plan.get("comments", {})  # a comment the old plan file had on a value kept from it
    tail = lambda key: f"  {comment(said[key])}" if key in said else ""  # noqa: E731
    out.append(f"  title: {scalar(plan['title'])}{tail('title')}")
    if plan.get("issued_by"):
        out.append(f"  issued_by: {scalar(plan['issued_by'])}{tail('issued_by')}")
    if plan.get("issued_on"):
        out.append(f"  issued_on: {plan['issued_on'].isoformat()}{tail('issued_on')}")
    if plan.get("ends_on"):
        out.append(f"  ends_on: {plan['ends_on'].isoformat()}{tail('ends_on')}")
    if plan.get("units"):
        out.append(f"  units: {flow_list(plan['units'])}{tail('units')}")
    if result.categories:
        out.append("  categories:")
        out.extend(f"    - {scalar(c)}" for c in result.categories)
    if not result.tasks:
        out.append("tasks: []")
    else:
        out.append("tasks:")
    for t in result.tasks:
        out.append(f"  - id: {scalar(t.id)}")
        if t.category:
            out.append(f"    category: {scalar(t.category)}")
        out.append(f"    title: {scalar(t.title or UNTITLED)}")
        if t.detail:
            out.append(_field("detail", t.detail, 4))
        if t.note:
            out.append("    " + comment(f"备注：{t.note}").replace("\n", "\n    "))
        if t.leader:
            out.append("    " + comment(t.leader).replace("\n", "\n    "))
        if t.no_lead:
            out.append("    " + comment(f"{NO_LEAD}原表牵头单位一格是空的，units 的第一个“{t.units[0]}”原是配合单位，按它牵头；请核对"))
        if t.written_units and t.written_units != "、".join(t.units) + (t.others or ""):
            out.append("    " + comment(f"责任单位原文：{t.written_units}").replace("\n", "\n    "))
        if t.units:
            out.append(f"    units: {flow_list(t.units)}")
        if t.others:
            out.append(f"    others: {scalar(t.others)}")
        if t.deadline:
            out.append(f"    deadline: {scalar(t.deadline)}")
    return "\n".join(out) + "\n"


def _field(key: str, value: str, indent: int) -> str:
    """A field, as a literal block (|-) when the text has several lines."""
    from ..yamltext import _printable

    pad = " " * indent
    lines = value.split("\n")
    if len(lines) > 1 and all(ln and ln == ln.strip() and all(_printable(ch) and ch != "\t" for ch in ln) for ln in lines):
        body = "\n".join(f"{pad}  {ln}" for ln in lines)
        return f"{pad}{key}: |-\n{body}"
    return f"{pad}{key}: {scalar(value)}"


def expected_data(result: Result, plan: dict[str, Any]) -> dict[str, Any]:
    """What gk's loader must read back from `render`'s text."""
    p: dict[str, Any] = {"id": plan["id"], "title": plan["title"]}
    if plan.get("issued_by"):
        p["issued_by"] = plan["issued_by"]
    if plan.get("issued_on"):
        p["issued_on"] = plan["issued_on"].isoformat()
    if plan.get("ends_on"):
        p["ends_on"] = plan["ends_on"].isoformat()
    if plan.get("units"):
        p["units"] = list(plan["units"])
    if result.categories:
        p["categories"] = list(result.categories)
    tasks = []
    for t in result.tasks:
        d: dict[str, Any] = {"id": t.id}
        if t.category:
            d["category"] = t.category
        d["title"] = t.title or UNTITLED
        if t.detail:
            d["detail"] = t.detail
        if t.units:
            d["units"] = list(t.units)
        if t.others:
            d["others"] = t.others
        if t.deadline:
            d["deadline"] = t.deadline
        tasks.append(d)
    return {"plan": p, "tasks": tasks}
