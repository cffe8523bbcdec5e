#!/usr/bin/env python3
"""Measure steno's transcript pass against hand-counted speaker turns.

Reads MANIFEST.tsv beside this script.  For every row it runs
`steno -t json FILE` (steno from $STENO, else ./steno, else the repository's
top-level steno) and compares the number of turn nodes and the number of
distinct speakers in those turns with the hand counts.  It also reports
"words kept": the share of the input's \\w+ tokens that appear, in order, in
the text of the JSON output (speaker names included), to show that nothing
was dropped on the way.

Files whose licence does not allow redistribution are not in files/; put
them (see fetch.md) in a folder and name it in $TURNS_EXTRA to include them.
Rows whose file is absent are reported as skipped.  $TURNS_ONLY names a
file listing the files to measure, one a line (tuning.txt, held-out.txt).

This is a measurement, not a test: it exits 0 whatever the numbers, and 1
only when steno crashes (dies by a signal) or times out.
"""
import collections
import difflib
import html
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import evalset  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
WORD = re.compile(r"\w+")



def walk(node, out, names):
    """Collect, in document order, the text a reader would see."""
    if isinstance(node, dict):
        skip = ("type", "speakers", "id", "children")
        if node.get("type") == "turn":
            # the label as written ("Hon. Don Boudria (Leader of ...)")
            # stands where the turn starts, else the speakers' names
            label = node.get("attributes", {}).get("label")
            if label:
                out.append(label)
                skip += ("attributes",)
            else:
                for sid in node.get("speakers", []):
                    out.append(names.get(sid, sid))
        # children first: a link's text comes before its URL in the source
        walk(node.get("children", []), out, names)
        for key, val in node.items():
            if key in skip:
                continue
            walk(val, out, names)
    elif isinstance(node, list):
        for v in node:
            walk(v, out, names)
    elif isinstance(node, str):
        out.append(node)


def count_turns(node, acc):
    if isinstance(node, dict):
        if node.get("type") == "turn":
            acc["turns"] += 1
            acc["speakers"].update(node.get("speakers", []))
            acc["turn_speakers"] += node.get("speakers", [])
        for v in node.values():
            count_turns(v, acc)
    elif isinstance(node, list):
        for v in node:
            count_turns(v, acc)


def input_words(path):
    with open(path, "rb") as f:
        text = f.read().decode("utf-8", errors="replace")
    if path.endswith((".htm", ".html")):
        text = re.sub(r"<[^>]*>", " ", text)
    return WORD.findall(html.unescape(text))


def kept(a, b, name_words):
    """Share of a's tokens found in order in b.  A speaker label moves from
    the text into the turn's speaker list, so its words may stand elsewhere
    (before a timestamp, say): input tokens left unmatched that are words of
    a speaker name still count, as often as names carry them."""
    if not a:
        return 1.0
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    matched = sum(m.size for m in sm.get_matching_blocks())
    spare = collections.Counter(name_words)
    for tag, i1, i2, _, _ in sm.get_opcodes():
        if tag in ("delete", "replace"):
            for w in a[i1:i2]:
                if spare[w] > 0:
                    spare[w] -= 1
                    matched += 1
    return matched / len(a)


def main():
    steno = evalset.find_steno()
    extra = os.environ.get("TURNS_EXTRA")
    rows = evalset.read_tsv(os.path.join(HERE, "MANIFEST.tsv"))
    only = os.environ.get("TURNS_ONLY")
    if only:
        with open(only, encoding="utf-8") as f:
            wanted = {line.strip() for line in f if line.strip() and not line.startswith("#")}
        rows = [r for r in rows if r["file"] in wanted]
    results, skipped, broken = [], [], []
    for r in rows:
        name = r["file"]
        path = evalset.locate(r, HERE, extra)
        if not path:
            skipped.append(name)
            continue
        status, out = evalset.convert(steno, path)
        if status == "broken":
            broken.append((name, out))
            continue
        if status == "failed":
            results.append((r, None, None, None, out))
            continue
        doc = json.loads(out)
        acc = {"turns": 0, "speakers": set(), "turn_speakers": []}
        count_turns(doc, acc)
        names = {s.get("id"): s.get("name", s.get("id")) for s in doc.get("speakers", [])}
        texts = []
        walk(doc.get("metadata", {}), texts, names)
        walk(doc.get("children", []), texts, names)
        out_words = WORD.findall(" ".join(texts))
        name_words = []
        for sid in acc["turn_speakers"]:
            name_words += WORD.findall(names.get(sid, sid))
        results.append((r, acc["turns"], len(acc["speakers"]),
                        kept(input_words(path), out_words, name_words), ""))

    w = max([len(r["file"]) for r, *_ in results] + [4])
    print("%-*s  %5s %5s  %4s %4s  %6s" % (w, "file", "turns", "found", "spk", "found", "words"))
    st_exp = st_hit = st_found = sp_exp = sp_hit = sp_found = exact = 0
    for r, turns, spk, words, err in results:
        et, es = int(r["expected_turns"]), int(r["expected_speakers"])
        if err:
            print("%-*s  %5d %5s  %4d %4s  %6s  %s" % (w, r["file"], et, "-", es, "-", "-", err))
            turns, spk = 0, 0
        else:
            flag = "" if (turns == et and spk == es) else "  *"
            print("%-*s  %5d %5d  %4d %4d  %5.1f%%%s" % (w, r["file"], et, turns, es, spk,
                                                         100 * words, flag))
        st_exp += et; st_found += turns; st_hit += min(turns, et)
        sp_exp += es; sp_found += spk; sp_hit += min(spk, es)
        exact += (turns == et and spk == es)
    n = len(results)
    pct = lambda a, b: (100.0 * a / b) if b else 100.0
    print()
    print("files measured: %d, skipped (absent): %d%s" % (
        n, len(skipped), "" if extra else " (set TURNS_EXTRA to include the listed-only files)"))
    for s in skipped:
        print("  skipped: %s" % s)
    print("turns:    expected %d, found %d; recall %.1f%% (sum of min(found, expected) / expected),"
          " precision-ish %.1f%% (same / found)" % (st_exp, st_found, pct(st_hit, st_exp),
                                                    pct(st_hit, st_found)))
    print("speakers: expected %d, found %d; recall %.1f%%, precision-ish %.1f%%" % (
        sp_exp, sp_found, pct(sp_hit, sp_exp), pct(sp_hit, sp_found)))
    print("files exactly right (turns and speakers): %d of %d" % (exact, n))
    for name, why in broken:
        print("STENO FAILED on %s: %s" % (name, why))
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
