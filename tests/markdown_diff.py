#!/usr/bin/env python3
"""Differential test of steno's Markdown reader against libcmark.

usage: markdown_diff.py STENO [OPTION] [--passes] --spec SPEC.txt [--known PAGE.md] [-v]
       markdown_diff.py STENO [OPTION] [--passes] FILE...

OPTION, --sourcepos or --smart, is given to both sides.  --passes runs
steno with its default passes (quotations and transcripts) rather than
--no-transcript, and takes only the quotation spans out of its HTML
before comparing: the quotes pass must keep the source's marks.
For every example of the CommonMark spec (or every FILE), the HTML of
`steno -f markdown -t html --unsafe --no-transcript` is compared with
libcmark's own cmark_markdown_to_html(CMARK_OPT_UNSAFE), called through
ctypes, after the normalisation formats/markdown.md documents (see
normalise() below).  Front matter is taken out of cmark's input, since
cmark does not know it.  Prints "N of M spec examples match" (or "files")
and the examples or files that differ.  With --known, the examples
listed in that page's table of spec differences may differ; any other
difference, and a listed example that now matches, fails the run.
"""
import ctypes
import ctypes.util
import html.parser
import re
import subprocess
import sys

CMARK_OPT_UNSAFE = 1 << 17
OPTIONS = {"--sourcepos": 1 << 1, "--smart": 1 << 10}
FENCE = "`" * 32


def load_cmark():
    name = ctypes.util.find_library("cmark")
    if not name:
        sys.exit("markdown_diff: libcmark not found")
    lib = ctypes.CDLL(name)
    lib.cmark_markdown_to_html.restype = ctypes.c_void_p
    lib.cmark_markdown_to_html.argtypes = (ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int)
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    libc.free.argtypes = (ctypes.c_void_p,)
    return lib, libc


def cmark_html(cmark, data, option):
    lib, libc = cmark
    ptr = lib.cmark_markdown_to_html(data, len(data), CMARK_OPT_UNSAFE | OPTIONS.get(option, 0))
    try:
        return ctypes.string_at(ptr).decode("utf-8", errors="replace")
    finally:
        libc.free(ptr)


def steno_html(steno, data, option, passes):
    cmd = [steno, "-f", "markdown", "-t", "html", "--unsafe"] + ([] if passes else ["--no-transcript"])
    run = subprocess.run(cmd + ([option] if option else []), input=data, capture_output=True,
                         check=False)
    if run.returncode != 0:
        return "steno failed: " + run.stderr.decode("utf-8", errors="replace")
    return run.stdout.decode("utf-8", errors="replace")


class Tokens(html.parser.HTMLParser):
    """HTML as a list of tokens: character references decoded, void
    elements the same whether written <br> or <br />."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []

    def handle_starttag(self, tag, attrs):
        self.out.append(("start", tag, tuple((k, v or "") for k, v in attrs)))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.out.append(("end", tag))

    def handle_data(self, data):
        if self.out and self.out[-1][0] == "text":
            self.out[-1] = ("text", self.out[-1][1] + data)
        else:
            self.out.append(("text", data))

    def handle_comment(self, data):
        self.out.append(("comment", data))

    def handle_decl(self, decl):
        self.out.append(("decl", decl))

    def handle_pi(self, data):
        self.out.append(("pi", data))

    def unknown_decl(self, data):
        self.out.append(("decl", data))


def normalise(text):
    parser = Tokens()
    parser.feed(text)
    parser.close()
    return parser.out


def without_quote_spans(tokens):
    """tokens without <span class="quote"> and its end tag, the text
    around them joined again."""
    out, spans = [], []
    for tok in tokens:
        if tok[0] == "start" and tok[1] == "span":
            spans.append(("class", "quote") in tok[2])
            if spans[-1]:
                continue
        elif tok[0] == "end" and tok[1] == "span" and spans:
            if spans.pop():
                continue
        if tok[0] == "text" and out and out[-1][0] == "text":
            out[-1] = ("text", out[-1][1] + tok[1])
        else:
            out.append(tok)
    return out


FRONT_KEY = re.compile(rb"^(#|[A-Za-z0-9_.][A-Za-z0-9_. -]*:([ \t]|$))")
DELIMITER = re.compile(rb"^(---|\.\.\.)[ \t]*$")


def without_front_matter(data):
    """data with its front matter, as formats/markdown.md defines it,
    turned into blank lines: cmark does not know front matter."""
    lines = re.split(rb"\r\n|\r|\n", data)
    if len(lines) < 3 or not re.match(rb"^---[ \t]*$", lines[0]) or not FRONT_KEY.match(lines[1]):
        return data
    for end in range(1, len(lines) - 1):
        if DELIMITER.match(lines[end]):
            rest = re.split(rb"\r\n|\r|\n", data, maxsplit=end + 1)[-1]
            return b"\n" * (end + 1) + rest
    return data


def spec_examples(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    examples, i, number = [], 0, 0
    while i < len(lines):
        if lines[i].startswith(FENCE + " example"):
            number += 1
            j = lines.index(".", i + 1)
            k = lines.index(FENCE, j + 1)
            md = "".join(ln + "\n" for ln in lines[i + 1:j]).replace("\u2192", "\t")
            examples.append((number, md.encode("utf-8")))
            i = k
        i += 1
    return examples


def known_differences(page):
    """Example numbers in the page's "## Spec differences" table."""
    known, inside = set(), False
    with open(page, encoding="utf-8") as f:
        for line in f:
            if line.startswith("## "):
                inside = line.strip() == "## Spec differences"
            elif inside:
                m = re.match(r"\|\s*(\d+)\s*\|", line)
                if m:
                    known.add(int(m.group(1)))
    return known


def show(name, want, got):
    print(f"--- {name}\n    cmark: {want!r}\n    steno: {got!r}")


def main(argv):
    verbose = "-v" in argv
    argv = [a for a in argv if a != "-v"]
    steno, rest = argv[0], argv[1:]
    cmark = load_cmark()
    option = rest.pop(0) if rest and rest[0] in OPTIONS else None
    passes = "--passes" in rest
    rest = [a for a in rest if a != "--passes"]
    known = None
    if "--known" in rest:
        at = rest.index("--known")
        known = known_differences(rest[at + 1])
        del rest[at:at + 2]
    if rest and rest[0] == "--spec":
        cases = [(f"example {n}", n, md) for n, md in spec_examples(rest[1])]
        what = "spec examples"
    else:
        cases = []
        for path in rest:
            with open(path, "rb") as f:
                cases.append((path, None, f.read()))
        what = "files"
    differ = []
    for name, number, md in cases:
        want = cmark_html(cmark, without_front_matter(md), option)
        got = steno_html(steno, md, option, passes)
        got_tokens = normalise(got)
        if passes:
            got_tokens = without_quote_spans(got_tokens)
        if normalise(want) != got_tokens:
            differ.append(number)
            if verbose or known is None or number not in known:
                show(name, want, got)
    print(f"{len(cases) - len(differ)} of {len(cases)} {what} match")
    if known is None:
        return 1 if differ else 0
    unexpected = [n for n in differ if n not in known]
    fixed = sorted(known - set(differ))
    if unexpected:
        print("not listed as differences:", " ".join(map(str, unexpected)))
    if fixed:
        print("listed as differences but matching:", " ".join(map(str, fixed)))
    return 1 if unexpected or fixed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
