// Visits pages in Firefox (Debian's firefox-esr, driven over WebDriver BiDi by
// puppeteer-core) and prints what each visit found, as JSON, for tests/browser/test_firefox.py
// to assert on. Only 127.0.0.1 is reached: every request to another host is stopped
// before it leaves, and reported.
//
//   node tests/js/firefox.mjs FIREFOX
//
// One Firefox for all the plans it is given, one plan a line on stdin, each in a
// browser context of its own (its own cookies and storage); one report a line on
// stdout for each; it closes Firefox when stdin ends.
// plan: {"visits": [{"url", "viewport": {"width", "height", "isMobile"?},
//                    "steps": [{"fill": [selector, text]}
//                              | {"waitFor": expression, "timeout": ms?}],
//                    "scripts": [file, ...]?,
//                    "evaluate": expression, "viewports": [viewport, ...]?}]}
// "scripts" are evaluated in the page first (axe-core, say): through WebDriver BiDi,
// which the page's Content-Security-Policy does not govern.
// "evaluate" is JavaScript evaluated in the page once its fonts are ready (an async
// function's body, awaited); its value is reported as "value", or, with "viewports",
// a list of its values with the window resized to each in turn.
// report: {"version", "visits": [{"url", "value", "errors": [...]}], "offsite": [...]}
// "errors" holds the page's uncaught exceptions and console errors, and any step that
// timed out; "offsite" the plan's requests to other hosts.
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import puppeteer from "puppeteer-core";

const LOCAL = /^(https?:\/\/127\.0\.0\.1[:/]|file:|data:|blob:|about:)/;
const TIMEOUT_MS = 10_000;

const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: process.argv[2],
  headless: true,
  // The page is read as a reader's Firefox shows it, in its own language settings.
  extraPrefsFirefox: { "intl.accept_languages": "fa,en" },
});
const version = await browser.version();
const scripts = new Map(); // file -> its source, read once

async function visitAll(plan) {
  const context = await browser.createBrowserContext();
  const offsite = [];
  const visits = [];
  try {
    for (const visit of plan.visits) {
      visits.push(await visitOne(context, visit, offsite));
    }
  } finally {
    await context.close();
  }
  return { version, visits, offsite };
}

async function visitOne(context, visit, offsite) {
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const errors = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    const local = LOCAL.test(request.url());
    if (!local) offsite.push(request.url());
    // A request the page makes while it closes meets interception already turned off:
    // Puppeteer throws (once, under load, it ended the driver and the module's tests).
    try {
      Promise.resolve(local ? request.continue() : request.abort()).catch(() => {});
    } catch {
      /* the page is closing: nothing to let through or stop */
    }
  });
  await page.setViewport(visit.viewport ?? { width: 1280, height: 800 });
  let value = null;
  try {
    await page.goto(visit.url, { waitUntil: "load" });
    for (const step of visit.steps ?? []) {
      if (step.fill) {
        const [selector, text] = step.fill;
        await page.$eval(selector, (input) => { input.value = ""; });
        await page.type(selector, text);
      } else if (step.waitFor) {
        const timeout = step.timeout ?? TIMEOUT_MS;
        await page.waitForFunction(step.waitFor, { polling: 100, timeout });
      }
    }
    for (const file of visit.scripts ?? []) {
      if (!scripts.has(file)) scripts.set(file, `${readFileSync(file, "utf8")}\n;void 0`);
      await page.evaluate(scripts.get(file));
    }
    const evaluate = `(async () => { await document.fonts.ready; ${visit.evaluate} })()`;
    if (visit.viewports) {
      value = [];
      for (const viewport of visit.viewports) {
        await page.setViewport(viewport);
        value.push(await page.evaluate(evaluate));
      }
    } else {
      value = await page.evaluate(evaluate);
    }
  } catch (error) {
    errors.push(`driver: ${error.message}`);
  }
  await page.close();
  return { url: visit.url, value, errors };
}

try {
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    process.stdout.write(`${JSON.stringify(await visitAll(JSON.parse(line)))}\n`);
  }
} finally {
  await browser.close();
}
