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

run_transcript() {
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
