#!/usr/bin/env python3
"""Nothing-lost check: every word of a source appears, in order, in a
steno JSON document's text.

usage: words.py [--xml] SOURCE JSON

With --xml the source is XML and its words are those of its text
content (what `xmllint --xpath 'string(/)'` prints), in document order,
less the subtrees the XML readers turn into metadata and the speaker
table rather than text: TEI's teiHeader, listPerson and timeline
(formats/tei.md says where their facts go).  Whether an element boundary
separates words depends on the vocabulary (<w>one</w><w>two</w> does,
v<ex>oro</ex> does not), so in this mode each source word must appear,
in order, in the JSON's letters and digits run together.

Words are compared lower-cased with everything but letters and digits
removed, so punctuation the transcript passes move into structure (a
quotation's marks, a label's colon) does not count as a loss.  The JSON
side is read in document order: metadata keys and values, the speakers'
names and roles, then every "text" member (formats/json.md promises
that every literal is one).

A speaker's label ("MS. OKAFOR:", "Speaker 1 (00:05):") leaves the
text when the transcript pass makes its paragraph a turn: the turn names
its speakers by id, and keeps the label as written in its "label"
attribute where that differs from the speaker's name (formats/text.md).
So a turn counts as its label, else as its speakers' names, at its
start; and, when the turn opens with a time, again after that time,
since a timestamp may stand before the label ("[00:01:02] Q:") as well
as after it ("Q: [00:01:02]"), as does a chat export's date and time
("12/10/25, 14:03 - Ann Lee:", a game's "9/1 04:23:54.396  Ann says:"); and a court reporter's line number
before the label ("3   JUSTICE HALE:  Go on.", "01 T: okay") opens the
turn's text.

A table's row (formats/table.md) keeps its number in an anchor of kind
"row", which counts as the number's anchors do, its other cells in
attributes of its turn or paragraph, which count where the turn's
label does, again after the anchor, and at the turn's or paragraph's
end, and its end time in a time node closing its
paragraph, which counts after the start's time node too (the row wrote
it there).

Numbered pages (formats/text.md) keep a line's number in an anchor, an
empty event of kind "line" with the number in "n", and a page's in one
of kind "pagebreak": an anchor counts as its number, and the turn's
label again after it.  There, lines that hold only a number (a page's
number, which its furniture note keeps, or an empty numbered line) are
not looked for.
"""
import gzip
import json
import re
import sys

# letters and digits: an underscore is markup (plain text's "_italics_") or
# a separator (SPEAKER_00), not part of a word
WORD = re.compile(r"[^\W_]+", re.UNICODE)
# List markers are structure (an item, a list's start number), not words.
LIST_MARKER = re.compile(r"^[ \t]*(?:\d{1,9}[.)]|[-*\u2022])(?=[ \t])", re.MULTILINE)
# A court reporter's line number, which stays text before a turn's label.
MARGIN = re.compile(r"^[1-9][0-9]?(?:[ \t]{2,}|$)")
# A line's number in a transcript of talk ("01 T: okay"), which stays text
# before the label too.
LINE_NUMBER = re.compile(r"^[0-9]{1,4}[ \t]+")
# A chat export's date and time, which stays text before the sender's label.
CHAT_STAMP = re.compile(r"^[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u061c]*"
                        r"\[?\d{1,4}[/.-]\d{1,4}(?:[/.-]\d{1,4})?,?\s\d{1,2}(?::\d\d){1,2}"
                        r"(?:[.,]\d{1,3})?(?:\s?[AaPp][Mm])?\]?(?: - )?\s*")
# A time that stays text before the speaker's label ("0:00 Ann Lee  00:00").
TIME_FIRST = re.compile(r"^[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?[ \t]+$")
# The ideographic zero a Japanese record marks a speaker's line with.
SPEAKER_MARK = re.compile("^\u3007")
# A speech's number, which stays text before the speaker's label ("Anf. 12").
SPEECH_NUMBER = re.compile(r"^[A-Z][a-z]{1,4}\. [0-9]{1,10} ")
# Anchors the layout of numbered pages leaves where a number was.
ANCHORS = ("line", "pagebreak", "row")
LONE_NUMBER = re.compile(r"^[ \t\f]*[0-9]{1,6}[ \t]*$", re.MULTILINE)
# Header keys the text reader normalises (formats/text.md).
KEY_ALIASES = {"location": "place", "participants": "speakers", "lang": "language"}


def norm_words(text):
    # "〇", the ideographic zero a Japanese record marks a speaker's line
    # with, is a word of its own, not the start of the speaker's name
    return [w.lower() for w in WORD.findall(text.replace("\u3007", " \u3007 "))]


def source_words(text):
    words = norm_words(LIST_MARKER.sub(" ", text))
    return [KEY_ALIASES.get(w, w) for w in words]


def table_cells(node):
    """A table row's cells of no role, kept as attributes."""
    if node.get("type") not in ("turn", "paragraph"):
        return []
    attrs = node.get("attributes", {})
    return [v for k, v in attrs.items() if k != "label" and isinstance(v, str)]


def turn_label(node, names):
    label = node.get("attributes", {}).get("label")
    cells = table_cells(node)
    if isinstance(label, str):
        return [label] + cells
    return [names.get(i, i) for i in node.get("speakers", [])] + cells


def end_after_start(node):
    """A table row's paragraph, its end time moved after its start."""
    kids = node.get("children", [])
    times = [i for i, k in enumerate(kids) if isinstance(k, dict) and k.get("type") == "time"]
    if len(times) < 2 or times[-1] != len(kids) - 1:
        return node
    copy = dict(node)
    end = {"type": "text", "text": kids[-1].get("text", "")}
    copy["children"] = kids[:times[0] + 1] + [end] + kids[times[0] + 1:]
    return copy


def json_texts(node, out, names, after_time):
    """Append node's texts to out.  after_time holds the label of a turn
    just entered, to repeat after the time that may open it."""
    if isinstance(node, dict):
        if node.get("type") == "event" and node.get("kind") in ANCHORS and not node.get("text"):
            out.append(node.get("attributes", {}).get("n", ""))
            out.extend(after_time)  # "12   MR. ROE:  Well": the label follows the number
            return
        if node.get("type") == "paragraph":
            node = end_after_start(node)
        if node.get("type") == "turn":
            out.extend(turn_label(node, names))
            after_time[:] = turn_label(node, names)
        elif node.get("type") == "paragraph":
            out.extend(table_cells(node))
        for key, value in node.items():
            if key == "text" and isinstance(value, str):
                margin = (MARGIN.match(value) or LINE_NUMBER.match(value) or
                          CHAT_STAMP.match(value) or
                          SPEECH_NUMBER.match(value) or TIME_FIRST.match(value) or
                          SPEAKER_MARK.match(value)) if after_time else None
                if margin:  # "1   MR. GRANT:  Well": the line number stays before the label
                    out.extend([margin.group(0)] + after_time + [value[margin.end():]])
                else:
                    out.append(value)
                if node.get("type") == "time":
                    out.extend(after_time)
                after_time.clear()
            else:
                json_texts(value, out, names, after_time)
        out.extend(table_cells(node))
    elif isinstance(node, list):
        for value in node:
            json_texts(value, out, names, after_time)


def lost_word(src_path, source, target):
    """Is a word of source missing from target, in order?  Says which."""
    i = 0
    for pos, word in enumerate(source):
        while i < len(target) and target[i] != word:
            i += 1
        if i == len(target):
            context = " ".join(source[max(0, pos - 5):pos + 5])
            print(f"{src_path}: word {pos + 1} '{word}' lost (near: {context})")
            return True
        i += 1
    return False


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


# Elements whose text the XML readers keep out of the document's text.
XML_SKIPPED = {"teiHeader", "listPerson", "timeline"}


def xml_text(raw):
    """The text content of an XML document, without XML_SKIPPED subtrees."""
    import xml.etree.ElementTree as ET
    if raw.startswith(b"\x1f\x8b"):
        raw = gzip.decompress(raw)
    root = ET.fromstring(raw)
    out = []
    stack = [(root, False)]
    while stack:
        node, tail_only = stack.pop()
        if not tail_only:
            if node.tag.rsplit("}", 1)[-1] not in XML_SKIPPED:
                out.append(node.text or "")
                stack.append((node, True))
                stack.extend((child, False) for child in reversed(list(node)))
                continue
        out.append(" " + (node.tail or ""))
    return " ".join(out)


def find_in_stream(src_path, source, stream):
    pos = 0
    for n, word in enumerate(source):
        found = stream.find(word, pos)
        if found < 0:
            context = " ".join(source[max(0, n - 5):n + 5])
            print(f"{src_path}: word {n + 1} '{word}' lost (near: {context})")
            return 1
        pos = found + len(word)
    return 0


def main():
    args = sys.argv[1:]
    as_xml = args[0] == "--xml"
    src_path, json_path = args[as_xml:][:2]
    with open(src_path, "rb") as f:
        raw = f.read()
    with open(json_path, encoding="utf-8") as f:
        doc = json.load(f)
    if as_xml:
        source = norm_words(xml_text(raw))
    else:
        text = decode(raw)
        if re.search(r'"kind": ?"line"', json.dumps(doc)):
            text = LONE_NUMBER.sub(" ", text)
        source = source_words(text)
    texts = []
    for key, value in doc.get("metadata", {}).items():
        texts.append(key)
        texts.append(value)
    names = {}
    for spk in doc.get("speakers", []):
        texts.extend(v for k, v in spk.items() if k in ("name", "role"))
        names[spk.get("id")] = spk.get("name", spk.get("id"))
    json_texts(doc.get("children", []), texts, names, [])
    target = norm_words(" ".join(texts))
    if as_xml:
        return find_in_stream(src_path, source, "".join(target))
    return 1 if lost_word(src_path, source, target) else 0


if __name__ == "__main__":
    sys.exit(main())
