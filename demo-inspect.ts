import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { catalogTrack, createTestEnvironment } from "./src/testing/index.js";

const env = await createTestEnvironment({
  clock: "real",
  simulator: { inspect: true, playerUpdateInterval: 1000 },
});
const player = await env.player();
const track = await env.loadTrack(catalogTrack("Night Drive", 180_000));
await player.play(track);
await player.setVolume(80);
console.log(env.simulator.inspectorUrl);
const dir = mkdtempSync(join(tmpdir(), "chr-"));
const ctx = await chromium.launchPersistentContext(dir, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  viewport: { width: 1280, height: 800 },
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const page = ctx.pages()[0] ?? (await ctx.newPage());
page.on("console", (m) => console.log("console:", m.text()));
page.on("pageerror", (e) => console.log("pageerror:", e.message));
await page.goto(env.simulator.inspectorUrl!);
await page.waitForSelector(".player");
await page.waitForTimeout(3000);
await page.screenshot({ path: "/tmp/insp1.png" });
await page.setViewportSize({ width: 420, height: 900 });
await page.screenshot({ path: "/tmp/insp2.png", fullPage: true });
await ctx.close();
await env.dispose();
