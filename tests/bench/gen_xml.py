#!/usr/bin/env python3
"""Write a generated TEI (ParlaMint style) or Transcriber file of about
BYTES bytes, for tests/bench/xml.sh.

    python3 gen_xml.py tei|trs BYTES OUTPUT

Seeded, so every run and machine gets the same bytes.  The TEI has an
xml:id on every utterance and segment, as ParlaMint has (what slows
libxml2's default handlers down), speaker notes, kinesic and vocal
events with descriptions, page breaks and names; the Transcriber file is
ISO-8859-1 with Sync, Event, Comment and overlapping Who turns.
"""
import random
import sys

WORDS = ("the government parliament minister question budget colleague proposal "
         "committee report amendment decision support vote member public health "
         "school road tax law président député débat réponse économie région "
         "Ljubljana Österreich naïve façade").split()


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def tei(rng, size, out):
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0" '
              'xml:id="Bench" xml:lang="en">\n<teiHeader><fileDesc><titleStmt>'
              '<title type="main">Bench sitting</title></titleStmt></fileDesc>'
              '<profileDesc><particDesc><listPerson>\n')
    for p in range(40):
        out.write(f'<person xml:id="P{p}"><persName><forename>F{p}</forename>'
                  f'<surname>S{p}</surname></persName></person>\n')
    out.write('</listPerson></particDesc></profileDesc></teiHeader>\n<text><body>'
              '<div type="debateSection">\n')
    u = 0
    while out.tell() < size - 200:
        u += 1
        p = rng.randrange(40)
        out.write(f'<note type="speaker">Member F{p} S{p}:</note>\n'
                  f'<u who="#P{p}" xml:id="Bench.u{u}" ana="#regular">\n')
        for s in range(rng.randrange(1, 6)):
            out.write(f'<seg xml:id="Bench.u{u}.s{s}">{sentence(rng, rng.randrange(8, 40))}')
            if rng.random() < 0.2:
                out.write(f' <name type="org">Committee {rng.randrange(9)}</name> agreed.')
            if rng.random() < 0.1:
                out.write(f'<pb n="{u}"/>')
            out.write('</seg>\n')
            if rng.random() < 0.15:
                out.write('<kinesic type="applause"><desc>Applause.</desc></kinesic>\n')
            if rng.random() < 0.05:
                out.write('<vocal type="interruption"><desc>Interjection: No!</desc></vocal>\n')
        out.write('</u>\n')
    out.write('</div></body></text></TEI>\n')


def trs(rng, size, out):
    out.write('<?xml version="1.0" encoding="ISO-8859-1"?>\n<!DOCTYPE Trans SYSTEM "trans-14.dtd">\n'
              '<Trans scribe="bench" audio_filename="bench" version="1">\n<Speakers>\n')
    for p in range(20):
        out.write(f'<Speaker id="spk{p}" name="Speaker {p}" type="male" dialect="native"/>\n')
    out.write('</Speakers>\n<Episode>\n<Section type="report" startTime="0" endTime="0">\n')
    t = 0.0
    while out.tell() < size - 200:
        a, b = rng.randrange(20), rng.randrange(20)
        start = t
        overlap = rng.random() < 0.1
        out.write(f'<Turn speaker="spk{a}{" spk%d" % b if overlap else ""}" '
                  f'startTime="{start:.3f}" endTime="{start + 9:.3f}">\n')
        for k in range(rng.randrange(1, 5)):
            t += rng.random() * 3
            out.write(f'<Sync time="{t:.3f}"/>\n')
            if overlap:
                out.write(f'<Who nb="{k % 2 + 1}"/>\n')
            out.write(sentence(rng, rng.randrange(5, 30)).lower() + "\n")
            if rng.random() < 0.2:
                out.write('<Event desc="rire" type="noise" extent="instantaneous"/>\n')
            if rng.random() < 0.05:
                out.write('<Comment desc="bruit de fond"/>\n')
        out.write('</Turn>\n')
        t += 1
    out.write('</Section>\n</Episode>\n</Trans>\n')


def main():
    kind, size, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    rng = random.Random(5)
    enc = "utf-8" if kind == "tei" else "latin-1"
    with open(path, "w", encoding=enc, newline="\n") as out:
        (tei if kind == "tei" else trs)(rng, size, out)


if __name__ == "__main__":
    main()
