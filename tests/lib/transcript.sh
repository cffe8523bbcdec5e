# The transcript passes on a real news report from the shared corpus,
# when it is there: the Ministry of National Defense press-conference
# report of 2022-12-29 (a scraped "date" prefix, a Xinhua-style
# dateline, six paragraphs, straight and curly quotations, one nested).

press_conference_report() { # SOURCE JSON
	python3 - "$1" "$2" <<'PY'
import json, re, sys
src = open(sys.argv[1], encoding="utf-8").read()
doc = json.load(open(sys.argv[2], encoding="utf-8"))
assert doc["metadata"].get("date") == "2022-12-29", doc["metadata"]
assert doc["metadata"].get("place") == "BEIJING", doc["metadata"]
paras = doc["children"]
assert [p["type"] for p in paras] == ["paragraph"] * 6, [p["type"] for p in paras]
lead = paras[0]["children"][0]
assert lead["type"] == "dateline" and lead["place"] == "BEIJING", lead

def walk(node, out):
    if isinstance(node, dict):
        out.append(node)
        for c in node.get("children", []):
            walk(c, out)
    return out

nodes = walk({"children": paras}, [])
quotes = [n for n in nodes if n.get("type") == "quote"]
assert len(quotes) == 6, len(quotes)  # one nested in another
nested = [q for q in quotes if any(c.get("type") == "quote" for c in q["children"])]
assert len(nested) == 1, nested

# No text lost or duplicated: the document's text is the source's with
# the prefix "date 2022-12-29" gone and each pair of quotation marks
# removed, character for character apart from whitespace.
text = "".join(n.get("text", "") for n in nodes)
marks = re.compile('["\u201c\u201d]')
want = marks.sub("", re.sub(r"^\s*date 2022-12-29\s*", "", src))
got = marks.sub("", text)
assert re.sub(r"\s+", "", want) == re.sub(r"\s+", "", got), "text differs"
assert len(src) - len(marks.sub("", src)) == 2 * len(quotes), "a quotation mark is unpaired"
PY
}

# The word lists of the label reader are searched by halves, lowering
# each byte as it compares: each must be sorted in byte order and in
# lower case, or a word in the wrong place is silently never found.
label_lists_sorted() { # SOURCE
	python3 - "$1" <<'PY'
import re, sys
src = open(sys.argv[1], encoding="utf-8").read()
searched = set(re.findall(r"(?:in_list|any_word_in)\([^;]*?,\s*(\w+),\s*COUNT\(", src))
lists = [(name, body) for name, body in
         re.findall(r"(?:static const char \*const |\*const )(\w+)\[\] = \{(.*?)\}", src, re.S)
         if name in searched]
assert len(lists) == len(searched) >= 8, (sorted(searched), [name for name, _ in lists])
for name, body in lists:
    body = re.sub(r"/\*.*?\*/", "", body, flags=re.S)
    words = [bytes(w, "utf-8").decode("unicode_escape").encode("latin-1")
             for w in re.findall(r'"((?:[^"\\]|\\.)*)"', body)]
    assert words, name
    assert words == sorted(words), (name, [w for w, v in zip(words, sorted(words)) if w != v][:3])
    assert all(w == w.lower() for w in words), (name, [w for w in words if w != w.lower()])
PY
}

run_transcript() {
	run_transcript_layout
	check "transcript: the label reader's word lists are sorted, in lower case" \
		label_lists_sorted "$HERE/../src/passes/transcript_label.c"
	report=$SHARED/text/mod-press-conference-2022-12-29.txt
	if [ ! -f "$report" ]; then
		skip "press-conference report not found at $report"
		return
	fi
	"$STENO" -t json "$report" >"$TMP/press-conference.json" 2>"$TMP/press-conference.err"
	check "press-conference report: converts, nothing on stderr" \
		test $? -eq 0 -a ! -s "$TMP/press-conference.err"
	check "press-conference report: date, dateline, six paragraphs, quotations, every character" \
		press_conference_report "$report" "$TMP/press-conference.json"
}

# Numbered pages (formats/text.md, "Numbered pages"): every word of the
# input but the margin numbers and the page furniture stays in the
# text, in order and nothing else; the furniture's words are in notes of
# kind "furniture", in order too.  FURNITURE is a regular expression for
# the furniture lines of the fixture.
layout_words() { # SOURCE JSON FURNITURE
	python3 - "$1" "$2" "$3" <<'PY'
import json, re, sys
src = open(sys.argv[1], encoding="utf-8").read()
doc = json.load(open(sys.argv[2], encoding="utf-8"))
furniture = re.compile(sys.argv[3])
word = re.compile(r"\w+")
body_src, furn_src = [], []
for line in src.split("\n"):
    if furniture.search(line):
        furn_src += word.findall(line)
        continue
    line = re.sub(r"^[1-9][0-9]?(?:[ \t]{2,}|$)", "", line.lstrip("\f \t"))
    body_src += word.findall(line)
body, furn = [], []
def walk(n, in_furniture):
    if isinstance(n, list):
        for c in n:
            walk(c, in_furniture)
        return
    if n.get("type") == "turn":
        body.extend(w for s in n["speakers"] for w in word.findall(names[s]))
    if n.get("type") == "event" and not n.get("text"):
        assert n["kind"] in ("line", "pagebreak") and n["attributes"]["n"].isdigit(), n
    inside = in_furniture or (n.get("type") == "note" and n.get("kind") == "furniture")
    if "text" in n:
        (furn if inside else body).extend(word.findall(n["text"]))
    walk(n.get("children", []), inside)
names = {s["id"]: s["name"] for s in doc["speakers"]}
walk(doc["children"], False)
norm = lambda ws: [w.lower() for w in ws]
assert norm(furn) == norm(furn_src), (furn, furn_src)
assert norm(body) == norm(body_src), "\n".join(
    "%s %s" % (a, b) for a, b in zip(norm(body), norm(body_src)) if a != b)
PY
}

# Anchors of one kind, in document order: "line 1 2 3 ..." as n values.
anchor_numbers() { # JSON KIND
	python3 -c '
import json, sys
out = []
def walk(n):
    if isinstance(n, list):
        [walk(c) for c in n]
    elif isinstance(n, dict):
        if n.get("type") == "event" and n.get("kind") == sys.argv[2]:
            out.append(n["attributes"]["n"])
        walk(n.get("children", []))
walk(json.load(open(sys.argv[1]))["children"])
print(" ".join(out))' "$1" "$2"
}

run_transcript_layout() {
	g=$HERE/golden
	for case in "layout-pages:Northtown Reporting|Subject to Correction|^ {20,}[0-9]+$" \
		"layout-furniture:^DEPOSITION OF DANA ROE|^Certified true copy" \
		"layout-formfeed:^\f? {20,}[0-9]+$" "layout-wrapped:^$^"; do
		name=${case%%:*}
		"$STENO" -t json "$g/$name.txt" >"$TMP/$name.json"
		check "$name: every word but margin numbers and furniture kept in order, furniture in notes" \
			layout_words "$g/$name.txt" "$TMP/$name.json" "${case#*:}"
	done
	check "layout-pages: a page break before each page, numbered as printed" \
		test "$(anchor_numbers "$TMP/layout-pages.json" pagebreak)" = "1 2 3"
	check "layout-formfeed: page numbers printed on top belong to the page below" \
		test "$(anchor_numbers "$TMP/layout-formfeed.json" pagebreak)" = "7 8"
	check "layout-furniture: the page number is the one that changes, not the CSR's" \
		test "$(anchor_numbers "$TMP/layout-furniture.json" pagebreak)" = "1 2"
	"$STENO" -t json "$g/layout-wrapped.txt" >"$TMP/layout-wrapped.json"
	check "layout-wrapped: every line's number is an anchor, in order" \
		test "$(anchor_numbers "$TMP/layout-wrapped.json" line)" = "1 2 3 4 5 6 7 8 9 10 11 12"
	"$STENO" -t json "$g/layout-prose.txt" >"$TMP/layout-prose.json"
	check "layout-prose: a numbered checklist is no court page" \
		test -z "$(anchor_numbers "$TMP/layout-prose.json" line)"

	# Hostile layouts: a million lines of numbers, numbered pages with
	# nothing else, a form feed for every byte.  Linear work finishes in
	# a few seconds; a quadratic step would not finish in the budget.
	python3 -c '
import sys
with open(sys.argv[1], "w") as f:
    for i in range(1000000):
        f.write("%d\n" % (i % 30 + 1))
with open(sys.argv[2], "w") as f:
    for i in range(1000000):
        f.write("%2d   x\n" % (i % 25 + 1))
with open(sys.argv[3], "wb") as f:
    f.write(b"\f" * 2000000 + b"\n" + b"\f1  \f\n" * 300000)
' "$TMP/numbers.txt" "$TMP/pages.txt" "$TMP/feeds.txt"
	for f in numbers pages feeds; do
		timeout 60 "$STENO" -t json "$TMP/$f.txt" >"$TMP/$f.json" 2>"$TMP/$f.err"
		check "layout: $f.txt converts in time, as valid JSON" \
			python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/$f.json"
	done
	check "layout: a million numbered lines are 40000 pages" \
		test "$(anchor_numbers "$TMP/pages.json" pagebreak | wc -w)" -eq 40000
}
