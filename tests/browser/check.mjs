// Browser checks for built indsats sites, in Debian's headless Chromium via playwright-core.
//
// Usage: node check.mjs <config.json>
// The config names the sites to check (a built folder and the base path to serve it under),
// the pages of each (one per page kind, plus all pages for a lighter sweep), and where to put
// screenshots. Each site is served over loopback by a small static server below, exactly as
// a static host would (index.html for folders, 404.html with status 404).
//
// Checks per page and width: axe-core (WCAG 2.0/2.1 A and AA) with zero violations; no
// horizontal scrolling at 320 px and at 200 % zoom and 200 % text size; skip link first and
// moving focus to main; every link and control reachable by Tab with a visible focus
// indicator; one h1, headings in order, lang="da", unique titles, landmarks; status tags
// carry text; every same-site link answers 200. Prints one line per failure and a summary;
// exits 1 on any failure.

import { chromium } from "playwright-core";
import { readFile, mkdir, writeFile } from "node:fs/promises";
import { serve, launchArgs, readOnBuildDay } from "./serve.mjs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const AXE_SOURCE = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const WIDTHS = [320, 375, 1280];

const config = JSON.parse(await readFile(process.argv[2], "utf8"));
const failures = [];
let checks = 0;
const fail = (where, what) => failures.push(`${where}: ${what}`);

// In-page checks of structure; returns a list of problems.
function structureProblems() {
  const out = [];
  if (document.documentElement.lang !== "da") out.push(`lang is "${document.documentElement.lang}"`);
  const h1s = document.querySelectorAll("h1");
  if (h1s.length !== 1) out.push(`${h1s.length} h1 elements`);
  let prev = 0;
  for (const h of document.querySelectorAll("h1,h2,h3,h4,h5,h6")) {
    const level = Number(h.tagName[1]);
    if (prev && level > prev + 1) out.push(`heading level skips from h${prev} to h${level}: "${h.textContent.trim().slice(0, 40)}"`);
    prev = level;
  }
  for (const sel of ["header", "nav", "main", "footer"]) {
    if (!document.querySelector(sel)) out.push(`no <${sel}> landmark`);
  }
  if (!document.title.trim()) out.push("empty <title>");
  for (const tag of document.querySelectorAll(".tag")) {
    if (!tag.textContent.trim()) out.push("a status tag without text");
  }
  return out;
}

function horizontalOverflow() {
  const doc = document.documentElement;
  return doc.scrollWidth - doc.clientWidth;
}

// Every element a keyboard user must reach, in DOM order, as short descriptions.
function focusables() {
  const els = [...document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1'])")];
  return els
    .filter((e) => !e.disabled && e.getAttribute("tabindex") !== "-1")
    // Inside a closed <details> only the summary can be reached, as it should be.
    .filter((e) => e.tagName === "SUMMARY" || !e.closest("details:not([open])"))
    .filter((e) => {
      const r = e.getBoundingClientRect();
      const s = getComputedStyle(e);
      return s.visibility !== "hidden" && s.display !== "none" && (r.width > 0 || r.height > 0 || e.classList.contains("skip-link"));
    })
    .map((e, i) => {
      e.dataset.kbId = String(i);
      return i;
    }).length;
}

function focusedInfo() {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  const indicator = (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none";
  return {
    id: e.dataset.kbId ?? null,
    tag: e.tagName,
    text: (e.textContent || e.getAttribute("aria-label") || e.name || "").trim().slice(0, 40),
    cls: e.className,
    indicator,
    visible: r.bottom > 0 && r.right > 0 && r.width > 0 && r.height > 0,
  };
}

async function checkKeyboard(page, where) {
  await page.evaluate(focusables);
  await page.keyboard.press("Tab");
  const first = await page.evaluate(focusedInfo);
  if (!first || !String(first.cls).includes("skip-link")) {
    fail(where, `first Tab stop is ${first ? `${first.tag} "${first.text}"` : "nothing"}, not the skip link`);
  } else if (!first.visible) {
    fail(where, "the skip link is not visible when focused");
  }
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.id === "main-content", null, { timeout: 2000 }).catch(() => {});
  const afterSkip = await page.evaluate(() => ({ id: document.activeElement?.id, hash: location.hash }));
  if (afterSkip.id !== "main-content") fail(where, `skip link moves focus to "${afterSkip.id}", not main`);
  // Tab from the top through every stop.
  await page.evaluate(() => {
    document.activeElement?.blur();
    window.scrollTo(0, 0);
  });
  await page.goto(page.url().split("#")[0]);
  const total = await page.evaluate(focusables);
  const seen = new Set();
  for (let i = 0; i < total + 3; i++) {
    await page.keyboard.press("Tab");
    const f = await page.evaluate(focusedInfo);
    if (!f) break;
    if (f.id !== null) seen.add(f.id);
    if (!f.indicator) fail(where, `no visible focus indicator on ${f.tag} "${f.text}"`);
  }
  if (seen.size < total) fail(where, `only ${seen.size} of ${total} links and controls reachable by Tab`);
}

async function checkPage(context, site, entry, width, origin, titles) {
  const url = origin + site.base + entry.path;
  const where = `${site.name} ${entry.path || "/"} @${width}px`;
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  const resp = await page.goto(url, { waitUntil: "load" });
  checks++;
  const expectStatus = entry.status ?? 200;
  if (!resp || resp.status() !== expectStatus) fail(where, `HTTP ${resp && resp.status()}, expected ${expectStatus}`);
  const css = await page.evaluate(() => [...document.styleSheets].length);
  if (css === 0) fail(where, "no stylesheet loaded");

  for (const p of await page.evaluate(structureProblems)) fail(where, p);
  if (width === 1280) {
    // The page's icon is there (so no page asks the host for a missing file).
    const icon = await page.evaluate(async () => {
      const link = document.querySelector('link[rel="icon"]');
      if (!link) return "no <link rel=icon>";
      const r = await fetch(link.href);
      return r.ok && (r.headers.get("content-type") || "").includes("svg") ? "" : `HTTP ${r.status} ${r.headers.get("content-type")}`;
    });
    if (icon) fail(where, `favicon: ${icon}`);
    const title = await page.title();
    if (titles.has(title) && titles.get(title) !== entry.path) fail(where, `title "${title}" also used by ${titles.get(title)}`);
    titles.set(title, entry.path);
  }

  await page.addScriptTag({ content: AXE_SOURCE });
  const axe = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    (await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })).violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
    })),
  );
  for (const v of axe) fail(where, `axe ${v.id}: ${v.help} (${v.nodes.join(", ")})`);

  if (entry.kind) {
    // The header fits a phone (≤ 150 px at 375 px) and never wraps into a second menu row on
    // a wide screen; its touch targets are at least 44 px tall.
    const header = await page.evaluate(() => {
      const h = document.querySelector("header");
      const small = [...h.querySelectorAll("a, summary, input, button")]
        .filter((e) => !e.closest("details:not([open])") || e.tagName === "SUMMARY")
        .filter((e) => e.getBoundingClientRect().height > 0 && e.getBoundingClientRect().height < 44)
        .map((e) => e.textContent.trim() || e.id);
      return { height: h.getBoundingClientRect().height, small };
    });
    // At 320 px a long site title may take two lines; the phone the issue names is 375 px.
    const max = width < 375 ? 200 : width === 375 ? 150 : 100;
    if (header.height > max) fail(where, `the header is ${Math.round(header.height)} px tall (at most ${max})`);
    if (header.small.length) fail(where, `header targets under 44 px: ${header.small.join(", ")}`);
  }

  const overflow = await page.evaluate(horizontalOverflow);
  if (overflow > 0) fail(where, `scrolls horizontally by ${overflow}px`);
  if (!entry.kind) {
    // The sweep over every page checks reflow at the narrowest width too.
    await page.setViewportSize({ width: 320, height: 900 });
    const narrow = await page.evaluate(horizontalOverflow);
    if (narrow > 0) fail(`${site.name} ${entry.path || "/"} @320px`, `scrolls horizontally by ${narrow}px`);
  }

  if (entry.kind && config.screenshots && (width === 375 || width === 1280)) {
    const file = path.join(config.screenshots, site.name, `${entry.kind}-${width}.png`);
    await mkdir(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file, fullPage: true });
  }

  if (width === 1280) {
    // 200 % text size (WCAG 1.4.4) must not make the page scroll sideways.
    await page.evaluate(() => (document.documentElement.style.fontSize = "200%"));
    const o2 = await page.evaluate(horizontalOverflow);
    if (o2 > 0) fail(where, `at 200 % text size the page scrolls horizontally by ${o2}px`);
    await page.evaluate(() => (document.documentElement.style.fontSize = ""));
    // 200 % zoom of a 1280 px window is a 640 px viewport.
    await page.setViewportSize({ width: 640, height: 900 });
    const o3 = await page.evaluate(horizontalOverflow);
    if (o3 > 0) fail(where, `at 200 % zoom the page scrolls horizontally by ${o3}px`);
    await page.setViewportSize({ width, height: 900 });
  }

  if (entry.kind) {
    await checkKeyboard(page, where);
  }

  if (entry.kind && width === 1280) {
    // Every same-site link, image and stylesheet answers 200 from the host.
    const targets = await page.evaluate(() =>
      [...document.querySelectorAll("a[href], link[href], img[src], script[src]")].map((e) => e.href || e.src),
    );
    const self = url.split("#")[0];
    const own = [...new Set(targets.filter((t) => t.startsWith(origin)).map((t) => t.split("#")[0]))].filter((t) => t !== self);
    for (const t of own) {
      const r = await context.request.get(t, { maxRedirects: 0 });
      if (r.status() !== 200) fail(where, `link ${t.slice(origin.length)} answers ${r.status()}`);
    }
  }
  await page.close();
}

// The themes menu opens without JavaScript (a <details>) and leads to a theme page.
async function checkMenuWithoutJs(browser, site, origin) {
  const where = `${site.name} / menu without JavaScript @375px`;
  const context = await readOnBuildDay(await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 812 } }));
  const page = await context.newPage();
  await page.goto(origin + site.base);
  checks++;
  const link = page.locator(".site-menu__panel a").first();
  if (await link.isVisible()) fail(where, "the menu is open before it is tapped");
  await page.locator("summary.site-menu__button").click();
  if (!(await link.isVisible())) fail(where, "tapping Menu does not show the themes");
  else {
    const href = await link.getAttribute("href");
    await link.click();
    if (new URL(page.url()).pathname !== href) fail(where, `the first theme link leads to ${page.url()}, not ${href}`);
  }
  await context.close();
}

async function checkPrint(context, site, entry, origin) {
  const page = await context.newPage();
  await page.goto(origin + site.base + entry.path);
  await page.emulateMedia({ media: "print" });
  const hidden = await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")).display === "none");
  if (!hidden) fail(`${site.name} ${entry.path} print`, "navigation is printed");
  const statusText = await page.evaluate(() => document.querySelector(".tag")?.innerText ?? "");
  if (!/Status/.test(statusText)) fail(`${site.name} ${entry.path} print`, `status prints as "${statusText}", without the word Status`);
  if (config.screenshots) {
    const file = path.join(config.screenshots, site.name, "plan-print.pdf");
    await page.pdf({ path: file, format: "A4", printBackground: false });
  }
  await page.close();
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: launchArgs });
try {
  for (const site of config.sites) {
    const server = await serve(site.dir, site.base);
    const origin = `http://127.0.0.1:${server.address().port}`;
    const context = await readOnBuildDay(await browser.newContext());
    const titles = new Map();
    for (const entry of site.pages) {
      const widths = entry.kind ? WIDTHS : [375];
      for (const w of widths) {
        try {
          await checkPage(context, site, entry, w, origin, titles);
        } catch (e) {
          fail(`${site.name} ${entry.path} @${w}px`, `check crashed: ${e.message.split("\n")[0]}`);
        }
      }
    }
    if (site.pages.some((p) => p.path === "" && p.kind)) await checkMenuWithoutJs(browser, site, origin);
    const plan = site.pages.find((p) => p.kind === "plan");
    if (plan) await checkPrint(context, site, plan, origin);
    await context.close();
    server.close();
  }
} finally {
  await browser.close();
}

for (const f of failures) console.log(`FAIL ${f}`);
const summary = { checks, failures: failures.length };
if (config.report) await writeFile(config.report, JSON.stringify(summary));
console.log(`browser: ${checks} page checks, ${failures.length} failures`);
process.exit(failures.length ? 1 : 0);
