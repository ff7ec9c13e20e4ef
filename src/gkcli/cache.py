"""The load cache: what each data file loaded into, kept in `<repo>/.gk/cache`.

Keyed by content: a file's entry is reused only when its bytes hash (BLAKE2b) to
the digest the entry was made from. Reading and hashing every file would cost
most of what parsing costs, so, like git's index, the cache also keeps each
file's stat (mtime, ctime, size, inode) and trusts an unchanged stat without
reading the file — except for a file modified less than two seconds before it
was stat'ed, whose stat could hide a same-size edit in the same clock tick
("racily clean"): such a file is read and hashed again next time.

- Never stale: a changed stat means read and hash; a changed digest means parse.
- Safe to delete; never required: `GK_NO_CACHE=1` or `gk --no-cache` skips it,
  and a cache that can't be read, written or trusted is ignored.
- Versioned: the file name carries a hash of gk's version and of the source of
  the modules that decide what a file loads into (yamlio, repo, schemas).
- Not a way in: a data repo comes from pull requests, so the cache file could be
  planted. Entries are pickles, so the file is signed with a per-user key kept
  outside the repo ($XDG_CACHE_HOME/gk/key); an unsigned or badly signed file is
  ignored, never unpickled.
- Git-ignored by itself: `.gk/.gitignore` holds `*`.

Results derived from a whole repo (a county's status in a province roll-up) are
kept by `memo()`, keyed by the repo's fingerprint (every file's digest).

Also here, as the other thing gk keeps in `.gk`: whether the editor's JSON Schemas in
`.gk/schema` are this gk's (`schemas_stale`), checked by gk lint and gk status.
"""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path
from typing import Any, Callable

try:  # hashlib's own BLAKE2, without hashlib's loading of OpenSSL (~3 ms of every run)
    from _blake2 import blake2b
except ImportError:  # another Python
    from hashlib import blake2b

MAGIC = b"gkcache1"
SAVE_AT_EXIT = False  # set by the command line: write once, at exit, with every node located
RACY_NS = 2_000_000_000  # a file modified this recently may change again within its mtime tick
_VERSION: str | None = None
_KEY: bytes | None = None


OFF = False  # gk --no-cache


def disabled() -> bool:
    return OFF or os.environ.get("GK_NO_CACHE", "").strip() not in ("", "0")


def version() -> str:
    """gk's version and a hash of the code that decides what a file loads into."""
    global _VERSION
    if _VERSION is None:
        from . import __version__

        h = blake2b(__version__.encode(), digest_size=8)
        here = Path(__file__).parent
        for name in sorted(["yamlio.py", "repo.py", "cache.py", "findings.py", "record.py", "records.py", "settings.py", *(f"schemas/{p.name}" for p in (here / "schemas").glob("*.py"))]):
            try:
                h.update(name.encode() + (here / name).read_bytes())
            except OSError:
                pass
        _VERSION = h.hexdigest()
    return _VERSION


_CODE: dict[tuple[str, ...], str] = {}


def code_version(*patterns: str) -> str:
    """A hash of gk's own modules matching `patterns` (globs under gkcli/): a remembered
    result (memo) keyed by it is never one an older gk computed with other rules."""
    if patterns not in _CODE:
        here = Path(__file__).parent
        h = blake2b(digest_size=8)
        for path in sorted({p for pat in patterns for p in here.glob(pat)}):
            try:
                h.update(str(path.relative_to(here)).encode() + path.read_bytes())
            except OSError:
                pass
        if "deadlines.py" in patterns:  # 工作日 due days come from chinesecalendar's holiday table too
            h.update(_calendar_data())
        _CODE[patterns] = h.hexdigest()
    return _CODE[patterns]


def _calendar_data() -> bytes:
    """The holiday table of the installed chinesecalendar (a newer release knows another year's
    holidays and 调休 days, and moves due days counted in 工作日), found without importing it."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("chinese_calendar")
        if spec is None or spec.origin is None:
            return b"none"
        return Path(spec.origin).with_name("constants.py").read_bytes()
    except (ImportError, OSError, ValueError):
        return b"none"


def _user_key() -> bytes | None:
    """The per-user signing key, made on first use; None when there is nowhere to keep it."""
    global _KEY
    if _KEY is not None:
        return _KEY
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = os.path.join(base, "gk", "key")
    try:
        with open(path, "rb") as f:
            key = f.read()
        if len(key) >= 32:
            _KEY = key
            return key
    except OSError:
        pass
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        key = os.urandom(32)
        tmp = f"{path}.{os.getpid()}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(key)
        os.replace(tmp, path)
        with open(path, "rb") as f:  # another gk may have won the race: use what is there
            _KEY = f.read()
        return _KEY
    except OSError:
        return None


def stat_key(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)


def _sign(key: bytes, body: bytes) -> bytes:
    """The cache file's signature: keyed BLAKE2b, a MAC by design (no HMAC needed)."""
    return blake2b(body, key=key[:64], digest_size=32).digest()


def digest(raw: bytes) -> bytes:
    return blake2b(raw, digest_size=16).digest()


class Cache:
    """The load cache of one data repo. `entries`: rel → (stat key, trusted, digest, entry)."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.dir = self.root / ".gk" / "cache"
        self.path = self.dir / f"load-{version()}.bin"
        self.index_path = self.dir / f"index-{version()}.bin"  # rel → (stat, trusted, digest): a roll-up's quick look
        self._entries: dict[str, tuple[tuple, bool, bytes, Any]] | None = None
        self.fresh: dict[str, tuple[tuple, bool, bytes, Any]] = {}
        self.changed = False
        self.key = _user_key()

    @property
    def entries(self) -> dict[str, tuple[tuple, bool, bytes, Any]]:
        """Every file's (stat key, trusted, digest, entry), read on first use."""
        if self._entries is None:
            got = self._read(self.path) if self.key is not None else None
            self._entries = got if isinstance(got, dict) else {}
        return self._entries

    @entries.setter
    def entries(self, value: dict) -> None:
        self._entries = value

    def index(self) -> dict[str, tuple[tuple, bool, bytes]] | None:
        """The small index written beside the entries, or None."""
        got = self._read(self.index_path) if self.key is not None else None
        return got if isinstance(got, dict) else None

    # -- whole-file signed pickles -----------------------------------------

    def _read(self, path: Path) -> Any:
        try:
            with open(path, "rb") as f:
                blob = f.read()
        except OSError:
            return None
        if not blob.startswith(MAGIC) or self.key is None:
            return None
        sig, body = blob[len(MAGIC) : len(MAGIC) + 32], blob[len(MAGIC) + 32 :]
        if sig != _sign(self.key, body):  # a local file: no one times the comparison
            return None  # not ours (planted, or another user's): never unpickle it
        import pickle  # (here: `gk --help` imports this module, and needs no pickle)

        try:
            return pickle.loads(body)
        except Exception:  # a truncated or corrupt cache is no cache
            return None

    def _write(self, path: Path, value: Any) -> None:
        if self.key is None:
            return
        import pickle

        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            body = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            if gk_folder(self.root, self.dir.name) is None:
                return
            if os.path.lexists(tmp):  # left by a killed run with this pid (or a link): removed, not followed
                os.unlink(tmp)
            with os.fdopen(os.open(tmp, _NOFOLLOW, 0o600), "wb") as f:
                f.write(MAGIC + _sign(self.key, body) + body)
            os.replace(tmp, path)
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            # a read-only checkout, a full disk, a folder where the file should be: run without a
            # cache, and leave no temp file behind (one of ~2 MB piled up at every run)
            try:
                os.unlink(tmp)
            except OSError:
                pass

    # -- per file --------------------------------------------------------------

    def lookup(self, rel: str, st: os.stat_result) -> tuple[Any, bool]:
        """(entry, True) when the file's stat says it is unchanged and may be trusted."""
        old = self.entries.get(rel)
        if old is not None and old[1] and old[0] == stat_key(st):
            self.fresh[rel] = old
            return old[3], True
        return None, False

    def by_digest(self, rel: str, st: os.stat_result, dg: bytes) -> Any:
        """The entry of a file whose stat changed but whose bytes did not (touch, checkout)."""
        old = self.entries.get(rel)
        if old is not None and old[2] == dg:
            self.put(rel, st, dg, old[3])
            return old[3]
        return None

    def put(self, rel: str, st: os.stat_result, dg: bytes, entry: Any) -> None:
        trusted = st.st_mtime_ns < time.time_ns() - RACY_NS
        new = (stat_key(st), trusted, dg, entry)
        old = self.entries.get(rel)
        if old is None or old[:3] != new[:3]:
            self.changed = True
        self.fresh[rel] = new

    def touch_entry(self, rel: str) -> None:
        """The entry of `rel` gained something (more located nodes): write it again."""
        self.changed = True

    def save(self) -> None:
        """Write what this run saw (files gone since are dropped)."""
        if self.changed or set(self.fresh) != set(self.entries):
            self._write(self.path, self.fresh)
            self._write(self.index_path, {rel: e[:3] for rel, e in self.fresh.items()})
            self.entries = dict(self.fresh)
            self.changed = False

    def fingerprint(self, extra: bytes = b"", digests: dict[str, bytes] | None = None) -> str:
        """A hash of every file's path and digest (this run's, or those given): equal fingerprints, equal data."""
        if digests is None:
            digests = {rel: e[2] for rel, e in self.fresh.items()}
        h = blake2b(extra, digest_size=16)
        for rel in sorted(digests):
            h.update(rel.encode() + b"\0" + digests[rel])
        return h.hexdigest()

    # -- derived results ------------------------------------------------------

    def memo(self, name: str, key: str, compute: Callable[[], Any]) -> Any:
        """`compute()`, or its value stored for the same name and key (a fingerprint plus options)."""
        hit = self.memo_get(name, key)
        if hit is None:
            hit = compute()
            self.memo_put(name, key, hit)
        return hit

    def _memo_path(self, name: str, key: str) -> Path:
        tag = blake2b(f"{version()}\0{name}\0{key}".encode(), digest_size=12).hexdigest()
        return self.dir / f"memo-{name}-{tag}.bin"

    def memo_get(self, name: str, key: str) -> Any:
        """The value stored by memo_put for this name and key, or None."""
        if self.key is None:
            return None
        hit = self._read(self._memo_path(name, key))
        if isinstance(hit, tuple) and len(hit) == 2 and hit[0] == key:
            return hit[1]
        return None

    def memo_put(self, name: str, key: str, value: Any) -> None:
        if self.key is None or value is None:
            return
        self._prune(name)
        self._write(self._memo_path(name, key), (key, value))

    def _prune(self, name: str, keep: int = 32) -> None:
        """Keep the newest few memos of a kind (one per day asked about accumulates otherwise)."""
        try:
            olds = sorted(self.dir.glob(f"memo-{name}-*.bin"), key=lambda p: p.stat().st_mtime)
            for p in olds[: max(0, len(olds) - keep + 1)]:
                p.unlink()
        except OSError:
            pass


_NOFOLLOW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)  # a new file, never through a link


def gk_folder(root: Path, name: str) -> Path | None:
    """`<root>/.gk/<name>` (cache, backup) made ready for gk's writes, with .gk/.gitignore keeping
    it all out of git; None when it cannot be. .gk comes with the checkout: a link there (planted
    by a pull request) must not take gk's writes out of the repo. Only real folders, no links; a
    folder someone made read-only gets nothing new, root's writes included (write/atomic.py)."""
    folder = root / ".gk" / name
    try:
        for d in (folder.parent, folder):
            if not d.exists() and not os.stat(d.parent).st_mode & 0o222:
                return None
            d.mkdir(exist_ok=True)
            if not stat.S_ISDIR(os.lstat(d).st_mode) or not os.stat(d).st_mode & 0o222:
                return None
        ignore = folder.parent / ".gitignore"
        for _ in range(2):
            try:
                fd = os.open(ignore, _NOFOLLOW, 0o644)
            except FileExistsError:
                st = os.lstat(ignore)
                if not stat.S_ISREG(st.st_mode) or st.st_size:
                    break
                os.unlink(ignore)  # left empty by a write that failed (a full disk): git would take .gk in
                continue
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    f.write("# gk 的缓存与备份，可随时删除\n*\n")
            except OSError:
                os.unlink(ignore)  # not an empty one, which the next run would trust
                raise
            break
    except OSError:
        return None
    return folder


def open_cache(root: Path) -> Cache | None:
    """The repo's cache, or None when caching is off or impossible."""
    if disabled():
        return None
    try:
        return Cache(root)
    except Exception:
        return None


# --- the editor's schemas (.gk/schema, written by gk init and gk schema -o) ---------------
# A hash of what `gk schema` writes (tests/test_schema.py holds it to write/schema.py's
# output: change it with the generator). Each schema's $comment carries it with gk's
# version, within its first bytes.
SCHEMA_STAMP = "f2dd58ab24b4"
SCHEMA_KINDS = ("units", "tasks", "progress", "catalog", "annual")


def schema_tag() -> str:
    from . import __version__

    return f"gk {__version__} schema {SCHEMA_STAMP}"


def schemas_stale(root: Path) -> bool:
    """Does `<root>/.gk/schema` exist and hold a schema another gk wrote, or lack one? One
    failed open when it does not exist; else a few hundred bytes of each file, no more."""
    folder = os.path.join(root, ".gk", "schema")
    tag = schema_tag().encode("utf-8")
    for kind in SCHEMA_KINDS:
        path = os.path.join(folder, f"{kind}.schema.json")
        try:
            with open(path, "rb") as f:
                head = f.read(400)
        except FileNotFoundError:
            if os.path.islink(path):  # a link to nowhere: not gk's to write through
                continue
            return kind != SCHEMA_KINDS[0] or os.path.isdir(folder)
        except OSError:  # (a folder of that name: nothing gk can mend by writing; the others may be)
            continue
        if tag not in head and not os.path.islink(path):  # gk never writes through a link: it would only say so again
            return True
    return False
