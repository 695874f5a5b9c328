"""Files on disk written whole or not at all, and read for their digest.

A crash or a full disk while chidao writes leaves the previous file in place: everything is
written to a temporary file in the same folder, then renamed over the target in one step.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_with(target: Path, write: Callable[[Path], None], mode: int | None = None) -> None:
    """Have `write` fill a temporary file beside `target`, then put it in `target`'s place.

    Args:
        target: The file to write (its folder is made if missing).
        write: Writes the content to the path it is given.
        mode: Permissions for the file (mkstemp makes files private to their owner).
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    os.close(fd)
    try:
        write(Path(tmp))
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_atomically(target: Path, data: bytes | str, mode: int | None = None) -> None:
    """Write bytes, or text as UTF-8 exactly as given (no newline translation), atomically."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    write_with(target, lambda path: path.write_bytes(raw), mode)


def build_folder(
    target: Path, build: Callable[[Path], None], complete: Callable[[Path], bool]
) -> Path:
    """Return `target`, having `build` fill it first unless `complete(target)` holds.

    `build` fills a temporary sibling folder, which is then renamed into place: a reader
    never sees a half-built folder, a failed build leaves nothing behind, and of two
    processes racing, one rename wins and the other's copy is discarded.

    Args:
        target: The folder (its parent is made if missing).
        build: Fills the empty folder it is given.
        complete: Whether a folder holds a complete build (of the current format).
    """
    target = Path(target)
    if complete(target):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        build(tmp)
        tmp.chmod(0o755)  # mkdtemp makes it private to its owner
        if target.exists() and not complete(target):
            shutil.rmtree(target)  # an older format or a foreign leftover
        try:
            os.rename(tmp, target)
        except OSError:
            if not complete(target):
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def file_sha256(path: str | os.PathLike) -> str:
    """The SHA-256 of a file's bytes, read a megabyte at a time."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
