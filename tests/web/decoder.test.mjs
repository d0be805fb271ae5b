// The web decoder against the SAME golden files the C# tests pin (tests/golden/diagnostics).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  decode, hexToBytes, PayloadError, rejectReasonName, telemetryLinkAgeText, linkAgeText, emitterChannelsText, eventReasonsText, eventHasReadings,
} from '../../tools/field-diagnostics/decoder.js';

const golden = join(dirname(fileURLToPath(import.meta.url)), '..', 'golden', 'diagnostics');
const vectors = readdirSync(golden).filter((f) => f.endsWith('.hex')).map((f) => f.slice(0, -4));

test('there are golden vectors of every kind', () => {
  const kinds = new Set(vectors.map((n) => JSON.parse(readFileSync(join(golden, `${n}.json`), 'utf8')).kind));
  assert.deepEqual([...kinds].sort(), ['counters', 'events', 'identity', 'status', 'telemetry']);
});

for (const name of vectors) {
  test(`decodes golden ${name} exactly as its JSON says`, () => {
    const bytes = hexToBytes(readFileSync(join(golden, `${name}.hex`), 'utf8'));
    const description = JSON.parse(readFileSync(join(golden, `${name}.json`), 'utf8'));
    assert.equal(bytes.length, description.length);
    assert.deepStrictEqual(decode(description.kind, bytes), description.decoded);
  });
}

test('rejects every golden invalid vector with the expected error code', () => {
  const cases = JSON.parse(readFileSync(join(golden, 'invalid.json'), 'utf8'));
  assert.ok(cases.length >= 10);
  for (const c of cases) {
    assert.throws(() => decode(c.kind, hexToBytes(c.hex)), (e) => e instanceof PayloadError && e.code === c.error, c.name);
  }
});

test('raw codes read as words, as chamberctl diag writes them', () => {
  assert.equal(rejectReasonName(11), 'NotProvisioned');
  assert.equal(rejectReasonName(1), 'Truncated');
  assert.equal(rejectReasonName(15), 'reason 15');
  assert.equal(telemetryLinkAgeText(65535), 'no heartbeat yet');
  assert.equal(telemetryLinkAgeText(65534), '≥ 65.5 s');
  assert.equal(telemetryLinkAgeText(120), '120 ms');
  assert.equal(linkAgeText(2147483647), 'no heartbeat yet');
  assert.equal(linkAgeText(95), '95 ms');
  assert.equal(emitterChannelsText(0b1011), '0, 1, 3');
  assert.equal(emitterChannelsText(0), 'none');
  assert.equal(eventReasonsText('Reset', ['ConfigurationInvalid']), 'not provisioned');
  assert.equal(eventReasonsText('ConfigChange', ['ConfigurationInvalid']), 'ConfigurationInvalid');
  assert.equal(eventReasonsText('Cut', ['Overcount', 'RunawayGrowth']), 'Overcount, RunawayGrowth');
  assert.equal(eventHasReadings('Reset'), false);
  assert.equal(eventHasReadings('Cut'), true);
});

test('the vendored chart library is the npm package of tests/web, byte for byte', () => {
  const page = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tools', 'field-diagnostics');
  const modules = join(dirname(fileURLToPath(import.meta.url)), 'node_modules', 'uplot');
  const version = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'package.json'), 'utf8')).dependencies.uplot;
  assert.match(readFileSync(join(page, 'uPlot.iife.min.js'), 'utf8'), new RegExp(`^/\\*! https://github.com/leeoniya/uPlot \\(v${version.replace(/\./g, '\\.')}\\) \\*/`));
  for (const [vendored, dist] of [['uPlot.iife.min.js', 'dist/uPlot.iife.min.js'], ['uPlot.min.css', 'dist/uPlot.min.css'], ['uPlot.LICENSE.txt', 'LICENSE']]) {
    assert.ok(readFileSync(join(page, vendored)).equals(readFileSync(join(modules, dist))), `${vendored} differs from uplot ${version}'s ${dist}: copy it again`);
  }
});

test('the count chart scales to the data and draws the limit only when it is in range', async () => {
  const { countRange, limitLabel } = await import('../../tools/field-diagnostics/chart.js');
  // A few hundred bots at rest under a 50,000 limit: the axis fits the bots, the limit is off scale.
  const rest = countRange([300, 320, 410], 50_000);
  assert.equal(rest.limitShown, false);
  assert.ok(rest.max >= 410 && rest.max < 1_000, `max ${rest.max}`);
  assert.equal(limitLabel(50_000, rest.limitShown), 'Count limit 50,000 (far above: not drawn)');
  // A runaway rise towards the limit: the limit line is drawn and on the axis.
  const rising = countRange([9_000, 20_000, 31_000], 50_000);
  assert.equal(rising.limitShown, true);
  assert.equal(rising.min, 0);
  assert.ok(rising.max > 50_000 && rising.max < 60_000, `max ${rising.max}`);
  // Holding near the target: a floor under the data so its wobble is visible.
  const holding = countRange([9_800, 10_050, 10_200], 0);
  assert.ok(holding.min > 8_000 && holding.max < 12_000, JSON.stringify(holding));
  assert.equal(countRange([], 0).max, 10);
});
