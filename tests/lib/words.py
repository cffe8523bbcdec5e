#!/usr/bin/env python3
"""Nothing-lost check: every word of a source appears, in order, in a
steno JSON document's text.

usage: words.py SOURCE JSON

Words are compared lower-cased with everything but letters and digits
removed, so punctuation the transcript passes move into structure (a
quotation's marks, a label's colon) does not count as a loss.  The JSON
side is read in document order: metadata keys and values, then every
"text" member (formats/json.md promises that every literal is one).
"""
import gzip
import json
import re
import sys

WORD = re.compile(r"\w+", re.UNICODE)


def norm_words(text):
    return [w.lower() for w in WORD.findall(text)]


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
    for enc in ("utf-8", "cp1252"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            pass
    return raw.decode("utf-8", errors="replace")


def main():
    src_path, json_path = sys.argv[1], sys.argv[2]
    with open(src_path, "rb") as f:
        source = norm_words(decode(f.read()))
    with open(json_path, encoding="utf-8") as f:
        doc = json.load(f)
    texts = []
    for key, value in doc.get("metadata", {}).items():
        texts.append(key)
        texts.append(value)
    json_texts(doc.get("speakers", []), texts)
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
