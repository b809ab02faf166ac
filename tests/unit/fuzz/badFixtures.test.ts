// The hand-made hostile corpus (tests/fixtures/bad/, codes in expected.json) through the page's import path: a
// refused file leaves the open document untouched and says why; an accepted one pollutes nothing and keeps its text.
// (tests/unit/format/format.test.ts checks each file's code against importGraph directly.)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../../components/state/documentFile';
import { useConnexStore } from '../../../components/state/store';
import { importGraph } from '../../../engine/graph/format';
import { GraphError, type GraphErrorCode } from '../../../engine/graph/GraphError';

const dir = fileURLToPath(new URL('../../fixtures/bad/', import.meta.url));
const manifest = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Record<string, { code: GraphErrorCode | null; note: string }>;
const files = readdirSync(dir).filter((f) => f !== 'expected.json');

describe('bad fixtures through importFile', () => {
  beforeAll(() => useConnexStore.getState().loadPreset('seed'));

  it('the corpus has at least 30 hand-made cases, each in the manifest', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(files.sort()).toEqual(Object.keys(manifest).sort());
  });

  for (const file of files) {
    const { code, note } = manifest[file]!;
    it(`${file}: ${code ?? 'accepted'} (${note})`, async () => {
      const bytes = readFileSync(path.join(dir, file));
      let got: GraphErrorCode | null = null;
      try {
        importGraph(bytes.toString('utf8'));
      } catch (e) {
        expect(e).toBeInstanceOf(GraphError);
        got = (e as GraphError).code;
      }
      expect(got).toBe(code);
      const before = useConnexStore.getState();
      const ok = await importFile(new File([bytes], file));
      const after = useConnexStore.getState();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
      if (code === null) {
        expect(ok).toBe(true);
        expect(after.notice?.text).toContain(`Imported “${file}”`);
        for (const n of after.network.neurons) expect(Object.getPrototypeOf(n)).toBe(Object.prototype);
        useConnexStore.getState().loadPreset('seed');
      } else {
        expect(ok).toBe(false);
        expect(after.network).toBe(before.network);
        expect(after.revision).toBe(before.revision);
        expect(after.notice?.text).toMatch(new RegExp(`^Could not import “${file.replace('.', '\\.')}”: .+ Your network is unchanged\\.$`, 's'));
      }
    });
  }
});
