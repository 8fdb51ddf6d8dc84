// Three citizens' journeys on a 375 px phone, by tapping only: from the home page to an
// initiative whose offer box ("Sådan får du tilbuddet") shows a phone number and either how
// to sign up or whom to ask, in at most three taps each. The first tap's target (a top task)
// must be above the fold. Every tap is a touch tap on a link found by its visible name, as a
// person would see it; a link that is missing, hidden or off the page fails the journey.
//
// Usage: node journeys.mjs <config.json>
//   config: {dir, base, journeys: [{need, taps: [link text, …], arrive: path suffix}]}

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
      const box = page.locator("section.offer-box");
      if ((await box.count()) !== 1) throw new Error(`${path} has no offer box`);
      const phone = await box.locator('a[href^="tel:"]').count();
      const text = await box.innerText();
      const howTo = /\bTilmelding\b/.test(text) || /\bSpørg\b/.test(text);
      if (!phone) throw new Error(`the offer box on ${path} shows no phone number`);
      if (!howTo) throw new Error(`the offer box on ${path} says neither how to sign up nor whom to ask`);
      const status = await page.locator("text=/Status pr\\. (ca\\. )?[a-zæøå]+ \\d{4}/").count();
      if (!status) throw new Error(`${path} does not date its status ("Status pr. <måned> <år>")`);
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
