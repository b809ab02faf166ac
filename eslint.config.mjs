// ESLint 9 flat config. Besides the usual TypeScript checks it enforces Connex's layering
// (see shared CONVENTIONS.md): the engine stays UI-free, and tfjs stays out of the main-thread bundle.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Node globals for plain-JS config files and scripts (no `globals` package needed for this short list). */
const nodeGlobals = Object.fromEntries(
  [
    'process', 'console', 'module', 'require', '__dirname', '__filename', 'Buffer', 'URL',
    'URLSearchParams', 'fetch', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval',
    'AbortController', 'TextEncoder', 'TextDecoder', 'structuredClone', 'performance',
  ].map((name) => [name, 'readonly']),
);

// Each group below is a list of `no-restricted-imports` patterns. Flat config replaces a rule's
// options rather than merging them, so every file group lists all of the patterns that apply to it.

/** The engine runs in Node and in a Worker: no React, no DOM frameworks, no UI code. */
const NO_UI = [
  {
    group: ['react', 'react/**', 'react-dom', 'react-dom/**', 'next', 'next/**', '@xyflow/**', 'zustand', 'zustand/**', 'recharts', 'recharts/**'],
    message: 'engine/** is pure TypeScript: it must not import UI libraries (React, Next, React Flow, zustand, recharts).',
  },
  {
    regex: '^(\\.\\./)+(components|app)(/|$)|^@/(components|app)(/|$)',
    message: 'engine/** must not import from components/ or app/: data flows from the engine to the UI, never back.',
  },
];

/** tfjs belongs to compile/train/session (the worker side). */
const NO_TFJS = [
  {
    regex: '^@tensorflow/',
    message: 'tfjs must stay out of this module so the main thread can use it without bundling tfjs. Move the tfjs part to engine/compile, engine/train or the worker session.',
  },
];

/** Worker-only engine modules: the UI talks to them through engine/runtime/protocol messages. */
const NO_WORKER_MODULES = [
  {
    regex: '(^|/)engine/(compile|train)(/|$)|(^|/)engine/runtime/session(\\.ts)?$',
    message: 'components/** and app/** must not import engine/compile, engine/train or engine/runtime/session (they pull tfjs into the main-thread bundle). Post a protocol message to the worker instead.',
  },
];

/** Modules that also run in the page take no Node built-ins. */
const NO_NODE = [{ regex: '^node:', message: 'this module runs in the page too: no Node built-ins.' }];

const restrict = (...groups) => ['error', { patterns: groups.flat() }];

/**
 * `connex/no-cycle`: a module must not reach itself through its imports, type-only imports and re-exports included
 * (a type cycle still ties modules together and hides the layering). Imports are read from the source text of each
 * module (relative paths and the `@/` alias; packages are leaves), so the rule sees files ESLint has not parsed yet.
 */
const root = dirname(new URL(import.meta.url).pathname);
const IMPORT = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/g;
const importCache = new Map();
function resolveImport(from, spec) {
  let base;
  if (spec.startsWith('.')) base = resolve(dirname(from), spec);
  else if (spec.startsWith('@/')) base = join(root, spec.slice(2));
  else return null;
  for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), base]) {
    if (/\.(ts|tsx)$/.test(candidate) && existsSync(candidate)) return candidate;
  }
  return null;
}
function importsIn(file, text) {
  return [...text.matchAll(IMPORT)].map((m) => resolveImport(file, m[1])).filter((f) => f !== null);
}
function importsOf(file) {
  let list = importCache.get(file);
  if (!list) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      // A file that is not on disk (linted from text) imports nothing that can lead back to it.
    }
    list = importsIn(file, text);
    importCache.set(file, list);
  }
  return list;
}
const noCycle = {
  meta: { type: 'problem', schema: [], messages: { cycle: 'import cycle: {{path}}. Move what both sides need into a module that imports neither.' } },
  create(context) {
    const file = context.filename;
    return {
      Program() {
        // The text being linted, not the file on disk (it may be unsaved, or not exist at all).
        importCache.set(file, importsIn(file, context.sourceCode.text));
        const seen = new Set();
        const walk = (at, path) => {
          for (const next of importsOf(at)) {
            if (next === file) return [...path, next];
            if (seen.has(next)) continue;
            seen.add(next);
            const found = walk(next, [...path, next]);
            if (found) return found;
          }
          return null;
        };
        const cycle = walk(file, [file]);
        if (cycle) context.report({ loc: { line: 1, column: 0 }, messageId: 'cycle', data: { path: cycle.map((f) => relative(root, f)).join(' -> ') } });
      },
    };
  },
};

export default defineConfig(
  {
    ignores: ['.next/**', 'node_modules/**', 'tmp/**', 'public/**', 'test-results/**', 'playwright-report/**', 'out/**', 'next-env.d.ts', 'bin/**'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: nodeGlobals },
  },
  {
    files: ['**/*.cjs', 'next.config.js'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },

  // Layering. Later entries win for the files they match, which is why their lists are complete.
  {
    files: ['engine/**'],
    rules: { 'no-restricted-imports': restrict(NO_UI) },
  },
  {
    files: ['engine/**/*.ts'],
    plugins: { connex: { rules: { 'no-cycle': noCycle } } },
    rules: { 'connex/no-cycle': 'error' },
  },
  {
    files: ['engine/graph/**', 'engine/runtime/protocol.ts', 'engine/data/**'],
    rules: { 'no-restricted-imports': restrict(NO_UI, NO_TFJS) },
  },
  {
    files: ['components/**', 'app/**'],
    rules: { 'no-restricted-imports': restrict(NO_TFJS, NO_WORKER_MODULES) },
  },
  {
    // The exporters run in the page too: network in, bytes or text out.
    files: ['engine/export/**'],
    rules: { 'no-restricted-imports': restrict(NO_UI, NO_TFJS, NO_NODE) },
  },

  // Text from files (labels, names) must never become markup: students import files from anywhere.
  {
    files: ['components/**', 'app/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render text as React children, never as HTML: labels come from files anyone can write.' },
        { selector: "Property[key.name='dangerouslySetInnerHTML']", message: 'Render text as React children, never as HTML: labels come from files anyone can write.' },
        { selector: "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]", message: 'Set textContent, never innerHTML/outerHTML: text from files must not become markup.' },
        { selector: "CallExpression[callee.property.name=/^(insertAdjacentHTML|createContextualFragment)$/]", message: 'Text from files must not become markup.' },
        { selector: "CallExpression[callee.object.name='document'][callee.property.name=/^(write|writeln)$/]", message: 'Text from files must not become markup.' },
      ],
    },
  },
);
