// The W3C WebVTT validator's parser (npm webvtt-parser) on a file steno
// wrote: no error, and the cues counted.  Two of its messages are
// accepted where the parser is behind the specification: for the Kind:
// and Language: header lines, which the parsing algorithm skips but
// today's syntax no longer lists (formats/captions-writing.md), and for
// the lines of REGION blocks, which the parser (2.2.0) does not know.
// usage: node vtt_validate.js FILE CUES
const { WebVTTParser } = require("webvtt-parser");
const fs = require("fs");
const [file, cues] = process.argv.slice(2);
const text = fs.readFileSync(file, "utf8");
const lines = text.split("\n");
const header = text.split("\n\n", 1)[0].split("\n").length - 1;
const inRegion = new Set();
lines.forEach((line, i) => {
	if (line === "REGION" && (i === 0 || lines[i - 1] === ""))
		for (let k = i; k < lines.length && (k === i || lines[k - 1] !== ""); k++)
			inRegion.add(k + 1); /* and the blank line that ends it */
});
const result = new WebVTTParser().parse(text);
const errors = result.errors.filter(
	(e) => !(e.message === "No blank line after the signature." && e.line <= header + 1) &&
		!inRegion.has(e.line));
if (errors.length) {
	console.log(JSON.stringify(errors.slice(0, 5)));
	process.exit(1);
}
if (result.cues.length !== Number(cues)) {
	console.log(`${result.cues.length} cues parsed, ${cues} written`);
	process.exit(1);
}
