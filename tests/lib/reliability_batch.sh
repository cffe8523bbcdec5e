# The command's files under stress, one test per finding of the
# reliability probe: symbolic links met by -r, signals during a
# conversion, and what replacing an output keeps.

# outputs_are FOLDER NAME...: FOLDER holds exactly these files (paths
# below it, in any order).
outputs_are() {
	dir=$1; shift
	got=$(cd "$dir" && find . -type f | sed 's|^\./||' | sort | tr '\n' ' ')
	want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
	[ "$got" = "$want" ] || { echo "outputs: $got"; echo "wanted:  $want"; return 1; }
}

# A fresh tree $TMP/NAME with a.txt and sub/b.txt; its outputs go to
# $TMP/NAME.out/.
small_tree() {
	rm -rf "$TMP/$1" "$TMP/$1.out" && mkdir -p "$TMP/$1/sub" &&
		echo 'First file.' >"$TMP/$1/a.txt" && echo 'Second file.' >"$TMP/$1/sub/b.txt"
}

# steno -r over $TMP/NAME into $TMP/NAME.out/, stopped after 10 s;
# further arguments are options.
convert_tree() {
	name=$1; shift
	timeout 10 "$STENO" -r -t json "$@" -o "$TMP/$name.out/" "$TMP/$name" 2>"$TMP/cli.err"
}

loop_to_dot_converts_once() {
	small_tree rb-dot && ln -s . "$TMP/rb-dot/again" &&
		convert_tree rb-dot "$@" && outputs_are "$TMP/rb-dot.out" a.json sub/b.json
}

two_loops_end_quickly() {
	small_tree rb-loops && ln -s . "$TMP/rb-loops/again" && ln -s .. "$TMP/rb-loops/sub/up" &&
		convert_tree rb-loops "$@" && outputs_are "$TMP/rb-loops.out" a.json sub/b.json
}

# Links to a folder and to a file outside the tree are passed over, with
# a warning naming them.
links_out_of_the_tree_not_followed() {
	small_tree rb-out && rm -rf "$TMP/rb-elsewhere" && mkdir "$TMP/rb-elsewhere" &&
		echo 'Not in the tree.' >"$TMP/rb-elsewhere/x.txt" &&
		ln -s ../rb-elsewhere "$TMP/rb-out/away" && ln -s ../rb-elsewhere/x.txt "$TMP/rb-out/far.txt" &&
		convert_tree rb-out "$@" && outputs_are "$TMP/rb-out.out" a.json sub/b.json &&
		stderr_has 'rb-out/away: warning: ' && stderr_has 'rb-out/far.txt: warning: '
}

# A link to a file of the tree is converted under the link's name; one
# to a file outside is not.
file_links_converted_inside_the_tree_only() {
	small_tree rb-files && rm -rf "$TMP/rb-far" && mkdir "$TMP/rb-far" &&
		echo 'Not in the tree.' >"$TMP/rb-far/x.txt" &&
		ln -s a.txt "$TMP/rb-files/latest.txt" && ln -s ../../rb-far/x.txt "$TMP/rb-files/sub/far.txt" &&
		convert_tree rb-files && outputs_are "$TMP/rb-files.out" a.json latest.json sub/b.json &&
		stderr_has 'sub/far.txt: warning: '
}

# .store is reached only through the two links: it is walked once, under
# the first; sub is walked as itself, so the link to it adds nothing.
follow_links_inside_the_tree_once() {
	small_tree rb-in && mkdir "$TMP/rb-in/.store" && echo 'Stored.' >"$TMP/rb-in/.store/x.txt" &&
		ln -s .store "$TMP/rb-in/one" && ln -s .store "$TMP/rb-in/two" &&
		ln -s sub "$TMP/rb-in/alias" &&
		convert_tree rb-in && outputs_are "$TMP/rb-in.out" a.json sub/b.json &&
		stderr_has 'rb-in/one: warning: ' &&
		convert_tree rb-in --follow-symlinks &&
		outputs_are "$TMP/rb-in.out" a.json one/x.json sub/b.json
}

# signal_leaves_nothing SIGNAL: a ZIP's output file exists from before
# its first input is read, so an input that is a FIFO held open keeps
# the conversion in progress for as long as the test likes.
signal_leaves_nothing() {
	python3 - "$STENO" "$TMP" "$1" <<'PY'
import os, signal, stat, subprocess, sys, time
steno, tmp, name = sys.argv[1:]
sig = getattr(signal, name)
if sig != signal.SIGKILL:  # a background run ignores SIGINT, nohup SIGHUP
    signal.signal(sig, signal.SIG_DFL)
d = os.path.join(tmp, "rb-signal-" + name)
os.mkdir(d)
with open(os.path.join(d, "first.txt"), "w") as f:
    f.write("Q: Ready?\n\nA: Yes.\n")
fifo = os.path.join(d, "held.txt")
os.mkfifo(fifo)
out = os.path.join(d, "out.zip")
with open(out, "wb") as f:
    f.write(b"old output")
os.chmod(out, 0o640)
before = sorted(os.listdir(d))
p = subprocess.Popen([steno, "-j", "1", "-t", "zip", os.path.join(d, "first.txt"), fifo,
                      "-o", out], stderr=subprocess.DEVNULL)
deadline = time.monotonic() + 20
while True:  # opening the FIFO succeeds once steno reads it
    try:
        w = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        break
    except OSError:
        assert p.poll() is None, "steno ended before reading the FIFO: %s" % p.returncode
        assert time.monotonic() < deadline, "steno never opened the FIFO"
        time.sleep(0.01)
os.write(w, b"Half a sentence")
p.send_signal(sig)
rc = p.wait(timeout=20)
os.close(w)
assert rc == -sig, "exit status %s, not the signal's" % rc
assert sorted(os.listdir(d)) == before, sorted(os.listdir(d))
with open(out, "rb") as f:
    assert f.read() == b"old output"
assert stat.S_IMODE(os.stat(out).st_mode) == 0o640
PY
}

# Files without a name: only where the scratch folder's file system has
# them does even SIGKILL leave nothing.
unnamed_files_supported() {
	python3 -c 'import os, sys; os.close(os.open(sys.argv[1], os.O_TMPFILE | os.O_WRONLY, 0o600))' \
		"$TMP" 2>/dev/null
}

# replaced_mode MODE: an output of MODE keeps it.
replaced_keeps_mode() {
	echo old >"$TMP/rb-mode.html" && chmod "$1" "$TMP/rb-mode.html" &&
		(umask 022 && "$STENO" "$SAMPLE" -o "$TMP/rb-mode.html") &&
		[ "$(stat -c %a "$TMP/rb-mode.html")" = "$1" ] && ! grep -qx old "$TMP/rb-mode.html"
}

new_output_gets_umask_mode() {
	rm -f "$TMP/rb-new.html" "$TMP/rb-new-folder/press-briefing.html" &&
		(umask 027 && "$STENO" "$SAMPLE" -o "$TMP/rb-new.html" &&
			"$STENO" "$SAMPLE" -o "$TMP/rb-new-folder/") &&
		[ "$(stat -c %a "$TMP/rb-new.html")" = 640 ] &&
		[ "$(stat -c %a "$TMP/rb-new-folder/press-briefing.html")" = 640 ]
}

replaced_keeps_owner() {
	echo old >"$TMP/rb-owner.html" && chown 65534:65534 "$TMP/rb-owner.html" &&
		"$STENO" "$SAMPLE" -o "$TMP/rb-owner.html" &&
		[ "$(stat -c %u:%g "$TMP/rb-owner.html")" = 65534:65534 ]
}

# The name given is replaced, as by mv: the link becomes a file with
# the permissions of the file it led to, which keeps its old content.
symlinked_output_replaced() {
	rm -f "$TMP/rb-target.html" "$TMP/rb-link.html" &&
		echo old >"$TMP/rb-target.html" && chmod 600 "$TMP/rb-target.html" &&
		ln -s rb-target.html "$TMP/rb-link.html" &&
		(umask 022 && "$STENO" "$SAMPLE" -o "$TMP/rb-link.html") &&
		[ ! -L "$TMP/rb-link.html" ] && [ "$(stat -c %a "$TMP/rb-link.html")" = 600 ] &&
		grep -q '<p>' "$TMP/rb-link.html" && grep -qx old "$TMP/rb-target.html"
}

run_reliability_batch() {
	check "-r: a link to . converts each file once" loop_to_dot_converts_once
	check "-r --follow-symlinks: a link to . converts each file once" \
		loop_to_dot_converts_once --follow-symlinks
	check "-r: two loops end quickly, each file converted once" two_loops_end_quickly
	check "-r --follow-symlinks: two loops end quickly, each file converted once" \
		two_loops_end_quickly --follow-symlinks
	check "-r: links out of the tree are not followed" links_out_of_the_tree_not_followed
	check "-r --follow-symlinks: links out of the tree are not followed" \
		links_out_of_the_tree_not_followed --follow-symlinks
	check "-r: a link to a file is converted inside the tree only" \
		file_links_converted_inside_the_tree_only
	check "--follow-symlinks follows a link to a folder inside the tree, once" \
		follow_links_inside_the_tree_once
	for sig in SIGTERM SIGINT SIGHUP; do
		check "$sig during a conversion leaves no file and the old output" \
			signal_leaves_nothing "$sig"
	done
	if unnamed_files_supported; then
		check "SIGKILL during a conversion leaves no file and the old output" \
			signal_leaves_nothing SIGKILL
	else
		skip "no O_TMPFILE in $TMP: SIGKILL during a conversion"
	fi
	check "a replaced 0600 output stays 0600" replaced_keeps_mode 600
	check "a replaced 0640 output stays 0640" replaced_keeps_mode 640
	check "a new output gets 0666 less the umask" new_output_gets_umask_mode
	if [ "$(id -u)" -eq 0 ]; then
		check "as root, a replaced output keeps its owner and group" replaced_keeps_owner
	else
		skip "not root: a replaced output keeps its owner"
	fi
	check "a symlink named as output is replaced, its target untouched" symlinked_output_replaced
}
