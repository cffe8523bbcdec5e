# The command's behaviour: formats from names, exit codes, errors, no
# partial output, gzip both ways, metadata, the help and the man page.

SAMPLE=$HERE/golden/press-briefing.txt

exits_with() { # exits_with CODE COMMAND...: and says something on stderr
	want=$1; shift
	"$@" >"$TMP/cli.out" 2>"$TMP/cli.err"
	got=$?
	[ "$got" -eq "$want" ] || { echo "exit $got, want $want"; cat "$TMP/cli.err"; return 1; }
	[ "$want" -eq 0 ] || grep -q '^steno: ' "$TMP/cli.err" || { echo "no 'steno: ' error"; return 1; }
}

stderr_has() { grep -q -- "$1" "$TMP/cli.err" || { echo "stderr lacks '$1':"; cat "$TMP/cli.err"; return 1; }; }

no_file() { [ ! -e "$1" ] || { echo "$1 exists"; return 1; }; }

gzip_roundtrip() {
	"$STENO" -t html "$SAMPLE" >"$TMP/plain.html" &&
		"$STENO" "$SAMPLE" -o "$TMP/out.html.gz" &&
		gzip -t "$TMP/out.html.gz" &&
		gzip -dc "$TMP/out.html.gz" | cmp - "$TMP/plain.html" &&
		gzip -c "$SAMPLE" >"$TMP/in.txt.gz" &&
		"$STENO" -t html "$TMP/in.txt.gz" | cmp - "$TMP/plain.html"
}

stdin_stdout() {
	"$STENO" -t json <"$SAMPLE" >"$TMP/a.json" &&
		"$STENO" -t json - <"$SAMPLE" >"$TMP/b.json" &&
		"$STENO" -t json "$SAMPLE" -o - >"$TMP/c.json" &&
		cmp "$TMP/a.json" "$TMP/b.json" && cmp "$TMP/a.json" "$TMP/c.json"
}

format_from_output_name() {
	"$STENO" "$SAMPLE" -o "$TMP/named.json" && valid_json "$TMP/named.json" &&
		"$STENO" "$SAMPLE" -o "$TMP/named.htm" && valid_xml "$TMP/named.htm"
}

output_replaced_whole() {
	echo old >"$TMP/keep.html"
	"$STENO" "$SAMPLE" -o "$TMP/keep.html" && ! grep -q '^old$' "$TMP/keep.html" &&
		[ "$(find "$TMP" -name 'keep.html.steno-*' | wc -l)" -eq 0 ]
}

failed_conversion_keeps_old_output() {
	echo old >"$TMP/kept.html"
	"$STENO" --encoding no-such-encoding "$SAMPLE" -o "$TMP/kept.html" 2>/dev/null
	[ $? -eq 1 ] && grep -qx old "$TMP/kept.html" &&
		[ "$(find "$TMP" -name 'kept.html.steno-*' | wc -l)" -eq 0 ]
}

metadata_overrides() {
	"$STENO" -t json --metadata title=Override --metadata 'place=Beijing, China' "$SAMPLE" >"$TMP/m.json" &&
		python3 - "$TMP/m.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))["metadata"]
assert m["title"] == "Override", m
assert m["place"] == "Beijing, China", m
PY
}

several_inputs_joined() {
	printf 'The first file ends here.' >"$TMP/one.txt"
	printf 'Second file.' >"$TMP/two.txt"
	"$STENO" -t json "$TMP/one.txt" "$TMP/two.txt" >"$TMP/joined.json" &&
		python3 - "$TMP/joined.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
assert [c["type"] for c in doc["children"]] == ["paragraph", "paragraph"], doc
PY
}

# Each input is decompressed on its own before they are joined.
several_gzip_inputs_joined() {
	printf 'The first file ends here.' >"$TMP/gz-one.txt" && gzip -c "$TMP/gz-one.txt" >"$TMP/gz-one.txt.gz" &&
		printf 'Second file.' >"$TMP/gz-two.txt" && gzip -c "$TMP/gz-two.txt" >"$TMP/gz-two.txt.gz" &&
		"$STENO" -t json "$TMP/gz-one.txt" "$TMP/gz-two.txt" >"$TMP/joined-plain.json" &&
		"$STENO" -t json "$TMP/gz-one.txt.gz" "$TMP/gz-two.txt" >"$TMP/joined-gz1.json" &&
		"$STENO" -t json "$TMP/gz-one.txt.gz" "$TMP/gz-two.txt.gz" >"$TMP/joined-gz2.json" &&
		cmp "$TMP/joined-plain.json" "$TMP/joined-gz1.json" &&
		cmp "$TMP/joined-plain.json" "$TMP/joined-gz2.json"
}

# Every long option of the command appears in --help, the man page and
# the README: the docs cannot fall behind the code unnoticed.
options_documented() {
	opts=$(sed -n 's/^	{"\([a-z-]*\)", .*/\1/p' "$HERE/../cli/main.c")
	[ -n "$opts" ] || { echo "no options found in cli/main.c"; return 1; }
	"$STENO" --help >"$TMP/help.txt"
	sed 's/\\-/-/g' "$HERE/../steno.1" >"$TMP/man-source.txt"
	for o in $opts; do
		grep -q -- "--$o" "$TMP/help.txt" || { echo "--$o missing from --help"; return 1; }
		grep -q -- "--$o" "$TMP/man-source.txt" || { echo "--$o missing from steno.1"; return 1; }
		grep -q -- "--$o" "$HERE/../README.md" || { echo "--$o missing from README.md"; return 1; }
	done
}

# Every name, alias and extension of the registry appears in the
# README's Formats section (as `code`) and in the man page's FORMATS
# section (as a word): a format the docs leave out fails here.
formats_documented() {
	registry words >"$TMP/words" || return 1
	python3 - "$TMP/words" "$HERE/../README.md" "$HERE/../steno.1" <<'PY'
import re, sys
words = open(sys.argv[1]).read().split()
readme = open(sys.argv[2], encoding="utf-8").read()
man = open(sys.argv[3], encoding="utf-8").read().replace("\\-", "-")
readme = readme.split("\n## Formats\n", 1)[1].split("\n## ", 1)[0]
man = man.split("\n.SH FORMATS\n", 1)[1].split("\n.SH ", 1)[0]
missing = ["README.md: " + w for w in words if "`%s`" % w not in readme]
missing += ["steno.1: " + w for w in words
            if not re.search(r"(?<![\w.-])%s(?![\w-])" % re.escape(w), man)]
assert not missing, "formats left out of the docs: " + ", ".join(missing)
PY
}

man_page_renders() {
	command -v man >/dev/null || return 0
	MANWIDTH=80 man -l "$HERE/../steno.1" 2>&1 >"$TMP/man.txt" | grep . && return 1
	grep -q 'EXIT STATUS' "$TMP/man.txt"
}

list_formats() {
	"$STENO" --list-formats >"$TMP/formats.txt" &&
		grep -q '^text ' "$TMP/formats.txt" && grep -q '^html ' "$TMP/formats.txt" &&
		grep -q '^json ' "$TMP/formats.txt"
}

# The JSON list holds every format of the text list, in its order, each
# with every member and of the right type.
list_formats_json() {
	"$STENO" --list-formats >"$TMP/formats.txt" &&
		"$STENO" --list-formats=json >"$TMP/formats.json" &&
		python3 - "$TMP/formats.txt" "$TMP/formats.json" <<'PY'
import json, sys
text = [line.split()[0] for line in open(sys.argv[1]).read().splitlines()[1:]]
formats = json.load(open(sys.argv[2]))
assert [f["name"] for f in formats] == text, (text, formats)
kinds = {"name": str, "aliases": list, "extensions": list, "media_type": str,
         "description": str, "reads": bool, "writes": bool, "archive": bool}
for f in formats:
    assert sorted(f) == sorted(kinds), f
    assert all(isinstance(f[k], t) for k, t in kinds.items()), f
    assert all(e.startswith(".") for e in f["extensions"]), f
byname = {f["name"]: f for f in formats}
assert byname["epub"]["archive"] and "epub3" in byname["epub"]["aliases"], byname["epub"]
assert byname["text"]["reads"] and not byname["text"]["writes"], byname["text"]
PY
}

unknown_pass_named() {
	exits_with 2 "$STENO" --passes=-quotes,+smurf,smart "$SAMPLE" &&
		stderr_has "unknown pass 'smurf'" && stderr_has "transcript, quotes, attribution and smart"
}

list_formats_bad_style() {
	exits_with 2 "$STENO" --list-formats=yaml && stderr_has "not 'yaml'"
}

# A language that is not a BCP 47 tag is left out of the page, not
# written as given; a tag is kept; none is English.
html_language() {
	printf 'Hi\n' | "$STENO" -s --metadata 'language=not a tag' >"$TMP/lang-bad.html" &&
		! grep -q 'lang=' "$TMP/lang-bad.html" &&
		printf 'Hi\n' | "$STENO" -s --metadata 'lang=fr-CA' | grep -q ' lang="fr-CA" xml:lang="fr-CA"' &&
		printf 'Hi\n' | "$STENO" -s | grep -q ' lang="en" xml:lang="en"'
}

# --metadata is set before the passes run, which read it: the language
# gives --smart its quotation marks, for one input and in a batch.
smart_marks_follow_metadata() {
	printf 'Er sagte "ja".\n' >"$TMP/smart-de.txt" &&
		"$STENO" --smart --metadata language=de "$TMP/smart-de.txt" | grep -q '„ja“' &&
		"$STENO" "$TMP/smart-de.txt" | grep -q '"ja"' &&
		rm -rf "$TMP/smart-out" &&
		"$STENO" --smart --metadata language=de -t html -o "$TMP/smart-out/" "$TMP/smart-de.txt" \
			"$SAMPLE" 2>/dev/null &&
		grep -q '„ja“' "$TMP/smart-out/smart-de.html"
}

# The page title is the title EPUB and ZIP give: the first heading's
# text, escaped as text, with its quotation marks.
html_title_plain() {
	printf '# Today'"'"'s "x" <a>\n\ntext\n' |
		"$STENO" -f markdown -s --passes=-quotes | grep -qx '<title>Today'"'"'s "x" </title>'
}

run_cli() {
	check "--version prints the version" sh -c "'$STENO' --version | grep -qx 'steno [0-9.]*'"
	check "--list-formats lists the registry" list_formats
	check "--list-formats=json: every format, every member, typed" list_formats_json
	check "--list-formats=yaml: exit 2, the value named" list_formats_bad_style
	check "html: a language that is not a tag is left out" html_language
	check "html: the page title is the heading's plain text" html_title_plain
	check "--smart: quotation marks of the --metadata language, single and batch" smart_marks_follow_metadata
	check "options documented in --help, steno.1 and README.md" options_documented
	check "every format name, alias and extension in README.md and steno.1" formats_documented
	check "man page renders without warnings" man_page_renders
	check "unknown input format: exit 2" exits_with 2 "$STENO" -f klingon "$SAMPLE"
	check "unknown output format: exit 2" exits_with 2 "$STENO" -t klingon "$SAMPLE"
	check "unwritable format named: exit 2" exits_with 2 "$STENO" -f html "$SAMPLE"
	check "bad option: exit 2" exits_with 2 "$STENO" --no-such-option
	check "bad --metadata: exit 2" exits_with 2 "$STENO" --metadata novalue "$SAMPLE"
	check "--passes with an unknown name: exit 2, the name and the passes told" unknown_pass_named
	check "missing input: exit 1" exits_with 1 "$STENO" "$TMP/missing.txt"
	check "missing input named in the error" stderr_has "missing.txt: cannot open"
	"$STENO" "$TMP/missing.txt" -o "$TMP/never.html" 2>/dev/null
	check "missing input: no output file" no_file "$TMP/never.html"
	check "unknown --encoding: exit 1" exits_with 1 "$STENO" --encoding no-such-encoding "$SAMPLE"
	check "disk full: exit 3" exits_with 3 "$STENO" "$SAMPLE" -o /dev/full
	check "disk full on stdout: exit 3" exits_with 3 sh -c "'$STENO' '$SAMPLE' >/dev/full"
	check "output folder missing: exit 3" exits_with 3 "$STENO" "$SAMPLE" -o "$TMP/no/dir/out.html"
	check "a failed conversion leaves the old output alone" failed_conversion_keeps_old_output
	check "output replaced whole, no temporary left" output_replaced_whole
	check "stdin to stdout, - for both" stdin_stdout
	check "format from the output name" format_from_output_name
	check "gzip output and input" gzip_roundtrip
	check "corrupt gzip input: exit 1" exits_with 1 sh -c "head -c 40 '$TMP/in.txt.gz' | '$STENO'"
	check "--metadata overrides the source" metadata_overrides
	check "several inputs read as one" several_inputs_joined
	check "several gzip inputs each decompressed, read as one" several_gzip_inputs_joined
}
