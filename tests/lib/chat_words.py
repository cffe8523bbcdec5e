#!/usr/bin/env python3
"""A CHAT transcript checked against steno's JSON, by a reading of its own.

usage: chat_words.py [--times] [--speakers] SOURCE JSON

SOURCE is CHAT (.cha), read here simply: a line that starts with a tab
or a space continues the one before; '*CODE:' lines are utterances,
'%tier:' lines dependent tiers, '@' lines headers.  Media bullets
(NAK START_END NAK, or START_END ending an utterance) are times, not
words.

By default every word of every utterance and dependent tier must be in
the JSON's text, in order (words compared as words.py compares them:
lower case, letters and digits).  --times: the JSON's times that have
an end are the utterances' bullets, in order.  --speakers: the speaker
table's ids are the codes @Participants names, in order (then those only
an @ID or an utterance names), and each paragraph of a turn is the
utterance of the turn's speaker, in order.
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from words import decode, lost_word, norm_words  # noqa: E402

NAK = "\x15"
BULLET = re.compile(NAK + r"([^" + NAK + r"]*)" + NAK)
TIMES = re.compile(r"^(?:%\w+:\"[^\"]*\"_)?(\d{1,12})_(\d{1,12})$")
BARE = re.compile(r"[ \t](\d{1,12})_(\d{1,12})$")
TIER = re.compile(r"^([*%@])([^:\t]+?)(?::[ \t]*|$)(.*)$", re.DOTALL)


def tiers(text):
    """(mark, name, text) of each tier, its continuation lines joined."""
    out = []
    for line in re.split(r"\r\n|\r|\n", text):
        line = line.rstrip(" \t")
        if line[:1] in (" ", "\t") and out:
            out[-1][2] += "\n" + line.lstrip(" \t")
            continue
        m = TIER.match(line)
        if m and (m.group(1) == "@" or ":" in line):
            out.append([m.group(1), m.group(2).strip(), m.group(3)])
        elif line:
            out.append(["", "", line])
    return out


def utterance(text):
    """An utterance's words and its bullets' times."""
    times = []
    m = BARE.search(text)
    if m and NAK not in text[m.start():]:
        times_at_end = [(int(m.group(1)), int(m.group(2)))]
        text = text[:m.start()]
    else:
        times_at_end = []

    def bullet(b):
        t = TIMES.match(b.group(1))
        if t:
            times.append((int(t.group(1)), int(t.group(2))))
            return " "
        return " " + b.group(1) + " "
    words = norm_words(BULLET.sub(bullet, text))
    return words, times + times_at_end


def json_walk(node, texts, times, paras, speaker=None):
    if isinstance(node, list):
        for n in node:
            json_walk(n, texts, times, paras, speaker)
        return
    if not isinstance(node, dict):
        return
    kind = node.get("type")
    if kind == "turn":
        speaker = (node.get("speakers") or [None])[0]
    elif kind == "paragraph" and speaker is not None:
        paras.append(speaker)
    elif kind == "note":
        speaker = None  # a note's paragraph is no utterance
    if kind == "time" and "end" in node.get("attributes", {}):
        times.append((node.get("ms"), int(node["attributes"]["end"])))
    if isinstance(node.get("text"), str):
        texts.append(node["text"])
    json_walk(node.get("children", []), texts, times, paras, speaker)


def main():
    args = sys.argv[1:]
    want_times = "--times" in args
    want_speakers = "--speakers" in args
    src_path, json_path = [a for a in args if not a.startswith("--")][:2]
    with open(src_path, "rb") as f:
        text = decode(f.read())
    with open(json_path, encoding="utf-8") as f:
        doc = json.load(f)
    source, bullets, codes, said = [], [], [], []
    for mark, name, body in tiers(text):
        if mark == "*":
            words, times = utterance(body)
            source += words
            bullets += times
            said.append(name)
        elif mark == "%":
            source += norm_words(body.replace(NAK, " "))
        elif mark == "@" and name == "Participants":
            codes += [p.split()[0] for p in body.split(",") if p.split()]
        elif mark == "@" and name == "ID":
            fields = body.split("|")
            if len(fields) > 2 and fields[2] and fields[2] not in codes:
                codes.append(fields[2])
    texts, times, paras = [], [], []
    json_walk(doc.get("children", []), texts, times, paras)
    target = norm_words(" ".join(texts))
    if lost_word(src_path, source, target):
        return 1
    if want_times and times != bullets:
        print(f"{src_path}: times {times[:8]}... are not the bullets {bullets[:8]}...")
        return 1
    if want_speakers:
        for code in said:
            if code not in codes:
                codes.append(code)
        ids = [s.get("id") for s in doc.get("speakers", [])]
        if ids != codes:
            print(f"{src_path}: speakers {ids}, participants {codes}")
            return 1
        if paras != said:
            print(f"{src_path}: utterances' speakers {said[:10]}..., paragraphs' {paras[:10]}...")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
