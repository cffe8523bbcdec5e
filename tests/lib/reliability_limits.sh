# The reliability issue's limits and quadratic corners: one regression
# test per finding, each named after what it checks.  Work that was
# quadratic runs under `timeout 30` on inputs the old code took minutes
# over, or is counted in a unit test, never timed.

# 9: sizes at the top of the range, and suffixes that would wrap.
largest_max_input_reads_gzip() {
	printf 'Q: Does it inflate?\nA: Yes.\n' >"$TMP/lim.txt" &&
		gzip -c "$TMP/lim.txt" >"$TMP/lim.txt.gz" &&
		"$STENO" -t json "$TMP/lim.txt" >"$TMP/lim-plain.json" || return 1
	for v in 18446744073709551615 18446744073709551614 9223372036854775808 16777215T; do
		"$STENO" -t json --max-input "$v" "$TMP/lim.txt.gz" >"$TMP/lim-gz.json" &&
			cmp "$TMP/lim-plain.json" "$TMP/lim-gz.json" || { echo "--max-input $v"; return 1; }
	done
}

overflowing_sizes_are_usage_errors() {
	for v in 16777216T 17179869184G 17592186044416M 18014398509481984K \
		18446744073709551616 99999999999999999999999; do
		exits_with 2 "$STENO" --max-input "$v" "$HERE/golden/press-briefing.txt" &&
			stderr_has "is more than this system can address" || { echo "--max-input $v"; return 1; }
	done
}

# 6: every speaker a TEI who names is on the turn; the array doubles
# instead of being copied whole for each one, which took 5 000 references
# past the document's memory limit.
many_speakers_on_one_turn() {
	n=$1
	python3 -c '
import sys
n = int(sys.argv[1])
who = " ".join("#s%d" % i for i in range(n))
print("<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body>"
      "<u who=\"%s\">Agreed.</u></body></text></TEI>" % who)' "$n" >"$TMP/who.xml" &&
		"$STENO" -t json "$TMP/who.xml" >"$TMP/who.json" &&
		python3 - "$TMP/who.json" "$n" <<'PY'
import json, sys
doc, n = json.load(open(sys.argv[1])), int(sys.argv[2])
turn = doc["children"][0]
assert turn["type"] == "turn", turn["type"]
assert turn["speakers"] == ["s%d" % i for i in range(n)], len(turn["speakers"])
assert len(doc["speakers"]) == n, len(doc["speakers"])
PY
}

# 4: setting each attribute scanned the list being built.  libxml2 (2.9)
# checks an element's attributes for duplicates in quadratic time of its
# own, so the reader's part is timed without it, in a unit test.
attributes_set_in_linear_time() {
	timeout 30 "$UNIT" attrs_linear
}

many_metadata_keys_in_linear_time() {
	python3 -c '
print("---")
for i in range(300000):
    print("k%d: v%d" % (i, i))
print("---\n\nHello.")' >"$TMP/keys.md" &&
		timeout 30 "$STENO" -t json "$TMP/keys.md" >"$TMP/keys.json" &&
		timeout 30 "$STENO" -s -t html "$TMP/keys.md" >"$TMP/keys.html" &&
		grep -q '<dt>k299999</dt>' "$TMP/keys.html" &&
		python3 - "$TMP/keys.json" <<'PY'
import json, sys
meta = json.load(open(sys.argv[1]))["metadata"]
assert list(meta) == ["k%d" % i for i in range(300000)], len(meta)
assert meta["k299999"] == "v299999"
PY
}

run_reliability_limits() {
	check "the largest --max-input values read gzip input" largest_max_input_reads_gzip
	check "sizes whose suffix would overflow are usage errors" overflowing_sizes_are_usage_errors
	check "300 000 attributes on one element are set in linear time" attributes_set_in_linear_time
	check "300 000 metadata keys are set and written in linear time" many_metadata_keys_in_linear_time
	check "5 000 speakers in one TEI who are all on the turn" many_speakers_on_one_turn 5000
	check "50 000 speakers in one TEI who are all on the turn" many_speakers_on_one_turn 50000
}
