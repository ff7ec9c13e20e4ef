"""Find the data repo and load every file into records plus located findings.

`load(root)` never raises on bad data: each problem is a `Finding` with the file,
line and column of the node, and the record it spoiled is left out (its siblings
still load). Only a missing repo or an unreadable gk.toml is a `GkError`.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from . import yamlio
from .errors import GkError, os_reason
from .findings import Finding
from .record import ProgressReport, Record, from_model
from .records import CHECKS, CatalogDomain, Group, Plan, ProgressEntry, ProgressHeader, Settings, Task, Unit
from .settings import load_settings

KINDS = ("units", "tasks", "catalog", "progress", "annual")


def find_root(explicit: str | os.PathLike | None = None, cwd: Path | None = None) -> Path:
    """--data DIR, else $GK_DATA, else the first folder up from cwd with gk.toml or data/."""
    given = explicit or os.environ.get("GK_DATA")
    if given:
        try:
            p = Path(given).expanduser()
        except RuntimeError:  # ~someone who has no home here
            p = Path(given)
        env = "" if explicit else "（来自环境变量 GK_DATA）"  # set by IT staff, unseen by whoever runs gk
        fix = "用 --data 指定含有 gk.toml 或 data/ 的目录" + ("，或改正、删去环境变量 GK_DATA" if env else "")
        if not p.is_dir():
            what = "不是目录" if p.exists() else "是指向不存在位置的链接（或链接循环）" if p.is_symlink() else "不存在"
            raise GkError(f"数据目录{what}：{given}{env}", fix)
        if not (p / "gk.toml").is_file() and not (p / "data").is_dir():  # a typo in CI must not pass as "nothing wrong"
            data = next((a for a in p.resolve().parents if a.name == "data"), None)  # a folder in it: data/tasks
            if p.name == "data":
                hint = "指定它的上一级目录（数据仓库的根）"
            elif data is not None and (data.parent / "gk.toml").is_file():
                hint = f"指定数据仓库的根：--data {data.parent}"
            else:
                hint = fix + "，或运行 gk init 新建"
            raise GkError(f"不是数据仓库：{given}{env} 中没有 gk.toml，也没有 data/ 目录", hint)
        return p.resolve()
    here = (cwd or Path.cwd()).resolve()
    for d in (here, *here.parents):
        if (d / "gk.toml").is_file() or (d / "data").is_dir():
            return d
    raise GkError(
        "找不到数据仓库：当前目录及其上级都没有 gk.toml 或 data/ 目录",
        "进入数据仓库目录，或用 --data 指定，或运行 gk init 新建一个",
    )


@dataclass
class PlanData:
    plan: Plan
    tasks: list[Task]
    file: str


@dataclass
class Repo:
    root: Path
    settings: Settings
    docs: dict[str, yamlio.Doc] = field(default_factory=dict)
    units: list[Unit] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    plans: list[PlanData] = field(default_factory=list)
    progress: list[ProgressReport] = field(default_factory=list)
    catalog: list[CatalogDomain] = field(default_factory=list)
    annual: dict[str, yamlio.Doc] = field(default_factory=dict)  # file → doc, validated by its own rules
    findings: list[Finding] = field(default_factory=list)
    # progress files whose header is wrong (said, GK105), read as far as lint can check them: never counted
    # by status or reports. Their period read as the quarter it plainly means (2024年第三季度 → 2024Q3),
    # or None when it cannot be read; their unit None when it is no name (see _load_progress)
    unsure: list[ProgressReport] = field(default_factory=list)

    @property
    def partial_progress(self) -> list[ProgressReport]:
        """The files of `unsure` with no quarter or no unit to check them by: lint checks only their
        entries' tasks (GK402) and their unit's name (GK202)."""
        return [r for r in self.unsure if r.period is None or r.unit is None]

    def locate(self, file: str, path: tuple, key: bool = False) -> tuple[int, int]:
        doc = self.docs.get(file)
        return doc.locate(path, key) if doc else (1, 1)

    def annual_docs(self) -> dict[str, yamlio.Doc]:
        """Every readable file under data/annual/ → its Doc (an empty file too: the
        loader keeps only non-empty ones in `annual`, but every read one in `docs`)."""
        out = {f: d for f, d in self.docs.items() if f.startswith("data/annual/")}
        out.update(self.annual)
        return out

    def finding(self, file: str, path: tuple, code: str, severity: str, message: str, hint: str = "", key: bool = False) -> Finding:
        line, col = self.locate(file, path, key)
        return Finding(file, line, col, code, severity, message, hint)  # type: ignore[arg-type]


def inside(root: str | os.PathLike, path: str | os.PathLike) -> bool:
    """Is `path`, every symlink on the way followed, `root` itself or under it, and not in
    its .git? (A pull request can make any folder or file of the repo a link to anywhere;
    a link into .git would print its logs or the CI's credentials in .git/config.)"""
    real, top = Path(os.path.realpath(path)), os.path.realpath(root)
    return real.is_relative_to(top) and not real.is_relative_to(os.path.join(top, ".git"))


def settings_or_data(path: str | os.PathLike) -> bool:
    """Is `path` where gk keeps its settings or data: gk.toml (GK.TOML on Windows and macOS), a
    .yaml file, anything under a data/ folder? (An output gk writes, lint -o's, goes elsewhere.)"""
    p = Path(path)
    return p.name.lower() == "gk.toml" or p.suffix.lower() in (".yaml", ".yml") or any(d.name == "data" for d in p.resolve().parents)


def plan_place(root: str | os.PathLike, path: str | os.PathLike) -> bool:
    """Is `path` a plan file's place: a .yaml (.yml) file under the repo's data/tasks/, named as gk
    reads it (lowercase extension: x.YAML is not read, GK109)?"""
    tasks = Path(root) / "data" / "tasks"
    return (Path(path).name.endswith((".yaml", ".yml")) and Path(path).name.isprintable() and inside(tasks, path)
            and os.path.realpath(path) != os.path.realpath(tasks))


def shown_name(name: str) -> str:
    """A file name as it can be printed: bytes that are not UTF-8 as �, control characters
    escaped (\\n, \\x1b), so that a name cannot forge output lines or terminal codes."""
    text = os.fsencode(name).decode("utf-8", "replace")
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def data_files(root: Path) -> list[tuple[str, str]]:
    """(kind, repo-relative path) of every YAML file under data/, sorted."""
    return [(kind, rel) for kind, rel, _ in _scan(root)]


def _scan(root: Path, skipped: list[Finding] | None = None) -> list[tuple[str, str, os.DirEntry]]:
    """(kind, rel, its directory entry) of every YAML file under data/, sorted (one scandir
    per folder). A folder that is a symlink out of the repo is not walked, and a file whose
    name is not UTF-8 is not read: each is a finding in `skipped`."""
    out: list[tuple[str, str, os.DirEntry]] = []
    data = os.path.join(root, "data")

    def leaves(path: str, rel: str) -> bool:
        if not os.path.islink(path) or inside(root, path):
            return False
        if skipped is not None:
            skipped.append(Finding(rel, 1, 1, "GK107", "error", "目录是指向数据仓库之外的符号链接，未读取", "把文件本身放进仓库"))
        return True

    if not os.path.isdir(data) or leaves(data, "data"):
        return out

    def walk(folder: str, rel: str, kind: str) -> None:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            return
        subdirs = []
        for e in entries:
            try:
                if e.is_dir(follow_symlinks=False):
                    if e.name.lower().endswith((".yaml", ".yml")) and skipped is not None:  # a submodule (gitlink) or mkdir x.yaml
                        skipped.append(Finding(f"{rel}/{shown_name(e.name)}", 1, 1, "GK102", "error",
                                               "这是目录（或 git 子模块），不是 YAML 文件，未读取", "删除它，或换成普通的 YAML 文件"))
                        continue
                    subdirs.append(e)
                    continue
                if e.is_symlink() and e.is_dir() and leaves(e.path, f"{rel}/{e.name}"):
                    continue  # a folder link is never walked; one out of the repo is named
            except OSError:
                pass
            if not e.name.endswith((".yaml", ".yml")):
                if skipped is not None and (why := _not_yaml_name(e.name)):
                    hint = ("删除它（数据文件本身完好：旧内容或新内容）" if why.startswith("gk 写入") else
                            "加上扩展名 .yaml" if "." not in e.name else "把扩展名改为 .yaml（不是数据文件的，从仓库中删去）")
                    skipped.append(Finding(f"{rel}/{shown_name(e.name)}", 1, 1, "GK109", "error", why, hint))
                continue
            try:
                if e.is_dir():  # a symlinked folder is not walked (as os.walk)
                    continue
            except OSError:  # a symlink loop: listed, so that reading it says what is wrong
                pass
            if not e.name.isprintable():  # control characters, or bytes that are not UTF-8 (surrogates): it could not be shown
                if skipped is not None:
                    skipped.append(Finding(f"{rel}/{shown_name(e.name)}", 1, 1, "GK102", "error", "文件名含有非 UTF-8 字节或控制字符，未读取",
                                           "把文件改名为普通的中文或英文名称"))
                continue
            out.append((kind, f"{rel}/{e.name}", e))
        for e in subdirs:
            walk(e.path, f"{rel}/{e.name}", kind)

    for kind in KINDS:
        base = os.path.join(data, kind)
        if os.path.isdir(base) and not leaves(base, f"data/{kind}"):
            walk(base, f"data/{kind}", kind)
    if skipped is not None:
        _elsewhere(data, skipped)
    # os.walk listed a folder's files before its subfolders', each level sorted: keep that order
    return out


def _not_yaml_name(name: str) -> str | None:
    """Why a file in a data folder that gk does not read looks meant as a data file (县财政局.YAML,
    Notepad's 县财政局.yaml.txt, a unit's name with no extension), or None (README.md, .gitkeep, LICENSE)."""
    from .units import ends_as_unit

    if name.startswith(".") and name.endswith(".tmp") and (".yaml." in name or ".yml." in name or name.startswith("..gitkeep.")):
        # .县财政局.yaml.k3j2x9.tmp: a gk writer killed before its rename (cleaned at the next write a minute on);
        # said, so that `git add -A` does not commit it unseen in a repo whose .gitignore lacks *.tmp
        return "gk 写入被中断时留下的临时文件，不是数据，未读取"
    if name.startswith(".") or name.endswith("~"):
        return None
    lower = name.lower()
    if lower.endswith((".yaml", ".yml")):
        return "扩展名不是小写的 .yaml，未读取"
    if ".yaml." in lower or ".yml." in lower:
        ext = name[name.rfind("."):]
        return f"扩展名是 {ext}，不是 .yaml{'（记事本另存时加上的？）' if ext.lower() == '.txt' else ''}，未读取"
    if "." not in name and ends_as_unit(name):  # 县财政局: a progress file saved without .yaml (README, LICENSE: no)
        return "文件没有扩展名，未读取"
    return None


def _elsewhere(data: str, skipped: list[Finding]) -> None:
    """YAML files under data/ but outside the folders gk reads (data/task/, data/x.yaml): a
    pull request's file there would pass unchecked, so each is named (GK109)."""
    import difflib

    try:
        top = sorted(os.scandir(data), key=lambda e: e.name)
    except OSError:
        return
    for e in top:
        if e.name in KINDS or e.name.startswith("."):
            continue
        try:
            if e.is_dir(follow_symlinks=False):
                found = [os.path.relpath(os.path.join(d, f), os.path.dirname(data)).replace(os.sep, "/")
                         for d, _, fs in os.walk(e.path) for f in fs if f.lower().endswith((".yaml", ".yml"))]
            else:
                found = [f"data/{e.name}"] if e.name.lower().endswith((".yaml", ".yml")) else []
        except OSError:
            continue
        near = difflib.get_close_matches(e.name, KINDS, n=1, cutoff=0.6)
        where = f"data/{near[0]}/" if near else "data/units/、data/tasks/、data/progress/<季度>/、data/catalog/ 或 data/annual/"
        for rel in sorted(found)[:50]:
            skipped.append(Finding(shown_name(rel), 1, 1, "GK109", "error", "文件不在 gk 读取的目录中，未检查", f"移到 {where}"))


# What each file contributes to a Repo, in load order: the cache keeps one per file.
# A loader (`_LOADERS`) must be a function of the file's path and bytes alone.
_PARTS = ("findings", "units", "groups", "plans", "progress", "catalog", "unsure")


def load(root: Path, settings: Settings | None = None, cache: bool | None = None, values: bool = False, lint: bool = False) -> Repo:
    """Load every data file (through the cache unless `cache` is False or GK_NO_CACHE is set).

    `values`: the caller will look at the values of many files, not only their records
    (lint locates its findings by them); a cold load's helper process then sends them
    back too, rather than each being read again when asked for.
    `lint`: the progress files whose header is wrong but whose quarter reads plainly (`unsure`)
    are in `progress` too, checked as every other (status and reports leave them out)."""
    import gc

    from . import cache as cache_mod

    repo = Repo(root, settings if settings is not None else load_settings(root))
    store = cache_mod.open_cache(root) if cache is not False else None
    gc_was = gc.isenabled()
    gc.disable()  # ≈100,000 new objects and no cycles: the collector would only rescan them
    try:
        with yamlio.quiet_parser():
            files = _scan(root, repo.findings)
            if store is None or len(files) < PARALLEL_MIN or not _load_in_two(repo, store, files, values):
                for kind, rel, entry in files:
                    _load_file(repo, store, kind, rel, entry)
    finally:
        if gc_was:
            gc.enable()
    if store is not None:
        repo._cache = store  # type: ignore[attr-defined]
        store.watch = [e[3][1] for e in store.fresh.values() if e[3][1] is not None]  # type: ignore[attr-defined]
        store.watched = sum(map(len, store.watch))  # type: ignore[attr-defined]
        if cache_mod.SAVE_AT_EXIT:  # the command line: located nodes join the cache too
            import atexit

            atexit.register(_save, store)
        else:
            _save(store)
    if lint:
        with_lint_view(repo)
    return repo


def with_lint_view(repo: Repo) -> Repo:
    """`repo` with the `unsure` progress files that have a quarter and a unit in `progress` (in file
    order), and the entries left out for a status or date `--fix` rewrites (已完成, 2024年9月20日) read as
    it would write them: one lint pass tells their other mistakes too (an unknown task), not after the fix."""
    more = [r for r in repo.unsure if r.period is not None and r.unit is not None]
    if more:
        order = {f: i for i, f in enumerate(repo.docs)}
        repo.progress = sorted([*repo.progress, *more], key=lambda r: order.get(r.file, len(order)))
    wrong = {f.path for f in repo.findings if f.code == "GK105" and f.path.startswith("data/progress/")}
    if wrong:
        repo.progress = [_with_meant_entries(repo, r) if r.file in wrong else r for r in repo.progress]
    return repo


def _with_meant_entries(repo: Repo, report: ProgressReport) -> ProgressReport:
    from . import meant

    doc = repo.docs.get(report.file)
    items = doc.data.get("entries") if doc is not None and isinstance(doc.data, dict) else None
    if not isinstance(items, list):
        return report
    kept = {e._path[1] for e in report.entries}
    added = []
    for i, item in enumerate(items):
        fixed = meant.entry(item, report.period) if i not in kept else None
        if fixed is not None and (e := _quiet_record(ProgressEntry, fixed, report.file, ("entries", i))) is not None:
            added.append(e)
    if not added:
        return report
    return ProgressReport(report.header, sorted([*report.entries, *added], key=lambda e: e._path[1]), report.file)


def _quiet_record(cls: type[Record], data: Any, rel: str, path: tuple) -> Any:
    """The record of `data` at `path` of `rel`, or None, saying nothing (what is wrong with it was said of
    what the file holds)."""
    rec = CHECKS[cls](data)
    if rec is None:
        from pydantic import ValidationError

        from . import schemas

        try:
            rec = from_model(cls, getattr(schemas, cls.__name__).model_validate(data))
        except ValidationError:
            return None
    rec._file, rec._path = rel, path
    return rec


def _load_file(repo: Repo, store: Any, kind: str, rel: str, entry: os.DirEntry) -> None:
    st = _plain_stat(entry)
    if store is None or st is None:
        _load_one(repo, kind, rel, _read_plain(entry.path) if st is not None else None)
        return
    hit, ok = store.lookup(rel, st)
    if ok:
        _apply(repo, kind, rel, hit)
        return
    fresh = _fresh(repo, store, kind, rel, entry.path, st)
    if fresh is None:  # gone or changed under us: the careful way says what is wrong
        _load_one(repo, kind, rel, None)
        return
    dg, hit, loaded = fresh
    if loaded is None:
        _apply(repo, kind, rel, hit)
    else:
        store.put(rel, st, dg, hit)


def _fresh(repo: Repo, store: Any, kind: str, rel: str, path: str, st: os.stat_result, records: bool = False) -> tuple | None:
    """A file whose stat the cache could not vouch for: read it, and load it into `repo`
    unless the cache knows its bytes (by_digest then keeps that entry). None when it
    cannot be read plainly; else (digest, cache entry, (part sizes before, Doc) when it
    was loaded here, or None)."""
    from . import cache as cache_mod

    raw = _read_plain(path)
    if raw is None:
        return None
    dg = cache_mod.digest(raw)
    hit = store.by_digest(rel, st, dg)
    if hit is not None:
        return dg, hit, None
    before = _sizes(repo)
    doc = _load_one(repo, kind, rel, raw)
    return dg, _entry(repo, rel, doc, before, records), (before, doc)


def _sizes(repo: Repo) -> dict[str, int]:
    """How many of each part a repo holds: a file's parts are what loading it added."""
    return {k: len(getattr(repo, k)) for k in _PARTS}


# A cold load of this many files or more is shared with a forked helper process.
PARALLEL_MIN = 256


def _load_in_two(repo: Repo, store: Any, files: list, values: bool = False) -> bool:
    """Load the files the cache does not know in two processes: this one reads them
    from the first on, a forked child from the last back, until the two meet (so
    neither waits for the other, however their speeds differ), and the child's records
    come back as the cache entries it would have written anyway. The result, in file
    order, is exactly what one process makes. False when it cannot (no fork, one core,
    threads)."""
    import threading

    if not hasattr(os, "fork") or not sys.platform.startswith("linux") or threading.active_count() > 1:
        return False
    try:
        if len(os.sched_getaffinity(0)) < 2:
            return False
    except (AttributeError, OSError):
        return False
    plan: list[Any] = []  # per file: an entry (hit), a stat (to read), or None (the careful way)
    misses = []
    for n, (_kind, rel, entry) in enumerate(files):
        st = _plain_stat(entry)
        if st is None:
            plan.append(None)
            continue
        hit, ok = store.lookup(rel, st)
        plan.append(("hit", hit) if ok else ("read", st))
        if not ok:
            misses.append(n)
    if len(misses) < PARALLEL_MIN:
        _finish(repo, store, files, plan, {}, {})
        return True
    import mmap

    board = memoryview(mmap.mmap(-1, 8)).cast("i")  # shared with the child: how far each has claimed
    board[0], board[1] = 0, len(misses)
    try:  # the child's results, written as it goes (a pipe would stall it once full: lint sends ~2 MB)
        sink = os.memfd_create("gk-load", getattr(os, "MFD_CLOEXEC", 0))
    except (AttributeError, OSError):
        return False
    try:
        pid = os.fork()
    except OSError:  # no process to spare: this one reads them all
        os.close(sink)
        _finish(repo, store, files, plan, {}, {})
        return True
    if pid == 0:  # the child: its files as cache entries into the sink, in batches, then gone
        code = 1
        try:
            import pickle

            with open(sink, "wb", closefd=False) as f:
                batch: dict[int, tuple] = {}

                def send(n: int, item: tuple) -> None:
                    dg, e, _, doc = item
                    batch[n] = (dg, e, _values(doc) if values and doc is not None else _UNSENT)
                    if len(batch) >= 32:
                        pickle.dump(batch, f, protocol=pickle.HIGHEST_PROTOCOL)
                        batch.clear()

                # its records, not the JSON (_entry): this process would make them again
                _read_new(repo, store, files, plan, _claims(misses, board, from_back=True), send, records=True)
                pickle.dump(batch, f, protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        except BaseException:  # the parent loads whatever does not arrive
            pass
        finally:
            os._exit(code)
    own: dict[int, tuple] = {}
    try:
        scratch, out = _read_new(repo, store, files, plan, _claims(misses, board, from_back=False))
        for n, (dg, e, span, doc) in out.items():
            if span is None:  # bytes the cache knew (by_digest put them back)
                plan[n] = ("hit", e)
            else:
                store.put(files[n][1], plan[n][1], dg, e)
                own[n] = (*span, doc)
    finally:
        _, status = os.waitpid(pid, 0)  # on any error too: no child outlives the load
    got: dict[int, tuple] = {}
    with open(sink, "rb") as f:
        if status == 0:
            import pickle

            f.seek(0)
            try:  # each batch whole: what the child sent is used, the rest is read here (_finish)
                while True:
                    got.update(pickle.load(f))
            except EOFError:
                pass
            except Exception:
                got = {}
    _finish(repo, store, files, plan, got, own, scratch)
    return True


def _claims(order: list[int], board: Any, from_back: bool) -> Iterator[int]:
    """The items of `order` one of two processes takes: the parent from the front, the
    child from the back, each claiming an item (in `board`, which both see) before it
    reads it, until it reaches one the other has claimed. Both may take the item they
    meet at (the parent keeps its own); none is left out, and any the child claims but
    does not send, the parent loads after all (_finish)."""
    if from_back:
        for k in range(len(order) - 1, -1, -1):
            if k < board[0]:
                return
            board[1] = k
            yield order[k]
    else:
        for k in range(len(order)):
            if k >= board[1]:
                return
            board[0] = k + 1
            yield order[k]


def _values(doc: yamlio.Doc) -> tuple:
    """A file's values as the child sends them, with its text (findings are located in
    it, which would otherwise read the file again): (the JSON the fast path read them
    from, None, text), which costs a tenth of pickling the values, or (None, the values, text)."""
    return (doc.json, None, doc.text) if doc.json is not None else (None, doc.data, doc.text)


_UNSENT = "\0unsent"  # a value the child did not send (a str: it pickles as itself)


def _read_new(repo: Repo, store: Any, files: list, plan: list, which: Iterable[int], each: Any = None, records: bool = False) -> tuple[Repo, dict[int, tuple]]:
    """Read the files `which` (indexes into `files`) into a scratch Repo: index →
    (digest, cache entry, (part sizes before, after) or None when the cache knew the
    bytes, Doc); `each(index, that)` is told of every file as it is read."""
    scratch = Repo(repo.root, repo.settings)
    out: dict[int, tuple] = {}
    for n in which:
        kind, rel, entry = files[n]
        fresh = _fresh(scratch, store, kind, rel, entry.path, plan[n][1], records)
        if fresh is None:
            continue
        dg, hit, loaded = fresh
        out[n] = (dg, hit, None, None) if loaded is None else (dg, hit, (loaded[0], _sizes(scratch)), loaded[1])
        if each is not None:
            each(n, out[n])
    return scratch, out


def _finish(repo: Repo, store: Any, files: list, plan: list, got: dict, own: dict, scratch: Repo | None = None) -> None:
    """Put every file's part into the repo, in file order."""
    for n, (kind, rel, entry) in enumerate(files):
        step = plan[n]
        if n in own:
            before, after, doc = own[n]
            for k in _PARTS:
                getattr(repo, k).extend(getattr(scratch, k)[before[k]:after[k]])
            if doc is not None:
                repo.docs[rel] = doc
                if rel in scratch.annual:  # type: ignore[union-attr]
                    repo.annual[rel] = doc
        elif n in got:
            dg, hit, data = got[n]
            store.put(rel, step[1], dg, hit)
            _apply(repo, kind, rel, hit)
            if data != _UNSENT and rel in repo.docs:
                js, vals, repo.docs[rel].text = data
                if js is not None:
                    repo.docs[rel].json = js  # decoded only if asked for (yamlio._LazyDoc)
                else:
                    repo.docs[rel].data = vals
        elif step is not None and step[0] == "hit":
            _apply(repo, kind, rel, step[1])
        else:  # the careful way, or what the child could not send
            _load_file(repo, store, kind, rel, entry)


def _plain_stat(entry: os.DirEntry) -> os.stat_result | None:
    """The stat of a regular file, as the folder listing says it is one (then it is read
    without more checks); None sends it the careful way (_raw)."""
    try:
        if not entry.is_file(follow_symlinks=False):
            return None
        # on Windows a listing's stat has no inode number, which the cache's stat key uses
        return entry.stat(follow_symlinks=False) if os.name != "nt" else os.stat(entry.path)
    except OSError:
        return None


def _read_plain(path: str) -> bytes | None:
    """A regular file's bytes (the listing said it is one), or None to take the careful way."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        chunks, size = [], 0
        while size <= yamlio.MAX_BYTES:
            b = os.read(fd, yamlio.MAX_BYTES + 1 - size)
            if not b:
                break
            chunks.append(b)
            size += len(b)
        return b"".join(chunks) if len(chunks) != 1 else chunks[0]
    except OSError:
        return None
    finally:
        os.close(fd)


def _save(store: Any) -> None:
    """Write the cache when a file was parsed, or when locating found nodes it did not know."""
    grown = sum(map(len, store.watch))
    if grown != store.watched:
        store.touch_entry("")
    store.save()
    store.watched = grown


def _entry(repo: Repo, rel: str, doc: yamlio.Doc | None, before: dict[str, int], records: bool = False) -> tuple:
    """(what the file loads from, located nodes). A file the fast path read is kept as the
    JSON rapidyaml wrote (its records are made again from it: pickling them cost more
    than a cold load's parsing, and unpickling saves a warm run little); any other, as
    its pickled parts (every file, with `records`). Either way bytes or text, so that
    nobody's later change to a record can reach the cache."""
    if doc is not None and doc.json is not None and not records:
        return (doc.json, doc.located)
    import pickle

    parts = {k: getattr(repo, k)[n:] for k, n in before.items() if len(getattr(repo, k)) > n}
    blob = pickle.dumps((doc is not None, parts, rel in repo.annual), protocol=pickle.HIGHEST_PROTOCOL)
    return (blob, doc.located if doc is not None else None)


def _apply(repo: Repo, kind: str, rel: str, entry: tuple) -> None:
    import pickle

    blob, located = entry
    if type(blob) is str:  # rapidyaml's JSON of the file: load it again (_entry)
        full = repo.root / rel
        doc = yamlio.Doc.cached(lambda: _text_of(full), located)
        doc.json = blob
        repo.docs[rel] = doc
        _load_doc(repo, kind, rel, doc)
        return
    has_doc, parts, annual = pickle.loads(blob)
    if has_doc:  # its values are read again from the file only if something asks (yamlio._LazyDoc)
        full = repo.root / rel
        doc = yamlio.Doc.cached(lambda: _text_of(full), located)
        repo.docs[rel] = doc
        if annual:
            repo.annual[rel] = doc
    for k, items in parts.items():
        getattr(repo, k).extend(items)


def _text_of(full: Path) -> str | None:
    try:
        with open(full, "rb") as f:
            text, _ = yamlio.decode(f.read(yamlio.MAX_BYTES + 1))
        return text
    except OSError:
        return None


def _load_one(repo: Repo, kind: str, rel: str, raw: bytes | None) -> yamlio.Doc | None:
    if raw is None:
        raw = _raw(repo, rel)
        if raw is None:
            return None
    doc = _parse(repo, rel, raw)
    if doc is not None:
        _load_doc(repo, kind, rel, doc)
    return doc


def _load_doc(repo: Repo, kind: str, rel: str, doc: yamlio.Doc) -> None:
    """A parsed file's records and findings into `repo`."""
    if doc.data is None:
        if kind != "annual":
            repo.findings.append(Finding(rel, 1, 1, "GK105", "error", "文件是空的", "删除该文件，或写入内容"))
        return
    if kind != "annual" and (other := _other_kind(kind, doc.data)) is not None:
        # a plan file in data/units/: one "move it", not an unknown key per key (GK104) and its records gone unsaid
        what, dest = _moved(other, rel, doc.data)
        keys = [str(k) for k in doc.data]
        shown = "、".join(keys[:3]) + ("等" if len(keys) > 3 else "")
        repo.findings.append(Finding(rel, 1, 1, "GK109", "error", f"这是{what}（{shown}），应放在 {dest.rsplit('/', 1)[0]}/，放在这里不会读取",
                                     f"移到 {dest}：git mv \"{rel}\" \"{dest}\""))
        return
    _LOADERS[kind](repo, rel, doc)


def _kind_keys(kind: str) -> frozenset[str]:
    """The top-level keys a file of each data folder is written with (pydantic only for an annual one's)."""
    if kind == "units":
        return frozenset({"units", "groups"})
    if kind == "tasks":
        return frozenset({"plan", "tasks"})
    if kind == "catalog":
        return frozenset({"domains", *CatalogDomain.FIELDS})
    if kind == "progress":
        return frozenset(ProgressHeader.FIELDS)
    from .schemas.annual import AnnualFigures

    return frozenset(AnnualFigures.model_fields)


def _other_kind(kind: str, data: Any) -> str | None:
    """The other data folder whose files are written with exactly this file's top-level keys, when none of
    them is this folder's own (a file with a key of its own is this folder's, with mistakes told as such)."""
    if not isinstance(data, dict) or not data:
        return None
    keys = {str(k) for k in data}
    if keys & _kind_keys(kind):
        return None
    fits = {
        "units": keys <= _kind_keys("units"),
        "tasks": keys <= _kind_keys("tasks"),
        "catalog": keys == {"domains"} or ("name" in keys and keys <= _kind_keys("catalog")),
        "progress": keys <= _kind_keys("progress") and len(keys & {"unit", "period", "entries"}) >= 2,
        "annual": "year" in keys and len(keys) >= 2 and keys <= _kind_keys("annual"),  # (the annual schema, and pydantic, only with a year:)
    }
    return next((k for k, fit in fits.items() if fit and k != kind), None)


_KIND_NAMES = {"units": "单位文件", "tasks": "方案文件", "catalog": "标准目录文件", "progress": "进度文件", "annual": "年度报告数据文件"}


def _moved(kind: str, rel: str, data: dict) -> tuple[str, str]:
    """What a misplaced file is (方案文件) and where it goes (data/tasks/<its name>; a progress file by its
    quarter and unit, an annual one by its year)."""
    name = rel.rsplit("/", 1)[-1]
    if kind == "progress":
        period, unit = data.get("period"), data.get("unit")
        period = period if isinstance(period, str) and re.fullmatch(r"\d{4}Q[1-4]", period) else "<季度>"
        name = f"{unit}.yaml" if isinstance(unit, str) and unit and not names_no_file(unit) else name
        return _KIND_NAMES[kind], f"data/progress/{period}/{name}"
    if kind == "annual" and isinstance(data.get("year"), str) and re.fullmatch(r"\d{4}", data["year"]):
        name = f"{data['year']}.yaml"
    return _KIND_NAMES[kind], f"data/{kind}/{name}"


def _raw(repo: Repo, rel: str) -> bytes | None:
    import stat

    full = repo.root / rel
    try:
        if full.is_symlink() and not inside(repo.root, full):
            repo.findings.append(Finding(rel, 1, 1, "GK107", "error", "符号链接指向数据仓库之外，未读取", "把文件本身放进仓库"))
            return None
        # non-blocking: a named pipe called x.yaml must not hang gk; only regular files are read
        fd = os.open(full, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                repo.findings.append(Finding(rel, 1, 1, "GK102", "error", "不是普通文件（设备、管道或目录），未读取", "删除它，或换成普通的 YAML 文件"))
                return None
            with os.fdopen(fd, "rb", closefd=False) as f:
                return f.read(yamlio.MAX_BYTES + 1)
        finally:
            os.close(fd)
    except (OSError, RuntimeError) as e:  # RuntimeError: a symlink loop on some Pythons
        why = os_reason(e) if isinstance(e, OSError) else "符号链接循环（链接指向自己或彼此）"
        repo.findings.append(Finding(rel, 1, 1, "GK102", "error", f"无法读取文件：{why}", ""))
        return None


def _parse(repo: Repo, rel: str, raw: bytes) -> yamlio.Doc | None:
    doc, problems = yamlio.read(raw)
    for p in problems:
        repo.findings.append(Finding(rel, p.line, p.col, p.code, "error", p.message, p.hint))
    if doc is not None:
        repo.docs[rel] = doc
    return doc


def _read(repo: Repo, rel: str) -> yamlio.Doc | None:
    raw = _raw(repo, rel)
    return None if raw is None else _parse(repo, rel, raw)


# --- validation ------------------------------------------------------------

_FIELD_LABELS = {
    "name": "名称", "full_name": "全称", "aliases": "别名", "kind": "类别", "groups": "分组", "members": "成员", "successor": "接续单位",
    "id": "编号", "title": "标题", "issued_by": "发文单位", "issued_on": "发布日期", "starts_on": "成立日期", "ends_on": "结束日期",
    "categories": "类别列表", "units": "责任单位", "category": "类别", "detail": "具体工作", "others": "其他单位", "deadline": "完成时限",
    "unit": "单位", "period": "季度", "submitted_on": "报送日期", "entries": "进度条目", "task": "任务编号",
    "status": "状态", "date": "日期", "note": "说明", "evidence": "佐证", "no": "序号", "guideline": "标准指引",
    "county_units": "县级编制单位", "township_units": "乡级编制单位", "published": "发布记录", "url": "链接",
    "items": "目录条目", "plan": "方案信息", "tasks": "任务列表",
}
_PATTERN_HINTS = {
    "period": "季度写作 2023Q3 这样的形式",
    "id": "方案编号只用英文字母、数字和下划线，并以字母开头，如 xh2021",
}


# what the allowed English values mean, for hints (progress status, unit kind)
_VALUE_LABELS = {"done": "已完成", "in_progress": "推进中", "not_started": "未启动", "blocked": "受阻",
                 "department": "政府工作部门", "township": "乡镇", "street": "街道", "vertical": "垂直管理", "party": "党委部门",
                 "institution": "事业单位", "office": "议事协调/内设机构", "other": "其他"}


def _literal_hint(value: Any, expected: list[str]) -> str:
    """写作 done when the value is one's Chinese name (已完成, 完成); else the codes to choose from.
    A hint is copied as it stands: the code stands alone, its meaning in a clause of its own (a
    clerk who typed “done（已完成）” from 写作 done（已完成） was refused again)."""
    from .meant import literal

    if (meant := literal(value, expected)) is not None:
        code, label = meant[0], _VALUE_LABELS.get(meant[0], "")
        if meant[1] == "typo" and (said := re.search(r"[(（]([^()（）]*)[)）]\s*$", str(value))):  # done（已公开）
            return f"写作 {code}，括号中的“{said[1].strip()}”写进 note（说明）"
        return f"写作 {code}" + (f"，只写英文，{code} 即“{label}”" if label else "")
    if isinstance(value, str):
        v = value.strip()
        for code in expected:
            label = _VALUE_LABELS.get(code, "")
            if v == label or (label and len(v) >= 2 and v in label) or v.lower() == code.replace("_", "-") \
                    or (label and v.startswith(code) and v[len(code):].strip(" ()（）") == label):
                return f"写作 {code}" + (f"，只写英文，{code} 即“{label}”" if label else "")
    labelled = [c for c in expected if c in _VALUE_LABELS]
    if not labelled:
        return "可选：" + "、".join(expected)
    return ("只写其中一个英文词：" + "、".join(expected) + "；"
            + "，".join(f"{c} 即“{_VALUE_LABELS[c]}”" for c in labelled))


_NO_YEAR = re.compile(r"^\s*(\d{1,2})\s*(?:月|\.|/|-)\s*(\d{1,2})\s*[日号]?\s*$")  # (9月25号: as people say it)


def _shown_value(value: Any) -> str:
    """A value as the file wrote it, near enough (['县农业农村局'] as [县农业农村局], {'name': 'x'} as {name: x})."""
    if isinstance(value, list):
        return "[" + ", ".join(_shown_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_shown_value(v)}" for k, v in value.items()) + "}"
    return str(value) if isinstance(value, str) else repr(value)


# fields of prose, where a list or a mapping was meant as one text (keep it all), and the deadline (one of them)
_PROSE = frozenset({"title", "detail", "others", "note", "overview", "problems", "other_matters", "guideline",
                    # a catalog row's columns (公开事项, 公开内容, …)
                    "matter", "content", "basis", "timing", "subject", "channels", "audience", "manner", "level",
                    "公开事项", "公开内容", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象", "公开方式", "公开层级"})
# one of a kind, said as what it is (not "一个名称": the example would be a unit's)
_ONE_OF = {"category": ("类别", "深化行政决策公开"), "url": ("网址", "https://www.example.gov.cn/a.html"), "task": ("任务编号", "xh2023-06")}


def _text_hint(value: Any, field: str = "") -> str:
    """What to write where one text is wanted: a list or a mapping is no name to quote (quoting
    `[县农业农村局]` keeps the brackets in the name); a number or a date (007, 2024-01-01) is.
    A deadline is one deadline, prose is one paragraph (never "留下一个": half of it would be lost)."""
    if field == "deadline" and isinstance(value, (list, dict)):
        return "完成时限只写一个，如 deadline: 2023-06-30 或 deadline: 2023年6月底前；分阶段的写最后的时限，或拆成几项任务"
    if field in _PROSE and isinstance(value, (list, dict)):
        return ("写成一段文字：去掉方括号，整段加上引号（多行文字写作 |，下一行起缩进）" if isinstance(value, list)
                else "写成一段文字：文字中有“: ”（冒号加空格）时，整段加上引号")
    if field in _ONE_OF and isinstance(value, (list, dict)):
        what, example = _ONE_OF[field]
        return f"只写一个{what}，如 {field}: {example}" + ("；几个的，分开写在几条记录中" if isinstance(value, list) and field != "category" else "")
    if isinstance(value, list):
        names = [v for v in value if isinstance(v, str)]
        return (f"这里只写一个名称，不加方括号：{names[0]}" if len(names) == 1 and len(value) == 1
                else "这里只写一个名称，不是列表：去掉方括号，留下一个")
    if isinstance(value, dict):
        return "这里只写一个名称，不是“键: 值”：如 - 县财政局，而不是 - {name: 县财政局}"
    return "给值加上引号"


def _date_hint(value: Any, period: Any = None, year: int | None = None) -> str:
    """写作 2024-10-05 when the value is a date written otherwise (2024年10月5日, 2024-9-12); a
    date with no year (9月25日) in a file of 2023Q3 takes the file's year: 写作 2023-09-25, when its month
    is one of the quarter's (a 12月1日 there is no date of that quarter: said, not given a year)."""
    from .clock import is_relative, parse_date
    from .meant import date_in_quarter

    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str):  # [2023-10-16]: one date, no brackets
        inner = _date_hint(value[0], period, year)
        return f"只写一个日期，不加方括号：{value[0]}" if inner.startswith("写作") or not inner else f"只写一个日期，不加方括号；{inner}"
    if isinstance(value, (list, dict)):
        return "只写一个日期，如 2023-10-16（年-月-日）"
    quarter = _file_quarter(period)
    if isinstance(value, str) and quarter is not None:
        from .deadlines import _normalize

        if (day := date_in_quarter(value, str(quarter)) or date_in_quarter(_normalize(value), str(quarter))) is not None:
            return f"写上年份：{day}（年-月-日，月日补零）"
        m = _NO_YEAR.match(value) or _NO_YEAR.match(_normalize(value))
        if m is not None and quarter.first_day.month <= int(m[1]) <= quarter.last_day.month:  # 9月31日: no such day
            from .clock import no_such_day

            why = no_such_day(f"{quarter.year}-{int(m[1]):02d}-{int(m[2]):02d}")
            return f"{why}，改为实际存在的日期，并写上年份" if why else "写上年份（年-月-日，月日补零）"
        if m is not None and 1 <= int(m[1]) <= 12:
            months = f"{quarter.first_day.month}—{quarter.last_day.month} 月"
            return (f"{int(m[1])}月不在 {quarter}（{quarter.label}，{months}）之内：本季度的进展写出完整日期（年-月-日）；"
                    "季度结束后的进展写进下一季度的文件")
    if isinstance(value, str) and quarter is None and year:  # (submitted_on: 10月8日 in a 2023 file)
        import datetime as dt

        from .deadlines import _normalize

        m = _NO_YEAR.match(value) or _NO_YEAR.match(_normalize(value))
        try:
            day = dt.date(year, int(m[1]), int(m[2])) if m else None
        except ValueError:
            day = None
        if day:
            return f"写上年份：{day.isoformat()}（年-月-日，月日补零）"
    if isinstance(value, str) and (m := re.fullmatch(r"\s*(\d{4}-\d{2}-\d{2})[Tt ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[Zz]|[+-]\d{2}:?\d{2})?\s*", value)):
        return f"只写日期，不写时刻：{m[1]}"  # (pasted from a spreadsheet's export: 2023-09-25 00:00:00)
    if isinstance(value, str) and (m := re.fullmatch(r"\s*(\d{2})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\s*", value)):
        import datetime as dt

        try:  # 23-09-26: the year in two digits
            return f"年份写全四位：{dt.date(2000 + int(m[1]), int(m[2]), int(m[3])).isoformat()}（年-月-日，月日补零）"
        except ValueError:
            pass
    if isinstance(value, str) and is_relative(value):  # a file does not say when it was written: no today-based guess
        return f"写出年-月-日（如 2023-09-05）：文件里的“{value.strip()}”过后就不知道是哪一天"
    try:
        return f"写作 {parse_date(value, relative=False).isoformat()}（年-月-日，月日补零）" if isinstance(value, str) else ""
    except GkError:
        from .clock import no_such_day

        why = no_such_day(value)  # 2023-02-30: the form is right, the day is not
        return f"{why}，改为实际存在的日期" if why else "按“年-月-日”写出完整的日期，月日补零（如 2023 年 9 月 5 日写作 2023-09-05）"


def _file_year(data: Any) -> int | None:
    """The year of a progress file's period (period: 2023Q3 → 2023), for dates written without one."""
    quarter = _file_quarter(data.get("period") if isinstance(data, dict) else None)
    return quarter.year if quarter is not None else None


def _file_quarter(period: Any) -> Any:
    """The quarter of a progress file's period (2023Q3; 2023年第三季度 too: the file is read as that quarter,
    GK105 says how to write it), for dates written without a year; None when there is none."""
    from .periods import Quarter

    try:
        return Quarter.from_option(period) if isinstance(period, str) else None
    except ValueError:
        return None


def _period_hint(value: Any) -> str:
    from .periods import NoSuchQuarter, Quarter

    try:
        return f"写作 {Quarter.from_option(value)}" if isinstance(value, str) else _PATTERN_HINTS["period"]
    except NoSuchQuarter as e:  # 2023Q5: the form is right, the quarter is not
        return f"{e}，{_PATTERN_HINTS['period']}"
    except ValueError:
        return _PATTERN_HINTS["period"]


def _label(field_name: Any) -> str:
    label = _FIELD_LABELS.get(str(field_name))
    return f"{field_name}（{label}）" if label else str(field_name)


_WRONG_SHAPE = ("list_type", "model_type", "dict_type", "model_attributes_type")


def _one_branch(errors: list[dict]) -> list[dict]:
    """A union (members: a list, or {kind: …}) fails in each branch; say only what is wrong in the
    branch the value was written for: {kind: [乡镇]} is no list, but that is not its mistake."""
    out, seen = [], set()
    for e in errors:
        at = next((i for i, x in enumerate(e["loc"]) if isinstance(x, str) and _is_branch(x)), None)
        if at is None:
            out.append(e)
            continue
        union = e["loc"][:at]
        same = [x for x in errors if x["loc"][:at] == union and len(x["loc"]) > at and _is_branch(x["loc"][at])
                if isinstance(x["loc"][at], str)]
        shape_only = e["type"] in _WRONG_SHAPE and len(e["loc"]) == at + 1
        if shape_only and any(not (x["type"] in _WRONG_SHAPE and len(x["loc"]) == at + 1) for x in same):
            continue  # the value has the other branch's shape: its errors are the ones to tell
        if shape_only and union in seen:
            continue  # neither shape: said once
        if shape_only:
            seen.add(union)
        out.append(e)
    return out


def _pydantic_findings(repo: Repo, rel: str, base: tuple, model: Any, err: Any) -> list[Finding]:
    doc = repo.docs[rel]
    out = []
    errors = _one_branch(err.errors(include_url=False))
    meant = set()  # (where, field) of a misspelt key (titel: for title): GK104 says 是不是 title？, not also 缺少 title
    for e in errors:
        if e["type"] == "extra_forbidden" and e["loc"]:
            where = tuple(x for x in e["loc"][:-1] if isinstance(x, int) or not _is_branch(x))
            inner = _model_at(model, where)
            meant.add((where, near_key(str(e["loc"][-1]), [f.alias or n for n, f in inner.model_fields.items()])))
    for e in errors:
        loc = tuple(x for x in e["loc"] if isinstance(x, int) or not _is_branch(x))
        if e["type"] == "missing" and loc and (loc[:-1], loc[-1]) in meant:
            continue
        if e["type"] == "extra_forbidden" and e["loc"] and e["loc"][-1] not in loc:
            loc += (e["loc"][-1],)  # the unknown key itself, even when it looks like a branch name (Status)
        loc = _as_written(doc.data, base, loc)
        path = base + loc
        typ = e["type"]
        fieldname = loc[-1] if loc else ""
        while isinstance(fieldname, int) and len(loc) > 1:
            fieldname = loc[-2]
            break
        value = e.get("input")
        shown = f"“{value}”" if isinstance(value, str) else ("true" if value is True else "false" if value is False else "")  # as written
        key = False
        if typ == "missing":
            code, msg, hint = "GK105", f"缺少必填字段 {_label(fieldname)}", f"补上 {fieldname}: …"
            path = base + loc[:-1]
        elif typ == "extra_forbidden":
            code, key = "GK104", True
            msg = f"未知字段 {fieldname}"
            hint = _field_hint(model, loc, str(fieldname))
        elif typ in ("date_parsing", "date_from_datetime_parsing", "date_type", "date_from_datetime_inexact"):
            code, msg, hint = "GK105", f"{_label(fieldname)} 应为日期，而不是 {shown or _shown_value(value)}", _date_hint(value, doc.data.get("period") if isinstance(doc.data, dict) and fieldname == "date" else None, _file_year(doc.data))
        elif typ == "literal_error":
            expected = [x.strip("'") for x in re.split(r"', '|' or '", str(e.get("ctx", {}).get("expected", "")))]
            code, msg = "GK105", f"{_label(fieldname)} 的取值 {shown or repr(value)} 不在允许范围内"
            hint = _literal_hint(value, expected)
        elif typ == "string_pattern_mismatch":
            code, msg = "GK105", f"{_label(fieldname)} 的格式不对：{shown}"
            hint = _period_hint(value) if fieldname == "period" else _PATTERN_HINTS.get(str(fieldname), "")
        elif typ in ("too_short", "string_too_short"):
            code, msg, hint = "GK105", f"{_label(fieldname)} 不能为空", _empty(model, base, loc, str(fieldname), "list_type" if isinstance(value, list) else "")[1]
        elif typ in ("list_type",):
            code, msg, hint = "GK105", f"{_label(fieldname)} 应为列表", (_ITEM_FORMS[str(fieldname)] if fieldname in _RECORD_LISTS else "写作 [甲, 乙] 或每行一个“- 甲”")
        elif typ in ("string_type",):
            code, msg, hint = "GK105", f"{_label(fieldname)} 应为文字，而不是 {_shown_value(value)}", _text_hint(value, str(fieldname))
        elif typ in ("int_parsing", "int_type", "int_from_float"):
            code, msg, hint = "GK105", f"{_label(fieldname)} 应为整数，而不是 {shown or repr(value)}", _int_hint(value, str(fieldname))
        elif typ in ("dict_type", "model_type", "model_attributes_type"):
            code, msg, hint = ("GK105", *_no_mapping(path, value))
        else:
            code, msg, hint = "GK105", f"{_label(fieldname)}：{e['msg']}", ""
        if value is None and typ not in ("missing", "extra_forbidden"):  # `title:` with nothing after it: no None, no quotes
            msg, hint = _empty(model, base, loc, str(fieldname), typ, hint if typ == "literal_error" else "")
        label = _label(fieldname)
        if label.endswith("）"):  # status（状态）的取值: no space after a full-width bracket
            msg = msg.replace(label + " ", label, 1)
        line, col = doc.locate(path, key)
        out.append(Finding(rel, line, col, code, "error", msg, hint))
    return out


# how a catalog domain's publications are written (a list of mappings, not of links)
_PUBLISHED = "写作 published: 下每项 - unit: 县财政局，换行缩进写 url: https://… 和 date: 2023-05-01"
# how an item of each list of records is written, for the hint when one is not a mapping (- xh2023-02)
_ITEM_FORMS = {
    "tasks": "每项任务写作 - id: xh2023-01，换行缩进写 title、units、deadline",
    "units": "每个单位写作 - name: 县财政局，换行缩进写 kind: department",
    "groups": "每个分组写作 - name: 各乡镇，换行缩进写 members: {kind: [township]}",
    "entries": "每条进度写作 - task: xh2023-01，换行缩进写 status、date",
    "domains": "每个领域写作 - name: 领域名称，换行缩进写 county_units 等",
    "items": "每条目录条目写作 - matter: 公开事项，换行缩进写 content 等",
    "published": _PUBLISHED,
}
_RECORD_LISTS = frozenset({"published", "items", "entries"})  # fields whose items are records (a task's units are names)
_CHINESE_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九十", 0)}


def _int_hint(value: Any, name: str) -> str:
    """写作 "no": 1 for `no: 一` (a number in Chinese, or any other text): digits, as the example."""
    key = '"no"' if name == "no" else name  # (bare, no is read as false)
    n = _CHINESE_DIGITS.get(value.strip()) if isinstance(value, str) else None
    return f"写作 {key}: {n if n is not None else 1}（阿拉伯数字）"


def _no_mapping(path: tuple, value: Any) -> tuple[str, str]:
    """A record that is no mapping: which one (the 2nd item of tasks, never a bare 此处) and how it is written."""
    if path and isinstance(path[-1], int) and len(path) > 1:
        name = str(path[-2])
        return (f"{_label(name)}的第 {path[-1] + 1} 项应为“键: 值”映射，而不是 {_shown_value(value)}",
                _ITEM_FORMS.get(name, "这一项写作“键: 值”，每行一个"))
    name = str(path[-1]) if path else ""
    return (f"{_label(name)} 应为“键: 值”映射，而不是 {_shown_value(value)}" if name else "文件顶层应为“键: 值”映射",
            "写作“键: 值”，每行一个，如 name: …")


def _empty(model: Any, base: tuple, loc: tuple, name: str, typ: str, hint: str = "") -> tuple[str, str]:
    """What to say of a key written with no value (`title:`, a `-` with nothing after it): that it is
    empty and what to write there, never Python's None (a clerk read 而不是 None, 给值加上引号)."""
    where = base + loc
    if where and isinstance(where[-1], int):
        name = str(where[-2]) if len(where) > 1 else name
        return f"{_label(name)}的第 {where[-1] + 1} 项是空的", "在“- ”后写上这一项的内容，或删去这个空的“- ”"
    if not loc and where:  # the record itself (plan: with nothing under it)
        name = str(where[-1])
        return f"{_label(name)}是空的", _ITEM_FORMS.get(name, f"在 {name}: 下写上各字段，如 id: …、title: …")
    what = _FIELD_LABELS.get(name, "内容")
    if name == "title" and base[:1] in (("plan",), ("tasks",)):
        what = ("方案" if base[0] == "plan" else "任务") + what
    key = '"no"' if name == "no" else name  # (bare, no is read as false)
    if not hint:
        hint = (_PUBLISHED if name == "published" else f"写上{what}，如 {key}: [甲, 乙]" if typ == "list_type"
                else f"写上{what}，如 {key}: 2023-09-30（年-月-日）" if typ.startswith("date")
                else f"写上{what}，如 {key}: 1" if typ.startswith("int")
                else f"在 {key}: 后写上{what}")
    field = _model_at(model, loc[:-1]).model_fields.get(name)
    if field is not None and not field.is_required():
        hint += "；不需要的，删去这一行"
    return f"{_label(name)}是空的", hint


def _as_written(data: Any, base: tuple, loc: tuple) -> tuple:
    """`loc` with a field written by its Chinese name (公开主体 for subject, CatalogItem.KEYS_ZH) as written,
    so that the finding is at that key and names it."""
    from .schemas.catalog import ITEM_KEYS_ZH

    holder = data
    for p in base:
        try:
            holder = holder[p]
        except (KeyError, IndexError, TypeError):
            return loc
    for i, p in enumerate(loc):
        if isinstance(holder, dict) and isinstance(p, str) and p not in holder:
            zh = next((k for k, f in ITEM_KEYS_ZH.items() if f == p and k in holder), None)
            if zh is not None:
                loc, p = loc[:i] + (zh,) + loc[i + 1:], zh
        try:
            holder = holder[p]
        except (KeyError, IndexError, TypeError):
            break
    return loc


def _is_branch(x: Any) -> bool:
    """pydantic puts union branch names (list[str], KindSelector) into loc; they are not keys."""
    return isinstance(x, str) and (x[:1].isupper() or "[" in x or x in ("str", "int"))  # "date" is a field name (ProgressEntry.date), never a branch


def _field_hint(model: Any, loc: tuple, name: str) -> str:
    inner = _model_at(model, loc[:-1])
    zh = getattr(inner, "KEYS_ZH", {})  # a 标准目录 row's columns by their Chinese names (公开事项)
    if name in zh:  # left as written: its field is written too
        return f"{name} 即 {zh[name]}，这一行已写了 {zh[name]}：删去其中一个"
    return _key_hint(name, [*inner.model_fields, *zh])


def _model_at(model: Any, loc: tuple) -> Any:
    """The model of the record at `loc` inside one of `model` (("items", 0) of a catalog domain: a
    CatalogItem; ("members",) of a group: its {kind: …} selector), so that a misspelt key there is
    told the fields of the record it was written in, not those of the one holding it."""
    import typing

    from pydantic import BaseModel

    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if isinstance(part, str) else None
        if field is None:
            return model
        todo, inner = [field.annotation], None
        while todo and inner is None:
            t = todo.pop(0)
            if isinstance(t, type) and issubclass(t, BaseModel):
                inner = t
            else:
                todo.extend(typing.get_args(t))
        if inner is None:
            return model
        model = inner
    return model


def _key_hint(name: str, fields: list[str]) -> str:
    """是不是 status？ for a misspelt key (staus) or one in another case (Status: Word capitalised it)."""
    bare = name.strip().strip("“”‘’\"'「」").strip()
    if bare != name.strip() and bare in fields:  # “status”: Chinese quotes are part of the key, not YAML's quotes
        return f"去掉键两边的中文引号，写作 {bare}: …"
    near = near_key(name, fields)
    if near in _NAMES_UNDER and "aliases" in fields:  # (units.yaml's aliase: — its names were silently no unit's until fixed)
        return f"是不是 {near}？改正之前，{_NAMES_UNDER[near]}"
    if near:
        return f"是不是 {near}？"
    return "可用字段：" + "、".join(fields)


# keys whose names count only when the key is right: what a misspelt one costs, said with its hint
_NAMES_UNDER = {"aliases": "其中的名称都不算这个单位（用这些名称写的任务、分组少了这个单位）",
                "name": "这个单位或分组不算数（写着它的名称的任务、分组都少了它）",
                "members": "其中的名称都不算这个分组的成员（分组是空的）"}


def near_key(name: str, fields: list[str]) -> str | None:
    """The field an unknown key was most likely meant as (staus → status, Status → status), or None."""
    import difflib

    from .meant import key

    bare = name.strip().strip("“”‘’\"'「」").strip()
    if bare != name.strip() and bare in fields:
        return bare
    same = [f for f in fields if f.casefold() == name.strip().casefold()] or [f for f in [key(name, fields)] if f]
    near = same or difflib.get_close_matches(name, fields, n=1, cutoff=0.6)
    return near[0] if near else None


def validate(repo: Repo, rel: str, cls: type[Record], data: Any, path: tuple) -> Any:
    """The record of `data`, or None with located findings saying what is wrong. A unit, group, plan,
    task, progress entry or catalog domain some of whose fields are wrong is kept without them (salvage)."""
    rec = CHECKS[cls](data)
    if rec is None:  # not plainly valid: pydantic decides (gkcli/record.py)
        from pydantic import ValidationError

        from . import schemas

        model = getattr(schemas, cls.__name__)
        try:
            rec = from_model(cls, model.model_validate(data))
        except ValidationError as e:
            repo.findings.extend(_pydantic_findings(repo, rel, path, model, e))
            rec = _without_unknown_keys(cls, model, data, e)
            if rec is None:
                return salvage(rel, cls, data, path) if cls.__name__ in _SALVAGED else None
    rec._file, rec._path = rel, path
    return rec


def _without_unknown_keys(cls: type[Record], model: Any, data: Any, err: Any) -> Any:
    """The record of `data` with its unknown keys left out, when they are all that is wrong (each said
    already, GK104): a misspelt `dedline:` must not hide the rest of its task's mistakes (an unknown
    unit, GK202) until it is fixed, as ruff and yamllint say everything in one pass. None otherwise."""
    import copy

    from pydantic import ValidationError

    errors = err.errors(include_url=False)
    if not errors or any(e["type"] != "extra_forbidden" for e in errors):
        return None
    data = copy.deepcopy(data)
    for e in errors:
        loc = tuple(x for x in e["loc"][:-1] if isinstance(x, int) or not _is_branch(x)) + (e["loc"][-1],)
        holder = data
        try:
            for p in loc[:-1]:
                holder = holder[p]
            # a misspelling of a field the figures depend on, which the record lacks (deadlien for its
            # deadline): read without it, the record says something else than its writer meant (an overdue
            # task became 未启动): left out, as before. (noet, isued_by: nothing counted changes: kept)
            near = _meant_field(_model_at(model, loc[:-1]), str(loc[-1]))
            if near in _COUNTED and near not in holder:
                return None
            del holder[loc[-1]]
        except (KeyError, IndexError, TypeError):
            return None
    try:
        return from_model(cls, model.model_validate(data))
    except ValidationError:
        return None


# the fields status and reports are judged from: without one a record means something else
_COUNTED = frozenset({"deadline", "units", "status", "date", "task", "unit", "period", "issued_on", "ends_on", "starts_on",
                      "successor", "members", "kind", "id", "submitted_on", "name"})


def _meant_field(model: Any, name: str) -> str | None:
    """The field an unknown key of a `model` record was meant as: one of its own first (a task's `unit:` is
    its units, not a progress file's unit), else of any record (`deadlien:` written in a progress entry)."""
    return near_key(name, [f.alias or n for n, f in model.model_fields.items()]) or near_key(name, _all_fields())


@functools.lru_cache(maxsize=None)
def _all_fields() -> list[str]:
    """Every field name of every data file's schema (what an unknown key may be a misspelling of)."""
    import inspect

    from pydantic import BaseModel

    from . import schemas

    return sorted({f.alias or n for _, m in inspect.getmembers(schemas, inspect.isclass) if issubclass(m, BaseModel)
                   for n, f in m.model_fields.items()})


# what each kind of file looks like, for the hint when its top level is not a mapping
_SHAPES = {
    "units": "单位文件写作：units: 下每行 - name: 县财政局（换行缩进写 kind: department）；分组写在 groups: 下",
    "plan": "方案文件写作：plan: 下写 id、title；tasks: 下每项 - id: xh2023-01（换行缩进写 title、units、deadline）",
    "domains": "标准目录文件写作：domains: 下每项 - name: 领域名称",
    "unit": "进度文件写作：unit: 县财政局、period: 2023Q3，再在 entries: 下每项 - task: 任务编号（换行缩进写 status、date）",
}


def _top(repo: Repo, rel: str, doc: yamlio.Doc, allowed: dict[str, type]) -> dict | None:
    """Check the top-level mapping: its type and its keys."""
    if not isinstance(doc.data, dict):
        repo.findings.append(repo.finding(rel, (), "GK105", "error", "文件顶层应为“键: 值”映射", _SHAPES.get(next(iter(allowed)), "")))
        return None
    for k, v in doc.data.items():
        if k not in allowed:
            repo.findings.append(
                repo.finding(rel, (k,), "GK104", "error", f"未知字段 {k}", _key_hint(str(k), list(allowed)), key=True)
            )
        elif v is not None and not isinstance(v, allowed[k]):
            want = "列表" if allowed[k] is list else "“键: 值”映射"
            hint = _ITEM_FORMS.get(str(k), "") if allowed[k] is list else f"{k}: 下每行写一个字段，如 id: xh2023，不加“- ”"
            repo.findings.append(repo.finding(rel, (k,), "GK105", "error", f"{_label(k)}应为{want}", hint))
    return doc.data


def _items(repo: Repo, rel: str, data: dict, key: str) -> list[tuple[int, Any]]:
    v = data.get(key)
    return list(enumerate(v)) if isinstance(v, list) else []


def _load_units(repo: Repo, rel: str, doc: yamlio.Doc) -> None:
    data = _top(repo, rel, doc, {"units": list, "groups": list})
    if data is None:
        return
    for i, item in _items(repo, rel, data, "units"):
        if (u := validate(repo, rel, Unit, item, ("units", i))) is not None:
            _name_is_no_path(repo, rel, u.name, ("units", i, "name"))
            repo.units.append(u)
    for i, item in _items(repo, rel, data, "groups"):
        if (g := validate(repo, rel, Group, item, ("groups", i))) is not None:
            repo.groups.append(g)


# fields that mean something only together: one of them wrong, the other is left out too (an ending whose
# successor cannot be read is not judged, as one whose successor names no unit, GK214: its work stays its own)
_TOGETHER = {"ends_on": ("successor",), "successor": ("ends_on",)}


# the fields of a task, plan or progress entry that may be wrong and left out with the record kept: what is
# not counted (a task's detail written as a list: the task, overdue, must not leave the status and the
# report), and a task's deadline, which then counts as none, as an unreadable one does (GK304). A wrong
# id, title, units, date or status still leaves the record out: read without it, it says something else.
# (Units and groups: every field but the name.)
_LEAVE_OUT = {
    "Task": frozenset({"category", "detail", "others", "deadline"}),
    "Plan": frozenset({"issued_by", "categories"}),
    "ProgressEntry": frozenset({"note", "evidence"}),
    # a catalog domain's rows and publications are its record, not who compiles it (county_units, township_units)
    "CatalogDomain": frozenset({"no", "guideline", "published", "items"}),
}
_SALVAGED = frozenset({"Unit", "Group", *_LEAVE_OUT})  # (a progress file's header is not: _unsure_header)


def salvage(rel: str, cls: type[Record], data: Any, path: tuple) -> Any:
    """A record some of whose fields are wrong (said already by validate, once each): the record of
    the rest, the wrong ones left at their defaults (a wrong kind: other; a wrong ends_on: no ending) and a
    wrong item of a list left out, so that one mistake is one finding, not the unit missing from every
    task that names it, nor an overdue task from the status. None when its name (id) is wrong, it is no
    mapping, a field that may not be left out is wrong (_LEAVE_OUT), or nothing of a group's members is left."""
    from pydantic import ValidationError

    from . import schemas

    may = _LEAVE_OUT.get(cls.__name__)
    ident = next((f for f in ("name", "id") if f in cls.FIELDS), None)  # what names the record: never left out
    if type(data) is not dict or (ident is not None and ident not in data):
        return None
    model = getattr(schemas, cls.__name__)
    data = {k: (v[:] if isinstance(v, list) else dict(v) if isinstance(v, dict) else v) for k, v in data.items()}
    had_members = bool(data.get("members"))
    for _ in range(4):
        try:
            rec = from_model(cls, model.model_validate(data))
        except ValidationError as e:
            drop: set[str] = set()
            items: dict[tuple, set[int]] = {}
            for err in e.errors(include_url=False):
                raw = err["loc"]
                if not raw or raw[0] == ident or not isinstance(raw[0], str):
                    return None
                field, value = raw[0], data.get(raw[0])
                if may is not None and field not in may:
                    # an unknown key as validate keeps it (_without_unknown_keys): dropped, unless it is a
                    # misspelling of a counted field the record lacks
                    if err["type"] != "extra_forbidden" or ((near := _meant_field(model, field)) in _COUNTED and near not in data):
                        return None
                    drop.add(field)
                    continue
                if (isinstance(value, dict) and "list[str]" in raw) or (isinstance(value, list) and "KindSelector" in raw):
                    continue  # the other branch of members' union
                loc = tuple(x for x in raw if isinstance(x, int) or not _is_branch(x))
                if len(loc) >= 2 and isinstance(loc[1], int) and isinstance(value, list):
                    # aliases: [县甲局, 2024]: the 2024 only; items: [{matter: …}, {matter: [x]}]: that row only
                    items.setdefault((field,), set()).add(loc[1])
                elif len(loc) == 3 and loc[1] == "kind" and isinstance(loc[2], int) and isinstance(value, dict) and isinstance(value.get("kind"), list):
                    items.setdefault((field, "kind"), set()).add(loc[2])  # members: {kind: [township, streat]}
                else:
                    drop.add(field)
            if not drop and not items:
                return None
            for where, bad in items.items():
                holder = data if len(where) == 1 else data[where[0]]
                holder[where[-1]] = [x for j, x in enumerate(holder[where[-1]]) if j not in bad]
            for field in drop:
                for f in (field, *_TOGETHER.get(field, ())):
                    data.pop(f, None)
            if had_members and not data.get("members"):
                return None  # a group left with no members would leave its tasks with no unit: as before, it is not there
            continue
        rec._file, rec._path = rel, path
        return rec
    return None


UNIT_NAME_NOT_A_FILE = ("单位名称“{}”不能含有 / 或 \\、以 . 开头、含控制字符，也不能过长（名称也是进度文件的文件名："
                        "加上 .yaml 最多 255 字节，汉字每个 3 字节、字母和数字每个 1 字节，即最多 83 个汉字）",
                        "去掉斜杠等字符，或用简称；其他写法可放在 aliases 中")


def file_unit(rel: str) -> str:
    """The name a progress file is filed under: its file name without .yaml/.yml (data/progress/2023Q3/县财政局.yaml
    → 县财政局), which should be its unit's."""
    return re.sub(r"\.ya?ml$", "", rel.rsplit("/", 1)[-1])


def names_no_file(name: str) -> bool:
    """A unit's name names its progress files (data/progress/<季度>/<name>.yaml): is it
    one that would put them, or `gk progress add`'s writes, anywhere else?"""
    return ("/" in name or "\\" in name or name.strip(".") == "" or name.startswith(".") or any(ord(c) < 32 for c in name)
            or len((name + ".yaml").encode("utf-8", "surrogateescape")) > 255)  # the longest file name most file systems take (in bytes of UTF-8, whatever the locale)


def _name_is_no_path(repo: Repo, rel: str, name: str, path: tuple) -> None:
    if names_no_file(name):
        message, hint = UNIT_NAME_NOT_A_FILE
        repo.findings.append(repo.finding(rel, path, "GK105", "error", message.format(name), hint))


def _load_tasks(repo: Repo, rel: str, doc: yamlio.Doc) -> None:
    data = _top(repo, rel, doc, {"plan": dict, "tasks": list})
    if data is None:
        return
    if "plan" not in data:
        repo.findings.append(repo.finding(rel, (), "GK105", "error", "缺少方案信息 plan:", "在文件开头写 plan: 及其 id、title"))
        return
    if data["plan"] is not None and not isinstance(data["plan"], dict):  # said by _top (plan: written as a list): not again
        return
    plan = validate(repo, rel, Plan, data["plan"], ("plan",))
    if plan is None and isinstance(data["plan"], dict) and not _text(data["plan"].get("title")) and _text(data["plan"].get("id")):
        # an empty or missing title (said, GK105) is no reason to drop the plan's tasks from every figure: its id stands for it
        plan = _quiet_record(Plan, {**data["plan"], "title": data["plan"]["id"]}, rel, ("plan",))
    if plan is None:
        return
    tasks = []
    for i, item in _items(repo, rel, data, "tasks"):
        if (t := validate(repo, rel, Task, item, ("tasks", i))) is not None:
            tasks.append(t)
    repo.plans.append(PlanData(plan, tasks, rel))


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _load_progress(repo: Repo, rel: str, doc: yamlio.Doc) -> None:
    if not isinstance(doc.data, dict):
        repo.findings.append(repo.finding(rel, (), "GK105", "error", "文件顶层应为“键: 值”映射", _SHAPES["unit"]))
        return
    data = doc.data
    if "entries" in data and data["entries"] is None:  # `entries:` with every item deleted: none, as `entries: []` (GK412)
        data = {**data, "entries": []}
    header = validate(repo, rel, ProgressHeader, data, ())
    if header is None:  # a header written otherwise that plainly means one thing: counted as that (still said, GK105)
        header = _header_as_meant(data, rel)
    if header is None:  # its entries are still checked: every mistake of the file told at once, not one round each
        items = doc.data.get("entries")
        entries = []
        for i, item in enumerate(items if isinstance(items, list) else []):
            if (e := validate(repo, rel, ProgressEntry, item, ("entries", i))) is not None:
                entries.append(e)
        repo.unsure.append(ProgressReport(_unsure_header(doc.data, rel), entries, rel))
        return
    entries = []
    for i, item in enumerate(header.entries):
        if (e := validate(repo, rel, ProgressEntry, item, ("entries", i))) is not None:
            entries.append(e)
    header.entries = []  # the raw items, now checked into `entries`: kept, they would double what the cache holds
    repo.progress.append(ProgressReport(header, entries, rel))


def _header_as_meant(data: dict, rel: str) -> Any:
    """The header of a progress file whose wrong fields plainly mean one thing: a submitted_on written otherwise
    (2023-10-6, 2023年10月16日: the date --fix writes; anything else: none, it is optional) and a period written
    otherwise that names the quarter of the file's folder (2023-Q3, 2023年第三季度 in data/progress/2023Q3/: two
    sources agree). None when something else is wrong, or nothing could be read so."""
    from .meant import written_date
    from .periods import quarter_of_file
    from .record import FAIL, date

    meant = dict(data)
    on = data.get("submitted_on")
    if "submitted_on" in data and (not isinstance(on, str) or date(on) is FAIL):
        if (day := written_date(on)) is not None:
            meant["submitted_on"] = day
        else:
            del meant["submitted_on"]
    period = data.get("period")
    if isinstance(period, str) and not re.fullmatch(r"\d{4}Q[1-4]", period):
        if (quarter := _file_quarter(period)) is not None and quarter == quarter_of_file(rel):
            meant["period"] = str(quarter)
    return _quiet_record(ProgressHeader, meant, rel, ()) if meant != data else None


def _unsure_header(data: dict, rel: str) -> ProgressHeader:
    """A wrong header (said already, GK105) as far as it reads: the unit when it is a name, the
    period as the quarter it plainly means (2024年第三季度, 2024-Q3, 2024q3 → 2024Q3, as the
    command line's --quarter takes it), else None; a wrong submitted_on is left out."""
    from .record import FAIL, date, new

    h = new(ProgressHeader)
    unit, period, on = data.get("unit"), data.get("period"), data.get("submitted_on")
    h.unit = unit if isinstance(unit, str) and unit.strip() else None
    quarter = _file_quarter(period)  # (None for 2024Q5 too)
    h.period = str(quarter) if quarter is not None else None
    day = date(on) if isinstance(on, str) else FAIL
    h.submitted_on = None if day is FAIL else day
    h.entries = []
    h._file, h._path = rel, ()
    return h


def _load_catalog(repo: Repo, rel: str, doc: yamlio.Doc) -> None:
    data = doc.data
    if isinstance(data, dict) and "domains" in data:
        data = _top(repo, rel, doc, {"domains": list})
        if data is None:
            return
        items = _items(repo, rel, data, "domains")
        for i, item in items:
            if (d := validate(repo, rel, CatalogDomain, item, ("domains", i))) is not None:
                repo.catalog.append(d)
    elif (d := validate(repo, rel, CatalogDomain, data, ())) is not None:
        repo.catalog.append(d)


def _load_annual(repo: Repo, rel: str, doc: yamlio.Doc) -> None:
    repo.annual[rel] = doc


_LOADERS = {
    "units": _load_units,
    "tasks": _load_tasks,
    "progress": _load_progress,
    "catalog": _load_catalog,
    "annual": _load_annual,
}
