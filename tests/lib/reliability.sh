# Hostile and odd input, one regression test per finding of the
# reliability probe: each is named after what it checks.

# 1 100 distinct labels after a Q/A pair: the table of label names grows
# many times while turns hold entries of it.
many_labels_grow_the_name_table() {
	python3 -c '
import itertools as i, string as s
print("Q: Why?\nA: Because.\n")
for p in list(i.product(s.ascii_uppercase, repeat=3))[:1100]:
    print("MR. %s: w." % "".join(p))' >"$TMP/many-labels.txt" &&
		"$STENO" -t json "$TMP/many-labels.txt" >"$TMP/many-labels.json" &&
		python3 - "$TMP/many-labels.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
turns = [c for c in doc["children"] if c["type"] == "turn"]
assert len(turns) == 1102, len(turns)
assert len(doc["speakers"]) == 1102, len(doc["speakers"])
assert turns[2]["speakers"] == ["mr-aaa"] and turns[-1]["speakers"] == ["mr-bqh"], turns[-1]
PY
}

# A name whose spaces PDF justification seems to widen, after a mark the
# label reader steps over, and too long to be a name read widened: the
# widened reading found none, and the name's length was taken from its
# end at 0 (a wrapped size; UBSan's pointer overflow, found by fuzzing).
widened_name_past_the_longest() {
	printf 'Some text first.\n\n>> Abcdefgh Abcdefgh Abcdefgh  Abcdefghij  Abcdefghij  Abcdefghij  Abcdefghij  Abcdefghij  Abcdefghij: text\n' \
		>"$TMP/widened.txt" &&
		"$STENO" -t json "$TMP/widened.txt" >"$TMP/widened.json" &&
		python3 - "$TMP/widened.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
assert not doc["speakers"], doc["speakers"]
text = json.dumps(doc)
assert "Abcdefgh Abcdefgh Abcdefgh  Abcdefghij" in text and ": text" in text, text
PY
}

run_reliability() {
	check "many distinct labels grow the name table safely" many_labels_grow_the_name_table
	check "a name too long to read widened is no label" widened_name_past_the_longest
}
