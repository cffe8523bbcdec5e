#!/usr/bin/env python3
"""Generated captions for the hostile-input tests and the benchmark.

usage: captions_gen.py KIND N

  cues N     WebVTT of N short cues, two speakers taking turns by voice
  lines N    SubRip of one cue of N lines
  rolling N  WebVTT of N automatic captions that roll up (word times)
  bytes N    WebVTT of about N bytes: cues of one to two lines, voices,
             tags and pauses as real captions have them
"""
import sys

WORDS = ("the harbour was quiet that morning and the boats lay still while "
         "we talked about tides storms nets and the people who watch them").split()


def clock(ms):
    return "%02d:%02d:%02d.%03d" % (ms // 3600000, ms // 60000 % 60, ms // 1000 % 60, ms % 1000)


def cues(n, out):
    out.write("WEBVTT\n\n")
    for i in range(n):
        voice = "<v Anna>" if i // 3 % 2 == 0 else "<v Tom>"
        out.write("%s --> %s\n%s%s %d\n\n" % (clock(i * 1000), clock(i * 1000 + 900), voice,
                                             WORDS[i % len(WORDS)], i))


def lines(n, out):
    out.write("1\n00:00:01,000 --> 00:00:02,000\n")
    for i in range(n):
        out.write("%s %d\n" % (WORDS[i % len(WORDS)], i))


def rolling(n, out):
    out.write("WEBVTT\nKind: captions\nLanguage: en\n\n")
    prev = ""
    for i in range(n):
        t = i * 2000
        words = [WORDS[(i * 4 + k) % len(WORDS)] for k in range(4)]
        timed = words[0] + "".join("<%s><c> %s</c>" % (clock(t + 300 * (k + 1)), w)
                                   for k, w in enumerate(words[1:]))
        out.write("%s --> %s align:start position:0%%\n%s\n%s\n\n" % (clock(t), clock(t + 1990),
                                                                 prev or " ", timed))
        plain = " ".join(words)
        out.write("%s --> %s align:start position:0%%\n%s\n \n\n" % (clock(t + 1990), clock(t + 2000),
                                                                  plain))
        prev = plain


def by_size(n, out):
    out.write("WEBVTT\nKind: captions\nLanguage: en\n\n")
    i = size = t = 0
    while size < n:
        t += 2500 + (3000 if i % 17 == 16 else 0)  # now and then a pause
        text = " ".join(WORDS[(i * 7 + k) % len(WORDS)] for k in range(6 + i % 5))
        if i % 2:
            text += "\n<i>%s</i> %s." % (WORDS[i % len(WORDS)], WORDS[(i + 3) % len(WORDS)])
        voice = ("<v Anna Lindqvist>", "<v Tom Reyes>", "")[i // 4 % 3]
        block = "%d\n%s --> %s\n%s%s\n\n" % (i + 1, clock(t), clock(t + 2400), voice, text)
        out.write(block)
        size += len(block)
        i += 1


def main():
    kind, n = sys.argv[1], int(sys.argv[2])
    out = sys.stdout
    {"cues": cues, "lines": lines, "rolling": rolling, "bytes": by_size}[kind](n, out)


if __name__ == "__main__":
    main()
