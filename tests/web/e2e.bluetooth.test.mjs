// End to end in a real headless Chromium: the page connects over Web Bluetooth to a peripheral
// emulated by the browser itself (CDP BluetoothEmulation), answering with the GOLDEN payloads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { serveStatic, launch, golden, waitFor } from './harness.mjs';
import { SERVICE_UUID, CHARACTERISTICS, uuidFor } from '../../tools/field-diagnostics/decoder.js';

const ADDRESS = '09:09:09:09:09:09';
const CCCD = '00002902-0000-1000-8000-00805f9b34fb';
let browser;
let site;
let profile;

before(async () => {
  site = await serveStatic();
});

after(() => {
  site?.server.close();
});

// A fresh browser per test: the emulated adapter lives on the browser target, and tearing it down
// while a page is connected has crashed this Chromium.
async function openPage() {
  profile = mkdtempSync(join(tmpdir(), 'field-diag-chromium-'));
  browser = await launch(puppeteer, profile);
  return browser.newPage();
}

async function closeBrowser() {
  await browser?.close().catch(() => {});
  browser = undefined;
  rmSync(profile, { recursive: true, force: true });
}

// An emulated chamber. answers(name, readIndex) returns [code, bytes] for a read.
// The emulation domain answers on the browser target here (the page target says "wasn't found");
// the chooser (DeviceAccess) is per page.
async function emulateChamber(page, { centralState = 'powered-on', answers }) {
  const cdp = await browser.target().createCDPSession();
  const pageCdp = await page.createCDPSession();
  const reads = [];
  await cdp.send('BluetoothEmulation.enable', { state: centralState, leSupported: true });
  if (centralState !== 'powered-on') return { cdp, reads };
  await cdp.send('BluetoothEmulation.simulatePreconnectedPeripheral', {
    address: ADDRESS, name: 'Chamber NBC1-000042', manufacturerData: [], knownServiceUuids: [SERVICE_UUID],
  });
  const { serviceId } = await cdp.send('BluetoothEmulation.addService', { address: ADDRESS, serviceUuid: SERVICE_UUID });
  const byId = new Map();
  for (const c of CHARACTERISTICS) {
    const notify = c.name === 'telemetry';
    const { characteristicId } = await cdp.send('BluetoothEmulation.addCharacteristic', {
      serviceId, characteristicUuid: uuidFor(c.id), properties: { read: true, notify },
    });
    if (notify) await cdp.send('BluetoothEmulation.addDescriptor', { characteristicId, descriptorUuid: CCCD });
    byId.set(characteristicId, c.name);
  }
  const readCount = new Map();
  cdp.on('BluetoothEmulation.gattOperationReceived', (e) => {
    cdp.send('BluetoothEmulation.simulateGATTOperationResponse', { address: e.address, type: e.type, code: 0 }).catch(() => {});
  });
  cdp.on('BluetoothEmulation.characteristicOperationReceived', (e) => {
    const name = byId.get(e.characteristicId);
    if (e.type === 'read') {
      const index = readCount.get(name) ?? 0;
      readCount.set(name, index + 1);
      reads.push(name);
      const [code, bytes] = answers(name, index);
      cdp.send('BluetoothEmulation.simulateCharacteristicOperationResponse', {
        characteristicId: e.characteristicId, type: 'read', code, ...(code === 0 ? { data: Buffer.from(bytes).toString('base64') } : {}),
      }).catch(() => {});
    } else {
      cdp.send('BluetoothEmulation.simulateCharacteristicOperationResponse', { characteristicId: e.characteristicId, type: e.type, code: 0 }).catch(() => {});
    }
  });
  cdp.on('BluetoothEmulation.descriptorOperationReceived', (e) => {
    cdp.send('BluetoothEmulation.simulateDescriptorOperationResponse', {
      descriptorId: e.descriptorId, type: e.type, code: 0, ...(e.type === 'read' ? { data: Buffer.from([0, 0]).toString('base64') } : {}),
    }).catch(() => {});
  });
  await pageCdp.send('DeviceAccess.enable');
  // The prompt event repeats as the scan updates; selecting a prompt twice crashes this Chromium
  // (bluetooth_device_chooser_controller "Check failed: callback_"), so answer each prompt once.
  const answered = new Set();
  pageCdp.on('DeviceAccess.deviceRequestPrompted', (e) => {
    const device = e.devices[0];
    if (!device || answered.has(e.id)) return;
    answered.add(e.id);
    pageCdp.send('DeviceAccess.selectPrompt', { id: e.id, deviceId: device.id }).catch(() => {});
  });
  return { cdp, reads };
}

const goldenAnswers = (name, index) => {
  if (name === 'telemetry') return [0, golden(index === 0 ? 'telemetry-active' : 'telemetry-safestop').bytes];
  if (name === 'status') return [0, golden('status-safestop').bytes];
  if (name.startsWith('events-')) return [0, golden(['events-0', 'events-1'][Number(name.slice(7))] ?? 'events-2').bytes];
  return [0, golden(name).bytes];
};

async function text(page, selector) {
  return page.$eval(selector, (el) => el.textContent);
}

async function messageOf(page) {
  return page.$eval('#message', (el) => ({ text: el.textContent, reason: el.dataset.reason ?? '', kind: el.dataset.kind ?? '' }));
}

test('connect, read status, counters and event log, get telemetry notifications, export JSON and CSV', async () => {
  const page = await openPage();
  const { cdp, reads } = await emulateChamber(page, { answers: goldenAnswers });
  const downloads = mkdtempSync(join(tmpdir(), 'field-diag-downloads-'));
  const browserCdp = await browser.target().createCDPSession();
  await browserCdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads, eventsEnabled: true });
  try {
    await page.goto(site.url);
    await page.click('#connect');
    await waitFor(async () => (await messageOf(page)).text.startsWith('Connected'), 'connected message').catch(async (e) => { throw new Error(`${e.message}; page says: ${(await messageOf(page)).text}`); });

    // State with the cut reason in plain words.
    assert.match(await text(page, '#state'), /SafeStop/);
    assert.match(await text(page, '#cut-reason'), /Nanobot count reached the treatment limit.*Growth rate too high/);
    assert.match(await text(page, '#identity'), /NBC1-000042/);
    assert.match(await text(page, '#counters'), /Sessions42/);
    assert.match(await text(page, '#counters'), /Sensor errors: CrcMismatch11/);

    // Event log: windows 0 and 1 (the short page ends the paging), 9 records newest first.
    assert.deepEqual(reads.filter((r) => r.startsWith('events-')), ['events-0', 'events-1']);
    const rows = await page.$$eval('#events tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
    assert.equal(rows.length, 9);
    assert.deepEqual(rows.map((r) => r[0]), ['8', '7', '6', '5', '4', '3', '2', '1', '0']);
    assert.equal(rows[2][2], 'Cut');
    assert.equal(rows[2][4], 'Overcount, RunawayGrowth');

    // Telemetry: the first value arrived through characteristicvaluechanged; "Read again" makes the
    // emulated chamber answer the next one (this Chromium cannot push unsolicited notifications).
    const model = () => page.evaluate(() => window.fieldDiagnostics.model);
    await waitFor(async () => (await model()).telemetry.length === 1, 'first telemetry sample');
    await page.click('#refresh');
    await waitFor(async () => (await model()).telemetry.length === 2, 'second telemetry sample');
    const m = await model();
    assert.deepStrictEqual(m.telemetry, [golden('telemetry-active').decoded, golden('telemetry-safestop').decoded]);
    assert.match(await text(page, '#telemetry'), /Temperature-0.50 °C/);

    // Export: real downloads, checked against the golden decoded values.
    await page.click('#export-json');
    await page.click('#export-csv');
    const files = await waitFor(() => {
      const f = readdirSync(downloads);
      return f.includes('NBC1-000042-diagnostics.json') && f.includes('NBC1-000042-diagnostics.csv') ? f : null;
    }, 'downloaded files');
    assert.ok(files);
    const exported = JSON.parse(readFileSync(join(downloads, 'NBC1-000042-diagnostics.json'), 'utf8'));
    assert.equal(exported.format, 'chamber-field-diagnostics');
    assert.deepStrictEqual(exported.identity, golden('identity').decoded);
    assert.deepStrictEqual(exported.status, golden('status-safestop').decoded);
    assert.deepStrictEqual(exported.counters, golden('counters').decoded);
    assert.deepStrictEqual(exported.events, [...golden('events-0').decoded.records, ...golden('events-1').decoded.records]);
    assert.equal(exported.telemetry.length, 2);
    const csv = readFileSync(join(downloads, 'NBC1-000042-diagnostics.csv'), 'utf8').trim().split('\r\n');
    assert.equal(csv.length, 10);
    assert.equal(csv[0], 'serial,sequence,time_us,event,state,reasons,count,growth_permille_per_s,link_age_ms,temperature_centi_c,emitter_mask');
    assert.equal(csv[3], 'NBC1-000042,6,3723000000,Cut,SafeStop,Overcount|RunawayGrowth,1000317,4210,95,3790,0');

    // Out of range: the peripheral drops the connection.
    await cdp.send('BluetoothEmulation.simulateGATTDisconnection', { address: ADDRESS });
    await waitFor(async () => /Disconnected or out of range/.test((await messageOf(page)).text), 'disconnected message');
  } finally {
    await closeBrowser();
    rmSync(downloads, { recursive: true, force: true });
  }
});

test('a read refused for missing encryption says the phone is not bonded', async () => {
  const page = await openPage();
  // 0x05 Insufficient Authentication / 0x0F Insufficient Encryption: what an unbonded client gets.
  await emulateChamber(page, { answers: (name) => (name === 'identity' ? [0x0f, null] : goldenAnswers(name, 0)) });
  try {
    await page.goto(site.url);
    await page.click('#connect');
    const m = await waitFor(async () => { const x = await messageOf(page); return x.kind === 'error' ? x : null; }, 'error message');
    assert.equal(m.reason, 'not-bonded', `message was: ${m.text}`);
    assert.match(m.text, /Not bonded/);
  } finally {
    await closeBrowser();
  }
});

test('no usable Bluetooth adapter is reported as Bluetooth off', async () => {
  const page = await openPage();
  await emulateChamber(page, { centralState: 'absent' });
  try {
    await page.goto(site.url);
    await page.click('#connect');
    const m = await waitFor(async () => { const x = await messageOf(page); return x.kind === 'error' ? x : null; }, 'error message');
    assert.equal(m.reason, 'bluetooth-off', `message was: ${m.text}`);
  } finally {
    await closeBrowser();
  }
});

test('a browser without Web Bluetooth is told which browser to use', async () => {
  const page = await openPage();
  await page.evaluateOnNewDocument(() => { delete Navigator.prototype.bluetooth; });
  try {
    await page.goto(site.url);
    const m = await waitFor(async () => { const x = await messageOf(page); return x.kind === 'error' ? x : null; }, 'error message');
    assert.equal(m.reason, 'unsupported');
    assert.match(m.text, /Chrome on Android/);
  } finally {
    await closeBrowser();
  }
});
