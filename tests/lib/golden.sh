# Golden cases: tests/golden/NAME.EXT is an input (EXT a readable
# format's extension); NAME.args holds extra options, one line; NAME.html
# and NAME.json are the expected outputs; NAME.err the expected stderr
# (when absent, stderr must be empty).  Every output is validated too:
# HTML parses as XML, JSON parses strictly, and every word of the input
# appears in the JSON in order.

GOLDEN=$HERE/golden

valid_xml() { # a fragment has many roots: give it one
	if grep -q '^<!DOCTYPE html>' "$1"; then
		xmllint --noout --nonet "$1"
	else
		{ echo '<fragment>'; cat "$1"; echo '</fragment>'; } | xmllint --noout --nonet -
	fi
}

valid_json() {
	python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8", errors="strict"), parse_constant=lambda c: sys.exit("bad constant " + c))' "$1" &&
		{ ! command -v jq >/dev/null || jq -e . "$1" >/dev/null; }
}

same_file() { # expected got
	if [ "${UPDATE:-}" = 1 ]; then cp "$2" "$1"; return 0; fi
	diff -u "$1" "$2"
}

golden_case() { # input name fmt
	input=$1; name=$2; fmt=$3
	args=
	[ -f "$GOLDEN/$name.args" ] && args=$(cat "$GOLDEN/$name.args")
	out=$TMP/$name.$fmt
	# Run beside the input so messages name it the same on every machine.
	# shellcheck disable=SC2086 # args is a list of options
	(cd "$GOLDEN" && "$STENO" $args -t "$fmt" "${input##*/}") >"$out" 2>"$TMP/$name.$fmt.err"
	code=$?
	if [ -f "$GOLDEN/$name.err" ]; then
		check "$name: stderr as expected" same_file "$GOLDEN/$name.err" "$TMP/$name.$fmt.err"
	else
		check "$name -t $fmt: exit 0, nothing on stderr" test "$code" -eq 0 -a ! -s "$TMP/$name.$fmt.err"
	fi
	check "$name -t $fmt: output as expected" same_file "$GOLDEN/$name.$fmt" "$out"
	case $fmt in
	html) check "$name: HTML is well-formed XML" valid_xml "$out" ;;
	json)
		check "$name: JSON is valid" valid_json "$out"
		case " $args " in
		*" --metadata "* | *" --recover "*) ;; # words replaced on purpose; XML not well-formed
		*) # XML sources are compared by their text content
			case $input in *.tei | *.trs | *.xml) xmlmode=--xml ;; *) xmlmode= ;; esac
			words=words.py # Markdown: the words of cmark's tree, not of its syntax
			case $input in *.md) words=md_words.py xmlmode= ;; esac
			check "$name: every word kept in order" python3 "$HERE/lib/$words" $xmlmode "$input" "$out" ;;
		esac
		;;
	esac
}

run_golden() {
	for input in "$GOLDEN"/*.txt "$GOLDEN"/*.txt.gz "$GOLDEN"/*.tei "$GOLDEN"/*.trs "$GOLDEN"/*.xml \
		"$GOLDEN"/*.md; do
		[ -f "$input" ] || continue
		base=${input##*/}
		name=${base%.gz}
		name=${name%.*}
		for fmt in html json; do
			if [ -f "$GOLDEN/$name.$fmt" ] || [ "${UPDATE:-}" = 1 ]; then
				golden_case "$input" "$name" "$fmt"
			fi
		done
	done
}
