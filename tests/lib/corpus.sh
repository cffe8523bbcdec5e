# The shared corpus of real transcripts, when it is there: every plain
# text converts to HTML that parses as XML and JSON that keeps every
# word.  Reported as skipped where the corpus is absent.

run_corpus() {
	if [ ! -d "$SHARED/text" ]; then
		skip "shared corpus not found at $SHARED"
		return
	fi
	for f in "$SHARED"/text/*.txt; do
		name=corpus-${f##*/}
		"$STENO" -t html "$f" >"$TMP/$name.html" 2>"$TMP/$name.err"
		check "$name: converts to HTML" test $? -eq 0
		check "$name: HTML is well-formed XML" valid_xml "$TMP/$name.html"
		"$STENO" -t json "$f" >"$TMP/$name.json" 2>>"$TMP/$name.err"
		check "$name: JSON is valid" valid_json "$TMP/$name.json"
		check "$name: every word kept in order" python3 "$HERE/lib/words.py" "$f" "$TMP/$name.json"
	done
}
