"""A content-addressed cache of what is derived from one ``sop`` block.

Values live in files ``<folder>/blocks/<aa>/<sha256>.pickle`` or, for a cache with no
folder, in a per-process memory map (kept across ``mkdocs serve`` rebuilds). Both hold the
value pickled and zlib-compressed (an SOP's HTML shrinks about seven times), and a value
read back is always a fresh object that no caller can change for another. A cache with a
folder keeps nothing in memory: a build reads each value once, a rebuild under ``mkdocs
serve`` keeps its parses itself (:class:`~.parsememo.ParseMemo`), and a copy of every
value in memory would grow the build by a few kilobytes an SOP for nothing. Keys
are SHA-256 digests of every input the value depends on; the caller puts the block text,
the settings (``BlockRenderer.fingerprint()``) and whatever else matters into the key, and
:func:`code_fingerprint` (the package version and the bytes of every module of the
package) is always part of it, so a changed setting, version or line of code never
finds an old value. Nothing is ever invalidated: an entry nobody asks for again just
stays; deleting the folder is always safe.

Files are written under a temporary name and moved into place (``os.replace``), so
concurrent builds sharing a folder never read half a file. A file that cannot be read
or unpickled is a miss. The folder must be as trusted as the project itself (it is
loaded with :mod:`pickle`): keep it inside the project (the default,
``.cache/mkdocs-sop``), not in a place other users can write.

Pure core: no mkdocs or markdown imports.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
import threading
import zlib
from collections import OrderedDict
from pathlib import Path

#: Bump when the layout of cached values changes.
CACHE_FORMAT = "3"
_MEMORY_SIZE = 20000  # values a cache with no folder keeps per process (compressed: a few KB each)
_LEVEL = 1  # zlib: the fastest level already shrinks HTML about seven times

_lock = threading.Lock()
_memory: OrderedDict[str, bytes] = OrderedDict()
_code: str | None = None


def code_fingerprint() -> str:
    """Package version + hash of the package's source: any code change is a new cache."""
    global _code
    if _code is None:
        from ..version import __version__

        h = hashlib.sha256(f"{CACHE_FORMAT}\0{__version__}\0{sys.version_info[:2]}\0".encode())
        package = Path(__file__).resolve().parent.parent
        for path in sorted(package.rglob("*.py")):
            try:
                h.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
            except OSError:
                pass
        _code = h.hexdigest()
    return _code


def atomic_write(path: Path, data: bytes) -> None:
    """Write under a temporary name, then move into place: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; the cache may be shared (CI, other users)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def digest(*parts: str) -> str:
    h = hashlib.sha256(code_fingerprint().encode())
    for part in parts:
        h.update(b"\0")
        h.update(part.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


class BlockCache:
    """Values by key; ``folder=None`` keeps them in memory only (no files)."""

    def __init__(self, folder: str | os.PathLike | None) -> None:
        self.folder = Path(folder) / "blocks" if folder is not None else None
        self.stats = {"memory_hits": 0, "disk_hits": 0, "misses": 0, "writes": 0}

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str):
        data = self._read(key)
        value = _load(data) if data is not None else None  # None: missing, foreign or damaged
        if value is None:
            self.stats["misses"] += 1
        else:
            self.stats["disk_hits" if self.folder is not None else "memory_hits"] += 1
        return value

    def contains(self, key: str) -> bool:
        """Whether a value is stored under ``key`` (without reading it)."""
        if self.folder is None:
            with _lock:
                return key in _memory
        return self._path(key).is_file()

    def put(self, key: str, value) -> None:
        try:
            data = zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), _LEVEL)
        except (pickle.PicklingError, TypeError, AttributeError):
            return  # a value that cannot be kept only costs time
        if self.folder is None:
            with _lock:
                _memory[key] = data
                _memory.move_to_end(key)
                while len(_memory) > _MEMORY_SIZE:
                    _memory.popitem(last=False)
            return
        try:
            atomic_write(self._path(key), data)
            self.stats["writes"] += 1
        except OSError:
            pass  # a cache that cannot be written only costs time

    def _read(self, key: str) -> bytes | None:
        if self.folder is None:
            with _lock:
                data = _memory.get(key)
                if data is not None:
                    _memory.move_to_end(key)
            return data
        try:
            return self._path(key).read_bytes()
        except OSError:
            return None


def _load(data: bytes):
    """The value of compressed pickle bytes; None for anything else."""
    try:
        return pickle.loads(zlib.decompress(data))
    except Exception:  # noqa: BLE001 - empty, foreign or damaged: a miss
        return None


def clear_memory() -> None:
    """Forget what caches with no folder hold (tests)."""
    with _lock:
        _memory.clear()
