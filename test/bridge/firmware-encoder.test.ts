/**
 * The firmware's encoder (firmware/esp32/chargex_monitor/chargex_batch.h) checked on the host: the test vectors
 * become C++ initialisers, g++ compiles them with the header and the harness firmware/test/encoder_host_test.cpp,
 * and the program's output must be the vectors' canonical bytes and signing messages.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadVectors, type Vector } from './support/vectors.js';

const FIRMWARE = fileURLToPath(new URL('../../firmware/', import.meta.url));

/** A C++ integer literal of the given type (the most negative values cannot be written as plain literals). */
const int = (type: string, value: number | bigint) => `static_cast<${type}>(${BigInt(value)}LL)`;
const u64 = (value: string) => `${value}ULL`;

function initialisers(vectors: Vector[]): string {
  const lines: string[] = [];
  for (const [index, { name, file }] of vectors.entries()) {
    const readings = file.batch.readings.map((r) =>
      [
        `{${u64(r.timestamp_ms)}, ${r.cells_mv.length}, {${r.cells_mv.join(', ')}}, ${int('int32_t', r.current_ca)}`,
        `${r.temperatures_dc.length}, {${r.temperatures_dc.map((dc) => int('int16_t', dc)).join(', ')}}, ${r.soc_permille}`,
        `${r.gps ? 'true' : 'false'}, {${r.gps ? `${int('int32_t', r.gps.lat_e7)}, ${int('int32_t', r.gps.lon_e7)}` : '0, 0'}}}`,
      ].join(', '),
    );
    lines.push(`// ${name}: ${file.description}`);
    lines.push(`static const chargex::Reading READINGS_${index}[] = {\n  ${readings.join(',\n  ')}};`);
  }
  const entries = vectors.map(({ name, file }, index) =>
    `{"${name}", {"${file.batch.device_id}", ${u64(file.batch.sequence)}, ${u64(file.batch.sent_at_ms)}, ${file.batch.readings.length}, READINGS_${index}}}`,
  );
  lines.push(`static const Vector VECTORS[] = {\n  ${entries.join(',\n  ')}};`);
  return `${lines.join('\n')}\n`;
}

describe('firmware encoder on the host', () => {
  const vectors = loadVectors();

  it('compiles with g++ and produces the canonical bytes of every test vector', () => {
    const dir = mkdtempSync(join(tmpdir(), 'firmware-encoder-'));
    writeFileSync(join(dir, 'vectors.inc'), initialisers(vectors));
    const binary = join(dir, 'encoder_host_test');
    execFileSync(
      'g++',
      ['-std=c++11', '-Wall', '-Wextra', '-Werror', '-pedantic', `-I${join(FIRMWARE, 'esp32/chargex_monitor')}`, `-I${dir}`, join(FIRMWARE, 'test/encoder_host_test.cpp'), '-o', binary],
      { stdio: 'pipe' },
    );
    const lines = execFileSync(binary, { encoding: 'utf8' }).trim().split('\n');
    expect(lines).toHaveLength(vectors.length);
    for (const [index, { name, file }] of vectors.entries()) {
      const [printedName, canonical, message, offset] = lines[index]!.split(' ');
      expect({ name: printedName, canonical, message, offset }).toEqual({
        name,
        canonical: file.canonical_hex,
        message: file.signing_message_hex,
        offset: String(Buffer.byteLength('chargex/telemetry-batch/v1')),
      });
    }
  });
});
