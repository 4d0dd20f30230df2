// The domain core is pure by construction (STYLE.md): this meta-test keeps it so. Time, ids and
// randomness are arguments; no runtime, framework, database or network in worker/domain/.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = join(import.meta.dirname, '../../worker/domain');
const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));

const FORBIDDEN: [RegExp, string][] = [
  [/\bDate\.now\(|new Date\(\)/, 'reads the clock (take `now` as an argument)'],
  [/\bMath\.random\(/, 'draws randomness (take a random source as an argument)'],
  [/\bcrypto\./, 'uses crypto (inject ids and hash functions)'],
  [/\bfetch\(/, 'does network I/O'],
  [/from ['"](node:|cloudflare:|hono|drizzle-orm|wxt)/, 'imports a runtime, framework or database'],
  [/\bsetTimeout\(|\bsetInterval\(/, 'uses timers'],
];

describe('domain purity (STYLE.md)', () => {
  it('has modules to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)('%s is pure', (file) => {
    const source = readFileSync(join(DIR, file), 'utf8');
    const problems = FORBIDDEN.filter(([pattern]) => pattern.test(source)).map(([, why]) => `${file} ${why}`);
    expect(problems).toEqual([]);
  });
});
