#!/usr/bin/env node
// The web-platform-tests WebVTT parsing cases against steno's JSON.
//
// usage: captions_wpt.js STENO WPT_FOLDER [KNOWN]
//
// file-parsing/support/*.test: the JavaScript assertions run over
// `cues` rebuilt from steno's JSON (a time node with an "end" attribute
// starts each cue; its id and settings are attributes, regions are
// metadata "region.ID"), with testharness.js's own comparison rules.
// file-parsing/support/*.vtt: files steno must refuse.
// cue-text-parsing/dat/*.dat: the expected tree, less what steno's tree
// has no node for (the <c>, <v>, <lang>, <ruby> and <rt> wrappers: their
// text stays in place, a voice names the turn's speaker), against the
// cue's inline nodes.
//
// KNOWN names cases judged wrong, one "NAME: why" a line; each must
// still fail, so a fix shows.  Prints one line per failure and
// "wpt: N passed, M failed, K known" last; exits non-zero on failure.
"use strict";
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");
const os = require("os");

const [steno, wpt, knownFile] = process.argv.slice(2);
const known = new Map();
if (knownFile)
  for (const line of fs.readFileSync(knownFile, "utf8").split("\n")) {
    const m = /^([^#:][^:]*):\s*(.*)$/.exec(line);
    if (m) known.set(m[1].trim(), m[2]);
  }
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "steno-wpt-"));
let passed = 0, failed = 0, expectedFailures = 0;

function report(name, error) {
  const why = known.get(name);
  if (error && why !== undefined) { expectedFailures++; return; }
  if (!error && why !== undefined) { failed++; console.log(`FAIL ${name}: passes now; drop it from the known list`); return; }
  if (error) { failed++; console.log(`FAIL ${name}: ${error}`); return; }
  passed++;
}

// build.py's decoding: Python's unicode_escape over the UTF-8 bytes.
function unescape(s) {
  return s.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[rntfv0\\]|\n)/g, (m, e) => {
    switch (e[0]) {
      case "x": case "u": return String.fromCharCode(parseInt(e.slice(1), 16));
      case "r": return "\r"; case "n": return "\n"; case "t": return "\t";
      case "f": return "\f"; case "v": return "\v"; case "0": return "\0";
      case "\\": return "\\"; default: return "";
    }
  });
}

function run(file, extra) {
  try {
    const out = execFileSync(steno, ["-f", "vtt", "-t", "json", "--passes=-transcript,-quotes",
      ...(extra || []), file], { stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 26 });
    return { doc: JSON.parse(out.toString("utf8")) };
  } catch (e) {
    return { status: e.status, stderr: String(e.stderr || "") };
  }
}

function parseSettings(s) {
  const out = {};
  for (const tok of (s || "").split(" ").filter(Boolean)) {
    const i = tok.indexOf(":");
    out[tok.slice(0, i)] = tok.slice(i + 1);
  }
  return out;
}

function regionOf(doc, id, cache) {
  const value = doc.metadata["region." + id];
  if (value === undefined) return null;
  if (cache.has(id)) return cache.get(id);
  const s = parseSettings(value);
  const pair = (v, d) => (v ? v.split(",").map(parseFloat) : d);
  const [rx, ry] = pair(s.regionanchor, [0, 100]);
  const [vx, vy] = pair(s.viewportanchor, [0, 100]);
  const region = { id: s.id, width: s.width ? parseFloat(s.width) : 100,
    lines: s.lines !== undefined ? parseFloat(s.lines) : 3,
    regionAnchorX: rx, regionAnchorY: ry, viewportAnchorX: vx, viewportAnchorY: vy,
    scroll: s.scroll || "" };
  cache.set(id, region);
  return region;
}

function isCue(n) { return n && n.type === "time" && n.attributes && "end" in n.attributes; }

// The cues in document order, as a TextTrackCue list shows them.
function cuesOf(doc) {
  const cues = [], regions = new Map();
  let cue = null;
  function walk(list) {
    list.forEach((n, i) => {
      if (isCue(n)) {
        const s = parseSettings(n.attributes.settings);
        cue = { id: n.attributes.id || "", startTime: n.ms / 1000,
          endTime: Number(n.attributes.end) / 1000, text: "",
          line: "auto", snapToLines: true, lineAlign: "start", position: "auto",
          positionAlign: "auto", size: 100, align: s.align || "center",
          vertical: s.vertical || "", region: s.region ? regionOf(doc, s.region, regions) : null };
        if (s.line) {
          const [pos, align] = s.line.split(",");
          cue.line = parseFloat(pos);
          cue.snapToLines = !pos.endsWith("%");
          cue.lineAlign = align || "start";
        }
        if (s.position) {
          const [pos, align] = s.position.split(",");
          cue.position = parseFloat(pos);
          cue.positionAlign = align || "auto";
        }
        if (s.size) cue.size = parseFloat(s.size);
        cues.push(cue);
      } else if (n.type === "note") {
        return; // a comment: no cue's text
      } else if (n.type === "text" && cue) {
        cue.text += n.text;
      } else if (n.type === "soft_break" && cue && !isCue(list[i + 1])) {
        cue.text += "\n";
      }
      if (n.children) walk(n.children);
    });
  }
  walk(doc.children);
  return cues;
}

// testharness.js: same_value, so NaN is NaN and -0 is not 0.
function assertionApi() {
  const fail = (msg, d) => { throw new Error((d ? d + ": " : "") + msg); };
  const same = (a, b) => (typeof a === "number" && typeof b === "number" ? Object.is(a, b) : a === b);
  return {
    assert_equals: (a, e, d) => same(a, e) || fail(`got ${JSON.stringify(a)}, expected ${JSON.stringify(e)}`, d),
    assert_not_equals: (a, e, d) => !same(a, e) || fail(`got ${JSON.stringify(a)}, expected something else`, d),
    assert_true: (a, d) => a === true || fail(`got ${a}, expected true`, d),
    assert_false: (a, d) => a === false || fail(`got ${a}, expected false`, d),
  };
}

function fileTest(file) {
  const name = "file-parsing/" + path.basename(file);
  const src = fs.readFileSync(file, "utf8");
  const at = src.indexOf("\n===\n");
  const body = src.slice(0, at).split("\n\n").slice(1).join("\n\n");
  const decoded = path.join(wpt, "file-parsing/tests/support", path.basename(file, ".test") + ".vtt");
  const input = path.join(tmp, "in.vtt");
  if (fs.existsSync(decoded)) fs.copyFileSync(decoded, input);
  else fs.writeFileSync(input, Buffer.from(unescape(src.slice(at + 5)), "utf8"));
  const r = run(input);
  if (!r.doc) return report(name, `steno failed: ${r.stderr.trim()}`);
  const api = assertionApi();
  try {
    // WebVTT style sheets style cues, never the page: steno keeps them
    // as metadata, and its pages hold none of them
    const document = { styleSheets: [] };
    new Function("cues", "document", ...Object.keys(api), body)(cuesOf(r.doc), document,
      ...Object.values(api));
    report(name, null);
  } catch (e) {
    report(name, e.message);
  }
}

function refusedTest(file) {
  const name = "file-parsing/" + path.basename(file);
  const r = run(file);
  if (r.doc) return report(name, "read, but its signature is not WebVTT's");
  report(name, r.status === 1 && /not WebVTT/.test(r.stderr) ? null : `exit ${r.status}: ${r.stderr.trim()}`);
}

// The expected tree as lines "<i class=d>", "\"text\"", "<?timestamp>"
// with their depth, less the wrappers steno has no node for.
function expectedTree(lines) {
  const out = [], voices = [], stack = []; // stack: [depth in source, kept?]
  for (const line of lines) {
    const m = /^\| ( *)(.*)$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 2, item = m[2];
    while (stack.length && stack[stack.length - 1].depth >= depth) stack.pop();
    const kept = stack.filter((s) => s.kept).length;
    const attr = /^(\w+)="(.*)"$/.exec(item);
    if (attr) {
      const owner = stack[stack.length - 1];
      if (attr[1] === "title" && attr[2]) voices.push(attr[2]);
      if (owner && owner.kept && attr[1] === "class") out.push({ depth: kept, item: `@class=${attr[2]}` });
      continue;
    }
    const el = /^<(\w+)>$/.exec(item);
    if (el) {
      const keep = ["i", "b", "u"].includes(el[1]);
      stack.push({ depth, kept: keep });
      if (keep) out.push({ depth: kept, item: `<${el[1]}>` });
      continue;
    }
    out.push({ depth: kept, item: item.startsWith("\"") ? JSON.parse(item) : item, text: item.startsWith("\"") });
  }
  return { tree: merge(out), voices };
}

function merge(items) {
  const out = [];
  for (const it of items) {
    const last = out[out.length - 1];
    if (it.text && last && last.text && last.depth === it.depth) last.item += it.item;
    else out.push({ ...it });
  }
  return out.map((it) => "  ".repeat(it.depth) + (it.text ? JSON.stringify(it.item) : it.item));
}

const pad = (n, w) => String(n).padStart(w, "0");
function clock(ms) {
  return `${pad(Math.floor(ms / 3600000), 2)}:${pad(Math.floor(ms / 60000) % 60, 2)}:${pad(Math.floor(ms / 1000) % 60, 2)}.${pad(ms % 1000, 3)}`;
}

function steno_tree(doc) {
  const out = [];
  function walk(list, depth) {
    list.forEach((n, i) => {
      if (isCue(n)) return;
      if (n.type === "turn" || n.type === "paragraph") return walk(n.children, depth);
      if (n.type === "text") out.push({ depth, item: n.text, text: true });
      else if (n.type === "soft_break") { if (!isCue(list[i + 1])) out.push({ depth, item: "\n", text: true }); }
      else if (n.type === "time") out.push({ depth, item: `<?timestamp ${clock(n.ms)}>` });
      else if (n.type === "emph" || n.type === "strong") {
        const tag = n.type === "strong" ? "b" : (n.attributes && n.attributes.webvtt) || "i";
        out.push({ depth, item: `<${tag}>` });
        if (n.attributes && n.attributes.class) out.push({ depth: depth + 1, item: `@class=${n.attributes.class}` });
        walk(n.children, depth + 1);
      } else out.push({ depth, item: `[${n.type}]` });
    });
  }
  walk(doc.children, 0);
  return merge(out);
}

function datTests(file) {
  const cases = fs.readFileSync(file, "utf8").split(/^#data\n/m).slice(1);
  cases.forEach((c, k) => {
    const name = `cue-text-parsing/${path.basename(file)}#${k + 1}`;
    const [data, rest] = c.split(/\n#errors\n/);
    const lines = (rest.split(/^#document-fragment$/m)[1] || "").split("\n");
    const input = path.join(tmp, "cue.vtt");
    fs.writeFileSync(input, "WEBVTT\n\n00:00.000 --> 00:01.000\n" + unescape(data));
    const r = run(input, ["--word-times"]);
    if (!r.doc) return report(name, `steno failed: ${r.stderr.trim()}`);
    const { tree, voices } = expectedTree(lines);
    const got = steno_tree(r.doc);
    const names = r.doc.speakers.map((s) => s.name);
    if (JSON.stringify(got) !== JSON.stringify(tree))
      return report(name, `${JSON.stringify(unescape(data))}: got ${JSON.stringify(got)}, expected ${JSON.stringify(tree)}`);
    if (JSON.stringify(names) !== JSON.stringify(voices))
      return report(name, `speakers ${JSON.stringify(names)}, expected ${JSON.stringify(voices)}`);
    report(name, null);
  });
}

const support = path.join(wpt, "file-parsing/support");
for (const f of fs.readdirSync(support).sort()) {
  if (f.endsWith(".test")) fileTest(path.join(support, f));
  else if (f.endsWith(".vtt")) refusedTest(path.join(support, f));
}
const dat = path.join(wpt, "cue-text-parsing/dat");
for (const f of fs.readdirSync(dat).sort()) if (f.endsWith(".dat")) datTests(path.join(dat, f));
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`wpt: ${passed} passed, ${failed} failed, ${expectedFailures} known`);
process.exit(failed ? 1 : 0);
