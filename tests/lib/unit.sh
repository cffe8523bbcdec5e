# Unit tests (tests/unit/*.c) and the README's embedding example.

run_unit() {
	# shellcheck disable=SC2086 # CASE, when set, is one test name
	if "$UNIT" $CASE >"$TMP/unit.out" 2>&1; then :; else cat "$TMP/unit.out"; fi
	line=$(grep '^unit: ' "$TMP/unit.out")
	if [ -z "$line" ]; then
		fail "unit tests did not finish"
		cat "$TMP/unit.out"
		return
	fi
	up=$(echo "$line" | sed 's/unit: \([0-9]*\) passed.*/\1/')
	uf=$(echo "$line" | sed 's/.* \([0-9]*\) failed/\1/')
	passed=$((passed + up))
	failed=$((failed + uf))
	[ "$uf" -gt 0 ] && echo "FAIL: $uf unit checks"
	return 0
}

example_ok() { # example_ok [PROGRAM]: the example, or a program built from it
	"${1:-$EXAMPLE}" >"$TMP/example.out" || return 1
	head -1 "$TMP/example.out" | grep -qx '2 paragraphs' || return 1
	tail -n +2 "$TMP/example.out" | python3 -m json.tool >/dev/null
}

run_example() {
	check "embedding example runs and prints valid JSON" example_ok
}
