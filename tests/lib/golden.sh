# Golden cases: tests/golden/NAME.EXT is an input (EXT, maybe with .gz
# after it, a readable format's extension, as the registry says);
# NAME.args holds extra options, one line; NAME.FORMAT (html, json: any
# format written that is not an archive) the expected outputs; NAME.err
# the expected stderr (when absent, stderr must be empty).  Every file
# there must be one of these.  Every output is validated too:
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
			case $(input_format "$input") in tei | trs | xml) xmlmode=--xml ;; *) xmlmode= ;; esac
			words=words.py # Markdown: the words of cmark's tree, not of its syntax
			[ "$(input_format "$input")" = markdown ] && words=md_words.py xmlmode=
			# captions: the cues' spoken words, read apart from timings and markup
			case $(input_format "$input") in vtt | srt) words=captions_words.py ;; esac
			# CHAT: the words of its tiers, read apart from bullets and tier names
			[ "$(input_format "$input")" = chat ] && words=chat_words.py
			check "$name: every word kept in order" python3 "$HERE/lib/$words" $xmlmode "$input" "$out" ;;
		esac
		;;
	esac
}

# Every file in the golden folder is an input a reader takes, or its
# NAME.args, NAME.err or expected NAME.FORMAT, and every input has an
# expected output: a case nothing runs fails here instead of passing
# unseen.
golden_files_belong() {
	registry words >/dev/null || return 1
	python3 - "$TMP/registry.json" "$GOLDEN" <<'PY'
import json, os, sys
formats = json.load(open(sys.argv[1]))
golden = sys.argv[2]
exts = [e for f in formats if f["reads"] for e in f["extensions"]]
outputs = {f["name"] for f in formats if f["writes"] and not f["archive"]}
files = {n for n in os.listdir(golden) if os.path.isfile(os.path.join(golden, n))}
def bare(n):
    return n[:-3] if n.endswith(".gz") else n
inputs = {n for n in files if any(bare(n).lower().endswith(e) for e in exts)}
stems = {bare(n).rsplit(".", 1)[0] for n in inputs}
bad = [n for n in sorted(files - inputs)
       if n.rsplit(".", 1)[0] not in stems or n.rsplit(".", 1)[-1] not in outputs | {"args", "err"}]
assert not bad, "not a golden input of a format read, nor one's companion: %s" % bad
alone = [n for n in sorted(inputs)
         if not any(bare(n).rsplit(".", 1)[0] + "." + o in files for o in outputs)]
assert not alone, "golden inputs without an expected output: %s" % alone
PY
}

run_golden() {
	registry_load || return
	check "golden: every file is an input a reader takes, or one's companion" golden_files_belong
	for input in $(golden_inputs); do
		base=${input##*/}
		name=${base%.gz}
		name=${name%.*}
		for fmt in $WRITERS; do
			# a caption input is no expected output of its own format
			[ "$GOLDEN/$name.$fmt" = "$input" ] && continue
			if [ -f "$GOLDEN/$name.$fmt" ] || [ "${UPDATE:-}" = 1 ]; then
				golden_case "$input" "$name" "$fmt"
			fi
		done
	done
}
