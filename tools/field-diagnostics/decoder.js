// Decoder of the chamber diagnostics payloads (format version 1, docs/ble-gatt.md).
// Mirrors firmware/Shared/Diagnostics/DiagnosticsPayloads.cs and produces the same JSON form as
// tools/ChamberFirmware.DiagnosticsBridge/DiagnosticsJson.cs; both are tested against
// tests/golden/diagnostics. ES module, no dependencies.

export const FORMAT_VERSION = 1;
export const SERVICE_UUID = '4c7a0000-8f1e-4b7d-9c2a-6e5d3b1a0c90';
export const EVENT_WINDOW_FIRST = 0x10;
export const EVENT_WINDOW_COUNT = 10;
export const EVENTS_PER_PAGE = 7;

export const CHARACTERISTICS = [
  { id: 0x01, name: 'status', kind: 'status' },
  { id: 0x02, name: 'counters', kind: 'counters' },
  { id: 0x03, name: 'telemetry', kind: 'telemetry' },
  { id: 0x04, name: 'identity', kind: 'identity' },
  ...Array.from({ length: EVENT_WINDOW_COUNT }, (_, k) => ({ id: EVENT_WINDOW_FIRST + k, name: `events-${k}`, kind: 'events' })),
];

export function uuidFor(id) {
  return `4c7a00${id.toString(16).padStart(2, '0')}-8f1e-4b7d-9c2a-6e5d3b1a0c90`;
}

export function characteristicById(id) {
  return CHARACTERISTICS.find((c) => c.id === id);
}

export const STATES = ['Idle', 'Armed', 'Active', 'Completed', 'SafeStop'];

// CutReasons bit names (firmware/Shared/Safety/CutReasons.cs) and what they mean for field staff.
export const CUT_REASONS = [
  ['Overcount', 'Nanobot count reached the treatment limit or the hard ceiling'],
  ['RunawayGrowth', 'Growth rate too high: runaway replication, cut before the count limit'],
  ['SensorFault', 'No valid sensor reading (bus or CRC error, frozen or implausible value)'],
  ['LinkLost', 'No valid heartbeat from the treatment console in time, or disconnect'],
  ['EmitterMismatch', 'Emitter read-back disagreed with the command'],
  ['OverTemperature', 'Chamber over temperature'],
  ['SupervisorOverrun', "The safety supervisor's own tick ran late"],
  ['WatchdogChannel', 'A control, sensor or link loop missed its watchdog check-in'],
  ['SelfTestFailed', 'The cut-path self-test failed'],
  ['ConfigurationInvalid', 'Stored configuration missing or corrupt'],
];

export const EVENT_KINDS = ['None', 'Cut', 'Clear', 'Arm', 'Start', 'Complete', 'Stop', 'ConfigChange',
  'LinkLost', 'LinkRestored', 'Reset', 'SensorFault'];

export const SENSOR_STATUSES = ['Ok', 'NotReady', 'AddressNotAcknowledged', 'ClockStretchTimeout', 'PartialTransfer',
  'BusError', 'CrcMismatch', 'OutOfRange', 'InvalidData'];

// LinkRejectReason names by value (firmware/Shared/Link/LinkRejectReason.cs), for the reject counters.
export const LINK_REJECT_REASONS = ['None', 'Truncated', 'Oversized', 'BadVersion', 'BadLength', 'BadTag', 'Replayed',
  'Reordered', 'NoSession', 'WrongDirection', 'RateLimited', 'NotProvisioned', 'ProvisioningRefused', 'BadPayload',
  'ResponseBufferTooSmall'];

// Telemetry link age 65535 means "no heartbeat yet"; a real age saturates at 65534. Event records use int32 max.
export const TELEMETRY_NO_HEARTBEAT = 0xffff;
export const EVENT_NO_HEARTBEAT = 2147483647;
export const NO_HEARTBEAT_YET = 'no heartbeat yet';

// Words for the raw codes, the same as tools/ChamberFirmware.DiagnosticsBridge/ReadableCodes.cs.
export function rejectReasonName(value) {
  return value < LINK_REJECT_REASONS.length ? LINK_REJECT_REASONS[value] : `reason ${value}`;
}

export function telemetryLinkAgeText(ms) {
  if (ms === TELEMETRY_NO_HEARTBEAT) return NO_HEARTBEAT_YET;
  if (ms === TELEMETRY_NO_HEARTBEAT - 1) return '≥ 65.5 s';
  return `${ms} ms`;
}

export function linkAgeText(ms) {
  return ms === EVENT_NO_HEARTBEAT ? NO_HEARTBEAT_YET : `${ms} ms`;
}

export function emitterChannelsText(mask) {
  const channels = [];
  for (let bit = 0; bit < 16; bit++) if (mask & (1 << bit)) channels.push(bit);
  return channels.length ? channels.join(', ') : 'none';
}

// A Reset carries ConfigurationInvalid when the board cannot arm: factory-fresh, not provisioned.
export function eventReasonsText(kind, reasons) {
  if (!reasons.length) return 'none';
  if (kind === 'Reset' && reasons.length === 1 && reasons[0] === 'ConfigurationInvalid') return 'not provisioned';
  return reasons.join(', ');
}

// A Reset is logged before the first sensor read: its count and temperature are not readings.
export function eventHasReadings(kind) {
  return kind !== 'Reset';
}

export class PayloadError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'PayloadError';
    this.code = code; // empty | unsupportedVersion | wrongLength | invalidValue
  }
}

export function reasonNames(value) {
  const names = [];
  for (let bit = 0; bit < 16; bit++) {
    if (value & (1 << bit)) names.push(bit < CUT_REASONS.length ? CUT_REASONS[bit][0] : `bit${bit}`);
  }
  return names;
}

export function reasonText(value) {
  if (!value) return 'none';
  const parts = [];
  for (let bit = 0; bit < 16; bit++) {
    if (value & (1 << bit)) parts.push(bit < CUT_REASONS.length ? CUT_REASONS[bit][1] : `unknown reason bit ${bit}`);
  }
  return parts.join('; ');
}

function kindName(value) {
  return value < EVENT_KINDS.length ? EVENT_KINDS[value] : `kind${value}`;
}

function toView(bytes) {
  if (bytes instanceof DataView) return bytes;
  if (bytes instanceof ArrayBuffer) return new DataView(bytes);
  if (ArrayBuffer.isView(bytes)) return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  throw new TypeError('payload must be an ArrayBuffer, typed array or DataView');
}

function header(v, kind) {
  if (v.byteLength === 0) throw new PayloadError('empty', `${kind}: empty payload`);
  const version = v.getUint8(0);
  if (version !== FORMAT_VERSION) throw new PayloadError('unsupportedVersion', `${kind}: unsupported format version ${version}`);
}

function expectLength(v, kind, length) {
  if (v.byteLength !== length) throw new PayloadError('wrongLength', `${kind}: ${v.byteLength} bytes, expected ${length}`);
}

function state(value, kind) {
  if (value >= STATES.length) throw new PayloadError('invalidValue', `${kind}: unknown chamber state ${value}`);
  return STATES[value];
}

function i64(v, at) {
  return Number(v.getBigInt64(at, true));
}

export function decodeStatus(bytes) {
  const v = toView(bytes);
  header(v, 'status');
  expectLength(v, 'status', 28);
  const stateValue = v.getUint8(1);
  const flags = v.getUint8(2);
  if (stateValue >= STATES.length || (flags & ~1) !== 0) throw new PayloadError('invalidValue', `status: invalid state ${stateValue} or flags ${flags}`);
  const latched = v.getUint16(4, true);
  const lastCut = v.getUint16(6, true);
  return {
    version: 1,
    state: STATES[stateValue],
    stateValue,
    provisioned: (flags & 1) !== 0,
    latchedReasons: reasonNames(latched),
    latchedReasonsValue: latched,
    lastCutReasons: reasonNames(lastCut),
    lastCutReasonsValue: lastCut,
    uptimeMicroseconds: i64(v, 8),
    remainingMilliseconds: v.getInt32(16, true),
    countLimit: v.getInt32(20, true),
    targetCount: v.getInt32(24, true),
  };
}

export function decodeTelemetry(bytes) {
  const v = toView(bytes);
  header(v, 'telemetry');
  expectLength(v, 'telemetry', 20);
  const stateValue = v.getUint8(1);
  return {
    version: 1,
    state: state(stateValue, 'telemetry'),
    stateValue,
    activeEmitterMask: v.getUint16(2, true),
    uptimeMilliseconds: v.getUint32(4, true),
    count: v.getInt32(8, true),
    growthPermillePerSecond: v.getInt32(12, true),
    linkAgeMilliseconds: v.getUint16(16, true),
    temperatureCentiCelsius: v.getInt16(18, true),
  };
}

export function decodeCounters(bytes) {
  const v = toView(bytes);
  header(v, 'counters');
  expectLength(v, 'counters', 208);
  if (v.getUint8(1) !== 16) throw new PayloadError('invalidValue', `counters: ${v.getUint8(1)} slots per kind, expected 16`);
  const array = (at) => Array.from({ length: 16 }, (_, i) => v.getUint32(at + 4 * i, true));
  return {
    version: 1,
    sessions: v.getUint32(4, true),
    linkLosses: v.getUint32(8, true),
    resets: v.getUint32(12, true),
    cutsByReasonBit: array(16),
    sensorErrorsByStatus: array(80),
    linkRejectsByReason: array(144),
  };
}

export function decodeEvents(bytes) {
  const v = toView(bytes);
  header(v, 'events');
  if (v.byteLength < 12) throw new PayloadError('wrongLength', `events: ${v.byteLength} bytes, shorter than the 12-byte header`);
  const window = v.getUint8(1);
  const count = v.getUint8(2);
  const recordSize = v.getUint8(3);
  if (count > EVENTS_PER_PAGE || recordSize !== 32 || window >= EVENT_WINDOW_COUNT) {
    throw new PayloadError('invalidValue', `events: window ${window}, ${count} records of ${recordSize} bytes`);
  }
  expectLength(v, 'events', 12 + count * 32);
  const records = [];
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 32;
    const stateValue = v.getUint8(at + 13);
    const kindValue = v.getUint8(at + 12);
    const reasons = v.getUint16(at + 14, true);
    records.push({
      sequence: v.getUint32(at, true),
      timeMicroseconds: i64(v, at + 4),
      kind: kindName(kindValue),
      kindValue,
      state: state(stateValue, 'events'),
      stateValue,
      reasons: reasonNames(reasons),
      reasonsValue: reasons,
      count: v.getInt32(at + 16, true),
      growthPermillePerSecond: v.getInt32(at + 20, true),
      linkAgeMilliseconds: v.getInt32(at + 24, true),
      temperatureCentiCelsius: v.getInt16(at + 28, true),
      emitterMask: v.getUint16(at + 30, true),
    });
  }
  return {
    version: 1,
    window,
    oldestSequence: v.getUint32(4, true),
    nextSequence: v.getUint32(8, true),
    records,
  };
}

export function decodeIdentity(bytes) {
  const v = toView(bytes);
  header(v, 'identity');
  if (v.byteLength < 2) throw new PayloadError('wrongLength', 'identity: no field count');
  if (v.getUint8(1) !== 6) throw new PayloadError('invalidValue', `identity: ${v.getUint8(1)} fields, expected 6`);
  const fields = [];
  let at = 2;
  for (let i = 0; i < 6; i++) {
    if (at >= v.byteLength) throw new PayloadError('wrongLength', `identity: field ${i} missing`);
    const length = v.getUint8(at);
    if (length > 32) throw new PayloadError('invalidValue', `identity: field ${i} is ${length} bytes (max 32)`);
    if (at + 1 + length > v.byteLength) throw new PayloadError('wrongLength', `identity: field ${i} truncated`);
    let text = '';
    for (let c = 0; c < length; c++) {
      const b = v.getUint8(at + 1 + c);
      if (b < 0x20 || b > 0x7e) throw new PayloadError('invalidValue', `identity: field ${i} has a non-ASCII byte`);
      text += String.fromCharCode(b);
    }
    fields.push(text);
    at += 1 + length;
  }
  if (at !== v.byteLength) throw new PayloadError('wrongLength', `identity: ${v.byteLength - at} trailing bytes`);
  const [manufacturer, model, serialNumber, hardwareRevision, firmwareRevision, softwareRevision] = fields;
  return { version: 1, manufacturer, model, serialNumber, hardwareRevision, firmwareRevision, softwareRevision };
}

const DECODERS = {
  status: decodeStatus,
  counters: decodeCounters,
  events: decodeEvents,
  telemetry: decodeTelemetry,
  identity: decodeIdentity,
};

export function decode(kind, bytes) {
  const decoder = DECODERS[kind];
  if (!decoder) throw new Error(`unknown payload kind '${kind}'`);
  return decoder(bytes);
}

export function hexToBytes(hex) {
  const clean = hex.replace(/[\s:-]/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new Error('not a hex string');
  const bytes = new Uint8Array(clean.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(clean.substr(i * 2, 2), 16);
  return bytes;
}
