// Shared by the benchmarks in Chromium (bench-start.mjs, bench-interaction.mjs, bench.mjs): one
// build of the app served on 127.0.0.1 at a free port, with a fresh Chromium profile on it (as the
// end-to-end tests' start(), for any dist directory, so that one process can measure two builds
// side by side), and the CPU throttle.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";
import { CHROMIUM_ARGS, DIST, openPage } from "../tests/e2e/support.mjs";

/**
 * Serves `dist` and opens a page in a new Chromium profile. Returns
 * `{ dist, root, baseUrl, context, page, cpu(rate), stopServer(), close() }`: `root` is the checkout
 * the build came from (its `target/corpus/index.bin` and engine make the synthetic log), `cpu(4)`
 * slows the page's CPU 4× (as Lighthouse emulates a mid-range phone), `stopServer()` takes the
 * site off the network (the page stays: offline starts).
 */
export async function openBuild({ dist = DIST, root = ".", cargoEnv = {}, viewport = { width: 360, height: 640 } } = {}) {
  const server = await serve(dist, 0);
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  const profile = await mkdtemp(join(tmpdir(), "prepwise-bench-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
  const page = await openPage(context);
  const cdp = await context.newCDPSession(page);
  let serving = true;
  return {
    dist,
    root,
    cargoEnv,
    baseUrl,
    context,
    page,
    cpu: (rate) => cdp.send("Emulation.setCPUThrottlingRate", { rate }),
    async stopServer() {
      if (serving) await server.stop();
      serving = false;
    },
    async close() {
      await context.close();
      await this.stopServer();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** The median of numbers (the upper one of an even count), rounded. */
export const median = (xs) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]);

/**
 * The builds with their positions, in turn `i`: in order on even turns, reversed on odd ones, so
 * that neither build always goes first when runs alternate between them.
 */
export const inTurn = (builds, i) => (i % 2 ? [...builds.entries()].reverse() : [...builds.entries()]);
