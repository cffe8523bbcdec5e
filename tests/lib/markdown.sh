# The Markdown reader: the differential test against libcmark on the
# CommonMark spec and on real Markdown (when the shared corpus is
# there), safety both ways, hostile nesting and a large input, and the
# same transcript in Markdown and in plain text.

MD_DIFF=$HERE/markdown_diff.py

md_spec() {
	spec=$SHARED/spec/spec.txt
	if [ ! -f "$spec" ]; then
		skip "CommonMark spec not found at $spec"
		return
	fi
	for opt in "" --sourcepos --smart --passes; do
		# shellcheck disable=SC2086 # opt is one option or none
		python3 "$MD_DIFF" "$STENO" $opt --spec "$spec" --known "$HERE/../formats/markdown.md" \
			>"$TMP/md-spec.out" 2>&1
		code=$?
		echo "markdown: $(grep ' spec examples match' "$TMP/md-spec.out")${opt:+ ($opt)}"
		check "CommonMark spec differential${opt:+ $opt}" sh -c "[ $code -eq 0 ] || { cat '$TMP/md-spec.out'; exit 1; }"
	done
}

md_corpus() {
	if [ ! -d "$SHARED/markdown" ]; then
		skip "Markdown corpus not found at $SHARED/markdown"
		return
	fi
	python3 "$MD_DIFF" "$STENO" "$SHARED"/markdown/* >"$TMP/md-corpus.out" 2>&1
	code=$?
	echo "markdown: $(grep ' files match' "$TMP/md-corpus.out") (corpus)"
	check "Markdown corpus differential" sh -c "[ $code -eq 0 ] || { cat '$TMP/md-corpus.out'; exit 1; }"
	for f in "$SHARED"/markdown/*; do
		name=corpus-${f##*/}
		"$STENO" -t html "$f" >"$TMP/$name.html" 2>"$TMP/$name.err"
		check "$name: HTML is well-formed XML" valid_xml "$TMP/$name.html"
		"$STENO" -t json "$f" >"$TMP/$name.json" 2>>"$TMP/$name.err"
		check "$name: JSON is valid" valid_json "$TMP/$name.json"
		check "$name: every word kept in order" python3 "$HERE/lib/md_words.py" "$f" "$TMP/$name.json"
	done
}

# Safe by default: raw HTML becomes a comment and unsafe URLs are
# emptied; --unsafe keeps both.
md_safe() {
	printf '<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b>y</b>\n' >"$TMP/unsafe.md"
	"$STENO" -t html "$TMP/unsafe.md" >"$TMP/safe.html" &&
		! grep -q 'script\|javascript\|<b>' "$TMP/safe.html" &&
		[ "$(grep -o 'raw HTML omitted' "$TMP/safe.html" | wc -l)" -eq 3 ] &&
		grep -q '<a href="">x</a>' "$TMP/safe.html" &&
		"$STENO" --unsafe -t html "$TMP/unsafe.md" >"$TMP/unsafe.html" &&
		grep -q '^<script>alert(1)</script>$' "$TMP/unsafe.html" &&
		grep -q '<a href="javascript:alert(1)">x</a> <b>y</b>' "$TMP/unsafe.html"
}

# count PATTERN FILE: how many times PATTERN occurs in FILE.
count() { grep -o "$1" "$2" | wc -l | tr -d ' '; }

md_deep_quotes() {
	python3 -c 'import sys; sys.stdout.write(">" * 10000 + " deep\n")' >"$TMP/deep.md"
	"$STENO" --no-transcript -t html "$TMP/deep.md" >"$TMP/deep.html" &&
		[ "$(count '<blockquote>' "$TMP/deep.html")" -eq 10000 ] &&
		[ "$(count '</blockquote>' "$TMP/deep.html")" -eq 10000 ] &&
		grep -q '<p>deep</p>' "$TMP/deep.html" &&
		"$STENO" -t json "$TMP/deep.md" >"$TMP/deep.json" &&
		[ "$(count '"block_quote"' "$TMP/deep.json")" -eq 10000 ]
}

md_deep_brackets() {
	python3 -c 'import sys; sys.stdout.write("[" * 10000 + "x" + "](/u)" * 10000 + "\n" + "*a " * 10000 + "\n")' >"$TMP/brackets.md"
	"$STENO" --no-transcript -t html "$TMP/brackets.md" >"$TMP/brackets.html" &&
		[ "$(count '<a href="/u">' "$TMP/brackets.html")" -eq 1 ] &&
		[ "$(count '<p>' "$TMP/brackets.html")" -eq 1 ] &&
		"$STENO" -t json "$TMP/brackets.md" >"$TMP/brackets.json" && valid_json "$TMP/brackets.json"
}

# 50 MB of Markdown (prose with some markup, as real documents are;
# the document's memory budget refuses input that is markup alone):
# every block comes out.
md_large() {
	python3 - "$TMP/large.md" <<'PY'
import sys
words = b"the quick brown fox jumps over the lazy dog and keeps running " * 4
unit = (b"## Heading\n\n" + words + b"with *text*, a [link](/u) and `code`.\n\n"
        b"- one " + words + b"\n- two\n\n> quoted " + words + b"\n\n```\ncode\n```\n\n")
n = 50 * 1000 * 1000 // len(unit) + 1
with open(sys.argv[1], "wb") as f:
    f.write(unit * n)
print(n, file=open(sys.argv[1] + ".n", "w"))
PY
	n=$(cat "$TMP/large.md.n")
	"$STENO" --no-transcript -t html "$TMP/large.md" >"$TMP/large.html" &&
		[ "$(count '<h2>Heading</h2>' "$TMP/large.html")" -eq "$n" ] &&
		[ "$(count '<li>two</li>' "$TMP/large.html")" -eq "$n" ] &&
		[ "$(count '<blockquote>' "$TMP/large.html")" -eq "$n" ] &&
		[ "$(count '<pre><code>code' "$TMP/large.html")" -eq "$n" ]
	code=$?
	rm -f "$TMP/large.md" "$TMP/large.html"
	return $code
}

# The same transcript in .md and .txt: the same speakers and turns.
md_transcript_pair() {
	python3 - "$GOLDEN/md-transcript.json" "$GOLDEN/md-transcript-plain.json" <<'PY'
import json, sys
def shape(path):
    doc = json.load(open(path))
    turns = [(c["type"], c.get("speakers")) for c in doc["children"]]
    return doc["speakers"], turns
md, txt = shape(sys.argv[1]), shape(sys.argv[2])
if not any(t == "turn" for t, _ in txt[1]):
    print("no turns in the plain-text transcript: the transcript passes are not in")
    sys.exit(2)
if md != txt:
    print("Markdown:", md, "\nplain text:", txt)
    sys.exit(1)
PY
}

# Front matter of any length leaves the body alone, and the body's
# source positions count the front matter's lines.
md_long_front_matter() {
	python3 -c '
print("---")
for i in range(200): print("k%d: v%d" % (i, i))
print("---")
print()
print("Body text.")' >"$TMP/fm-long.md" &&
		"$STENO" -t json --sourcepos "$TMP/fm-long.md" >"$TMP/fm-long.json" &&
		python3 - "$TMP/fm-long.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
assert len(doc["metadata"]) >= 200, len(doc["metadata"])
body = doc["children"]
assert len(body) == 1, body
assert body[0]["children"] == [{"type": "text", "text": "Body text."}], body
assert body[0]["pos"][0] == 204, body[0]["pos"]
PY
}

run_markdown() {
	md_spec
	md_corpus
	check "Markdown: safe by default, --unsafe keeps raw HTML and URLs" md_safe
	check "Markdown: 10000 nested block quotes" md_deep_quotes
	check "Markdown: 10000 nested brackets and emphasis openers" md_deep_brackets
	check "Markdown: 50 MB input, every block kept" md_large
	check "Markdown and plain-text transcript: same speakers and turns" md_transcript_pair
	check "Markdown: 200 keys of front matter, the body whole and at its line" md_long_front_matter
}
