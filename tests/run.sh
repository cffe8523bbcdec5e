#!/bin/sh
# The test runner: unit tests, the embedding example, golden cases with
# validators, the command's behaviour, and the shared corpus when it is
# there.  Ends with "N passed, N failed"; exits non-zero on any failure.
#
# STENO, UNIT and EXAMPLE name the binaries (make check sets them).
# UPDATE=1 rewrites the golden files from the current output instead of
# comparing: review the diff before committing it.

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
	if "$@" >"$TMP/check.out" 2>&1; then pass; else fail "$desc"; sed 's/^/  /' "$TMP/check.out" | head -20; fi
}

. "$HERE/lib/registry.sh"
. "$HERE/lib/unit.sh"
. "$HERE/lib/golden.sh"
. "$HERE/lib/cli.sh"
. "$HERE/lib/corpus.sh"
. "$HERE/lib/archive.sh"
. "$HERE/lib/xml.sh"
. "$HERE/lib/transcript.sh"
. "$HERE/lib/markdown.sh"
. "$HERE/lib/install.sh"
. "$HERE/lib/reliability.sh"
. "$HERE/lib/reliability_batch.sh"
. "$HERE/lib/reliability_limits.sh"
. "$HERE/lib/reliability_xml.sh"
. "$HERE/lib/layers.sh"

run_unit
run_example
run_golden
run_cli
run_corpus
run_archive
run_xml
run_transcript
run_markdown
run_install
run_reliability
run_reliability_batch
run_reliability_limits
run_reliability_xml
run_layers

[ "$skipped" -gt 0 ] && echo "$skipped skipped"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
