#!/bin/sh
# The test runner: unit tests, the embedding example, golden cases with
# validators, the command's behaviour, and the shared corpus when it is
# there.  Ends with "N passed, N failed"; exits non-zero on any failure.
#
#   sh tests/run.sh                  every suite
#   sh tests/run.sh SUITE            one suite (the names are in SUITES below)
#   sh tests/run.sh SUITE CASE       the cases of SUITE whose description
#                                    holds CASE (unit: the unit test named CASE)
#
# STENO, UNIT and EXAMPLE name the binaries (make check sets them).
# UPDATE=1 rewrites the golden files from the current output instead of
# comparing: review the diff before committing it.

# The suites, in the order they run: each is run_NAME in tests/lib/.
SUITES="unit example golden cli corpus chat attribution archive xml transcript markdown captions captions_out install
	reliability reliability_batch reliability_limits reliability_xml layers"
SUITE=${1:-}
CASE=${2:-}

STENO=${STENO:-./steno}
UNIT=${UNIT:-tests/unit-tests}
EXAMPLE=${EXAMPLE:-tests/example}
HERE=$(cd "$(dirname "$0")" && pwd)
absolute() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
STENO=$(absolute "$STENO")
UNIT=$(absolute "$UNIT")
EXAMPLE=$(absolute "$EXAMPLE")
SHARED=${SHARED:-$HERE/../../shared/corpus}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM

passed=0
failed=0
skipped=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
skip() { skipped=$((skipped + 1)); echo "skipped: $*"; }
check() { # check DESCRIPTION COMMAND...
	desc=$1; shift
	case $desc in *"$CASE"*) ;; *) return 0 ;; esac
	if "$@" >"$TMP/check.out" 2>&1; then pass; else fail "$desc"; sed 's/^/  /' "$TMP/check.out" | head -20; fi
}

for lib in "$HERE"/lib/*.sh; do
	. "$lib"
done

if [ -n "$SUITE" ]; then
	case " $(echo $SUITES) " in
	*" $SUITE "*) ;;
	*) echo "no suite named $SUITE; the suites: $(echo $SUITES)" >&2; exit 2 ;;
	esac
	"run_$SUITE"
else
	for suite in $SUITES; do
		"run_$suite"
	done
fi

[ "$skipped" -gt 0 ] && echo "$skipped skipped"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
