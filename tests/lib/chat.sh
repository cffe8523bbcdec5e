# CHAT transcripts (formats/chat.md): the shared corpus's .cha files
# convert to HTML that parses as XML and to JSON in which every word of
# every tier is kept in order, the speakers are the participants and the
# times the media bullets.  Reported as skipped where the corpus is
# absent.  The reader's own cases are golden (tests/golden/cha-*);
# hostile inputs here must convert in linear time (a quadratic step
# would take minutes under `timeout 30`).

# chat_hostile SHAPE: a large CHAT input of that shape into $TMP/chat-SHAPE.cha.
chat_hostile() {
	python3 - "$TMP/chat-$1.cha" "$1" <<'PY'
import sys
path, shape = sys.argv[1], sys.argv[2]
N = "\x15"
head = "@UTF8\n@Begin\n@Participants:\tCHI Target_Child, MOT Mother\n"
if shape == "utterances":  # 200 000 utterances and their tiers
    body = "".join(f"*{'CHI' if i % 3 else 'MOT'}:\tword {i} . {N}{i}_{i + 1}{N}\n%mor:\tn|word .\n"
                   for i in range(200000))
elif shape == "repeats":  # one header 100 000 times, then 100 000 others
    body = "@Comment:\tagain\n" * 100000 + "".join(f"@Key {i}:\tv\n" for i in range(100000))
elif shape == "speakers":  # 100 000 participants, @IDs, and speakers none declares
    body = ("@Participants:\t" + ", ".join(f"P{i} Name{i} Role" for i in range(100000)) + "\n" +
            "".join(f"@ID:\teng|c|P{i}|1;|||||||\n" for i in range(100000)) +
            "".join(f"*U{i}:\thi .\n" for i in range(100000)))
elif shape == "bullets":  # one utterance of 300 000 bullets, then one never closed
    body = "*CHI:\t" + f"a {N}1_2{N} " * 300000 + "\n*CHI:\t" + f"{N}x " * 300000 + "\n"
elif shape == "continuations":  # 200 000 continuation lines, and a line of 2 MB with no colon
    body = "*CHI:\tstart\n" + "\tmore words\n" * 200000 + "*" + "x" * 2000000 + "\n"
else:
    sys.exit("no shape " + shape)
open(path, "w").write(head + body + "@End\n")
PY
}

chat_linear() { # SHAPE
	chat_hostile "$1" &&
		timeout 30 "$STENO" -t json "$TMP/chat-$1.cha" >"$TMP/chat-$1.json" 2>"$TMP/chat-$1.err" &&
		timeout 30 "$STENO" -t html "$TMP/chat-$1.cha" >"$TMP/chat-$1.html" 2>>"$TMP/chat-$1.err" &&
		valid_json "$TMP/chat-$1.json"
}

# The fuzz harness's seeds and kept corpus (its first byte is the
# harness's options, here part of the text), each a document of its own
# in one batch: under check-asan, the sanitizers see every one.
chat_fuzz_inputs() {
	mkdir -p "$TMP/chat-fuzz" &&
		"$STENO" -f chat -j 1 -t json -o "$TMP/chat-fuzz/" \
			"$HERE"/../fuzz/seeds/chat/* "$HERE"/../fuzz/corpus/chat/* 2>"$TMP/chat-fuzz.err"
}

run_chat() {
	for shape in utterances repeats speakers bullets continuations; do
		check "chat: hostile $shape convert in linear time" chat_linear "$shape"
	done
	check "chat: the fuzz seeds and corpus convert" chat_fuzz_inputs
	if [ ! -d "$SHARED/text" ]; then
		skip "shared corpus not found at $SHARED (CHAT)"
		return
	fi
	found=
	for f in "$SHARED"/text/*.cha; do
		[ -f "$f" ] || continue
		found=1
		name=chat-${f##*/}
		"$STENO" -t html "$f" >"$TMP/$name.html" 2>"$TMP/$name.err"
		check "$name: converts to HTML" test $? -eq 0
		check "$name: HTML is well-formed XML" valid_xml "$TMP/$name.html"
		"$STENO" -t json "$f" >"$TMP/$name.json" 2>>"$TMP/$name.err"
		check "$name: JSON is valid" valid_json "$TMP/$name.json"
		check "$name: every tier's words in order, speakers the participants, times the bullets" \
			python3 "$HERE/lib/chat_words.py" --times --speakers "$f" "$TMP/$name.json"
		check "$name: no warning" test ! -s "$TMP/$name.err"
		# saved as .txt, or piped in: the plain-text reader hands it over
		"$STENO" -t json <"$f" >"$TMP/$name.stdin.json" 2>/dev/null
		check "$name: read as CHAT from standard input too" \
			cmp -s "$TMP/$name.json" "$TMP/$name.stdin.json"
	done
	[ -n "$found" ] || skip "no .cha file in $SHARED/text"
}
