// What the editor in `indsats serve` guards against, in headless Chromium (issue #31):
//
// - A half-typed date: "Opdateret" with one part of the date wiped is sent empty by a
//   browser. With the form's script, "Gem" is stopped and the problem shown at the field;
//   without it, the server keeps the file's date, asks at the field, and removes the line
//   only when "Fjern Opdateret fra filen" is ticked. The file keeps its date until then.
// - A file in content/billeder that tries to drive the editor: an SVG with a script, opened
//   from the preview in the browser the editor let in, runs no script (the preview serves it
//   sandboxed) and could not read the editor anyway (another origin): nothing is made.
// - A second tab on the same file is told at once that it is open elsewhere.
// - A change on disk and a change in the form to the same field: only it is asked about,
//   and the choice is saved; that page, the delete page and the rename page pass axe.
// - A file without a contact copies the site's into the form with one press.
// - Leaving a form with changes not saved asks first, and what was typed and not saved is
//   offered back in another tab ("Hent det, jeg skrev").
//
// Usage: node editor-guards.mjs <preview origin> <editor address with its key> <site folder>

import { chromium } from "playwright-core";
import { readFile, readdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { launchArgs } from "./serve.mjs";

const AXE_SOURCE = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const [origin, address, root] = process.argv.slice(2);
const failures = [];
const fail = (what) => failures.push(what);
const file = `${root}/content/indsatser/2020-2021/stressforloeb.md`;
const page_path = "indsatser/2020-2021/stressforloeb/";
const editorOrigin = new URL(address).origin;
const dated = async () => (await readFile(file, "utf8")).includes("\nopdateret: 2021-03-01\n");

// axe-core (WCAG 2.x A and AA) on the page as it stands, at 375 and 1280 px.
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
  }
}

// Wipes the day of the date field, leaving month and year: half typed.
async function halfTypeDate(page) {
  const date = page.locator("#felt-opdateret");
  await date.focus();
  await page.keyboard.press("Backspace");
  const state = await date.evaluate((d) => ({ value: d.value, bad: d.validity.badInput }));
  if (state.value !== "" || !state.bad) fail(`the date is not half typed: ${JSON.stringify(state)}`);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: launchArgs });
try {
  const context = await browser.newContext({ locale: "da-DK" });
  const page = await context.newPage();
  // Leaving a form with changes not saved asks first; the test says yes.
  let askedToLeave = 0;
  context.on("page", (p) => p.on("dialog", (d) => d.type() === "beforeunload" && (askedToLeave++, d.accept())));
  page.on("dialog", (d) => d.type() === "beforeunload" && (askedToLeave++, d.accept()));
  await page.goto(address);
  await page.getByRole("heading", { name: "Rediger portalens indhold" }).waitFor({ timeout: 15000 });

  // With the script: Gem is stopped, the problem is at the field, nothing is sent.
  await page.goto(origin + page_path);
  await page.getByRole("link", { name: "Rediger denne side" }).click();
  await page.waitForSelector("form[data-tjek]");
  const formUrl = page.url();
  // A second tab on the same file is told at once.
  const second = await context.newPage();
  await second.goto(formUrl);
  await second
    .waitForFunction(() => document.getElementById("andre-faner")?.textContent.includes("også åben"), null, { timeout: 10000 })
    .catch(() => fail("a second tab on the same file is not told it is open elsewhere"));
  await second.close();
  await halfTypeDate(page);
  await page.getByRole("button", { name: "Gem" }).click();
  const live = await page.waitForSelector("#live-opdateret", { timeout: 10000 }).catch(() => null);
  if (!live || !(await live.textContent()).includes("datoen er ikke skrevet helt")) fail("a half-typed date is not shown at its field when Gem is pressed");
  if (page.url() !== formUrl) fail(`Gem went on to ${page.url()} with a half-typed date`);
  if ((await page.evaluate(() => document.activeElement?.id)) !== "felt-opdateret") fail("focus is not on the date");
  if (!(await dated())) fail("the date left the file (with the form's script)");

  // Without the script: the server keeps the date and asks.
  const noScript = await browser.newContext({ locale: "da-DK", javaScriptEnabled: false });
  await noScript.addCookies(await context.cookies());
  const plain = await noScript.newPage();
  await plain.goto(formUrl);
  await halfTypeDate(plain);
  await plain.getByRole("button", { name: "Gem" }).click();
  await plain.waitForSelector(".summary", { timeout: 15000 }).catch(() => fail("no error summary without the script"));
  const said = (await plain.textContent("main")) || "";
  if (!said.includes("»Opdateret« kom tomt frem")) fail(`the server did not ask about the empty date: ${said.slice(0, 300)}`);
  if ((await plain.inputValue("#felt-opdateret")) !== "2021-03-01") fail("the file's date is not back in the field");
  if (!(await dated())) fail("the date left the file (without the form's script)");
  // Removed only when asked to.
  await plain.getByLabel("Fjern Opdateret fra filen").check();
  await plain.locator("#felt-opdateret").fill("");
  await plain.getByRole("button", { name: "Gem" }).click();
  await plain.getByRole("heading", { name: "Gemt", exact: true }).waitFor({ timeout: 15000 }).catch(() => fail("no Gemt after ticking the box"));
  if ((await readFile(file, "utf8")).includes("opdateret:")) fail("the ticked box did not remove the date");
  await noScript.close();

  // A file without a contact of its own: the site's is copied in with one press.
  await page.goto(`${editorOrigin}/_rediger/content/indsatser/2018-2019/rygestop.md`);
  if (!askedToLeave) fail("leaving a form with a change not saved did not ask first");
  await page.getByRole("button", { name: "Kopiér portalens kontakt hertil" }).click();
  if ((await page.inputValue("#felt-kontakt-1")) !== "11 22 33 44") fail("the site's contact was not copied into the form");
  // Not saved, and the tab closed: the form offers it back in another tab.
  await page.locator("#felt-titel").fill("Rygestop for alle unge");
  await page.waitForTimeout(200);
  const again = await context.newPage();
  await page.close();
  await again.goto(`${editorOrigin}/_rediger/content/indsatser/2018-2019/rygestop.md`);
  const back = again.getByRole("button", { name: "Hent det, jeg skrev" });
  await back.waitFor({ timeout: 10000 }).catch(() => fail("what was typed and not saved is not offered back"));
  if (await back.count()) {
    await back.click();
    if ((await again.inputValue("#felt-titel")) !== "Rygestop for alle unge") fail("the title typed was not brought back");
    if ((await again.inputValue("#felt-kontakt-1")) !== "11 22 33 44") fail("the contact typed was not brought back");
  }
  const page2 = again;

  // The pages that ask: a conflict, a delete, a rename; with axe (scripts let in past the
  // editor's Content-Security-Policy for the test's own axe).
  const checked = await browser.newContext({ locale: "da-DK", bypassCSP: true });
  await checked.addCookies(await context.cookies());
  const asking = await checked.newPage();
  asking.on("dialog", (d) => d.accept());
  await asking.goto(formUrl);
  await writeFile(file, (await readFile(file, "utf8")).replace("titel: Stressforløb for voksne", "titel: Deres titel"));
  await asking.locator("#felt-titel").fill("Min titel");
  await asking.getByRole("button", { name: "Gem" }).click();
  await asking.getByRole("heading", { name: "Filen er ændret, siden du åbnede formularen" }).waitFor({ timeout: 15000 }).catch(() => fail("no conflict page"));
  if (!(await asking.getByLabel(/Behold min: Min titel/).count())) fail("the conflict does not offer my title");
  await axe(asking, "the conflict page");
  await asking.getByLabel(/Behold den på disken: Deres titel/).check();
  await asking.getByRole("button", { name: "Gem de valgte" }).click();
  await asking.getByRole("heading", { name: "Gemt", exact: true }).waitFor({ timeout: 15000 }).catch(() => fail("the merged save did not save"));
  if (!(await readFile(file, "utf8")).includes("titel: Deres titel")) fail("the disk's title was not kept");
  await asking.goto(`${editorOrigin}/_rediger/slet/content/indsatser/2018-2019/rygestop.md`);
  await axe(asking, "the delete page");
  await asking.goto(`${editorOrigin}/_rediger/omdoeb/content/indsatser/2018-2019/rygestop.md`);
  await axe(asking, "the rename page");
  await checked.close();

  // An SVG with a script in content/billeder, opened in the editor's own browser.
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>Kort</title><script>
document.title = "script ran";
(async () => {
  for (const at of ["${editorOrigin}/_rediger/", location.origin + "/_rediger/"]) {
    try {
      const html = await (await fetch(at, { credentials: "include" })).text();
      const token = (html.match(/name="token" value="([^"]+)"/) || [])[1];
      document.title = "read the editor: " + token;
      const body = new URLSearchParams({ token, periode: "2020-2021", titel: "Angreb", tema: "Tobak" });
      await fetch("${editorOrigin}/_rediger/ny", { method: "POST", credentials: "include", body });
    } catch (e) {}
  }
})();
</script></svg>`;
  await writeFile(`${root}/content/billeder/angreb.svg`, svg);
  let served = null;
  for (let i = 0; i < 60 && !served; i++) {
    const r = await page2.request.get(`${origin}billeder/angreb.svg`).catch(() => null);
    if (r && r.status() === 200) served = r;
    else await page2.waitForTimeout(250);
  }
  if (!served) fail("the SVG was never served");
  else if (!(served.headers()["content-security-policy"] || "").includes("sandbox")) fail("the SVG is served without a sandbox");
  await page2.goto(`${origin}billeder/angreb.svg`);
  await page2.waitForTimeout(2000);
  const title = await page2.title();
  if (title !== "Kort") fail(`a script in the SVG ran: ${title}`);
  const made = await readdir(`${root}/content/indsatser/2020-2021`);
  if (made.some((f) => f.startsWith("angreb"))) fail(`the SVG made an initiative: ${made.join(", ")}`);
} catch (e) {
  fail(`error: ${e}`);
} finally {
  await browser.close();
}
for (const f of failures) console.log(`FAIL ${f}`);
console.log(`editor guards: ${failures.length} failures`);
process.exit(failures.length ? 1 : 0);
