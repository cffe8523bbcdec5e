"""What the evaluation sets (tests/turns, tests/quotes) share: finding
steno, reading a MANIFEST-style TSV and converting one listed file."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TIMEOUT = 60


def find_steno():
    s = os.environ.get("STENO")
    if s:
        return s
    for cand in (os.path.join(os.getcwd(), "steno"), os.path.join(ROOT, "steno")):
        if os.access(cand, os.X_OK):
            return cand
    sys.exit("measure.py: no steno found; build it (make) or set STENO")


def read_tsv(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            if line.strip():
                rows.append(dict(zip(header, line.rstrip("\n").split("\t"))))
    return rows


def locate(row, here, extra):
    """The path of a manifest row's file: committed under here/files, or
    listed only and looked for in the folder extra; None when absent."""
    if row["where"] == "files":
        path = os.path.join(here, "files", row["file"])
    else:
        path = os.path.join(extra, row["file"]) if extra else None
    return path if path and os.path.exists(path) else None


def convert(steno, path, options=()):
    """steno -t json of path: ("ok", stdout), ("broken", why) for a crash
    or a timeout, or ("failed", why) for an error exit."""
    try:
        p = subprocess.run([steno, "-t", "json", *options, path], capture_output=True,
                           timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return "broken", "timeout after %ds" % TIMEOUT
    if p.returncode < 0 or p.returncode >= 128:
        return "broken", "crash, status %d" % p.returncode
    if p.returncode != 0:
        return "failed", "exit %d: %s" % (
            p.returncode, " ".join(p.stderr.decode(errors="replace").split())[:60])
    return "ok", p.stdout
