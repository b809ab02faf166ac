// Zod's global settings, imported (for its effect) before any module builds a schema.
import { z } from 'zod';

// Zod 4 compiles object parsers with `new Function` when it may. The page's Content-Security-Policy forbids eval,
// so the probe would be refused and reported as a policy violation on every load: parse without compiling instead.
z.config({ jitless: true });
