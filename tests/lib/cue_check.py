#!/usr/bin/env python3
"""Check captions steno wrote against the document they came from.

usage: cue_check.py vtt|srt CAPTIONS JSON [CHARS LINES SECONDS]

JSON is steno's JSON of the same input.  The captions must be well
formed (WebVTT: the signature, header lines, cues and NOTE blocks; SRT:
cues numbered from 1), every timing well formed, its end after its start,
and no cue starting before the one before it; every cue within the
limits (default 42 characters a line, 2 lines, 7 seconds; characters
counted as code points less combining marks), but for a cue of the
source (the times of a time node with an "end") written back whole,
which may hold more, and several voices; and the text of the cues
the document's heard text exactly: every letter and digit once, in
order (formats/captions-writing.md says what is heard), each cue's all
one speaker's, the speaker the cue names (WebVTT's <v>, SRT's label at
each change of speaker).  Headings and notes are WebVTT NOTE blocks and
are left out of SRT.
"""
import html
import json
import re
import sys
import unicodedata

TIMING = {
    "vtt": re.compile(r"^(\d{2,}):([0-5]\d):([0-5]\d)\.(\d{3}) --> (\d{2,}):([0-5]\d):([0-5]\d)\.(\d{3})"
                      r"(?: [^ \t]+(?: [^ \t]+)*)?$"),
    "srt": re.compile(r"^(\d{2,}):([0-5]\d):([0-5]\d),(\d{3}) --> (\d{2,}):([0-5]\d):([0-5]\d),(\d{3})$"),
}
HEADER = re.compile(r"^(Kind|Language): \S.*$")
VOICE = re.compile(r"^<v ([^>]*)>")
ZERO_WIDTH = {0x200D} | set(range(0xFE00, 0xFE10))


def width(line):
    return sum(1 for c in line if not unicodedata.combining(c) and ord(c) not in ZERO_WIDTH)


def letters(text):
    return [c for c in text if c.isalnum()]


def fail(msg):
    print(msg)
    sys.exit(1)


def ms(groups):
    h, m, s, f = (int(g) for g in groups)
    return ((h * 60 + m) * 60 + s) * 1000 + f


def heard(doc, fmt):
    """[(voice, text)] in document order: voice is the names of the
    innermost turn's speakers (None outside turns), '#NOTE' for the text
    of headings and notes (WebVTT only)."""
    names = {s["id"]: " ".join((s.get("name") or s["id"]).split())
             for s in doc.get("speakers", [])}
    out = []

    def walk(node, voice, note):
        t = node.get("type")
        if t in ("time", "raw_block", "raw_inline"):
            return
        if t == "turn":
            voice = ", ".join(names.get(i, i) for i in node.get("speakers", [])) or None
        if t in ("heading", "note"):
            note = True
        if isinstance(node.get("text"), str) and t != "document":
            if not note:
                out.append((voice, node["text"]))
            elif fmt == "vtt":
                out.append(("#NOTE", node["text"]))
        for child in node.get("children", []):
            walk(child, voice, note)

    for child in doc.get("children", []):
        walk(child, None, False)
    return out


def parse(fmt, text):
    """[(voice or None or '#NOTE', label, lines, start, end)]."""
    blocks = text.split("\n\n")
    if not text.endswith("\n"):
        fail("the file does not end with a newline")
    items = []
    if fmt == "vtt":
        head = blocks.pop(0).split("\n")
        if not re.match(r"^WEBVTT(?:[ \t][^\r]*)?$", head[0]) or "-->" in head[0] or \
                not all(HEADER.match(h) for h in head[1:]):
            fail("bad header: %r" % head)
    number = 0
    for block in blocks:
        if not block.strip("\n"):
            continue
        lines = block.strip("\n").split("\n")
        if fmt == "vtt" and lines[0].startswith("NOTE "):
            if len(lines) != 1 or "-->" in lines[0]:
                fail("bad NOTE block: %r" % block)
            items.append(("#NOTE", None, [lines[0][5:]], None, None))
            continue
        if fmt == "vtt" and lines[0] in ("STYLE", "REGION"):
            if items or any("-->" in line for line in lines):
                fail("bad %s block: %r" % (lines[0], block))
            continue
        if fmt == "vtt" and len(lines) > 1 and "-->" not in lines[0]:
            lines = lines[1:]  # the cue's identifier
        if fmt == "srt":
            number += 1
            if lines[0] != str(number):
                fail("cue %d numbered %r" % (number, lines[0]))
            lines = lines[1:]
        m = TIMING[fmt].match(lines[0])
        if not m or len(lines) < 2:
            fail("bad cue: %r" % block)
        start, end = ms(m.groups()[:4]), ms(m.groups()[4:])
        if fmt != "vtt":
            items.append((None, None, lines[1:], start, end))
            continue
        # a voice at the start, and one opening a later line where a cue
        # of the source holds several, the one before closed first
        parts = []
        for line in lines[1:]:
            v = VOICE.match(line)
            if v or not parts:
                if parts and not parts[-1][1][-1].endswith("</v>"):
                    fail("a voice not closed before the next: %r" % block)
                if parts:
                    parts[-1][1][-1] = parts[-1][1][-1][:-4]
                parts.append((html.unescape(v.group(1)) if v else None, []))
                line = line[v.end():] if v else line
            parts[-1][1].append(line)
        for voice, text_lines in parts:
            if any("<" in line for line in text_lines):
                fail("markup other than voices at the start of lines: %r" % block)
            items.append((voice, None, [html.unescape(line) for line in text_lines], start, end))
    return items


def source_cues(doc):
    """The (start, end) of the cues the document has from captions."""
    out = set()

    def walk(node):
        if node.get("type") == "time" and "end" in node.get("attributes", {}):
            out.add((node.get("ms"), int(node["attributes"]["end"])))
        for child in node.get("children", []):
            walk(child)

    for child in doc.get("children", []):
        walk(child)
    return out


def split_labels(items, whole, voices):
    """SRT cues of the source cut where a later line opens with a
    speaker's label: one part a speaker."""
    out = []
    for item in items:
        voice, label, text_lines, start, end = item
        cut = [0] + [k for k, line in enumerate(text_lines) if k and (start, end) in whole
                     and any(line.startswith(v + ":") for v in voices)] + [len(text_lines)]
        out += [(voice, label, text_lines[a:b], start, end) for a, b in zip(cut, cut[1:])]
    return out


def main():
    fmt, captions, json_path = sys.argv[1:4]
    chars, lines, seconds = (int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])) \
        if len(sys.argv) > 4 else (42, 2, 7.0)
    with open(captions, encoding="utf-8") as f:
        items = parse(fmt, f.read())
    with open(json_path, encoding="utf-8") as f:
        doc = json.load(f)
    expected = heard(doc, fmt)
    whole = source_cues(doc)
    voices = sorted({v for v, _ in expected if v and v != "#NOTE"}, key=len, reverse=True)
    want, want_voice = [], []
    for voice, text in expected:
        ls = letters(text)
        want += ls
        want_voice += [voice] * len(ls)
    if fmt == "srt":
        items = split_labels(items, whole, voices)
    got = 0
    last_start, last_voice = -1, None
    for n, (voice, _, text_lines, start, end) in enumerate(items, 1):
        where = "cue %d (%r)" % (n, " / ".join(text_lines)[:60])
        if start is not None:
            if not start < end and not (fmt == "srt" and (start, end) in whole):
                fail("%s: end %d not after start %d" % (where, end, start))
            if start < last_start:
                fail("%s: starts at %d, before the cue before (%d)" % (where, start, last_start))
            if end - start > seconds * 1000 + 0.5 and (start, end) not in whole:
                fail("%s: lasts %d ms" % (where, end - start))
            last_start = start
        label = None
        if fmt == "srt":
            for v in voices:
                if text_lines[0].startswith(v + ":"):
                    label = v
                    break
        if start is not None and (start, end) not in whole:
            # an SRT label too long to share its line takes one of its own
            alone = label is not None and text_lines[0] == label + ":" and \
                width(label) + 2 + width(text_lines[1].split(" ")[0]) > chars
            if len(text_lines) > lines + alone:
                fail("%s: %d lines" % (where, len(text_lines)))
            for line in text_lines[alone:]:
                if width(line) > chars:
                    fail("%s: a line of %d characters" % (where, width(line)))
        if label is not None:
            text_lines = [text_lines[0][len(label) + 1:]] + text_lines[1:]
        ls = letters(" ".join(text_lines))
        if want[got:got + len(ls)] != ls:
            fail("%s: text is not the document's next (wanted %r)" %
                 (where, "".join(want[got:got + len(ls) + 10])))
        said = set(want_voice[got:got + len(ls)])
        got += len(ls)
        if len(said) > 1:
            fail("%s: the words of %s in one cue" % (where, sorted(map(str, said))))
        if not said:
            if label is not None:
                last_voice = label
            continue
        (owner,) = said
        if fmt == "vtt" and owner != voice:
            fail("%s: voice %r, but the words are %r's" % (where, voice, owner))
        if fmt == "srt":
            if label is not None and label != owner:
                fail("%s: labelled %r, but the words are %r's" % (where, label, owner))
            if owner != last_voice and owner is not None and label is None:
                fail("%s: %r speaks after %r without a label" % (where, owner, last_voice))
            if owner == last_voice and label is not None:
                fail("%s: labelled again, with no change of speaker" % where)
            last_voice = owner
    if got != len(want):
        fail("text lost: %r" % "".join(want[got:got + 40]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
