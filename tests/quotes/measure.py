#!/usr/bin/env python3
"""Measure steno's quotations and their speakers against hand-made answers.

Reads MANIFEST.tsv, ANSWERS.tsv and PEOPLE.tsv beside this script, or in
the folder named as its argument (`measure.py tests/quotes/held-out`).  For
every article it runs `steno -t json FILE` (steno from $STENO, else ./steno,
else the repository's top-level steno), collects the quote nodes of the
JSON output (type "quote", at any depth, in document order) and matches
them to the expected quotations of ANSWERS.tsv:

- an expected quotation is found when a quote node, not yet matched and
  not before the last matched one, has text (its descendants' text, with
  nested quotes' marks left out, as steno writes them) that starts with
  the expected first words (case and runs of white space ignored);
- for an expected speech quotation that was found, the quote node's
  "speaker" member (a speaker id, resolved through the document's
  "speakers" table to its name) is compared with the expected speaker:
  correct when the name equals the canonical name or one of its aliases
  (PEOPLE.tsv), or when the name's last word, or the whole name, is the
  speaker's surname key; wrong when it is any other name; not attributed
  when the node has no speaker or the quotation was not found at all.

Files whose licence does not allow redistribution are not in files/; put
them (see fetch.md) in one folder and name it in $QUOTES_EXTRA.  Rows whose
file is absent are reported as skipped.

This is a measurement, not a test: it exits 0 whatever the numbers, and 1
only when steno crashes (dies by a signal) or times out.
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import evalset  # noqa: E402
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
MARKS = "\"'“”‘’«»„‚‹› \t\n\u00a0\u202f"



def norm(s):
    s = unicodedata.normalize("NFC", s).casefold()
    return re.sub(r"\s+", " ", s.strip(MARKS))


def node_text(node):
    if isinstance(node, dict):
        if node.get("type") == "text":
            return node.get("text", "")
        return "".join(node_text(c) for c in node.get("children", []))
    if isinstance(node, list):
        return "".join(node_text(c) for c in node)
    return ""


def collect_quotes(node, out):
    """Quote nodes in document order (a quote before the quotes nested in it)."""
    if isinstance(node, dict):
        # reported speech (kind "reported") is no quotation of the text's
        if node.get("type") == "quote" and node.get("attributes", {}).get("kind") != "reported":
            out.append({"text": node_text(node), "speaker": node.get("speaker"),
                        "attributes": node.get("attributes", {})})
        for key, val in node.items():
            if key != "type":
                collect_quotes(val, out)
    elif isinstance(node, list):
        for v in node:
            collect_quotes(v, out)


def speaker_matches(name, person, canonical):
    n = norm(name)
    if not n:
        return False
    names = {norm(canonical)}
    if person:
        names |= {norm(a) for a in person["aliases"].split(";") if a.strip()}
        surname = norm(person["surname"])
    else:
        surname = norm(canonical.split()[-1]) if canonical.split() else ""
    # a name may keep its titles ("Prime Minister Kishida Fumio")
    if n in names or any(x and n.endswith(" " + x) for x in names):
        return True
    if surname and (n == surname or n.split()[-1] == surname or n.endswith(" " + surname)):
        return True
    return False


def show(e, what, got):
    """With QUOTES_VERBOSE set, one line per speech quotation not right."""
    if os.environ.get("QUOTES_VERBOSE") and e["kind"] == "speech":
        print("  %s %s %-9s want %s; got %s  [%s] %s" % (
            e["article"], e["index"], what, e["speaker"], got or "-", e["first_words"][:30],
            e["note"]), file=sys.stderr)


def measure(doc, expected, people):
    found = []
    collect_quotes(doc.get("children", []), found)
    names = {s.get("id"): s.get("name") or s.get("id") for s in doc.get("speakers", [])}
    used = [False] * len(found)
    last = 0
    r = {"expected": len(expected), "found": 0, "spurious": 0, "speech": 0,
         "correct": 0, "wrong": 0, "none": 0, "term_with_speaker": 0, "missed": []}
    for e in expected:
        want = norm(e["first_words"])
        hit = None
        for j in range(last, len(found)):
            if not used[j] and norm(found[j]["text"]).startswith(want):
                hit = j
                break
        if e["kind"] == "speech":
            r["speech"] += 1
        if hit is None:
            r["missed"].append(e["index"])
            show(e, "not found", "")
            if e["kind"] == "speech":
                r["none"] += 1
            continue
        used[hit] = True
        last = hit
        r["found"] += 1
        sid = found[hit]["speaker"]
        if e["kind"] != "speech":
            if sid:
                r["term_with_speaker"] += 1
            continue
        got = names.get(sid, sid) if sid else ""
        if not sid:
            r["none"] += 1
            show(e, "none", got)
        elif speaker_matches(got, people.get((e["article"], e["speaker"])), e["speaker"]):
            r["correct"] += 1
        else:
            r["wrong"] += 1
            show(e, "WRONG", got)
    r["spurious"] = used.count(False)
    r["found_nodes"] = len(found)
    return r


def main():
    steno = evalset.find_steno()
    extra = os.environ.get("QUOTES_EXTRA")
    # another set of the same shape (held-out/) when named
    base = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else HERE
    articles = evalset.read_tsv(os.path.join(base, "MANIFEST.tsv"))
    answers = evalset.read_tsv(os.path.join(base, "ANSWERS.tsv"))
    people = {(p["article"], p["speaker"]): p for p in evalset.read_tsv(os.path.join(base, "PEOPLE.tsv"))}
    by_article = {}
    for a in answers:
        by_article.setdefault(a["article"], []).append(a)
    results, skipped, broken = [], [], []
    for art in articles:
        name = art["file"]
        path = evalset.locate(art, base, extra)
        if not path:
            skipped.append(name)
            continue
        status, out = evalset.convert(steno, path, ["--passes=+attribution"])
        if status == "broken":
            broken.append((name, out))
            continue
        if status == "failed":
            results.append((art, None, out))
            continue
        try:
            doc = json.loads(out)
        except ValueError as err:
            results.append((art, None, "bad JSON: %s" % err))
            continue
        results.append((art, measure(doc, by_article.get(art["id"], []), people), ""))

    w = max([len(a["file"]) for a, _, _ in results] + [4])
    print("%-4s %-*s %5s %5s %5s  %6s %5s %5s %5s" % (
        "id", w, "file", "exp", "found", "extra", "speech", "right", "wrong", "none"))
    tot = {k: 0 for k in ("expected", "found", "spurious", "speech", "correct", "wrong",
                          "none", "term_with_speaker")}
    for art, r, err in results:
        if err:
            n = len(by_article.get(art["id"], []))
            sp = sum(1 for a in by_article.get(art["id"], []) if a["kind"] == "speech")
            print("%-4s %-*s %5d %5s %5s  %6d %5s %5s %5s  %s" % (
                art["id"], w, art["file"], n, "-", "-", sp, "-", "-", "-", err))
            tot["expected"] += n
            tot["speech"] += sp
            tot["none"] += sp
            continue
        flag = "" if r["found"] == r["expected"] and not r["spurious"] else "  *"
        print("%-4s %-*s %5d %5d %5d  %6d %5d %5d %5d%s" % (
            art["id"], w, art["file"], r["expected"], r["found"], r["spurious"], r["speech"],
            r["correct"], r["wrong"], r["none"], flag))
        for k in tot:
            tot[k] += r[k]
    pct = lambda a, b: (100.0 * a / b) if b else 0.0
    print()
    print("articles measured: %d, skipped (absent): %d%s" % (
        len(results), len(skipped), "" if extra else
        " (set QUOTES_EXTRA to include the listed-only articles)"))
    for s in skipped:
        print("  skipped: %s" % s)
    print("quotations: expected %d, found %d (%.1f%%); quote nodes matching no expected "
          "quotation: %d" % (tot["expected"], tot["found"], pct(tot["found"], tot["expected"]),
                             tot["spurious"]))
    print("speech quotations: %d; correctly attributed %d (%.1f%%), wrongly attributed %d "
          "(%.1f%%), not attributed %d (%.1f%%)" % (
              tot["speech"], tot["correct"], pct(tot["correct"], tot["speech"]), tot["wrong"],
              pct(tot["wrong"], tot["speech"]), tot["none"], pct(tot["none"], tot["speech"])))
    print("term and title quotations given a speaker: %d" % tot["term_with_speaker"])
    for name, why in broken:
        print("STENO FAILED on %s: %s" % (name, why))
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
