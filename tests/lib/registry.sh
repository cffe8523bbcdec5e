# What the registry says, for the other test files: asked of
# `steno --list-formats=json`, so a new format's golden cases run and
# its names are looked for in the docs without a list here to update.

# registry QUERY: one word a line.
#   readers  EXT=FORMAT for every extension of a format steno reads
#   writers  every format steno writes that is not an archive
#   words    every name, alias and extension
registry() {
	"$STENO" --list-formats=json >"$TMP/registry.json" || return 1
	python3 - "$TMP/registry.json" "$1" <<'PY'
import json, sys
formats = json.load(open(sys.argv[1]))
query = sys.argv[2]
for f in formats:
    if query == "readers" and f["reads"]:
        for ext in f["extensions"]:
            print(ext + "=" + f["name"])
    elif query == "writers" and f["writes"] and not f["archive"]:
        print(f["name"])
    elif query == "words":
        print("\n".join([f["name"]] + f["aliases"] + f["extensions"]))
PY
}

# READERS and WRITERS: `registry readers` and `registry writers`, once
# for the many questions below.
registry_load() {
	READERS=$(registry readers) && WRITERS=$(registry writers) &&
		[ -n "$READERS" ] && [ -n "$WRITERS" ] || { fail "steno --list-formats=json"; return 1; }
}

# input_format FILE: the readable format FILE's extension names (a .gz
# after it skipped), or nothing.
input_format() {
	name=${1%.gz}
	for pair in $READERS; do
		case $name in *"${pair%%=*}") echo "${pair#*=}"; return ;; esac
	done
}

# golden_inputs: every file in $GOLDEN that a reader takes, by name.
golden_inputs() {
	for input in "$GOLDEN"/*; do
		[ -f "$input" ] && [ -n "$(input_format "$input")" ] && echo "$input"
	done
}
