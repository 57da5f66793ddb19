import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { catalogTrack, TEST_GUILD_ID, waitUntil } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";

/** Debian's Chromium (`.ci/run` installs it): playwright-core drives it and downloads nothing. */
const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = join(process.cwd(), "test-artifacts");
/** Generous: the machine running this may be small and busy; every wait is for a condition. */
const WAIT_MS = 30_000;

const available = existsSync(CHROMIUM);
if (!available)
  console.warn(`inspector browser test skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

async function openBrowser(): Promise<{ context: BrowserContext; profile: string }> {
  // A fresh profile each run: no state leaks between runs, nothing from the user's own browser.
  const profile = mkdtempSync(join(tmpdir(), "sonora-inspector-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    timeout: WAIT_MS,
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
  context.setDefaultTimeout(WAIT_MS);
  return { context, profile };
}

/** The position the page shows for the guild's player, in ms. */
async function shownPosition(page: Page): Promise<number> {
  const ms = await page
    .locator(`.player[data-guild="${TEST_GUILD_ID}"] [data-field="position"]`)
    .getAttribute("data-ms");
  return Number(ms);
}

describe.skipIf(!available)("the inspector page in a real browser (Chromium)", () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it("shows the playing player moving, and a fault added from the page reaches the client", async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const env = await sonoraEnv({ clock: "real", simulator: { inspect: true, playerUpdateInterval: 500 } });
    const sim = env.simulator;
    const player = await env.player();
    const started = env.waitForEvent("trackStart", { timeoutMs: WAIT_MS });
    await player.play(await env.loadTrack(catalogTrack("Night Drive", 240_000)));
    await started;
    await player.setVolume(70);

    const { context, profile } = await openBrowser();
    cleanup = async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    };
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    const url = sim.inspectorUrl;
    if (url === undefined) throw new Error("inspect: true gives an inspector URL");
    await page.goto(url);

    // Every session with its client name, every player with its facts.
    await page.locator("#live", { hasText: "live" }).waitFor();
    await expect
      .poll(() => page.locator("#sessions-body").textContent(), { timeout: WAIT_MS })
      .toMatch(/sonora\/.*connected/);
    const card = page.locator(`.player[data-guild="${TEST_GUILD_ID}"]`);
    await card.waitFor();
    expect(await card.locator(".title").textContent()).toContain("Sonora test track");
    expect(await card.locator('[data-field="volume"]').textContent()).toBe("volume 70");
    expect(await card.locator('[data-field="paused"]').textContent()).toBe("playing");
    expect(await card.locator('[data-field="filters"]').textContent()).toBe("filters: none");
    await card.locator('.timeline [data-kind="start"]').waitFor();

    // The position moves (pushed states, drawn between pushes): at least a second more than first seen.
    const first = await shownPosition(page);
    await expect.poll(() => shownPosition(page), { timeout: WAIT_MS }).toBeGreaterThanOrEqual(first + 1000);
    const barStyle = (await card.locator(".bar > div").getAttribute("style")) ?? "";
    const barWidth = /width:\s*([\d.]+)%/.exec(barStyle)?.[1] ?? "0";
    expect(Number.parseFloat(barWidth)).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, "inspector-playing.png") });

    // Pausing shows at once: pushed, not polled.
    await player.pause();
    await expect
      .poll(() => card.locator('[data-field="paused"]').textContent(), { timeout: WAIT_MS })
      .toBe("paused");
    await card.locator('.timeline [data-kind="pause"]').waitFor();
    await player.resume();

    // A fault added from the page: every WebSocket frame cuts the connection; the client sees it.
    const disconnected = env.waitForEvent("nodeDisconnect", { timeoutMs: WAIT_MS });
    await page.selectOption("#fault-type", "reset");
    await page.fill("#fault-toxicity", "1");
    await page.fill("#fault-attrs", "id=cut-ws, scope=ws");
    await page.click("#add-fault");
    await page.locator('[data-fault="cut-ws"]').waitFor();
    expect(sim.faults.list()).toEqual([
      expect.objectContaining({ id: "cut-ws", type: "reset", scope: "ws" }),
    ]);
    const [, info] = await disconnected;
    expect(info.code).toBe(1006);
    // The hit shows in the traffic table and on the player's timeline.
    await page.locator("#log-body tr.hit", { hasText: "cut-ws" }).first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, "inspector-fault.png") });

    // Removed from the page: the client gets back to a steady connection.
    await page.click('[data-remove="cut-ws"]');
    await page.locator('[data-fault="cut-ws"]').waitFor({ state: "detached" });
    expect(sim.faults.list()).toEqual([]);
    await waitUntil(() => player.node.state === "ready" && sim.sessions.some((s) => s.connected), {
      timeoutMs: WAIT_MS,
      description: "the client to reconnect once the fault is gone",
    });
    await page.locator("#sessions-body .pill.ok").first().waitFor();

    // Readable in a narrow window too.
    await page.setViewportSize({ width: 420, height: 900 });
    await card.waitFor();
    await page.screenshot({ path: join(ARTIFACTS, "inspector-narrow.png"), fullPage: true });
    expect(errors).toEqual([]);
  }, 180_000);
});
