// Imported first by every entrypoint that validates with zod: the extension's CSP forbids eval, so
// zod must not try to compile its parsers with `new Function` (it would fall back anyway, after a
// CSP violation report).
import { z } from 'zod';

z.config({ jitless: true });
