# The command's files under stress, one test per finding of the
# reliability probe.

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
