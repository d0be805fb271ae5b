// End to end through the WebSocket transport: the page served by the host bridge
// (tools/ChamberFirmware.DiagnosticsBridge) reading a DiagnosticsService fed with the golden
// fixture, with telemetry pushed as a stream. The bridge is started by the C# test
// (tests/ChamberFirmware.FieldDiagnostics.Tests), which passes its address in DIAG_BRIDGE_URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { launch, golden, waitFor, serveStatic } from './harness.mjs';

const bridge = process.env.DIAG_BRIDGE_URL;

test('the bridge page connects, reads everything, streams telemetry and exports', { skip: bridge ? false : 'DIAG_BRIDGE_URL not set (run through dotnet test)' }, async () => {
  const profile = mkdtempSync(join(tmpdir(), 'field-diag-chromium-'));
  const browser = await launch(puppeteer, profile);
  try {
    const page = await browser.newPage();
    await page.goto(bridge); // the bridge redirects / to /?ws=ws://…/diag
    assert.match(page.url(), /\?ws=ws%3A%2F%2F127\.0\.0\.1%3A\d+%2Fdiag/);
    const message = () => page.$eval('#message', (el) => el.textContent);
    await waitFor(async () => (await message()).startsWith('Connected to simulator bridge'), 'connected message')
      .catch(async (e) => { throw new Error(`${e.message}; page says: ${await message()}`); });

    const model = () => page.evaluate(() => window.fieldDiagnostics.model);
    let m = await model();
    assert.deepStrictEqual(m.identity, golden('identity').decoded);
    assert.deepStrictEqual(m.status, golden('status-safestop').decoded);
    assert.deepStrictEqual(m.counters, golden('counters').decoded);
    assert.deepStrictEqual(m.events, [...golden('events-0').decoded.records, ...golden('events-1').decoded.records]);

    // Pushed telemetry (the bridge pushes every 100 ms): a stream of samples, not just the read.
    m = await waitFor(async () => { const x = await model(); return x.telemetry.length >= 4 ? x : null; }, 'four telemetry samples');
    for (const sample of m.telemetry) assert.deepStrictEqual(sample, golden('telemetry-safestop').decoded);

    const exported = JSON.parse(await page.evaluate(() => window.fieldDiagnostics.exportJson()));
    assert.match(exported.source, /^simulator bridge ws:\/\/127\.0\.0\.1:\d+\/diag$/);
    assert.deepStrictEqual(exported.status, golden('status-safestop').decoded);
    const csv = (await page.evaluate(() => window.fieldDiagnostics.exportCsv())).trim().split('\r\n');
    assert.equal(csv.length, 10);

    // Raw codes in words: reject reasons by name, the mask as channels, the Reset without readings.
    const cells = (selector) => page.$$eval(selector, (els) => els.map((e) => e.textContent));
    const counterRows = await cells('#counters th');
    assert.ok(counterRows.includes('Rejected link frames: Truncated'), counterRows.join(' | '));
    assert.ok(counterRows.includes('Rejected link frames: reason 15'), counterRows.join(' | '));
    const reset = await page.$$eval('#events tr.Reset td', (tds) => tds.map((td) => td.textContent));
    assert.deepEqual([reset[5], reset[7], reset[8], reset[9]], ['—', 'no heartbeat yet', '—', 'none']);
    assert.equal(await page.$eval('#telemetry dd[data-field="Link age"]', (el) => el.textContent), '≥ 65.5 s');

    // The chart: a time axis, a legend, scaled to the data (about 1,000,317 bots with the
    // 1,000,000 limit in range), not a fixed 0-5,000,000 axis.
    const chart = await waitFor(() => page.evaluate(() => window.fieldDiagnostics.chartState()), 'the chart');
    assert.equal(chart.xIsTime, true);
    assert.equal(chart.axes, 2);
    assert.deepEqual(chart.legend, ['Time', 'Nanobot count', 'Count limit 1,000,000']);
    assert.equal(chart.limitShown, true);
    assert.ok(chart.yMax > 1_000_317 && chart.yMax < 1_300_000, `y axis up to ${chart.yMax}`);
    assert.equal(await page.$eval('#stale-note', (el) => el.hidden), true);
    if (process.env.FIELD_DIAG_SCREENSHOT) await page.screenshot({ path: `${process.env.FIELD_DIAG_SCREENSHOT}-live.png`, fullPage: true });

    // A disconnect keeps the last values on screen, marked stale.
    await page.click('#disconnect');
    await waitFor(() => page.evaluate(() => window.fieldDiagnostics.model.stale), 'the stale mark');
    assert.match(await page.$eval('#stale-note', (el) => (el.hidden ? '' : el.textContent)), /^Disconnected at \d\d:\d\d:\d\d: these are the last values received, not live\.$/);
    assert.equal(await page.$eval('#telemetry-section', (el) => el.classList.contains('stale')), true);
    assert.equal(await page.$eval('#telemetry dd[data-field="Count"]', (el) => el.textContent), '1,000,317');
    if (process.env.FIELD_DIAG_SCREENSHOT) await page.screenshot({ path: `${process.env.FIELD_DIAG_SCREENSHOT}-stale.png`, fullPage: true });
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

// Issue 13, finding 5: a page from any other origin cannot read the chamber through the bridge,
// and the bridge's own page refuses a ?ws= that points away from this machine.
test('a page from another origin is refused by the bridge (403) and reads nothing', { skip: bridge ? false : 'DIAG_BRIDGE_URL not set (run through dotnet test)' }, async () => {
  const profile = mkdtempSync(join(tmpdir(), 'field-diag-chromium-'));
  const browser = await launch(puppeteer, profile);
  const other = await serveStatic(); // the same page, served from another origin (another port)
  try {
    const page = await browser.newPage();
    const socket = new URL('diag', bridge).href.replace(/^http/, 'ws');
    await page.goto(`${other.url}?ws=${encodeURIComponent(socket)}`);
    const message = () => page.$eval('#message', (el) => el.textContent);
    await waitFor(async () => (await message()).startsWith('Could not reach the simulator bridge'), 'refusal message')
      .catch(async (e) => { throw new Error(`${e.message}; page says: ${await message()}`); });
    const m = await page.evaluate(() => window.fieldDiagnostics.model);
    assert.equal(m.identity, null);
    assert.equal(m.status, null);
  } finally {
    await browser.close();
    other.server.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('the page refuses a ?ws= endpoint that is not on this machine and says which one', { skip: bridge ? false : 'DIAG_BRIDGE_URL not set (run through dotnet test)' }, async () => {
  const profile = mkdtempSync(join(tmpdir(), 'field-diag-chromium-'));
  const browser = await launch(puppeteer, profile);
  try {
    const page = await browser.newPage();
    const requested = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(`${new URL('/', bridge).href}?ws=${encodeURIComponent('ws://evil.example:47101/diag')}`);
    const message = () => page.$eval('#message', (el) => el.textContent);
    await waitFor(async () => (await message()).startsWith('Refused to read from ws://evil.example:47101/diag'), 'refusal message')
      .catch(async (e) => { throw new Error(`${e.message}; page says: ${await message()}`); });
    assert.equal(await page.$eval('#message', (el) => el.dataset.reason), 'refused-endpoint');
    assert.equal((await page.evaluate(() => window.fieldDiagnostics.model)).source, null);
    assert.ok(requested.every((u) => new URL(u).hostname === '127.0.0.1'), requested.join(' '));
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
