// Labels and names come from files anyone can write, so no UI code may turn text into markup. Two guards: the lint
// rule (eslint.config.mjs, no-restricted-syntax) bites on every HTML sink, and no source file uses one today.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function htmlSinkErrors(file: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').length;
}

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(tsx?|jsx?|mjs)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('no HTML sinks in the UI', () => {
  it.each([
    ['components/panels/Probe.tsx', 'export const P = ({ label }: { label: string }) => <p dangerouslySetInnerHTML={{ __html: label }} />;\n'],
    ['components/editor/Probe.tsx', "import { createElement } from 'react';\nexport const P = (label: string) => createElement('p', { dangerouslySetInnerHTML: { __html: label } });\n"],
    ['components/editor/probe.ts', 'export function put(el: HTMLElement, label: string) {\n  el.innerHTML = label;\n}\n'],
    ['app/probe.ts', "export function put(el: HTMLElement, label: string) {\n  el.insertAdjacentHTML('beforeend', label);\n}\n"],
    ['components/state/probe.ts', 'export function put(label: string) {\n  document.write(label);\n}\n'],
  ])('%s: an HTML sink is a lint error', async (file, code) => {
    expect(await htmlSinkErrors(file, code)).toBe(1);
  });

  it('text as children and textContent are clean', async () => {
    expect(await htmlSinkErrors('components/panels/Probe.tsx', 'export const P = ({ label }: { label: string }) => <p title={label}>{label}</p>;\n')).toBe(0);
    expect(await htmlSinkErrors('components/editor/probe.ts', 'export function put(el: HTMLElement, label: string) {\n  el.textContent = label;\n}\n')).toBe(0);
  });

  it('no file under components/ or app/ uses one', () => {
    const files = [...sources('components'), ...sources('app')];
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.filter((f) => /dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML|outerHTML\s*=/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
