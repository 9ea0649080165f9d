"""The README's promise, kept: a newcomer who is not root, on a stock Linux with the system Python
and no browser, clones the book and runs `make book`; it sets itself up and builds the HTML book.

The copy holds exactly the files git tracks (as they are in the working tree), like a fresh clone.
Run as root, the test creates an ordinary user for it; run as an ordinary user, it uses that user.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from helpers import tracked_copy

ROOT = Path(__file__).resolve().parents[2]
NEWCOMER = "briefing-newcomer"
# Debian's own Python (3.11.2 on Debian 12, externally managed): the hardest case the README promises.
SYSTEM_PYTHON = "/usr/bin/python3"
# What a newcomer's shell would not have: our build's variables, make's and the root user's paths.
PRIVATE = (
    "VIRTUAL_ENV",
    "PYTHONPATH",
    "PYTHONHOME",
    "UV_CACHE_DIR",
    "XDG_CACHE_HOME",
    "XDG_CONFIG_HOME",
    "MAKEFLAGS",
    "MAKELEVEL",
    "MFLAGS",
    "MAKEOVERRIDES",
    "PIP_FIND_LINKS",
)


def _newcomer() -> pwd.struct_passwd:
    """An ordinary user to run as: ourselves if we are not root, else one we create."""
    if os.geteuid() != 0:
        return pwd.getpwuid(os.geteuid())
    try:
        return pwd.getpwnam(NEWCOMER)
    except KeyError:
        pass
    made = subprocess.run(
        ["useradd", "--create-home", "--shell", "/bin/bash", NEWCOMER], capture_output=True, text=True
    )
    if made.returncode != 0:
        pytest.fail(
            f"CANNOT TEST THE NON-ROOT SET-UP: running as root and `useradd {NEWCOMER}` failed "
            f"({made.stderr.strip() or made.returncode}). Run `make test` as an ordinary user instead.",
            pytrace=False,
        )
    return pwd.getpwnam(NEWCOMER)


def _fresh_copy(user: pwd.struct_passwd) -> Path:
    home = Path(user.pw_dir)
    target = home / "briefing-book"
    if target.exists():
        shutil.rmtree(target)
    tracked_copy(target)
    for path in [target, *target.rglob("*")]:
        os.chown(path, user.pw_uid, user.pw_gid)
    return target


def _environment(user: pwd.struct_passwd) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in PRIVATE and not k.startswith(("PYENV", "BRIEFING"))
    }
    env.update(HOME=user.pw_dir, USER=user.pw_name, LOGNAME=user.pw_name, PATH="/usr/local/bin:/usr/bin:/bin")
    return env


def test_make_book_as_a_newcomer_with_the_system_python_and_no_browser():
    python = SYSTEM_PYTHON if Path(SYSTEM_PYTHON).is_file() else shutil.which("python3", path="/usr/bin:/bin")
    assert python, "no system python3 in /usr/bin or /bin to test with"
    user = _newcomer()
    copy = _fresh_copy(user)
    command = ["make", "book", f"PY={python}", "CHROMIUM="]
    as_user = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []} if os.geteuid() == 0 else {}
    started = time.monotonic()
    result = subprocess.run(
        command, cwd=copy, env=_environment(user), capture_output=True, text=True, **as_user
    )
    took = time.monotonic() - started
    output = result.stdout + result.stderr
    print(f"{python} as {user.pw_name}: make book took {took:.0f} s")
    assert result.returncode == 0, output[-5000:]
    assert (copy / ".venv" / "bin" / "python").is_file()
    assert (copy / "_build" / "html" / "index.html").is_file()
    assert "PDF edition skipped: no Chromium browser found" in output, output[-3000:]
    assert "Front page: file://" in output
    assert not (copy / "_build" / "html" / "briefing-book.pdf").exists()
    front = (copy / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert "briefing-book.pdf" not in front, "the front page links a PDF that was not printed"
    for refusal in ("permission denied", "externally-managed-environment", "are you root"):
        assert refusal not in output.lower(), output[-3000:]
