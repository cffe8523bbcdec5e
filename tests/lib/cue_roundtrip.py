#!/usr/bin/env python3
"""Compare the cues of two steno JSON documents: a caption file's and
the same file after a trip through a caption writer.

    cue_roundtrip.py FIELDS BEFORE.json AFTER.json

FIELDS is a comma-separated choice of: times (start and end), text (the
cue's words), id, settings, speaker.  Exits 1 with the first cue that
differs.  A cue is a time node with an end; its text is every text
after it up to the next such node, and its speaker the turn's.
"""
import json
import re
import sys

WORD = re.compile(r"\w+")


def cues(doc):
    names = {s["id"]: s.get("name", s["id"]) for s in doc.get("speakers", [])}
    out = []

    def walk(node, speaker):
        if isinstance(node, list):
            for n in node:
                walk(n, speaker)
            return
        if not isinstance(node, dict):
            return
        if node.get("type") == "turn":
            ids = node.get("speakers", [])
            speaker = ",".join(names.get(i, i) for i in ids)
        attrs = node.get("attributes", {})
        if node.get("type") == "time" and "end" in attrs:
            out.append({"times": (node["ms"], int(attrs["end"])), "id": attrs.get("id", ""),
                        "settings": attrs.get("settings", ""), "speaker": speaker, "text": ""})
        elif node.get("type") in ("soft_break", "line_break") and out:
            out[-1]["text"] += " "
        elif node.get("type") == "text" and out:
            out[-1]["text"] += node["text"]
        walk(node.get("children", []), speaker)

    walk(doc.get("children", []), "")
    for cue in out:
        cue["text"] = WORD.findall(cue["text"])
    # a cue with nothing to show is not written
    return [cue for cue in out if cue["text"]]


def main():
    fields = sys.argv[1].split(",")
    before, after = (cues(json.load(open(p, encoding="utf-8"))) for p in sys.argv[2:4])
    if len(before) != len(after):
        sys.exit("%d cues before, %d after" % (len(before), len(after)))
    for k, (b, a) in enumerate(zip(before, after)):
        for f in fields:
            if b[f] != a[f]:
                sys.exit("cue %d: %s %r before, %r after" % (k + 1, f, b[f], a[f]))
    print("%d cues kept" % len(before))


if __name__ == "__main__":
    main()
