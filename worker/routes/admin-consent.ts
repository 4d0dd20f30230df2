// Admin: the org's consent ledger (B5, B21): export as JSON or CSV (formulas neutralised, S3) for a
// date range, and verify (I7). Admins only, own org only.
import { createRoute, z } from '@hono/zod-openapi';
import {
  ConsentRecordListSchema,
  ConsentRecordsQuerySchema,
  ConsentVerifySchema,
} from '../../shared/api/consent';
import { consentRecordsToCsv } from '../domain/ledger';
import { csvFileName, exportConsentRecords, rangeOf, verifyConsentLedger } from '../services/consent-ledger';
import { ADMIN, AUTHED, errors, json, newRouter } from './openapi';

const exportRoute = createRoute({
  ...ADMIN,
  method: 'get',
  path: '/admin/consent-records',
  summary: 'Export the consent ledger for a date range (by when each event occurred), as JSON or CSV',
  request: { query: ConsentRecordsQuerySchema },
  responses: {
    200: {
      description: 'The records in chain order; with format=csv, a CSV attachment (formulas neutralised)',
      content: {
        'application/json': { schema: ConsentRecordListSchema },
        'text/csv': { schema: z.string() },
      },
    },
    ...errors(...AUTHED, 409),
  },
});

const verifyRoute = createRoute({
  ...ADMIN,
  method: 'get',
  path: '/admin/consent-records/verify',
  summary: "Verify the ledger's hash chain and its directory copy (any edited or missing record)",
  responses: { 200: json(ConsentVerifySchema, 'The verdict'), ...errors(...AUTHED) },
});

export const adminConsentRoutes = newRouter()
  .openapi(exportRoute, async (c) => {
    const query = c.req.valid('query');
    const orgId = c.var.auth.org.id;
    const range = rangeOf(query);
    const records = await exportConsentRecords(c.env, c.var.db, orgId, range);
    if (query.format === 'json') return c.json({ records }, 200);
    return c.body(consentRecordsToCsv(records), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${csvFileName(orgId, range, c.var.now)}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
  })
  .openapi(verifyRoute, async (c) =>
    c.json(await verifyConsentLedger(c.env, c.var.db, c.var.auth.org.id), 200),
  );
