// The report in a real browser: Debian's headless Chromium, driven through the DevTools
// protocol by puppeteer-core (which uses the installed browser and downloads none).
//
//   node scripts/browser/check.mjs --claimscan target/release/claimscan --out output
//
// Checks, on OUT/report.html (the sample corpus): no console errors or page errors, no
// request leaves the file; screenshots of the overview, one document and the page at
// 200% zoom (OUT/screenshots/); a label filter changes the visible units and the URL
// fragment; a shared fragment restores the view; n/p move between claims. On a hostile
// collection (written and run here): no dialog, no injected element, no console error.
// On OUT/browser/large/report.html (20,000 sentences, see the Makefile): the load time,
// written to OUT/screenshots/benchmark.json (a generous bound only: it is a benchmark).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const LOAD_BOUND_MS = 10_000;

function options() {
  const args = process.argv.slice(2);
  const value = (name, fallback) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : fallback;
  };
  return {
    claimscan: value('--claimscan', 'target/release/claimscan'),
    out: value('--out', 'output'),
    chromium: process.env.CHROMIUM || '/usr/bin/chromium',
  };
}

const results = [];
function check(name, ok, detail = '') {
  results.push({ name, ok });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ': ' + detail : ''}`);
}

// A page whose console errors, page errors, dialogs and requests are recorded.
async function watchedPage(browser, width = 1280, height = 900, deviceScaleFactor = 1) {
  const page = await browser.newPage();
  await page.setViewport({ width, height, deviceScaleFactor });
  const seen = { errors: [], dialogs: [], requests: [] };
  page.on('console', (m) => { if (m.type() === 'error') seen.errors.push(m.text()); });
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  page.on('dialog', async (d) => { seen.dialogs.push(d.message()); await d.dismiss(); });
  page.on('request', (r) => { if (!r.url().startsWith('file:')) seen.requests.push(r.url()); });
  return { page, seen };
}

async function open(page, file, fragment = '') {
  await page.goto(pathToFileURL(path.resolve(file)).href + fragment, { waitUntil: 'load' });
  await page.waitForFunction(() => document.getElementById('filter-status').textContent !== '');
}

const visibleUnits = (page) => page.$$eval('details.doc[open] .unit',
  (units) => units.filter((u) => u.offsetParent !== null).map((u) => u.id));

async function sampleReport(browser, out, shots) {
  const file = path.join(out, 'report.html');
  const { page, seen } = await watchedPage(browser);
  await open(page, file);
  await (await page.$('#overview')).screenshot({ path: path.join(shots, 'overview.png') });
  check('overview screenshot', fs.existsSync(path.join(shots, 'overview.png')));

  await page.click('details.doc summary');
  await page.waitForSelector('details.doc[open] .unit');
  const all = await visibleUnits(page);
  check('opening a document renders its units', all.length > 0, `${all.length} units`);
  await (await page.$('details.doc[open]')).screenshot({ path: path.join(shots, 'document.png') });
  check('document screenshot', fs.existsSync(path.join(shots, 'document.png')));

  await page.click('#filter-only');
  const matching = await visibleUnits(page);
  const firstLabel = await page.$eval('#filters input[name=label]', (i) => i.value);
  await page.click(`#filters input[name=label][value="${firstLabel}"]`);
  const withoutLabel = await visibleUnits(page);
  const fragment = await page.evaluate(() => location.hash);
  const shownChips = await page.$$eval(`details.doc[open] a.claim[data-label="${firstLabel}"]`,
    (chips) => chips.filter((c) => c.offsetParent !== null).length);
  check(`no "${firstLabel}" claim is shown once it is unticked`, shownChips === 0, `${shownChips} shown`);
  check('"only matching units" hides units without claims', matching.length < all.length,
    `${all.length} -> ${matching.length}`);
  check(`unticking the label "${firstLabel}" changes the visible units`,
    withoutLabel.join() !== matching.join(), `${matching.length} -> ${withoutLabel.length}`);
  check('the fragment holds the filters', fragment.includes('only=1') && fragment.includes('labels='),
    fragment);

  await page.keyboard.press('n');
  const focused = await page.evaluate(() => document.activeElement.className);
  check('key n focuses the next claim', focused.includes('claim'), focused);

  // A shared link: a new page with the fragment shows the same view.
  const { page: shared, seen: sharedSeen } = await watchedPage(browser);
  await open(shared, file, fragment);
  const restored = await shared.evaluate((label) => ({
    only: document.getElementById('filter-only').checked,
    label: document.querySelector(`#filters input[name=label][value="${label}"]`).checked,
  }), firstLabel);
  check('a shared fragment restores the filters', restored.only && !restored.label,
    JSON.stringify(restored));

  // 200% zoom: twice the device pixels per CSS pixel, so half the CSS width; the page
  // must not scroll sideways.
  const { page: zoomed, seen: zoomSeen } = await watchedPage(browser, 640, 450, 2);
  await open(zoomed, file);
  await zoomed.click('details.doc summary');
  const overflow = await zoomed.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await zoomed.screenshot({ path: path.join(shots, 'zoom-200.png') });
  check('at 200% zoom the page does not scroll sideways', overflow <= 1, `${overflow}px too wide`);

  const errors = [...seen.errors, ...sharedSeen.errors, ...zoomSeen.errors];
  check('no console or page errors', errors.length === 0, errors.join(' | '));
  const requests = [...seen.requests, ...sharedSeen.requests, ...zoomSeen.requests];
  check('no request leaves the file', requests.length === 0, requests.join(' '));
  for (const p of [page, shared, zoomed]) await p.close();
}

// Texts that would run script if the page read them as HTML.
function writeHostileCollection(docs) {
  fs.rmSync(docs, { recursive: true, force: true });
  fs.mkdirSync(docs, { recursive: true });
  const files = {
    'script.txt': '<script>alert(1)</script>\n\nPolice detained 40 people <script>alert(1)</script> at the border.\n\n' +
      '</script><img src=x onerror=alert(2)> The guards said "onerror=alert(3) and beat the detainees.\n',
    '<img src=x onerror=alert(4)>.txt': 'Border guards pushed back 30 asylum seekers <b onmouseover=alert(5)>here</b>.\n',
    'formula.txt': '=HYPERLINK("http://example.org") was typed by officers who deported 12 men.\n',
  };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(docs, name), text);
}

async function hostileReport(browser, claimscan, out, shots) {
  const docs = path.join(out, 'browser', 'hostile-docs');
  const hostileOut = path.join(out, 'browser', 'hostile');
  writeHostileCollection(docs);
  const run = spawnSync(claimscan, ['run', docs, '--out', hostileOut, '--quiet'], { encoding: 'utf8' });
  check('claimscan run on the hostile collection', run.status === 0, run.stderr.trim());
  const { page, seen } = await watchedPage(browser);
  await open(page, path.join(hostileOut, 'report.html'));
  for (const summary of await page.$$('details.doc summary')) await summary.click();
  await page.waitForSelector('details.doc[open] .unit');
  await page.hover('details.doc[open] .unit');
  const injected = await page.evaluate(() => ({
    scripts: document.scripts.length,
    elements: document.querySelectorAll('img, iframe, object, embed, b, [onerror], [onmouseover], [onload]').length,
    shown: document.getElementById('documents').textContent.includes('<script>alert(1)</script>'),
  }));
  await (await page.$('#documents')).screenshot({ path: path.join(shots, 'hostile.png') });
  check('hostile texts are shown as text', injected.shown);
  check('no element was injected', injected.scripts === 2 && injected.elements === 0, JSON.stringify(injected));
  check('no dialog opened', seen.dialogs.length === 0, seen.dialogs.join(' | '));
  check('no console errors on the hostile page', seen.errors.length === 0, seen.errors.join(' | '));
  await page.close();
}

async function largeReport(browser, out) {
  const file = path.join(out, 'browser', 'large', 'report.html');
  if (!fs.existsSync(file)) {
    check('large report present', false, `${file} is missing (see the Makefile's browser-test)`);
    return null;
  }
  const { page, seen } = await watchedPage(browser);
  const started = Date.now();
  await open(page, file);
  const wall = Date.now() - started;
  const timing = await page.evaluate(() => ({
    load: performance.getEntriesByType('navigation')[0].loadEventEnd,
    ready: performance.getEntriesByName('claimscan-report-ready')[0].startTime,
    units: JSON.parse(document.getElementById('report-data').textContent)
      .documents.reduce((n, d) => n + d.units.length, 0),
  }));
  const opened = Date.now();
  await page.click('details.doc summary');
  await page.waitForSelector('details.doc[open] .unit');
  const openMs = Date.now() - opened;
  const filtered = Date.now();
  await page.click('#filter-only');
  const filterMs = Date.now() - filtered;
  const benchmark = {
    sentences: timing.units,
    bytes: fs.statSync(file).size,
    load_event_ms: Math.round(timing.load),
    script_ready_ms: Math.round(timing.ready),
    goto_until_ready_ms: wall,
    open_document_ms: openMs,
    filter_ms: filterMs,
  };
  console.log('benchmark ' + JSON.stringify(benchmark));
  check(`the ${timing.units}-sentence page is ready within ${LOAD_BOUND_MS / 1000} s`,
    timing.ready < LOAD_BOUND_MS, `${Math.round(timing.ready)} ms`);
  check('no console errors on the large page', seen.errors.length === 0, seen.errors.join(' | '));
  await page.close();
  return benchmark;
}

async function main() {
  const { claimscan, out, chromium } = options();
  const shots = path.join(out, 'screenshots');
  fs.mkdirSync(shots, { recursive: true });
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    // CI runs as root; the rest keeps Chromium off the network this machine does not have.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
      '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    await sampleReport(browser, out, shots);
    await hostileReport(browser, claimscan, out, shots);
    const benchmark = await largeReport(browser, out);
    if (benchmark) fs.writeFileSync(path.join(shots, 'benchmark.json'), JSON.stringify(benchmark, null, 2) + '\n');
  } finally {
    await browser.close();
  }
  const failed = results.filter((r) => !r.ok).length;
  console.log(`screenshots in ${shots}`);
  console.log(`browser: ${results.length - failed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
