# The source tree's layers: includes run one way, core <- passes, xml,
# archive <- formats <- src (registry, API) <- cli, and the command uses
# the public header alone.  A file may include its own folder's headers
# and those of lower layers, never a sibling layer's or a higher one's.

includes_run_one_way() {
	python3 - "$HERE/.." <<'PY'
import os, re, sys
top = sys.argv[1]
def layer(path):  # (rank, folder)
    d = os.path.dirname(path)
    ranks = {"src/core": 0, "src/passes": 1, "src/xml": 1, "src/archive": 1, "src/captions": 1,
             "formats": 2, "src": 3, "cli": 4, "include": -1}
    return ranks[d], d
def resolve(name, src):
    for d in (os.path.dirname(src), "src", "formats", "include"):
        p = os.path.normpath(os.path.join(d, name))
        if os.path.isfile(os.path.join(top, p)):
            return p
    return None
bad, seen = [], 0
for folder in ("src", "src/core", "src/passes", "src/xml", "src/archive", "src/captions", "formats", "cli"):
    for f in sorted(os.listdir(os.path.join(top, folder))):
        if not f.endswith((".c", ".h")):
            continue
        path = folder + "/" + f
        rank, own = layer(path)
        for n, line in enumerate(open(os.path.join(top, path), encoding="utf-8"), 1):
            m = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
            if not m:
                continue
            seen += 1
            target = resolve(m.group(1), path)
            if target is None:
                bad.append("%s:%d: %s not found" % (path, n, m.group(1)))
                continue
            trank, tdir = layer(target)
            ok = tdir == own or trank < rank
            if own == "cli":
                ok = tdir in ("cli", "include")
            if not ok:
                bad.append("%s:%d: includes %s, a layer it may not use" % (path, n, target))
assert seen > 50, "only %d includes read" % seen
if bad:
    print("\n".join(bad))
    sys.exit(1)
PY
}

# The test above must be able to fail: a core file that includes a
# format's header is caught.
layer_breach_is_caught() {
	mkdir -p "$TMP/layers/src/core" "$TMP/layers/src/passes" "$TMP/layers/src/xml" \
		"$TMP/layers/src/archive" "$TMP/layers/src/captions" "$TMP/layers/formats" "$TMP/layers/cli" "$TMP/layers/include" \
		"$TMP/layers/tests"
	for d in src src/core src/passes src/xml src/archive src/captions formats cli include; do
		cp "$HERE/../$d"/*.[ch] "$TMP/layers/$d/" 2>/dev/null
	done
	echo '#include "formats.h"' >>"$TMP/layers/src/core/arena.c"
	(HERE="$TMP/layers/tests" includes_run_one_way >"$TMP/layers.out" 2>&1) && return 1
	grep -q '^src/core/arena.c:.*includes formats/formats.h' "$TMP/layers.out"
}

run_layers() {
	check "layers: every #include runs one way, the command uses steno.h alone" includes_run_one_way
	check "layers: a core file including a format's header is caught" layer_breach_is_caught
}
