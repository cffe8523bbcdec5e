#!/usr/bin/env python3
"""Write a synthetic plain-text transcript of exactly SIZE bytes to OUT.

    python3 gen.py SIZE OUT

The same SIZE always gives the same bytes (the generator is seeded), so
timings from different runs and machines read the same input.  The text
imitates what steno meets in practice: a `Key: value` header and a title,
then sessions of speaker-labelled paragraphs in the press-briefing style
("MS. OKAFOR:", "Q:") or the interview style ("Speaker 2 (00:05):"),
mostly one paragraph per line, some hard-wrapped, with stage directions,
timestamps, quotations in straight and curly marks and accented names.
"""

import itertools
import random
import sys

SEED = 20261129
WRAP = 72

WORDS = """the a to of and in that is for on it we with as this be are have
not at by from they was will our about but you an there which more been has
their can all would if so what very people one were also other time when who
some into them these its year years new now only just over think those then
than because very well know said first government country minister question
week support work security agreement talks position point issue process
report committee council region border trade market economy budget policy
ministry delegation partners meeting statement sanctions ceasefire election
vote parliament court law reform measures inflation rates energy supply
climate agriculture ports shipping harbour ferry inspection schedule
negotiations understand believe expect continue remain important clear
already again still further whether however indeed certainly perhaps
obviously frankly today tomorrow yesterday morning afternoon evening
don't it's we're they've I'd that's won't can't there's let's we'll
""".split()

NAMES = ["OKAFOR", "DUBOIS", "GARCÍA", "NØRGAARD", "ŞAHİN", "MÜLLER",
         "BRONTË", "WRÓBEL", "NAKAMURA", "O'BRIEN", "CHÁVEZ", "LEFÈVRE",
         "SØRENSEN", "KOVAČ", "ÅSTRÖM", "NGUYỄN"]
TITLES = ["MS.", "MR.", "DR.", "AMBASSADOR", "SECRETARY", "SENATOR"]
PLACES = ["Genève", "Kraków", "São Paulo", "Reykjavík", "Zürich", "Ōsaka",
          "Bogotá", "Tromsø", "Montréal", "Nairobi"]
EVENTS = ["[Laughter]", "(Laughter.)", "(Applause)", "[Applause]",
          "[inaudible]", "[crosstalk]", "(Pause.)", "[Music]"]
QUOTES = [('"', '"'), ("\u201c", "\u201d"), ("'", "'"), ("\u2018", "\u2019")]


class Transcript:
    def __init__(self, rng):
        self.rng = rng
        self.seconds = 0

    def sentence(self):
        rng = self.rng
        words = rng.choices(WORDS, k=rng.randint(4, 24))
        if rng.random() < 0.15:
            words[rng.randrange(len(words))] = rng.choice(PLACES)
        if rng.random() < 0.12:
            self.quote(words)
        if len(words) > 10 and rng.random() < 0.4:
            words[rng.randrange(2, len(words) - 2)] += ","
        text = " ".join(words)
        end = "?" if rng.random() < 0.1 else "."
        return text[0].upper() + text[1:] + end

    def quote(self, words):
        """Put a span of words between quotation marks, nested sometimes."""
        rng = self.rng
        i = rng.randrange(len(words))
        j = rng.randrange(i, len(words))
        left, right = rng.choice(QUOTES[:2] if rng.random() < 0.8 else QUOTES)
        words[i] = left + words[i]
        words[j] = words[j] + right
        if j - i >= 3 and rng.random() < 0.3:
            words[i + 1] = "\u2018" + words[i + 1]
            words[j - 1] = words[j - 1] + "\u2019"

    def paragraph_text(self):
        rng = self.rng
        # Mostly short turns, with the occasional long answer.
        count = rng.choice([1, 1, 2, 2, 3, 4, 6]) if rng.random() < 0.9 else rng.randint(8, 30)
        parts = []
        for _ in range(count):
            parts.append(self.sentence())
            if rng.random() < 0.04:
                parts.append(rng.choice(EVENTS))
        return " ".join(parts)

    def clock(self, long_form):
        self.seconds += self.rng.randint(3, 90)
        h, rest = divmod(self.seconds, 3600)
        m, s = divmod(rest, 60)
        if long_form or h:
            return "%02d:%02d:%02d" % (h, m, s)
        return "%02d:%02d" % (m, s)

    def label(self, style, speakers):
        rng = self.rng
        if style == "interview":
            return "Speaker %d (%s):" % (rng.randint(1, 3), self.clock(False))
        if rng.random() < 0.35:
            return "Q:"
        who = rng.choice(speakers)
        if rng.random() < 0.05:
            return "[%s] %s:" % (self.clock(True), who)
        return who + ":"

    def paragraph(self, style, speakers):
        rng = self.rng
        if rng.random() < 0.03:
            return rng.choice(EVENTS)
        text = self.paragraph_text()
        if rng.random() < 0.75:
            text = self.label(style, speakers) + " " + text
        if rng.random() < 0.15:
            return wrap(text)
        return text

    def session(self, n):
        """The blocks of one session: an underlined heading, paragraphs."""
        rng = self.rng
        style = "interview" if rng.random() < 0.3 else "press"
        speakers = ["%s %s" % (rng.choice(TITLES), rng.choice(NAMES)) for _ in range(3)]
        title = "Session %d: %s, %s" % (n, rng.choice(PLACES), "afternoon" if n % 2 else "morning")
        yield title + "\n" + "-" * len(title) + "\n\n"
        for _ in range(rng.randint(40, 160)):
            yield self.paragraph(style, speakers) + "\n\n"

    def blocks(self):
        yield HEADER
        for n in itertools.count(1):
            yield from self.session(n)


def wrap(text):
    """Hard-wrap at WRAP columns, as typed transcripts often are."""
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > WRAP:
            lines.append(line)
            line = word
        else:
            line = line + " " + word if line else word
    lines.append(line)
    return "\n".join(lines)


HEADER = """Date: 2026-11-29
Place: Genève
Language: en
Source: synthetic transcript for benchmarking

Press Briefings and Interviews, Collected
=========================================

"""


def generate(size, out):
    written = 0
    with open(out, "wb") as f:
        for block in Transcript(random.Random(SEED)).blocks():
            data = block.encode("utf-8")
            if written + len(data) > size:
                break
            f.write(data)
            written += len(data)
        f.write(filler(size - written))


def filler(n):
    """A closing paragraph of exactly n bytes (ASCII, so a cut is safe)."""
    if n == 0:
        return b""
    text = b"(End of transcript.)" + b" Thank you." * (n // 11 + 1)
    text = text[: n - 1]
    return text[: text.rfind(b".") + 1].ljust(n - 1) + b"\n"


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gen.py SIZE OUT")
    generate(int(sys.argv[1]), sys.argv[2])


if __name__ == "__main__":
    main()
