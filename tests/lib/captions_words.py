#!/usr/bin/env python3
"""Captions checked against steno's JSON, by a reading of their own.

usage: captions_words.py [--exact] [--times] [--speakers] SOURCE JSON

SOURCE is WebVTT (.vtt) or SubRip (.srt), read here simply: cues are
the blocks with a "-->" line, their text the lines after it, markup
(<i>, <v Name>, {\\an8}) and speaker-change marks (">>", "- ") aside,
character references decoded.  Header, NOTE, STYLE and REGION blocks
are not spoken text.

Words are compared as words.py compares them (lower case, letters and
digits), their letters run together, as markup may split a word's text
in the tree ("a<i>b</i>c").  By default every spoken word must be in the
JSON in order (the passes may add labels and names).  With --exact, the
JSON of a reader alone (--passes=-transcript,-quotes) must hold the
spoken words exactly once, in order: nothing lost, nothing doubled; a
turn's "label" attribute (a name after ">>") counts where it stands.
--times: the JSON's cue times (time nodes with an "end") are the
source's, in order.  --speakers: the JSON's speaker names are the
source's <v> voices and the names that open a cue ("Sarah: ").
"""
import html
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from words import decode, norm_words  # noqa: E402

ARROW = re.compile(r"-->")
VTT_TIME = r"(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})"
VTT_TIMING = re.compile(r"^[ \t\f]*" + VTT_TIME + r"[ \t\f]*-->[ \t\f]*" + VTT_TIME)
SRT_TIMING = re.compile(r"^\s*(\d+):(\d{1,2}):(\d{1,2})(?:[,.](\d{1,3})\d*)?\s*-->\s*"
                        r"(\d+):(\d{1,2}):(\d{1,2})(?:[,.](\d{1,3})\d*)?")
TAG = re.compile(r"<[^>]*>?")
SRT_TAG = re.compile(r"</?(?:[ibus]|font(?:[ \t][^>]*)?)>", re.IGNORECASE)
VOICE = re.compile(r"<v(?:\.[^ \t\n>]*)?[ \t\n]+([^>]*)>?")
# "Sarah: " or "Mary Ann: " opening a cue: one to three capitalised words
NAME = re.compile(r"^([A-Z][A-Za-z'.\-]*(?: [A-Z][A-Za-z'.\-]*){0,2}):[ \t]+(?=\S)")
OVERRIDE = re.compile(r"\{\\[^}]*\}")
MARK = re.compile(r"^(?:>>|-(?=[ \t]))[ \t]*(?:([A-Z0-9 .'\-]*[A-Z][A-Z0-9 .'\-]*):(?=[ \t]|$))?")


def vtt_ms(h, m, s, f):
    return ((int(h or 0) * 60 + int(m)) * 60 + int(s)) * 1000 + int(f)


def srt_ms(h, m, s, f):
    return ((int(h) * 60 + int(m)) * 60 + int(s)) * 1000 + int((f or "0").ljust(3, "0"))


def vtt_cues(text):
    """(start ms, text, voices) of each cue, as the spec's blocks give them."""
    lines = re.split(r"\r\n|\r|\n", text)
    blocks, cur = [], []
    for line in lines[1:]:
        if line == "":
            if cur:
                blocks.append(cur)
            cur = []
        else:
            cur.append(line)
    if cur:
        blocks.append(cur)
    if lines[1:2] != [""] and blocks:  # the header block
        blocks.pop(0)
    cues = []
    for b in blocks:
        # a second "-->" line starts a block of its own
        i = 0
        while i < len(b):
            at = 0 if ARROW.search(b[i]) else 1 if i + 1 < len(b) and ARROW.search(b[i + 1]) else -1
            if at < 0:
                break
            m = VTT_TIMING.match(b[i + at])
            j = i + at + 1
            while j < len(b) and not ARROW.search(b[j]):
                j += 1
            if m and int(m.group(3)) < 60 and int(m.group(7)) < 60 and \
                    (m.group(1) is not None or True):
                cues.append((vtt_ms(*m.groups()[:4]), "\n".join(b[i + at + 1:j])))
            i = j
    return cues


def srt_cues(text):
    lines = re.split(r"\r\n|\r|\n", text)
    cues, i = [], 0
    while i < len(lines):
        m = SRT_TIMING.match(lines[i])
        if not m:
            i += 1
            continue
        j = i + 1
        body = []
        while j < len(lines):
            nxt = lines[j]
            if SRT_TIMING.match(nxt) or (nxt.strip().isdigit() and j + 1 < len(lines) and
                                         SRT_TIMING.match(lines[j + 1])):
                break
            body.append(nxt)
            j += 1
        while body and (not body[-1].strip() or (body[-1].strip().isdigit() and len(body) > 1
                                                 and not body[-2].strip())):
            body.pop()
        cues.append((srt_ms(*m.groups()[:4]), "\n".join(body)))
        i = j
    return cues


WORD_TIME = re.compile(r"<\d")


def unrolled(cues):
    """Automatic captions that roll up (formats/vtt.md): once a cue has
    word times, a cue's first lines that repeat the last lines of the cue
    before, without word times, of a line that had them (or repeated one
    that had), are the roll's copies, not speech."""
    rolling, prev, out = False, [], []
    for ms, body in cues:
        rolling = rolling or bool(WORD_TIME.search(body))
        if not rolling:
            out.append((ms, body))
            continue
        lines = [line for line in body.split("\n") if line.strip()]
        key = [TAG.sub("", line).strip() for line in lines]
        timed = [bool(WORD_TIME.search(line)) for line in lines]
        k = min(len(lines), len(prev))
        while k and not all(prev[len(prev) - k + i][1] and not timed[i] and
                            prev[len(prev) - k + i][0] == key[i] for i in range(k)):
            k -= 1
        prev = [(key[i], i < k or timed[i]) for i in range(len(lines))][-3:]
        out.append((ms, "\n".join(lines[k:])))
    return out


def spoken(cue_text, srt):
    """The words of a cue and its voices; a name after a mark stays a word."""
    voices = [re.sub(r"\s+", " ", v).strip() for v in VOICE.findall(cue_text)]
    voices += NAME.findall(cue_text)
    # a WebVTT tag may span lines
    text = SRT_TAG.sub("", OVERRIDE.sub("", cue_text)) if srt else TAG.sub("", cue_text)
    out = []
    for line in text.split("\n"):
        line = MARK.sub(lambda m: " " + (m.group(1) or "") + " ", line.strip())
        out.append(line if srt else html.unescape(line))
    return norm_words(" ".join(out)), [v for v in voices if v]


def json_words(node, out, exact, names):
    if isinstance(node, list):
        for n in node:
            json_words(n, out, exact, names)
        return
    if node.get("type") == "note":
        return
    if node.get("type") == "turn":
        label = node.get("attributes", {}).get("label")
        if label:
            out.append(label)
        elif not exact:
            out.extend(names.get(i, i) for i in node.get("speakers", []))
    # text, events ("[laughs]"), times written in the text; a cue's own
    # time (it has an "end") is its timing, not its words
    if "text" in node and "end" not in node.get("attributes", {}):
        out.append(node["text"])
    json_words(node.get("children", []), out, exact, names)


def json_times(node, out):
    if isinstance(node, list):
        for n in node:
            json_times(n, out)
        return
    if node.get("type") == "time" and "end" in node.get("attributes", {}):
        out.append(node["ms"])
    json_times(node.get("children", []), out)


def in_order(words, stream):
    """0 when every word is in stream in order, else the first lost's number."""
    pos = 0
    for n, w in enumerate(words):
        found = stream.find(w, pos)
        if found < 0:
            return n + 1
        pos = found + len(w)
    return 0


def main():
    args = sys.argv[1:]
    flags = {a for a in args if a.startswith("--")}
    src_path, json_path = [a for a in args if not a.startswith("--")]
    with open(src_path, "rb") as f:
        text = decode(f.read())
    srt = src_path.lower().removesuffix(".gz").endswith(".srt")
    cues = srt_cues(text) if srt else unrolled(vtt_cues(text))
    words, voices = [], []
    for _, body in cues:
        w, v = spoken(body, srt)
        words += w
        voices += [x for x in v if x not in voices]
    with open(json_path, encoding="utf-8") as f:
        doc = json.load(f)
    names = {s["id"]: s.get("name", s["id"]) for s in doc["speakers"]}
    got = []
    json_words(doc["children"], got, "--exact" in flags, names)
    got = norm_words(" ".join(got))
    bad = 0
    if "--exact" in flags:
        if "".join(words) != "".join(got):
            a, b = "".join(words), "".join(got)
            k = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
            print(f"{src_path}: spoken text differs at letter {k}: source '{a[k-20:k+20]}', "
                  f"JSON '{b[k-20:k+20]}'")
            bad = 1
    else:
        # names a pass takes out of the text ("Host:") are in the stream
        # at their turn's start; one a voice gives inside a cue may stand
        # in a word's middle ("a<v B>b"), so the stream without them counts too
        bare = []
        json_words(doc["children"], bare, True, names)
        lost = [in_order(words, "".join(got)), in_order(words, "".join(norm_words(" ".join(bare))))]
        if all(lost):
            n = lost[0]
            print(f"{src_path}: word {n} '{words[n - 1]}' lost")
            return 1
    if "--times" in flags:
        times = []
        json_times(doc["children"], times)
        want = [ms for ms, _ in cues]
        if times != want:
            print(f"{src_path}: {len(times)} cue times, expected {len(want)}: "
                  f"first difference at {next((i for i, (x, y) in enumerate(zip(times, want)) if x != y), min(len(times), len(want)))}")
            bad = 1
    if "--speakers" in flags:
        # one speaker however the voice's case is written
        got_names = [s.get("name") for s in doc["speakers"]]
        if sorted({n.lower() for n in got_names}) != sorted({v.lower() for v in voices}):
            print(f"{src_path}: speakers {got_names}, voices {voices}")
            bad = 1
    return bad


if __name__ == "__main__":
    sys.exit(main())
