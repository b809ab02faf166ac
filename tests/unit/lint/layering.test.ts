// Proves the layering rules in eslint.config.mjs bite: forbidden imports are errors, allowed ones are clean.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** Lints `code` as if it lived at `file` (relative to the repo root); returns the messages of one rule. */
async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering lint rules', () => {
  it.each([
    ['engine/graph/probe.ts', "import * as tf from '@tensorflow/tfjs';\nexport const t = tf;\n"],
    ['engine/runtime/protocol.ts', "import type { Tensor } from '@tensorflow/tfjs';\nexport type T = Tensor;\n"],
    ['engine/data/probe.ts', "import * as tf from '@tensorflow/tfjs-core';\nexport const t = tf;\n"],
    ['engine/compile/probe.ts', "import { useState } from 'react';\nexport const u = useState;\n"],
    ['engine/train/probe.ts', "import { ReactFlow } from '@xyflow/react';\nexport const r = ReactFlow;\n"],
    ['engine/graph/probe.ts', "import { Legend } from '../../components/panels/Legend';\nexport const l = Legend;\n"],
    ['components/editor/Probe.tsx', "import * as tf from '@tensorflow/tfjs';\nexport const t = tf;\n"],
    ['components/panels/Probe.tsx', "import { compile } from '@/engine/compile/compile';\nexport const c = compile;\n"],
    ['app/probe.ts', "import { serve } from '../engine/runtime/session';\nexport const s = serve;\n"],
  ])('%s: forbidden import is an error', async (file, code) => {
    const messages = await restrictedImports(file, code);
    expect(messages).toHaveLength(1);
  });

  it.each([
    ['engine/graph/probe.ts', "import { roleOf } from './types';\nexport const r = roleOf;\n"],
    ['engine/compile/probe.ts', "import * as tf from '@tensorflow/tfjs';\nexport const t = tf;\n"],
    ['components/editor/Probe.tsx', "import { roleOf } from '@/engine/graph/types';\nimport { ReactFlow } from '@xyflow/react';\nexport const r = [roleOf, ReactFlow];\n"],
    ['components/state/probe.ts', "import type { Network } from '../../engine/graph/types';\nexport type N = Network;\n"],
  ])('%s: allowed import is clean', async (file, code) => {
    const messages = await restrictedImports(file, code);
    expect(messages).toEqual([]);
  });
});
