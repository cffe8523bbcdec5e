# The XML readers: hostile input (each refused with a clear
# "steno: FILE:LINE:COL: message", exit 1 and no output file), and the
# TEI and Transcriber samples of the shared corpus, when it is there:
# structure (speakers, turns, times) and every word kept.

# refused NAME 'MESSAGE': NAME (in $TMP/xml) fails with exit 1, the
# message on stderr, and -o leaves no file behind.
refused() {
	f=$TMP/xml/$1
	rm -f "$TMP/xml/out.html"
	"$STENO" "$f" -o "$TMP/xml/out.html" >/dev/null 2>"$TMP/xml/err"
	code=$?
	[ "$code" -eq 1 ] || { echo "exit $code, want 1"; cat "$TMP/xml/err"; return 1; }
	grep -q -- "^steno: $f:[0-9]*:[0-9]*: $2" "$TMP/xml/err" ||
		{ echo "stderr lacks '$2':"; cat "$TMP/xml/err"; return 1; }
	[ ! -e "$TMP/xml/out.html" ] || { echo "an output file was left"; return 1; }
	[ "$(find "$TMP/xml" -name 'out.html*' | wc -l)" -eq 0 ] || { echo "a temporary was left"; return 1; }
}

make_hostile() {
	mkdir -p "$TMP/xml"
	python3 - "$TMP/xml" <<'PY'
import gzip, struct, sys
d = sys.argv[1]
def put(name, data):
    open(f"{d}/{name}", "wb").write(data if isinstance(data, bytes) else data.encode())
lol = ['<!ENTITY lol0 "lol">'] + [
    f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in range(1, 10)]
put("laughs.xml", '<?xml version="1.0"?>\n<!DOCTYPE TEI [\n' + "\n".join(lol) +
    '\n]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&lol9;</p></body></text></TEI>\n')
put("passwd.xml", '<?xml version="1.0"?>\n<!DOCTYPE TEI [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n'
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&xxe;</p></body></text></TEI>\n')
put("deep.trs", "<Trans>" + "<Section>" * 5000 + "</Section>" * 5000 + "</Trans>\n")
put("latin1-as-utf8.trs", b'<?xml version="1.0" encoding="UTF-8"?>\n<Trans><Episode>caf\xe9</Episode></Trans>\n')
put("klingon.trs", '<?xml version="1.0" encoding="x-klingon"?>\n<Trans/>\n')
put("truncated.trs", '<?xml version="1.0"?>\n<Trans><Episode><Section type="report">\n<Turn speaker="s1">bonjour')
put("mismatch.xml", '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<text><body><p>one</div></body></text></TEI>\n')
# A gzip member whose trailer declares 2 GiB of XML: the length is not
# trusted, the stream is inflated and the XML found wanting.
body = gzip.compress(b'<?xml version="1.0"?>\n<Trans><Episode>short')
put("declared-2g.trs.gz", body[:-4] + struct.pack("<I", 2**31))
# Real XML that inflates beyond the input bound.
put("inflates.xml.gz", gzip.compress(b"<Trans>" + b" " * (4 << 20) + b"</Trans>"))
put("missing-dtd.trs", '<?xml version="1.0" encoding="ISO-8859-1"?>\n<!DOCTYPE Trans SYSTEM "trans-14.dtd">\n'
    '<Trans><Episode><Section type="report"><Turn><Sync time="0"/>ok</Turn></Section></Episode></Trans>\n')
PY
}

gzip_length_checked() {
	"$STENO" "$TMP/xml/declared-2g.trs.gz" -o "$TMP/xml/out.html" 2>"$TMP/xml/err"
	[ $? -eq 1 ] && grep -q 'corrupt gzip input: incorrect length check' "$TMP/xml/err" &&
		[ ! -e "$TMP/xml/out.html" ]
}

inflate_bounded() {
	"$STENO" --max-input 1M "$TMP/xml/inflates.xml.gz" -o "$TMP/xml/out.html" 2>"$TMP/xml/err"
	[ $? -eq 1 ] && grep -q 'inflates beyond' "$TMP/xml/err" && [ ! -e "$TMP/xml/out.html" ]
}

missing_dtd_ok() {
	"$STENO" -t json "$TMP/xml/missing-dtd.trs" >"$TMP/xml/dtd.json" 2>"$TMP/xml/err" &&
		[ ! -s "$TMP/xml/err" ] && grep -q '"text":"ok"' "$TMP/xml/dtd.json"
}

# A named file streams, standard input is read whole: the same JSON,
# even when the root element comes after a prolog longer than what is
# read to recognise the input, and the text spans many chunks.
streamed_as_whole() {
	python3 - "$TMP/xml/long-prolog.xml" <<'PY'
import sys
with open(sys.argv[1], "w", encoding="latin-1") as f:
    f.write('<?xml version="1.0" encoding="ISO-8859-1"?>\n<!-- ' + "prolog " * 20000 + '-->\n')
    f.write('<Trans><Episode><Section type="report">\n')
    for i in range(40000):
        f.write(f'<Turn speaker="s{i % 3}" startTime="{i}" endTime="{i + 1}"><Sync time="{i}"/>caf\xe9 {i}</Turn>\n')
    f.write('</Section></Episode></Trans>\n')
PY
	"$STENO" -t json "$TMP/xml/long-prolog.xml" >"$TMP/xml/file.json" &&
		"$STENO" -f xml -t json <"$TMP/xml/long-prolog.xml" >"$TMP/xml/stdin.json" &&
		cmp -s "$TMP/xml/file.json" "$TMP/xml/stdin.json" && grep -q '"café 39999"' "$TMP/xml/file.json"
}

# ISO-8859-1 is decoded by steno when the declaration names it, in any
# of the spellings XML allows, else by libxml2: the text reads the same
# whoever decodes it, and as it would from UTF-8.
latin1_read_alike() {
	python3 - "$TMP/xml" <<'PY'
import sys
body = '<Trans><Episode><Section type="report"><Turn speaker="s1"><Sync time="0"/>d\xe9bat na\xefve \xd6sterreich</Turn></Section></Episode></Trans>\n'
decls = {"utf8": ('<?xml version="1.0" encoding="UTF-8"?>', "utf-8"),
         "plain": ('<?xml version="1.0" encoding="ISO-8859-1"?>', "latin-1"),
         "spelled": ("<?xml version='1.0' encoding = 'iso-8859-1' ?>", "latin-1"),
         "alias": ('<?xml version="1.0" encoding="latin1"?>', "latin-1")}
for name, (decl, enc) in decls.items():
    open(f"{sys.argv[1]}/enc-{name}.trs", "wb").write((decl + "\n" + body).encode(enc))
PY
	"$STENO" -t json "$TMP/xml/enc-utf8.trs" >"$TMP/xml/enc-utf8.json" || return 1
	grep -q 'débat naïve Österreich' "$TMP/xml/enc-utf8.json" || return 1
	for name in plain spelled alias; do
		"$STENO" -t json "$TMP/xml/enc-$name.trs" | cmp -s - "$TMP/xml/enc-utf8.json" ||
			{ echo "enc-$name.trs reads differently"; return 1; }
	done
}

run_hostile() {
	make_hostile
	check "XML: billion laughs refused" refused laughs.xml 'entity references nest or expand too far'
	check "XML: external entity to /etc/passwd refused" refused passwd.xml "external entity 'xxe' refused"
	check "XML: deep nesting refused" refused deep.trs 'elements nested deeper than 200'
	check "XML: Latin-1 declared as UTF-8 refused" refused latin1-as-utf8.trs 'Input is not proper UTF-8'
	check "XML: unknown encoding refused" refused klingon.trs 'Unsupported encoding x-klingon'
	check "XML: truncated file refused" refused truncated.trs 'premature end of data in <Turn>'
	check "XML: mismatched tags refused" refused mismatch.xml 'Opening and ending tag mismatch: p'
	check "XML: 2 GiB declared gzip length refused" gzip_length_checked
	check "XML: gzip inflating beyond --max-input refused" inflate_bounded
	check "XML: a DOCTYPE naming a missing DTD is fine" missing_dtd_ok
	check "XML: a streamed file converts as one read whole" streamed_as_whole
	check "XML: Latin-1 reads alike however it is declared" latin1_read_alike
}

# corpus_case FILE SPEAKERS TURNS FIRST_START: converts, keeps every word,
# and has the speakers, turns and first turn start (ms, or - for none);
# no turn ends before it starts, and a turn inside a turn (a speaker's
# part of a turn of several) lies within it.
corpus_case() {
	f=$1
	out=$TMP/xml/corpus.json
	"$STENO" -f xml -t json "$f" >"$out" 2>"$TMP/xml/err" || { cat "$TMP/xml/err"; return 1; }
	python3 "$HERE/lib/words.py" --xml "$f" "$out" || return 1
	python3 - "$out" "$2" "$3" "$4" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
turns, stack = [], [(n, None) for n in doc["children"]]
while stack:
    n, holder = stack.pop(0)
    if n.get("type") == "turn":
        turns.append(n)
        start, end = n.get("start"), n.get("end")
        assert start is None or end is None or start <= end, f"turn from {start} to {end}"
        if holder:
            for t in (start, end):
                assert t is None or holder.get("start", t) <= t <= holder.get("end", t), \
                    f"a part from {start} to {end} of a turn from {holder.get('start')} to {holder.get('end')}"
        holder = n
    stack[:0] = [(c, holder) for c in n.get("children", [])]
got = (len(doc["speakers"]), len(turns), str(turns[0].get("start", "-")) if turns else "-")
want = (int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
assert got == want, f"speakers, turns, first start: got {got}, want {want}"
assert all(s.get("name") for s in doc["speakers"]), "a speaker without a name"
PY
}

run_xml_corpus() {
	if [ ! -d "$SHARED/tei" ] || [ ! -d "$SHARED/trs" ]; then
		skip "XML samples of the shared corpus not found at $SHARED"
		return
	fi
	while read -r name speakers turns start; do
		check "corpus $name: structure and every word" corpus_case "$SHARED/$name" "$speakers" "$turns" "$start"
	done <<'EOF'
tei/EXMARaLDA-Beckhams.xml 3 48 0
tei/Parla-CLARIN-Exemplar.xml 4 7 -
tei/ParlaMint-AT_1996-01-15-020-XX-NRSITZ-00002.xml 2 7 -
tei/ParlaMint-AT_2020-04-22-027-XXVII-NRSITZ-00025.xml 6 17 -
tei/ParlaMint-ES-GA.xml 0 0 -
tei/ParlaMint-ES-GA_2015-06-22-DSPG114.xml 6 31 -
tei/ParlaMint-GB_2020-02-12-lords.xml 4 4 -
tei/ParlaMint-SK_1996-06-25-t1m16s1.xml 7 14 -
tei/ParlaMint-TR_T27-tbmm-2018-07-07.xml 17 779 -
tei/TEIC-Stylesheets-test.xml 3 9 -
tei/TEIC-Stylesheets-test20.xml 1 1 -
tei/TEIC-Stylesheets-testtranscr.xml 0 0 -
tei/fraktionsprotokolle-tei-v2-spd-07wp-1973-03-22_TB.xml 8 20 -
tei/fraktionsprotokolle-tei-v2-spd-07wp-1975-01-21_TB_k_Pressedoku_DrucksacheAbgHausBerlin.xml 34 100 -
tei/siParl-KPZONOJFSPD-Redna-021-1998-11-25.xml 4 9 -
tei/teicorpo-short.tei_corpo.xml 2 4 835
trs/SPPAS-20000410_0930_1030_rfi_fm_dga.trs 32 230 0
trs/teicorpo-Conversation_MAT_08.trs 2 176 0
trs/teicorpo-DOC_FR_2020_CHOIX_5.trs 5 48 2750
trs/teicorpo-test1.trs 1 1 0
EOF
	check "corpus TEIC-Stylesheets-testrend.xml: malformed, refused at 26:15" \
		sh -c "'$STENO' '$SHARED/tei/TEIC-Stylesheets-testrend.xml' 2>&1 >/dev/null | grep -q ':26:15: Opening and ending tag mismatch'"
	check "corpus TEIC-Stylesheets-testrend.xml: --recover reads the body" \
		sh -c "'$STENO' --recover -t json '$SHARED/tei/TEIC-Stylesheets-testrend.xml' 2>/dev/null | grep -q 'rendition'"
	for f in "$SHARED"/trs/*.exb "$SHARED"/trs/*.eaf; do
		[ -f "$f" ] || continue
		check "corpus ${f##*/}: other XML kept as text, with a warning" sh -c \
			"'$STENO' -f xml -t json '$f' 2>'$TMP/xml/err' >'$TMP/xml/o.json' && grep -q 'unknown XML vocabulary' '$TMP/xml/err' && python3 '$HERE/lib/words.py' --xml '$f' '$TMP/xml/o.json'"
	done
}

# An attribute's &amp; is an ampersand in the tree, in every XML
# reader (libxml2 hands it over as "&#38;" without entity substitution).
xml_attr_ampersand() {
	printf '<?xml version="1.0"?>\n<Trans><Speakers><Speaker id="s1" name="Smith &amp; Sons &#38; Co &amp;#38;"/></Speakers><Episode><Section type="report" startTime="0" endTime="5"><Turn speaker="s1" startTime="0" endTime="5"><Sync time="0"/>A &amp; B.</Turn></Section></Episode></Trans>\n' >"$TMP/amp.trs" &&
		"$STENO" -t json "$TMP/amp.trs" | grep -q '"name":"Smith & Sons & Co &#38;"' &&
		printf '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p rend="bold &amp; red">x</p></body></text></TEI>\n' >"$TMP/amp.tei" &&
		"$STENO" -t json "$TMP/amp.tei" | grep -q '"rend":"bold & red"'
}

run_xml() {
	run_hostile
	run_xml_corpus
	check "an attribute's &amp; is an ampersand (trs, tei)" xml_attr_ampersand
}
