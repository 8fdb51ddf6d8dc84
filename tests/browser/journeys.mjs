// Citizens' journeys on a 375 px phone, by tapping only: from the home page to an offer page
// (h1, Kort fortalt, who, next courses, price, contact) or to an honest page that says whom
// to ask, in at most three taps each, ending with a phone link (tel:) above the fold. The first tap's target (a top task)
// must be above the fold. Every tap is a touch tap on a link found by its visible name, as a
// person would see it; a link that is missing, hidden or off the page fails the journey.
//
// Usage: node journeys.mjs <config.json>
//   config: {dir, base, journeys: [{need, taps: [link text, …], arrive: path suffix, offer: bool}]}

import { chromium } from "playwright-core";
import { readFile } from "node:fs/promises";
import { serve, launchArgs, readOnBuildDay } from "./serve.mjs";

const config = JSON.parse(await readFile(process.argv[2], "utf8"));
const failures = [];
const server = await serve(config.dir, config.base);
const origin = `http://127.0.0.1:${server.address().port}${config.base}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: launchArgs });

try {
  const context = await readOnBuildDay(await browser.newContext({
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "da-DK",
  }));
  for (const j of config.journeys) {
    const page = await context.newPage();
    page.on("pageerror", (e) => failures.push(`${j.need}: exception in the page: ${e.message}`));
    try {
      if (j.taps.length > 3) throw new Error(`${j.taps.length} taps (at most 3)`);
      await page.goto(origin);
      for (const [n, text] of j.taps.entries()) {
        const link = page.getByRole("link", { name: text, exact: true }).first();
        await link.waitFor({ state: "visible", timeout: 10000 });
        if (n === 0) {
          const box = await link.boundingBox();
          if (!box || box.y + box.height > 812) {
            throw new Error(`the first tap, "${text}", is below the fold (bottom at ${box && Math.round(box.y + box.height)} px)`);
          }
        }
        const before = page.url();
        await link.tap({ timeout: 10000 });
        await page.waitForURL((u) => u.href !== before, { timeout: 10000 });
        await page.waitForLoadState("load");
      }
      const path = new URL(page.url()).pathname;
      if (!path.endsWith(j.arrive)) throw new Error(`ended at ${path}, not …${j.arrive}`);
      // Every journey ends with a phone number a thumb can reach without scrolling.
      const tels = page.locator('main a[href^="tel:"]');
      let telAbove = false;
      for (let k = 0; k < (await tels.count()); k++) {
        const b = await tels.nth(k).boundingBox();
        if (b && b.height > 0 && b.y + b.height <= 812) { telAbove = true; break; }
      }
      if (!telAbove) throw new Error(`${path} has no phone link (tel:) above the fold`);
      if (j.offer) {
        if ((await page.locator("article.offer").count()) !== 1) throw new Error(`${path} is not an offer page`);
        for (const h of ["Kort fortalt", "Hvem kan være med", "Næste hold", "Pris", "Kontakt"]) {
          if (!(await page.getByRole("heading", { name: h, exact: true }).count())) throw new Error(`the offer page ${path} has no "${h}"`);
        }
      }
      console.log(`ok: ${j.need}: ${j.taps.length} tap(s) to ${path}`);
    } catch (e) {
      failures.push(`${j.need}: ${String(e?.message || e).split("\n")[0]}`);
    } finally {
      await page.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}

for (const f of failures) console.log(`FAIL ${f}`);
console.log(`journeys: ${failures.length} failures`);
process.exit(failures.length ? 1 : 0);
