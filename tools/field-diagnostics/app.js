// Field diagnostics page: reads a chamber's diagnostics over Web Bluetooth (or, with
// ?ws=ws://127.0.0.1:PORT/diag, from the simulator's WebSocket bridge) and shows them.
// Read-only: it only ever reads characteristics and subscribes to telemetry. docs/ble-gatt.md.
import {
  SERVICE_UUID, EVENTS_PER_PAGE, EVENT_WINDOW_COUNT, CHARACTERISTICS, SENSOR_STATUSES, CUT_REASONS,
  uuidFor, characteristicById, decode, reasonText,
  rejectReasonName, telemetryLinkAgeText, linkAgeText, emitterChannelsText, eventReasonsText, eventHasReadings,
} from './decoder.js';
import { CountChart } from './chart.js';

const MAX_SAMPLES = 600; // two minutes at 5 Hz
const $ = (id) => document.getElementById(id);

const REFRESH_MS = 5000; // status, identity and counters are read again this often while connected
const model = { source: null, identity: null, status: null, counters: null, events: [], telemetry: [], stale: false, staleSince: null };
let transport = null;
let chart = null;
let refreshTimer = null;
let refreshing = false;

class UserError extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
}

// Turns a Web Bluetooth / transport failure into a sentence for field staff. Every diagnostics
// characteristic requires an encrypted (bonded) link, so a read the chamber refuses right after a
// successful connection means "not bonded": Chrome reports the ATT error as SecurityError,
// NotAllowedError or (measured in Chromium 156) NotSupportedError "GATT operation failed".
export function explain(error, during = 'connect') {
  if (error instanceof UserError) return error;
  const name = error?.name ?? '';
  const text = String(error?.message ?? error);
  if (name === 'NotFoundError') {
    return new UserError('not-found', 'No chamber chosen or none in range. Check the chamber is powered and nearby, then try again.');
  }
  if (name === 'SecurityError' || name === 'NotAllowedError' || /not paired|authori[sz]|authenticat|encrypt|insufficient/i.test(text)
    || (during === 'read' && name === 'NotSupportedError')) {
    return new UserError('not-bonded', 'Not bonded: the chamber only answers a paired phone or laptop. Pair it in the system Bluetooth settings (use the PIN the chamber shows), then connect again.');
  }
  if (name === 'NetworkError' || /disconnect|out of range|connection|timed out/i.test(text)) {
    return new UserError('disconnected', 'Disconnected or out of range. Move closer to the chamber and connect again.');
  }
  return new UserError('other', `${name ? `${name}: ` : ''}${text}`);
}

class BleTransport {
  static async open() {
    if (!navigator.bluetooth) {
      throw new UserError('unsupported', 'This browser cannot use Bluetooth. Open this page in Chrome on Android or on a desktop (Windows, macOS, ChromeOS, or Linux with Web Bluetooth enabled).');
    }
    if (navigator.bluetooth.getAvailability && !(await navigator.bluetooth.getAvailability())) {
      throw new UserError('bluetooth-off', 'Bluetooth is off or this device has no Bluetooth adapter. Turn Bluetooth on and try again.');
    }
    const device = await navigator.bluetooth.requestDevice({
      filters: [{ services: [SERVICE_UUID] }],
      optionalServices: ['device_information'],
    });
    const t = new BleTransport(device);
    await t.connect();
    return t;
  }

  constructor(device) {
    this.device = device;
    this.characteristics = new Map();
    this.name = `Bluetooth ${device.name || device.id}`;
    this.onTelemetry = () => {};
    this.onDisconnected = () => {};
    device.addEventListener('gattserverdisconnected', () => this.onDisconnected());
  }

  async connect() {
    const server = await this.device.gatt.connect();
    this.service = await server.getPrimaryService(SERVICE_UUID);
  }

  async characteristic(name) {
    if (!this.characteristics.has(name)) {
      const c = CHARACTERISTICS.find((x) => x.name === name);
      this.characteristics.set(name, await this.service.getCharacteristic(uuidFor(c.id)));
    }
    return this.characteristics.get(name);
  }

  async read(name) {
    return (await this.characteristic(name)).readValue();
  }

  // Every value of the telemetry characteristic (notifications, and also read results, which
  // fire characteristicvaluechanged too) is a sample.
  async startTelemetry() {
    const c = await this.characteristic('telemetry');
    c.addEventListener('characteristicvaluechanged', (e) => this.onTelemetry(e.target.value));
    await c.startNotifications();
  }

  close() {
    if (this.device.gatt.connected) this.device.gatt.disconnect();
  }
}

// The simulator bridge: client sends "read <name>", server answers [id][payload]; telemetry pushed.
class WebSocketTransport {
  static open(url) {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.binaryType = 'arraybuffer';
      socket.onopen = () => resolve(new WebSocketTransport(socket, url));
      socket.onerror = () => reject(new UserError('disconnected', `Could not reach the simulator bridge at ${url}. Is it running?`));
    });
  }

  constructor(socket, url) {
    this.socket = socket;
    this.name = `simulator bridge ${url}`;
    this.pending = new Map();
    this.onTelemetry = () => {};
    this.onDisconnected = () => {};
    // The bridge drops a client that asks nothing for 30 s (idle sockets cannot hold its slots).
    this.keepAlive = setInterval(() => { if (socket.readyState === WebSocket.OPEN) socket.send('read status'); }, 10000);
    socket.onmessage = (e) => this.receive(e.data);
    socket.onclose = () => {
      clearInterval(this.keepAlive);
      for (const queue of this.pending.values()) for (const p of queue) p.reject(new UserError('disconnected', 'The simulator bridge closed the connection.'));
      this.pending.clear();
      this.onDisconnected();
    };
  }

  receive(data) {
    if (typeof data === 'string') {
      const m = /^error (\S+): (.*)$/.exec(data);
      const waiting = m && this.pending.get(m[1]);
      if (waiting?.length) waiting.shift().reject(new UserError('other', `The bridge could not read ${m[1]}: ${m[2]}`));
      return;
    }
    const bytes = new Uint8Array(data);
    if (bytes.length < 1) return;
    const c = characteristicById(bytes[0]);
    if (!c) return;
    const payload = new DataView(data, 1);
    if (c.name === 'telemetry') this.onTelemetry(payload);
    const waiting = this.pending.get(c.name);
    if (waiting?.length) waiting.shift().resolve(payload);
  }

  read(name) {
    return new Promise((resolve, reject) => {
      if (this.socket.readyState !== WebSocket.OPEN) {
        reject(new UserError('disconnected', 'Not connected to the simulator bridge.'));
        return;
      }
      if (!this.pending.has(name)) this.pending.set(name, []);
      this.pending.get(name).push({ resolve, reject });
      this.socket.send(`read ${name}`);
    });
  }

  async startTelemetry() {}

  close() {
    this.socket.close();
  }
}

function message(text, isError = false) {
  const m = $('message');
  m.textContent = text;
  m.classList.toggle('error', isError);
  m.dataset.kind = isError ? 'error' : 'info';
}

function setConnected(connected) {
  $('connect').disabled = connected;
  $('refresh').disabled = !connected;
  $('disconnect').disabled = !connected;
}

function fillList(dl, rows) {
  dl.replaceChildren();
  for (const [k, v] of rows) {
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.textContent = v;
    dd.dataset.field = k;
    dl.append(dt, dd);
  }
}

const fmtUptime = (us) => {
  const s = Math.floor(us / 1e6);
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m ${String(s % 60).padStart(2, '0')}s`;
};
const fmtTemp = (centi) => (centi / 100).toFixed(2);

function renderIdentity() {
  const i = model.identity;
  fillList($('identity'), [
    ['Manufacturer', i.manufacturer], ['Model', i.model], ['Serial number', i.serialNumber],
    ['Hardware revision', i.hardwareRevision], ['Firmware revision', i.firmwareRevision], ['Software revision', i.softwareRevision],
  ]);
}

function renderStatus() {
  const s = model.status;
  const el = $('state');
  el.textContent = s.state === 'SafeStop' ? 'SafeStop (latched: treatment cut)' : s.state;
  el.className = `state ${s.state}`;
  $('cut-reason').textContent = s.latchedReasonsValue
    ? `Why it cut: ${reasonText(s.latchedReasonsValue)}.`
    : (s.lastCutReasonsValue ? `Last cut (cleared): ${reasonText(s.lastCutReasonsValue)}.` : 'No cut recorded since start-up.');
  fillList($('status'), [
    ['Uptime', fmtUptime(s.uptimeMicroseconds)],
    ['Remaining in session', `${(s.remainingMilliseconds / 1000).toFixed(1)} s`],
    ['Count limit', s.countLimit.toLocaleString('en')],
    ['Target count', s.targetCount.toLocaleString('en')],
    ['Provisioned', s.provisioned ? 'yes' : 'no'],
  ]);
}

function renderCounters() {
  const c = model.counters;
  const rows = [['Sessions', c.sessions], ['Link losses', c.linkLosses], ['Resets', c.resets]];
  c.cutsByReasonBit.forEach((n, bit) => { if (n) rows.push([`Cuts: ${bit < CUT_REASONS.length ? CUT_REASONS[bit][0] : `bit ${bit}`}`, n]); });
  c.sensorErrorsByStatus.forEach((n, s) => { if (n) rows.push([`Sensor errors: ${SENSOR_STATUSES[s] ?? `status ${s}`}`, n]); });
  c.linkRejectsByReason.forEach((n, r) => { if (n) rows.push([`Rejected link frames: ${rejectReasonName(r)}`, n]); });
  const body = $('counters').tBodies[0];
  body.replaceChildren(...rows.map(([k, v]) => {
    const tr = document.createElement('tr');
    tr.innerHTML = '<th></th><td></td>';
    tr.cells[0].textContent = k;
    tr.cells[1].textContent = String(v);
    return tr;
  }));
}

function renderEvents() {
  const body = $('events').tBodies[0];
  body.replaceChildren(...model.events.map((e) => {
    const tr = document.createElement('tr');
    tr.className = e.kind;
    const readings = eventHasReadings(e.kind);
    for (const v of [e.sequence, fmtUptime(e.timeMicroseconds), e.kind, e.state, eventReasonsText(e.kind, e.reasons), readings ? e.count : '—',
      e.growthPermillePerSecond, linkAgeText(e.linkAgeMilliseconds), readings ? fmtTemp(e.temperatureCentiCelsius) : '—', emitterChannelsText(e.emitterMask)]) {
      const td = document.createElement('td');
      td.textContent = String(v);
      tr.append(td);
    }
    return tr;
  }));
}

function renderTelemetry() {
  const t = model.telemetry.at(-1);
  if (!t) return;
  fillList($('telemetry'), [
    ['State', t.state], ['Count', t.count.toLocaleString('en')], ['Growth', `${t.growthPermillePerSecond} ‰/s`],
    ['Active emitters', emitterChannelsText(t.activeEmitterMask)], ['Link age', telemetryLinkAgeText(t.linkAgeMilliseconds)],
    ['Temperature', `${fmtTemp(t.temperatureCentiCelsius)} °C`], ['Samples', String(model.telemetry.length)],
  ]);
}

// After a disconnect the last values stay on screen, marked as not live.
function markStale(stale) {
  model.stale = stale;
  model.staleSince = stale ? new Date().toLocaleTimeString('en-GB') : null;
  $('telemetry-section').classList.toggle('stale', stale);
  $('status-section').classList.toggle('stale', stale);
  const note = $('stale-note');
  note.hidden = !stale;
  note.textContent = stale ? `Disconnected at ${model.staleSince}: these are the last values received, not live.` : '';
}

// Status, identity and counters again (a state change, a provisioning, a cut), without the event log unless asked.
async function refresh(withEvents) {
  if (refreshing || !transport) return;
  refreshing = true;
  try {
    model.identity = decode('identity', await transport.read('identity'));
    renderIdentity();
    model.status = decode('status', await transport.read('status'));
    renderStatus();
    model.counters = decode('counters', await transport.read('counters'));
    renderCounters();
    if (withEvents) await readEvents();
  } catch (e) {
    if (!model.stale) message(explain(e, 'read').message, true);
  } finally {
    refreshing = false;
  }
}

function onTelemetry(view) {
  try {
    const sample = decode('telemetry', view);
    const changed = model.telemetry.length > 0 && model.telemetry.at(-1).state !== sample.state;
    model.telemetry.push(sample);
    if (model.telemetry.length > MAX_SAMPLES) model.telemetry.shift();
    renderTelemetry();
    chart ??= new CountChart($('chart'), globalThis.uPlot);
    chart.add(Date.now() / 1000, sample.count, model.status?.countLimit ?? 0, MAX_SAMPLES);
    // The state moved (armed, started, cut, cleared): read why, and the log, at once.
    if (changed) refresh(true);
  } catch (e) {
    message(`Ignored a bad telemetry sample: ${e.message}`, true);
  }
}

async function readEvents() {
  // Event windows: window 0 holds the newest events. Stop at a short page or at the oldest event.
  const bySequence = new Map();
  for (let k = 0; k < EVENT_WINDOW_COUNT; k++) {
    const page = decode('events', await transport.read(`events-${k}`));
    for (const r of page.records) bySequence.set(r.sequence, r);
    if (page.records.length < EVENTS_PER_PAGE || page.records.at(-1).sequence <= page.oldestSequence) break;
  }
  model.events = [...bySequence.values()].sort((a, b) => b.sequence - a.sequence);
  renderEvents();
}

async function readAll() {
  model.identity = decode('identity', await transport.read('identity'));
  renderIdentity();
  model.status = decode('status', await transport.read('status'));
  renderStatus();
  model.counters = decode('counters', await transport.read('counters'));
  renderCounters();
  await readEvents();
  await transport.read('telemetry'); // arrives through onTelemetry
  $('export-json').disabled = false;
  $('export-csv').disabled = false;
}

async function connect(open) {
  message('Connecting…');
  try {
    transport = await open();
    transport.onTelemetry = onTelemetry;
    transport.onDisconnected = () => {
      clearInterval(refreshTimer);
      setConnected(false);
      markStale(true);
      message('Disconnected or out of range. Move closer to the chamber and connect again.', true);
    };
    model.source = transport.name;
    markStale(false);
    setConnected(true);
    clearInterval(refreshTimer);
    refreshTimer = setInterval(() => refresh(false), REFRESH_MS);
  } catch (e) {
    const why = explain(e, 'connect');
    message(why.message, true);
    $('message').dataset.reason = why.kind;
    return;
  }
  try {
    await transport.startTelemetry();
    await readAll();
    message(`Connected to ${transport.name}. Live readings update by notification.`);
  } catch (e) {
    const why = explain(e, 'read');
    message(why.message, true);
    $('message').dataset.reason = why.kind;
  }
}

export function exportJson() {
  return JSON.stringify({
    format: 'chamber-field-diagnostics',
    formatVersion: 1,
    exportedAt: new Date().toISOString(),
    source: model.source,
    identity: model.identity,
    status: model.status,
    counters: model.counters,
    events: model.events,
    telemetry: model.telemetry,
  }, null, 2);
}

const csvCell = (v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

export function exportCsv() {
  const header = ['serial', 'sequence', 'time_us', 'event', 'state', 'reasons', 'count', 'growth_permille_per_s',
    'link_age_ms', 'temperature_centi_c', 'emitter_mask'];
  const serial = model.identity?.serialNumber ?? '';
  const lines = [header.join(',')];
  for (const e of model.events) {
    lines.push([serial, e.sequence, e.timeMicroseconds, e.kind, e.state, e.reasons.join('|'), e.count, e.growthPermillePerSecond,
      e.linkAgeMilliseconds, e.temperatureCentiCelsius, e.emitterMask].map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

function download(text, type, extension) {
  const serial = (model.identity?.serialNumber || 'chamber').replace(/[^A-Za-z0-9_-]/g, '_');
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = `${serial}-diagnostics.${extension}`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

// ?ws= may name only a bridge on this machine: a link from elsewhere must not point the page at a
// server that feeds it made-up readings. Returns the URL to use, or null.
export function loopbackBridge(text) {
  try {
    const url = new URL(text);
    const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
    return (url.protocol === 'ws:' || url.protocol === 'wss:') && loopback ? url.href : null;
  } catch {
    return null;
  }
}

function start() {
  const asked = new URLSearchParams(location.search).get('ws');
  const ws = asked === null ? null : loopbackBridge(asked);
  if (asked !== null && ws === null) {
    message(`Refused to read from ${asked}: this page reads a simulator bridge only on this machine (ws://127.0.0.1:PORT/diag). Open the address the simulator printed.`, true);
    $('message').dataset.reason = 'refused-endpoint';
  }
  $('connect').addEventListener('click', () => connect(ws ? () => WebSocketTransport.open(ws) : () => BleTransport.open()));
  $('refresh').addEventListener('click', () => readAll().then(() => message(`Read again from ${transport.name}.`)).catch((e) => message(explain(e, 'read').message, true)));
  $('disconnect').addEventListener('click', () => transport?.close());
  $('export-json').addEventListener('click', () => download(exportJson(), 'application/json', 'json'));
  $('export-csv').addEventListener('click', () => download(exportCsv(), 'text/csv', 'csv'));
  if (ws) {
    $('connect').textContent = 'Connect to the simulator';
    connect(() => WebSocketTransport.open(ws));
  } else if (!navigator.bluetooth) {
    message(explain(new UserError('unsupported', 'This browser cannot use Bluetooth. Open this page in Chrome on Android or on a desktop (Windows, macOS, ChromeOS, or Linux with Web Bluetooth enabled).')).message, true);
    $('message').dataset.reason = 'unsupported';
  }
  if ('serviceWorker' in navigator && window.isSecureContext) {
    navigator.serviceWorker.register('sw.js').catch(() => {});
  }
  window.fieldDiagnostics = { model, exportJson, exportCsv, chartState: () => chart?.state() ?? null };
}

start();
