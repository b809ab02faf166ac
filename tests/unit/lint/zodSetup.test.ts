// Every module that builds zod schemas imports the jitless setting first: a module that did not (the share-link
// codec) let zod probe `new Function` at page load, which the Content-Security-Policy reports as a violation.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

describe('zod under the CSP', () => {
  it('every file importing zod also imports zodSetup', () => {
    const files = [...sources('engine'), ...sources('components')].filter((f) => /from 'zod'/.test(readFileSync(f, 'utf8')));
    expect(files.length).toBeGreaterThan(3);
    const missing = files.filter((f) => !f.endsWith('zodSetup.ts') && !/import '(\.\.?\/)+(graph\/)?zodSetup'|import '@\/engine\/graph\/zodSetup'/.test(readFileSync(f, 'utf8')));
    expect(missing).toEqual([]);
  });
});
