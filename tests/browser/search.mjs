// Search checks for the shipped site, in headless Chromium: each query of the Danish query set
// (with and without æ/ø/å, inflections, compound prefixes) must put its expected initiative
// in the top 3; filters narrow; the URL round-trips; keyboard alone works; axe-core finds no
// violation with results shown; the page without JavaScript lists every initiative.
//
// Usage: node search.mjs <config.json>  (config: {dir, base, queries: [[query, expected title], …], initiatives})

import { chromium } from "playwright-core";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { serve, launchArgs } from "./serve.mjs";

const require = createRequire(import.meta.url);
const AXE_SOURCE = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
const config = JSON.parse(await readFile(process.argv[2], "utf8"));
const failures = [];
const fail = (what) => failures.push(what);

const server = await serve(config.dir, config.base);
const origin = `http://127.0.0.1:${server.address().port}${config.base}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: launchArgs });

async function titles(page) {
  await page.waitForFunction(() => /resultat|Ingen/.test(document.getElementById("search-status").textContent), null, { timeout: 10000 });
  return page.$$eval("#search-list .card__title a", (as) => as.map((a) => a.textContent));
}

try {
  const context = await browser.newContext();
  const page = await context.newPage();
  const timings = [];
  for (const [query, expected] of config.queries) {
    await page.goto(`${origin}soeg/`);
    await page.fill("#search-q", "");
    await page.type("#search-q", query.slice(0, -1));
    const start = Date.now();
    await page.type("#search-q", query.slice(-1));
    await page.waitForFunction((q) => document.getElementById("search-status").textContent.includes(`»${q}«`), query, { timeout: 10000 }).catch(() => {});
    timings.push(Date.now() - start);
    const top = (await titles(page)).slice(0, 3);
    if (!top.includes(expected)) fail(`query "${query}": expected "${expected}" in the top 3, got ${JSON.stringify(top)}`);
    if (!page.url().includes(`q=${encodeURIComponent(query).replace(/%20/g, "+")}`)) fail(`query "${query}": URL ${page.url()} does not hold the query`);
  }
  timings.sort((a, b) => a - b);
  console.log(`search: last keystroke to results shown, median ${timings[Math.floor(timings.length / 2)]} ms over ${timings.length} queries (includes the 200 ms typing pause)`);

  // Filters narrow, and the URL round-trips (a shared link restores query and filters).
  await page.goto(`${origin}soeg/?q=rygestop`);
  const all = await titles(page);
  await page.check("#f-status-planlagt").catch(() => {});
  await page.goto(`${origin}soeg/?q=rygestop&handleplan=2018-2019`);
  const narrowed = await titles(page);
  if (!(narrowed.length > 0 && narrowed.length < all.length)) fail(`plan filter did not narrow: ${all.length} → ${narrowed.length}`);
  if (!(await page.isChecked("#f-handleplan-2018-2019"))) fail("filter from the URL is not shown as checked");
  if ((await page.inputValue("#search-q")) !== "rygestop") fail("query from the URL is not in the field");

  // Keyboard alone: type, Tab to a theme filter, Space to check it, results narrow, URL follows.
  await page.goto(`${origin}soeg/`);
  await page.focus("#search-q");
  await page.keyboard.type("kræft");
  await titles(page);
  const before = (await titles(page)).length;
  await page.focus("#f-tema-kraeftrehabilitering");
  await page.keyboard.press("Space");
  await page.waitForFunction(() => location.search.includes("tema=kraeftrehabilitering"));
  await page.waitForTimeout(300);
  const after = await titles(page);
  if (!(after.length > 0 && after.length <= before)) fail(`keyboard filter: ${before} → ${after.length}`);
  const focused = await page.evaluate(() => document.activeElement?.id);
  if (focused !== "f-tema-kraeftrehabilitering") fail(`focus moved to ${focused} when a filter changed`);
  const marks = await page.$$eval("#search-list mark", (m) => m.length);
  if (marks === 0) fail("matches are not highlighted");

  // axe with results shown.
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    (await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })).violations.map((v) => `${v.id}: ${v.help}`),
  );
  for (const v of violations) fail(`axe on /soeg/ with results: ${v}`);

  // No results: a clear message and the themes as suggestions.
  await page.goto(`${origin}soeg/?q=xyzzyqwerty`);
  await titles(page);
  const noneVisible = await page.isVisible("#search-none");
  if (!noneVisible) fail("no-results suggestions are not shown");

  // Back button: two searches, back restores the first.
  await page.goto(`${origin}soeg/`);
  await page.fill("#search-q", "stress");
  await page.press("#search-q", "Enter");
  await titles(page);
  await page.fill("#search-q", "tobak");
  await page.press("#search-q", "Enter");
  await page.waitForFunction(() => location.search.includes("tobak"));
  await page.goBack();
  await page.waitForFunction(() => document.getElementById("search-q").value === "stress", null, { timeout: 5000 }).catch(() => fail("back button does not restore the previous search"));
  await context.close();

  // Without JavaScript: every initiative A-Å.
  const nojs = await browser.newContext({ javaScriptEnabled: false });
  const p2 = await nojs.newPage();
  await p2.goto(`${origin}soeg/?q=rygestop`);
  const links = await p2.$$eval("#search-az .az-list a", (as) => new Set(as.map((a) => a.href)).size);
  if (links !== config.initiatives) fail(`without JavaScript the A-Å list has ${links} links, expected ${config.initiatives}`);
  await nojs.close();

  // Bytes a first query downloads.
  const c3 = await browser.newContext();
  const p3 = await c3.newPage();
  let bytes = 0;
  p3.on("response", async (r) => {
    if (r.url().includes("/pagefind/") || r.url().endsWith("search.js")) {
      try {
        bytes += (await r.body()).length;
      } catch {}
    }
  });
  await p3.goto(`${origin}soeg/?q=rygestop`);
  await titles(p3);
  await p3.waitForTimeout(300);
  console.log(`search: first query downloads ${Math.round(bytes / 1024)} KiB of search files (script, wasm, index, fragments)`);
  await c3.close();
} finally {
  await browser.close();
  server.close();
}
for (const f of failures) console.log(`FAIL ${f}`);
console.log(`search: ${config.queries.length} queries, ${failures.length} failures`);
process.exit(failures.length ? 1 : 0);
