// Run chrono-node over a corpus (corpora JSONL) and write its predictions
// in the same shape ("id", "timex") for `geoparse eval time --pred`. Each
// document is parsed with chrono.parse(text, refDate) where refDate is its
// "dct". Offsets are converted from UTF-16 to code points.
//
// usage: node chrono_peer.mjs CORPUS.jsonl OUT.jsonl
import fs from "node:fs";
import readline from "node:readline";
import * as chrono from "chrono-node";

const [src, dst] = process.argv.slice(2);
const pad = (n, w = 2) => String(n).padStart(w, "0");

function value(c) {
  // TIMEX3-style type and value at the granularity chrono is certain of.
  const y = pad(c.get("year"), 4), m = pad(c.get("month")), d = pad(c.get("day"));
  if (c.isCertain("hour")) {
    return ["TIME", `${y}-${m}-${d}T${pad(c.get("hour"))}:${pad(c.get("minute") ?? 0)}`];
  }
  if (c.isCertain("day") || c.isCertain("weekday") || (!c.isCertain("month") && !c.isCertain("year"))) {
    return ["DATE", `${y}-${m}-${d}`];
  }
  if (c.isCertain("month")) return ["DATE", `${y}-${m}`];
  return ["DATE", y];
}

const cp = (s, i) => Array.from(s.slice(0, i)).length;

const out = fs.createWriteStream(dst);
const rl = readline.createInterface({ input: fs.createReadStream(src), crlfDelay: Infinity });
let n = 0;
for await (const line of rl) {
  if (!line.trim()) continue;
  const doc = JSON.parse(line);
  const ref = doc.dct ? new Date(`${doc.dct}T00:00:00`) : new Date();
  const timex = [];
  for (const r of chrono.parse(doc.text, ref)) {
    const [type, val] = value(r.start);
    const start = cp(doc.text, r.index);
    timex.push({ start, end: start + Array.from(r.text).length, text: r.text, type, value: val });
  }
  out.write(JSON.stringify({ id: doc.id, timex }) + "\n");
  n++;
}
out.end();
console.error(`chrono: ${n} documents -> ${dst}`);
