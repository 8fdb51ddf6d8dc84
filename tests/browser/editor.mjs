// The editor in `indsats serve`, as an editor uses it, in headless Chromium: from an
// initiative's preview, follow "Rediger denne side", change "Titel" with the keyboard only,
// press "Gem": the form says "Gemt" and the page shows the new title. An empty title is
// shown at its field and in the summary at the top (focus and links to the field). The
// form, in both states, and the overview of all content (filtered to "stress") have no
// axe-core violation at 375 and 1280 px; their HTML is saved to <out dir> for the Nu checker.
// First, only the person who started serve gets in: the editor refuses a browser without its
// cookie (403, no token shown); the address serve printed sets an HttpOnly, SameSite=Strict
// cookie that the page's scripts cannot read, and it works once.
//
// Usage: node editor.mjs <origin> <page path> <out dir> <editor address with its key>

import { chromium } from "playwright-core";
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { launchArgs } from "./serve.mjs";

const require = createRequire(import.meta.url);
const AXE_SOURCE = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
const [origin, path, out, address] = process.argv.slice(2);
const failures = [];
const fail = (what) => failures.push(what);

async function axe(page, what) {
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.addScriptTag({ content: AXE_SOURCE });
    const violations = await page.evaluate(async () =>
      (await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })).violations.map(
        (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
      ),
    );
    for (const v of violations) fail(`axe on ${what} at ${width} px: ${v}`);
    // Nothing runs out of the screen sideways.
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    if (wide) fail(`${what} scrolls sideways at ${width} px`);
  }
}

// Tabs until `want` (a function of the focused element) holds; false after `most` presses.
async function tabTo(page, want, most = 40) {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(want)) return true;
  }
  return false;
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: launchArgs });
try {
  // The editor's pages forbid inline scripts (Content-Security-Policy); the test's own axe
  // is let in past it.
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  page.on("dialog", (d) => d.accept());
  const editorOrigin = new URL(address).origin;
  if (editorOrigin === new URL(origin).origin) fail("the editor shares the preview's origin");
  // Without the cookie: refused, and no token to be read.
  const refused = await page.goto(`${editorOrigin}/_rediger/`);
  if (refused.status() !== 403) fail(`the editor answered ${refused.status()} without its cookie`);
  if (await page.$("input[name=token]")) fail("the refusal shows a token");
  // The address serve printed lets this browser in.
  await page.goto(address);
  await page.getByRole("heading", { name: "Rediger portalens indhold" }).waitFor({ timeout: 15000 }).catch(() => fail("the key did not lead to the overview"));
  if (page.url().includes("adgang=")) fail("the key stays in the address bar");
  const cookies = await context.cookies(editorOrigin);
  const mine = cookies.find((c) => c.name.startsWith("indsats-rediger-"));
  if (!mine) fail("no cookie set by the key");
  else {
    if (!mine.httpOnly) fail("the cookie is not HttpOnly");
    if (mine.sameSite !== "Strict") fail(`the cookie is SameSite=${mine.sameSite}`);
    if ((await page.evaluate(() => document.cookie)).includes(mine.name)) fail("a script can read the cookie");
  }
  // The key is spent: another browser (a colleague) with the same address is refused.
  const other = await (await browser.newContext()).newPage();
  const again = await other.goto(address);
  if (again.status() !== 403) fail(`a spent key answered ${again.status()}`);
  await other.close();
  await page.goto(origin + path);
  await page.getByRole("link", { name: "Rediger denne side" }).click();
  await page.waitForSelector("form");
  await writeFile(`${out}/form.html`, await page.content());
  await axe(page, "the form");
  const title = page.getByLabel("Titel", { exact: true });
  if ((await title.count()) !== 1) fail("no field labelled exactly Titel");

  // Keyboard only: to the title, type, on to Gem, Enter.
  await page.evaluate(() => document.activeElement?.blur());
  if (!(await tabTo(page, () => document.activeElement?.id === "felt-titel"))) fail("Tab never reaches Titel");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("Rygestop for alle borgere");
  // Past every field of the form (a date field takes three presses: day, month, year).
  if (!(await tabTo(page, () => document.activeElement?.textContent === "Gem", 100))) fail("Tab never reaches Gem");
  await page.keyboard.press("Enter");
  await page
    .getByRole("heading", { name: "Gemt", exact: true })
    .waitFor({ timeout: 15000 })
    .catch(async () => fail(`no "Gemt" after Gem: ${await page.textContent("main")}`));
  await page.getByRole("link", { name: "Se siden" }).click();
  // The save is rebuilt like any save: the page shows the new title once it is.
  let shown = false;
  for (let i = 0; i < 60 && !shown; i++) {
    shown = (await page.textContent("h1").catch(() => "")) === "Rygestop for alle borgere";
    if (!shown) await page.waitForTimeout(250).then(() => page.reload());
  }
  if (!shown) fail("the page did not show the saved title");

  // A mistake: an empty title, shown at the field as it is typed (checked by the server with
  // the build's code), and again when Gem is pressed.
  await page.getByRole("link", { name: "Rediger denne side" }).click();
  await page.waitForSelector("form");
  await title.fill("");
  // The check goes to the server and back; a loaded machine (CI) may take a while.
  const live = await page.waitForSelector("#live-titel", { timeout: 30000 }).catch(() => null);
  if (!live || !(await live.textContent()).includes("Skriv en titel")) fail("an empty title is not shown at its field while typing");
  if (!((await title.getAttribute("aria-describedby")) || "").includes("live-titel")) fail("the live error is not tied to the title field");
  await axe(page, "the form with a live error");
  await title.fill("Rygestop");
  await page.waitForSelector("#live-titel", { state: "detached", timeout: 10000 }).catch(() => fail("the live error stays after the title is written"));
  await title.fill("");
  await page.getByRole("button", { name: "Gem" }).click();
  const summary = await page.waitForSelector(".summary[role=alert]", { timeout: 15000 }).catch(() => null);
  if (!summary) fail("no error summary for an empty title");
  else {
    const link = await page.$(".summary a[href='#felt-titel']");
    if (!link) fail("the summary does not link to the title field");
    if ((await title.getAttribute("aria-invalid")) !== "true") fail("the title field is not marked invalid");
    const described = (await title.getAttribute("aria-describedby")) || "";
    const error = await page.textContent("#fejl-titel").catch(() => "");
    if (!described.includes("fejl-titel") || !error.includes("Skriv en titel")) fail(`the error is not at the field: ${described} / ${error}`);
  }
  await writeFile(`${out}/form-with-errors.html`, await page.content());
  await axe(page, "the form with an error");

  // The overview of all content, from the editor's bar.
  await page.getByRole("link", { name: "Alt indhold" }).first().click();
  await page.getByRole("heading", { name: "Rediger portalens indhold" }).waitFor({ timeout: 15000 });
  await writeFile(`${out}/overview.html`, await page.content());
  await axe(page, "the overview");
  await page.getByLabel("Find en indsats").fill("stress");
  await page.getByRole("button", { name: "Find", exact: true }).click();
  await page.waitForURL(/q=stress/);
  const rows = await page.$$eval("tbody tr", (trs) => trs.map((tr) => tr.textContent));
  if (!rows.length || rows.some((r) => !/stress/i.test(r))) fail(`the filter did not narrow to stress: ${rows.join(" | ")}`);
} catch (e) {
  fail(`error: ${e}`);
} finally {
  await browser.close();
}
for (const f of failures) console.log(`FAIL ${f}`);
console.log(`editor: ${failures.length} failures`);
process.exit(failures.length ? 1 : 0);
