#!/usr/bin/env python3
"""Nothing-lost check: every word of a source appears, in order, in a
steno JSON document's text.

usage: words.py SOURCE JSON

Words are compared lower-cased with everything but letters and digits
removed, so punctuation the transcript passes move into structure (a
quotation's marks, a label's colon) does not count as a loss.  The JSON
side is read in document order: metadata keys and values, the speakers'
names and roles, then every "text" member (formats/json.md promises
that every literal is one).
"""
import gzip
import json
import re
import sys

WORD = re.compile(r"\w+", re.UNICODE)
# List markers are structure (an item, a list's start number), not words.
LIST_MARKER = re.compile(r"^[ \t]*(?:\d{1,9}[.)]|[-*\u2022])(?=[ \t])", re.MULTILINE)
# Header keys the text reader normalises (formats/text.md).
KEY_ALIASES = {"location": "place", "participants": "speakers", "lang": "language"}


def norm_words(text):
    return [w.lower() for w in WORD.findall(text)]


def source_words(text):
    words = norm_words(LIST_MARKER.sub(" ", text))
    return [KEY_ALIASES.get(w, w) for w in words]


def json_texts(node, out):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "text" and isinstance(value, str):
                out.append(value)
            else:
                json_texts(value, out)
    elif isinstance(node, list):
        for value in node:
            json_texts(value, out)


def decode(raw):
    if raw.startswith(b"\x1f\x8b"):
        raw = gzip.decompress(raw)
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"),
                     (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe", "utf-16-le"),
                     (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            return raw[len(bom):].decode(enc, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # As the reader decides: mostly UTF-8 with stray bad bytes stays
    # UTF-8; otherwise the file is Windows-1252.
    lenient = raw.decode("utf-8", errors="replace")
    valid_multibyte = sum(1 for c in lenient if "\x80" <= c != "\ufffd")
    if valid_multibyte >= lenient.count("\ufffd"):
        return lenient
    return raw.decode("cp1252", errors="replace")


def main():
    src_path, json_path = sys.argv[1], sys.argv[2]
    with open(src_path, "rb") as f:
        source = source_words(decode(f.read()))
    with open(json_path, encoding="utf-8") as f:
        doc = json.load(f)
    texts = []
    for key, value in doc.get("metadata", {}).items():
        texts.append(key)
        texts.append(value)
    for spk in doc.get("speakers", []):
        texts.extend(v for k, v in spk.items() if k in ("name", "role"))
    json_texts(doc.get("children", []), texts)
    target = norm_words(" ".join(texts))
    i = 0
    for pos, word in enumerate(source):
        while i < len(target) and target[i] != word:
            i += 1
        if i == len(target):
            context = " ".join(source[max(0, pos - 5):pos + 5])
            print(f"{src_path}: word {pos + 1} '{word}' lost (near: {context})")
            return 1
        i += 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
