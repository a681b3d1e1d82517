// Shorter names for the wasm's imports, in the wasm and in wasm-bindgen's JS glue alike.
//
// wasm-bindgen names every import after its Rust binding plus a 16-hex-digit hash
// (`__wbg_set_innerHTML_a9d3a267967b5117`), from the module "./prepwise_bg.js"; the names appear
// once in the wasm and once in the glue, and the hashes do not compress. Renaming them to `a`, `b`,
// … (the module to `w`) saved 4.5 KB of the first load, brotli, when it was introduced.
//
// It fails the build rather than guess: every import must come from the one module, and every
// name must appear exactly once in the glue, as the key of its function. The files keep their
// names (Trunk's content hashes of the pre-rename bytes: the rename is deterministic, so a name
// still stands for exactly one content); index.html's integrity hashes are updated.
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

const MODULE = "./prepwise_bg.js";
const SHORT_MODULE = "w";

const fail = (message) => {
  throw new Error(`short-imports: ${message}`);
};

function readU32(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

function writeU32(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}

const utf8 = new TextDecoder();
const encode = (text) => [...writeU32(Buffer.byteLength(text)), ...Buffer.from(text)];

/** `a`, `b`, … `Z`, `aa`, `ab`, …: valid JavaScript identifiers, none of them a keyword. */
function shortName(i) {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let name = "";
  do {
    name = letters[i % letters.length] + name;
    i = Math.floor(i / letters.length) - 1;
  } while (i >= 0);
  return name;
}

/** The import section rewritten with short names, and the old name → new name map. */
function renameImports(wasm) {
  if (wasm.readUInt32LE(0) !== 0x6d736100) fail("not a wasm module");
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, payload] = readU32(wasm, at + 1);
    const end = payload + size;
    if (id === 2) {
      const renamed = new Map();
      let [count, p] = readU32(wasm, payload);
      const section = [...writeU32(count)];
      for (let i = 0; i < count; i++) {
        const [moduleLength, moduleAt] = readU32(wasm, p);
        const module = utf8.decode(wasm.subarray(moduleAt, moduleAt + moduleLength));
        const [nameLength, nameAt] = readU32(wasm, moduleAt + moduleLength);
        const name = utf8.decode(wasm.subarray(nameAt, nameAt + nameLength));
        if (module !== MODULE) fail(`an import from "${module}", not "${MODULE}": ${name}`);
        if (renamed.has(name)) fail(`the import ${name} appears twice`);
        renamed.set(name, shortName(renamed.size));
        // The import's kind and type, copied as they are: up to the next import's module name
        // for all but the last, which ends the section.
        const descAt = nameAt + nameLength;
        const descEnd = i + 1 < count ? nextImportStart(wasm, descAt) : end;
        section.push(...encode(SHORT_MODULE), ...encode(renamed.get(name)), ...wasm.subarray(descAt, descEnd));
        p = descEnd;
      }
      const header = [2, ...writeU32(section.length)];
      return [Buffer.concat([wasm.subarray(0, at), Buffer.from(header), Buffer.from(section), wasm.subarray(end)]), renamed];
    }
    at = end;
  }
  fail("the wasm has no import section");
}

/** Where the import after the one whose description starts at `at` begins. */
function nextImportStart(wasm, at) {
  const kind = wasm[at];
  let p = at + 1;
  const limits = () => {
    const flags = wasm[p++];
    [, p] = readU32(wasm, p);
    if (flags & 1) [, p] = readU32(wasm, p);
  };
  if (kind === 0) [, p] = readU32(wasm, p); // function: type index
  else if (kind === 1) {
    p += 1; // table: reference type
    limits();
  } else if (kind === 2) limits(); // memory
  else if (kind === 3) p += 2; // global: value type, mutability
  else if (kind === 4) [, p] = readU32(wasm, p + 1); // tag: attribute, type index
  else fail(`an import of unknown kind ${kind}`);
  return p;
}

function renameInGlue(js, renamed) {
  const moduleKey = `${JSON.stringify(MODULE)}:{`;
  if (js.split(moduleKey).length !== 2) fail(`the glue does not name the module "${MODULE}" exactly once`);
  js = js.replace(moduleKey, `${SHORT_MODULE}:{`);
  for (const [name, short] of renamed) {
    const key = new RegExp(`(?<![\\w$])${name}:`, "g");
    const uses = js.match(key)?.length ?? 0;
    if (uses !== 1) fail(`the glue has ${uses} keys ${name}, not one`);
    if (js.split(name).length !== 2) fail(`the glue uses ${name} somewhere other than its key`);
    js = js.replace(key, `${short}:`);
  }
  return js;
}

const sri = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;

/** Renames the imports of the app's wasm and glue in `dir`, and updates index.html. */
export async function shortenImports(dir) {
  const htmlPath = join(dir, "index.html");
  let html = await readFile(htmlPath, "utf8");
  const jsName = html.match(/from\s*"\/([\w.-]+\.js)"/)?.[1] ?? fail("index.html imports no glue script");
  const wasmName = html.match(/\/([\w.-]+_bg\.wasm)/)?.[1] ?? fail("index.html names no wasm file");
  const [wasm, renamed] = renameImports(await readFile(join(dir, wasmName)));
  const js = Buffer.from(renameInGlue(await readFile(join(dir, jsName), "utf8"), renamed));
  new WebAssembly.Module(wasm); // still a valid module
  for (const [name, bytes] of [[jsName, js], [wasmName, wasm]]) {
    const link = new RegExp(`(<link\\b[^>]*href=/${name.replace(/\./g, "\\.")}\\b[^>]*integrity=)sha384-[A-Za-z0-9+/=]+`);
    if (!link.test(html)) fail(`index.html has no integrity hash for ${name}`);
    html = html.replace(link, `$1${sri(bytes)}`);
    await writeFile(join(dir, name), bytes);
  }
  await writeFile(htmlPath, html);
  return renamed.size;
}
