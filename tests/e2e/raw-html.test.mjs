// One door for raw HTML (src/html.rs): markup reaches the page through `inner_html` only as an
// `Html` (corpus HTML sanitized at build time, escaped text, or markup built from escaped parts),
// so every `inner_html=` value in src/ must end in `.into_inner()`, and no other sink may appear.
// A source check rather than a browser test: it guards code paths no journey might take.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

async function* rustFiles(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* rustFiles(path);
    else if (entry.name.endsWith(".rs")) yield path;
  }
}

/** The expression given to `inner_html=` at `start`: up to the first top-level space or `>`. */
function attributeValue(source, start) {
  // A closure: the value is what it returns.
  const closure = source.slice(start).match(/^(move\s*)?\|\|\s*/);
  if (closure) start += closure[0].length;
  let depth = 0;
  let inString = false;
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) {
      if (depth === 0) return source.slice(start, i);
      depth--;
    } else if (depth === 0 && (c === ">" || /\s/.test(c))) return source.slice(start, i);
  }
  return source.slice(start);
}

test("raw HTML reaches the page only through the Html type", async () => {
  const offenders = [];
  let sinks = 0;
  for await (const path of rustFiles("src")) {
    const source = await readFile(path, "utf8");
    for (const match of source.matchAll(/inner_html=/g)) {
      sinks++;
      const value = attributeValue(source, match.index + match[0].length);
      const line = source.slice(0, match.index).split("\n").length;
      if (!value.trimEnd().endsWith(".into_inner()")) offenders.push(`${path}:${line}: inner_html=${value}`);
    }
    // html.rs names these sinks in its documentation; nowhere else may use them.
    const code = source.split("\n").filter((l) => !l.trim().startsWith("//")).join("\n");
    for (const sink of ["set_inner_html", "set_outer_html", "insert_adjacent_html", "document.write"]) {
      if (code.includes(sink)) offenders.push(`${path}: uses ${sink}`);
    }
  }
  assert.ok(sinks > 10, `the check found the app's inner_html uses (${sinks})`);
  assert.deepEqual(offenders, [], "every inner_html value is an Html turned into markup at the sink");
});

test("the check catches a sink that bypasses the Html type", () => {
  const value = (source) => attributeValue(source, source.indexOf("inner_html=") + "inner_html=".length);
  assert.equal(value(`<div inner_html=format!("<b>{name}</b>")></div>`), `format!("<b>{name}</b>")`);
  assert.equal(value(`<div inner_html=move || raw.get() class="x">`), "raw.get()");
  assert.equal(value(`<div inner_html=move || Html::text(&t).into_inner()></div>`), "Html::text(&t).into_inner()");
});
