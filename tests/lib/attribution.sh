# The attribution pass: the press conference report of the shared corpus
# attributed as a reader would (skipped where the corpus is absent), and
# hostile input converted in linear time.

# Tan Kefei's three quotations, the reported speech of three paragraphs
# and no one else's; the quoted terms are terms; the speaker table holds
# his role and ministry.
press_conference_attributed() {
	"$STENO" -t json --passes=+attribution "$1" | python3 -c '
import json, sys
doc = json.load(sys.stdin)
quotes = []
def walk(n):
    if isinstance(n, dict):
        if n.get("type") == "quote":
            text = json.dumps(n, ensure_ascii=False)
            quotes.append((n.get("speaker"), n.get("attributes", {}).get("kind"), text))
        for v in n.values():
            walk(v)
    elif isinstance(n, list):
        for v in n:
            walk(v)
walk(doc["children"])
speech = [q for q in quotes if q[1] is None]
reported = [q for q in quotes if q[1] == "reported"]
terms = [q for q in quotes if q[1] == "term"]
assert [s for s, _, _ in speech] == ["tan-kefei"] * 3, speech
assert [s for s, _, _ in reported] == ["tan-kefei"] * 3, reported
assert len(terms) == 3 and all(s is None for s, _, _ in terms), terms
sp = doc["speakers"]
assert [s["id"] for s in sp] == ["tan-kefei"], sp
assert sp[0]["role"] == "spokesperson", sp
assert sp[0]["attributes"]["affiliation"] == "Chinese Ministry of National Defense", sp
'
}

# n quotations of a few words each, or n "said", in one paragraph.
hostile_linear() { # pattern n
	python3 -c '
import sys
sys.stdout.write(" ".join([sys.argv[1]] * int(sys.argv[2])) + "\n")' "$1" "$2" >"$TMP/hostile.txt" &&
		timeout 30 "$STENO" -t json --passes=+attribution "$TMP/hostile.txt" >"$TMP/hostile.json" &&
		python3 "$HERE/lib/words.py" "$TMP/hostile.txt" "$TMP/hostile.json"
}

# One capitalised word of no one known, then a paragraph of pronouns
# with no full stop: each "he" asks whether the word stands in its
# sentence, which must not read back to it every time.
pronouns_after_a_name() {
	python3 -c '
import sys
sys.stdout.write("\"We will,\" Tan said.\n\nAnd Xavier " +
                 "\"Yes, we will do it all today,\" he said and " * 300000 + "\n")' >"$TMP/hostile.txt" &&
		timeout 30 "$STENO" -t json --passes=+attribution "$TMP/hostile.txt" >"$TMP/hostile.json" &&
		python3 "$HERE/lib/words.py" "$TMP/hostile.txt" "$TMP/hostile.json"
}

# 100 000 pairs of paragraphs, a person as subject then a quotation
# alone: each quotation reads the paragraph before once.
quotes_after_subjects() {
	python3 -c '
import sys
sys.stdout.write("Ann Lee spoke first.\n\n" +
                 "Lee also urged the clubs to invest, and the clubs, and the board.\n\n\"The clubs must take the continent seriously.\"\n\n" * 100000)' >"$TMP/hostile.txt" &&
		timeout 30 "$STENO" -t json --passes=+attribution "$TMP/hostile.txt" >"$TMP/hostile.json" &&
		python3 "$HERE/lib/words.py" "$TMP/hostile.txt" "$TMP/hostile.json"
}

# The pass marks quotations in its view of a paragraph with the bytes
# 0x01 and 0x02; the same bytes in the source are text, not quotations
# (they sent the tokenizer past its table of quotations).
control_bytes_are_text() {
	printf 'Tan said \001 "yes" \002 and "no," Tan added.\n\n\001\002 "Again," he said.\n' \
		>"$TMP/ctl.txt" &&
		"$STENO" -t json --passes=+attribution "$TMP/ctl.txt" >"$TMP/ctl.json" &&
		python3 "$HERE/lib/words.py" "$TMP/ctl.txt" "$TMP/ctl.json"
}

run_attribution() {
	check "control bytes 0x01 and 0x02 in the text are no quotations" control_bytes_are_text
	check "a million quotations, each attributed, in linear time" \
		hostile_linear '"Yes, we will," Tan said.' 1000000
	check "a paragraph of a million \"said\" in linear time" hostile_linear 'said' 1000000
	check "300 000 sentences of reported speech in linear time" \
		hostile_linear '"a" said the spokesperson that he said that' 300000
	check "300 000 quotations opening sentences no word names in linear time" \
		hostile_linear '"We will see about that today." .' 300000
	check "300 000 excerpts quoting someone in linear time" \
		hostile_linear "\"Here 'yes,' said Tan Kefei today.\"" 300000
	check "300 000 quotations of an anonymous official in linear time" \
		hostile_linear '"Yes, we will," said an official.' 300000
	check "a paragraph of 300 000 \"he said\" after one name of no one, with no full stop, in linear time" \
		pronouns_after_a_name
	check "100 000 quotations alone after a paragraph about their speaker in linear time" \
		quotes_after_subjects
	f=$SHARED/text/mod-press-conference-2022-12-29.txt
	if [ ! -f "$f" ]; then
		skip "shared corpus not found at $SHARED"
		return
	fi
	check "press conference: Tan Kefei's quotations, reported speech and terms" \
		press_conference_attributed "$f"
}
