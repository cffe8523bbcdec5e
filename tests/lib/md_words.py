#!/usr/bin/env python3
"""Nothing-lost check for Markdown: every word cmark keeps as text
appears, in order, in steno's JSON.

usage: md_words.py SOURCE.md JSON

words.py's check, run on the literals of libcmark's own tree of the
Markdown (read through ctypes) instead of the source, so that syntax
(link destinations, list markers, entity names) does not count as
words.  Front matter is left out of the source side: its values are in
the JSON's metadata, decoded.
"""
import ctypes
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.join(HERE, "..")]
import words  # noqa: E402
from markdown_diff import load_cmark, without_front_matter  # noqa: E402


ENTER = 2
LITERAL_TYPES = {5, 6, 11, 14, 15}  # code block, HTML block, text, code, HTML inline


def plain_text(data):
    """The literals of cmark's tree of data, in document order."""
    lib, libc = load_cmark()
    for name, res, args in (
            ("cmark_parse_document", ctypes.c_void_p, (ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int)),
            ("cmark_iter_new", ctypes.c_void_p, (ctypes.c_void_p,)),
            ("cmark_iter_next", ctypes.c_int, (ctypes.c_void_p,)),
            ("cmark_iter_get_node", ctypes.c_void_p, (ctypes.c_void_p,)),
            ("cmark_node_get_type", ctypes.c_int, (ctypes.c_void_p,)),
            ("cmark_node_get_literal", ctypes.c_char_p, (ctypes.c_void_p,)),
            ("cmark_iter_free", None, (ctypes.c_void_p,)),
            ("cmark_node_free", None, (ctypes.c_void_p,))):
        getattr(lib, name).restype = res
        getattr(lib, name).argtypes = args
    root = lib.cmark_parse_document(data, len(data), 0)
    it = lib.cmark_iter_new(root)
    out = []
    while True:
        ev = lib.cmark_iter_next(it)
        if ev == 1:  # CMARK_EVENT_DONE
            break
        node = lib.cmark_iter_get_node(it)
        if ev == ENTER and lib.cmark_node_get_type(node) in LITERAL_TYPES:
            out.append(lib.cmark_node_get_literal(node).decode("utf-8", errors="replace"))
    lib.cmark_iter_free(it)
    lib.cmark_node_free(root)
    return " ".join(out)


def main():
    src_path, json_path = sys.argv[1], sys.argv[2]
    with open(src_path, "rb") as f:
        text = plain_text(without_front_matter(f.read()))
    # The text reader renames header keys ("Location:" to "place"), and
    # words.py follows it; Markdown renames nothing.
    words.KEY_ALIASES = {}
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt") as tmp:
        tmp.write(text)
        tmp.flush()
        sys.argv = [sys.argv[0], tmp.name, json_path]
        return words.main()


if __name__ == "__main__":
    sys.exit(main())
