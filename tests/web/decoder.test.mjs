// The web decoder against the SAME golden files the C# tests pin (tests/golden/diagnostics).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decode, hexToBytes, PayloadError } from '../../tools/field-diagnostics/decoder.js';

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
