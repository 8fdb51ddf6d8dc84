// A site that is never built again still ages: an initiative page built while its status was
// current, opened by a reader whose clock is past the day its facts go stale, shows what a
// rebuild would (the neutral dated tag, the notice with whom to ask), and stays
// accessible (axe-core). Before that day it shows the status as current. Without JavaScript
// the status's date stands on the page. The reader's clock is set with Playwright's clock.
//
// Usage: node dates.mjs <dir> <base> <page path> <a day before> <a day after>

import { chromium } from "playwright-core";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { serve, launchArgs } from "./serve.mjs";

const [dir, base, pagePath, before, after] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const AXE_SOURCE = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
const failures = [];
const fail = (what) => failures.push(what);
const server = await serve(dir, base);
const url = `http://127.0.0.1:${server.address().port}${base}${pagePath}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: launchArgs });

async function open(day, javaScript = true) {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, javaScriptEnabled: javaScript, locale: "da-DK" });
  const page = await context.newPage();
  page.on("pageerror", (e) => fail(`${day}: exception in the page: ${e.message}`));
  if (javaScript) await page.clock.setFixedTime(new Date(`${day}T12:00:00+01:00`));
  await page.goto(url);
  await page.waitForLoadState("load");
  return { page, context };
}

async function state(page) {
  return page.evaluate(() => {
    const tag = document.querySelector(".status-line .tag");
    const notice = document.querySelector(".notice--ended");
    const visible = (el) => !!el && !el.hidden && el.getClientRects().length > 0;
    return {
      tagClass: tag ? tag.className : "",
      tagText: tag ? tag.textContent.trim() : "",
      notice: visible(notice),
      noticeText: notice ? notice.textContent : "",
      noticePhone: !!notice && !!notice.querySelector('a[href^="tel:"]'),
      dated: /Status pr\. (ca\. )?[a-zæøå]+ \d{4}/.test(document.body.textContent),
    };
  });
}

try {
  {
    const { page, context } = await open(before);
    const s = await state(page);
    if (!/tag--igangvaerende/.test(s.tagClass)) fail(`${before}: the status is not shown as current (${s.tagClass})`);
    if (s.notice) fail(`${before}: the history notice shows before its day`);
    await context.close();
  }
  {
    const { page, context } = await open(after);
    const s = await state(page);
    if (!/tag--historisk/.test(s.tagClass)) fail(`${after}: the tag is still ${s.tagClass}`);
    if (!/^Seneste status \((ca\. )?[a-zæøå]+ \d{4}\): /.test(s.tagText)) fail(`${after}: the tag says "${s.tagText}"`);
    if (!s.notice) fail(`${after}: no history notice`);
    if (!s.noticePhone) fail(`${after}: the notice gives no phone`);
    if (!/ikke længere aktuelle/.test(s.noticeText)) fail(`${after}: the notice says "${s.noticeText.trim()}"`);
    await page.addScriptTag({ content: AXE_SOURCE });
    const axe = await page.evaluate(async () =>
      // eslint-disable-next-line no-undef
      (await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })).violations.map((v) => `${v.id}: ${v.help}`),
    );
    for (const v of axe) fail(`${after}: axe ${v}`);
    await context.close();
  }
  {
    const { page, context } = await open(after, false);
    const s = await state(page);
    if (!s.dated) fail("without JavaScript the status's date is not on the page");
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
for (const f of failures) console.log(`FAIL ${f}`);
console.log(`dates: ${failures.length} failures`);
process.exit(failures.length ? 1 : 0);
