"""The lint engine: run the selected rules over a loaded repo.

`lint(repo, model, ...)` is a pure function: it reads nothing but what it is
given, prints nothing, and returns the sorted findings. The engine, not the
rule, decides what is reported: selection (`select` / `extend_select` /
`ignore`), severity overrides, `strict` (warnings become errors), and the files
the findings are limited to (`paths`, or the files a change touches).

Rules see one `LintContext`: the repo, the resolved model, and helpers to
locate nodes and make findings (`ctx.finding(file, path, message, hint)` fills
in the running rule's code and severity).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from ..errors import GkError
from ..findings import Finding
from .registry import Rule, all_rules

if TYPE_CHECKING:
    from ..model import Model, TaskInfo
    from ..repo import Repo
    from ..units import Resolution, Resolver


@dataclass(frozen=True)
class Ref:
    """One written unit reference, where it stands in the data."""

    file: str
    path: tuple
    text: str
    # task | plan | county | township | published | member | unit_group | progress
    where: str
    owner: Any  # the record that holds it (Task, Plan, CatalogDomain, Group, Unit, ProgressReport)


class LintContext:
    """What a rule may look at, and how it makes a finding."""

    def __init__(
        self,
        repo: "Repo",
        model: "Model",
        *,
        today: dt.date | None = None,
        changes: dict[str, str] | None = None,
        base_window: int | None = None,
        first_lines: dict[str, int] | None = None,
        restore_from: str | None = None,
        base_entries: dict[str, list[dict]] | None = None,
        line_ends_only: set[str] | None = None,
        base_units: dict[str, object] | None = None,
    ):
        self.repo = repo
        self.model = model
        self.today = today  # only pull-request mode's closed-quarter rule reads it
        self.changes = changes  # repo-relative path → "A" | "M" | "D" since --base, or None
        self.base_window = base_window  # report_window_days as the base had it (a PR cannot reopen a quarter)
        self.first_lines = first_lines or {}  # path → its first line changed since --base
        self.restore_from = restore_from  # `git checkout <rev> --`: how a changed file is put back (GK407's hint)
        self.base_entries = base_entries or {}  # a changed progress file → its entries at --base (GK411)
        self.line_ends_only = line_ends_only or set()  # changed files whose only change is their line ends (GK407 says so)
        self.base_units = base_units or {}  # an edited file of data/units/ → its data at --base (GK205: the edge the change added)
        self.rule: Rule | None = None  # the rule running now (set by the engine)
        self._resolved: dict[str, "Resolution"] = {}

    # -- what is there ------------------------------------------------------

    @property
    def resolver(self) -> "Resolver":
        return self.model.resolver

    @property
    def settings(self):
        return self.repo.settings

    def doc(self, file: str):
        return self.repo.docs.get(file)

    def locate(self, file: str, path: tuple, key: bool = False) -> tuple[int, int]:
        return self.repo.locate(file, path, key)

    def written(self, file: str, path: tuple) -> bool:
        """Whether the node at `path` is written in the file (an empty list is written)."""
        doc = self.doc(file)
        node = doc.data if doc else None
        for p in path:
            try:
                node = node[p]  # type: ignore[index]
            except (KeyError, IndexError, TypeError):
                return False
        return True

    def resolve(self, ref: str) -> "Resolution":
        r = self._resolved.get(ref)
        if r is None:
            r = self._resolved[ref] = self.resolver.resolve(ref)
        return r

    # A record the loader dropped (a wrong type, an unknown key) or a file it could not
    # read is reported where it is. Rules that call a name unknown stay quiet about the
    # names that may be in what was dropped: one mistake, one finding.

    def unreadable(self, kind: str) -> bool:
        """Whether a file of data/<kind>/ could not be read at all (syntax, encoding, ...); for units, also
        whether there are none at all (every one deleted, `units:` left empty, the file misplaced): one
        finding says so (GK202), not one per name."""
        return kind in self._unreadable or (kind == "units" and not self.repo.units)

    def unreadable_file(self, kind: str) -> bool:
        """Whether a file of data/<kind>/ could not be read at all (said where it is)."""
        return kind in self._unreadable

    def dropped_any(self, kind: str) -> bool:
        """Whether any record of that kind was dropped (or lies in a misplaced file)."""
        return bool(self._dropped.get(kind))

    def dropped(self, kind: str, name: str) -> bool:
        """Whether `name` (a unit or group spelling for "units", a task id for "tasks")
        belongs to a record of a readable file that the loader dropped."""
        from ..units import name_key

        return name_key(name) in self._dropped.get(kind, set())

    def maybe_dropped(self, kind: str, name: str) -> bool:
        return self.unreadable(kind) or self.dropped(kind, name)

    @cached_property
    def _unreadable(self) -> set[str]:
        out = set()
        for f in self.repo.findings:
            parts = f.path.split("/")
            if len(parts) > 2 and parts[0] == "data" and f.code != "GK103":
                doc = self.repo.docs.get(f.path)
                if doc is None or not isinstance(doc.data, dict):
                    out.add(parts[1])
        return out

    @cached_property
    def _dropped(self) -> dict[str, set[str]]:
        from ..units import name_key

        repo = self.repo
        kept = {(r.file, r.path): r for r in (*repo.units, *repo.groups)}
        loaded = set(kept) | {(pd.file, t.path) for pd in repo.plans for t in pd.tasks}
        out: dict[str, set[str]] = {"units": set(), "tasks": set()}
        bad = {f.path for f in repo.findings if f.code != "GK103"}
        misplaced = {f.path for f in repo.findings if f.code == "GK109"}
        for file in bad:
            doc = repo.docs.get(file)
            kind = file.split("/")[1] if file.count("/") >= 2 else ""
            if file in misplaced and doc is not None and isinstance(doc.data, dict) and ("units" in doc.data or "groups" in doc.data):
                kind = "units"  # groups.yaml put in data/catalog/ (GK109): its names are not unknown, only unread
            if doc is None or not isinstance(doc.data, dict) or kind not in out:
                continue
            for key in ("units", "groups") if kind == "units" else ("tasks",):
                items = doc.data.get(key)
                for i, item in enumerate(items if isinstance(items, list) else []):
                    if not isinstance(item, dict):
                        continue
                    if (rec := kept.get((file, (key, i)))) is not None:  # kept with its wrong fields left out (repo.salvage):
                        names = [x for k, v in item.items() for x in _left_out(rec, k, v)]  # the spellings in those
                    elif (file, (key, i)) in loaded:
                        continue
                    elif kind == "tasks":
                        names = [item.get("id")]
                    else:  # every spelling it holds, even under a misspelt key (aliass:)
                        names = [x for v in item.values() for x in (v if isinstance(v, list) else [v])]
                    out[kind].update(name_key(n) for n in names if isinstance(n, str))
        return out

    def misspelt(self, rec: Any, field: str) -> bool:
        """Whether the record's written mapping has an unknown key meant as `field` (`deadlien:`, said
        by the loader as GK104 是不是 deadline？), or has `field` with a value the loader left out
        (`deadline: {date: …}`, said as GK105: repo.salvage): a rule that finds `field` missing stays
        quiet then, one mistake one finding."""
        from ..repo import near_key

        doc = self.doc(rec.file)
        item = doc.data if doc else None
        for p in rec.path:
            try:
                item = item[p]  # type: ignore[index]
            except (KeyError, IndexError, TypeError):
                return False
        fields = list(rec.FIELDS)
        if isinstance(item, dict) and item.get(field) is not None and getattr(rec, field, None) is None:
            return True
        return isinstance(item, dict) and any(k not in fields and near_key(str(k), fields) == field for k in item)

    def loader_findings(self, code: str) -> list[Finding]:
        return [f for f in self.repo.findings if f.code == code]

    @cached_property
    def _annual_issues(self) -> list:
        docs = self.repo.annual_docs()
        if not docs:
            return []  # the annual schema imports pydantic: not for nothing
        from ..schemas.annual import check_all

        return list(check_all(docs))

    def annual_findings(self, code: str, severity: str) -> Iterator[Finding]:
        """Findings of one code from the annual figures' checks (run once for all GK6xx rules)."""
        for file, issue in self._annual_issues:
            if issue.code == code:
                yield self.repo.finding(file, issue.path, code, severity, issue.message, issue.hint, key=issue.key)

    @cached_property
    def refs(self) -> list[Ref]:
        """Every written unit or group reference in the repo, in file order."""
        out: list[Ref] = []
        repo = self.repo
        for u in repo.units:
            for j, g in enumerate(u.groups):
                out.append(Ref(u.file, u.path + ("groups", j), g, "unit_group", u))
        for g in repo.groups:
            if isinstance(g.members, list):
                for j, m in enumerate(g.members):
                    out.append(Ref(g.file, g.path + ("members", j), m, "member", g))
        for pd in repo.plans:
            for j, x in enumerate(pd.plan.units or []):
                out.append(Ref(pd.file, ("plan", "units", j), x, "plan", pd.plan))
            for t in pd.tasks:
                for j, x in enumerate(t.units or []):
                    out.append(Ref(pd.file, t.path + ("units", j), x, "task", t))
        for d in repo.catalog:
            for key, where in (("county_units", "county"), ("township_units", "township")):
                for j, x in enumerate(getattr(d, key)):
                    out.append(Ref(d.file, d.path + (key, j), x, where, d))
            for k, p in enumerate(d.published):
                out.append(Ref(d.file, d.path + ("published", k, "unit"), p.unit, "published", d))
        for r in repo.progress:
            out.append(Ref(r.file, ("unit",), r.unit, "progress", r))
        for r in repo.partial_progress:  # a file whose period cannot be read: its unit's name is checked still
            if r.unit is not None:
                out.append(Ref(r.file, ("unit",), r.unit, "progress", r))
        return out

    @cached_property
    def _infos(self) -> dict[int, "TaskInfo"]:
        return {id(i.task): i for i in self.model.tasks}

    def info(self, task) -> "TaskInfo | None":
        """The resolved TaskInfo of a Task record."""
        return self._infos.get(id(task))

    # -- making findings ---------------------------------------------------------

    def finding(
        self,
        file: str,
        path: tuple,
        message: str,
        hint: str = "",
        *,
        key: bool = False,
        severity: str | None = None,
    ) -> Finding:
        """A finding of the running rule at the node `path` of `file`."""
        line, col = self.locate(file, path, key)
        return self.finding_at(file, line, col, message, hint, severity=severity)

    def finding_at(self, file: str, line: int, col: int, message: str, hint: str = "", *, severity: str | None = None) -> Finding:
        assert self.rule is not None, "a finding is made while a rule runs"
        return Finding(file, line, col, self.rule.code, severity or self.rule.severity, message, hint)  # type: ignore[arg-type]


# --- selection -----------------------------------------------------------------


def _matches(rule: Rule, sel: str) -> bool:
    s = sel.strip()
    if s.upper() == "ALL":
        return True
    if s == rule.name:
        return True
    code = s.upper()
    if code.isdigit():
        code = "GK" + code
    return rule.code.startswith(code) and code.startswith("GK")


def _check_selectors(rules: list[Rule], sels: Iterable[str], what: str) -> None:
    for s in sels:
        if not any(_matches(r, s) for r in rules):
            raise GkError(f"{what} 中的“{s}”不是已知的规则代码或名称", "运行 gk lint --list-rules 查看所有规则；可写完整代码 GK202、前缀 GK2 或名称 unknown-unit")


def select_rules(
    select: Iterable[str] | None = None,
    extend_select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    rules: list[Rule] | None = None,
    start: list[Rule] | None = None,
) -> list[Rule]:
    """Rules to run: `select` (default: `start`, else every default rule) + `extend_select` − `ignore`.

    A selector is a code (GK202), a code prefix (GK2, GK20) or a rule name."""
    rules = rules if rules is not None else all_rules()
    select, extend_select, ignore = list(select or []), list(extend_select or []), list(ignore or [])
    _check_selectors(rules, select, "--select")
    _check_selectors(rules, extend_select, "--extend-select")
    _check_selectors(rules, ignore, "--ignore")
    if select:
        chosen = [r for r in rules if any(_matches(r, s) for s in select)]
    elif start is not None:
        chosen = list(start)
    else:
        chosen = [r for r in rules if r.default]
    chosen += [r for r in rules if r not in chosen and any(_matches(r, s) for s in extend_select)]
    chosen = [r for r in chosen if not any(_matches(r, s) for s in ignore)]
    chosen += [r for r in rules if r.code in UNREAD and r not in chosen]
    return sorted(chosen, key=lambda r: r.code)


# A file gk could not read is checked by no rule at all: whatever is selected, ignored or
# made a warning, that is always said as an error (as ruff's syntax errors, yamllint's `syntax`).
UNREAD = frozenset({"GK101", "GK102", "GK103", "GK106", "GK107", "GK108", "GK109"})


# --- running -------------------------------------------------------------------


def run_rules(ctx: LintContext, rules: list[Rule]) -> list[Finding]:
    out: list[Finding] = []
    for rule in rules:
        ctx.rule = rule
        try:
            out.extend(rule.check(ctx))
        except Exception as e:  # a rule's bug must not hide the other rules' findings
            if os.environ.get("GK_DEBUG"):
                raise
            out.append(
                Finding("gk.toml", 1, 1, "GK000", "error", f"规则 {rule.code} 运行出错：{type(e).__name__}: {e}",
                        "这是 gk 的缺陷，不是数据的问题；请报告给维护者（设置 GK_DEBUG=1 可看到详情）")
            )
        finally:
            ctx.rule = None
    return out


def in_paths(path: str, paths: Iterable[str]) -> bool:
    for p in paths:
        p = p.strip("/")
        if p in ("", ".") or path == p or path.startswith(p + "/"):
            return True
    return False


def lint(
    repo: "Repo",
    model: "Model | None" = None,
    *,
    select: Iterable[str] | None = None,
    extend_select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    severity: dict[str, str] | None = None,
    strict: bool = False,
    paths: Iterable[str] | None = None,
    changes: dict[str, str] | None = None,
    today: dt.date | None = None,
    only_changed: bool = True,
    base_window: int | None = None,
    first_lines: dict[str, int] | None = None,
    restore_from: str | None = None,
    base_entries: dict[str, list[dict]] | None = None,
    per_file_ignores: dict[str, list[str]] | None = None,
    line_ends_only: set[str] | None = None,
    base_units: dict[str, object] | None = None,
) -> list[Finding]:
    """The findings of the selected rules on `repo`, sorted.

    `paths` (repo-relative files or folders) and `changes` (pull-request mode:
    path → A/M/D since the base) limit the findings to those files; with
    `only_changed=False` the findings elsewhere are kept too (the caller sorts them)."""
    if model is None:
        from ..model import build

        model = build(repo)
    rules = select_rules(select, extend_select, ignore)
    ctx = LintContext(repo, model, today=today, changes=changes, base_window=base_window, first_lines=first_lines,
                      restore_from=restore_from, base_entries=base_entries, line_ends_only=line_ends_only,
                      base_units=base_units)
    found = run_rules(ctx, rules)
    # a loader code no rule module claims is still reported (never hide a reading problem)
    known = {r.code for r in all_rules()}
    ignored = set()
    if ignore:
        ignored = {r.code for r in all_rules() if any(_matches(r, s) for s in ignore)}
    found += [f for f in repo.findings if f.code not in known and f.code not in ignored]
    severity = {k.upper(): v for k, v in (severity or {}).items()}
    out: set[Finding] = set()
    for f in found:
        sev = severity.get(f.code, f.severity) if f.code not in UNREAD else "error"
        if strict and sev == "warning":
            sev = "error"
        if sev != f.severity:
            f = replace(f, severity=sev)
        out.add(f)
    result = sorted(out)
    if per_file_ignores:
        table = per_file_codes(per_file_ignores)
        result = [f for f in result if not ignored_here(f.path, f.code, table)]
    if paths is not None:
        plist = list(paths)
        result = [f for f in result if in_paths(f.path, plist)]
    if changes is not None and only_changed:
        result = [f for f in result if f.path in changes]
    return result


def per_file_codes(per_file: dict[str, list[str]] | None) -> list[tuple[str, frozenset[str]]]:
    """gk.toml's per-file-ignores as (glob, the rule codes its selectors name), read once for every finding.
    Never a code of a file that could not be read: its data is missing from every figure."""
    rules = all_rules()
    return [(glob, frozenset(r.code for r in rules if r.code not in UNREAD and any(_matches(r, s) for s in sels)))
            for glob, sels in (per_file or {}).items()]


def ignored_here(path: str, code: str, table: list[tuple[str, frozenset[str]]]) -> bool:
    """Is rule `code` turned off for the file `path` (per_file_codes; a glob's `*` crosses folders)?"""
    from fnmatch import fnmatchcase

    return any(code in codes and fnmatchcase(path, glob) for glob, codes in table)


def exit_code(findings: list[Finding]) -> int:
    """0: clean or warnings only; 1: an error (warnings count under --strict: the engine made them errors)."""
    return 1 if any(f.severity == "error" for f in findings) else 0


def _left_out(rec: Any, key: str, value: Any) -> list:
    """What of a salvaged record's field `key` (written `value`) the loader left out: all of a wrong
    field, but of a list only the wrong items (members: [县数据局, {name: 县政府办}, 县政务服务中心] keeps the
    two names, and an unknown one among them is still GK206's to say)."""
    if key in rec.FIELDS:
        kept = getattr(rec, key)
        if kept == value:
            return []
        if isinstance(value, list) and isinstance(kept, (list, tuple)):
            return [x for x in value if x not in kept]
    return value if isinstance(value, list) else [value]
