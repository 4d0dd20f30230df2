// Admin: customers' data (issue 12) — the retention period, erasing a customer, the subject-access
// export (JSON or readable HTML) and the privacy audit log. Admins of their own org only (S2): agents
// get 403. Services: worker/services/privacy-*.ts; decisions: docs/data-retention.md.
import { createRoute, z } from '@hono/zod-openapi';
import { IdParamSchema } from '../../shared/api/common';
import {
  CustomerExportSchema,
  ErasureReceiptSchema,
  ErasureRequestSchema,
  ExportQuerySchema,
  PrivacyAuditSchema,
  PrivacyLookupQuerySchema,
  PrivacyLookupSchema,
  RetentionPutSchema,
  RetentionRunSchema,
  RetentionSchema,
} from '../../shared/api/privacy';
import { notFound } from '../services/errors';
import { eraseCustomer, findCustomer } from '../services/privacy-erasure';
import { exportCustomer } from '../services/privacy-export';
import { customerExportHtml } from '../services/privacy-export-html';
import { readRetention, runRetention, setRetention } from '../services/privacy-retention';
import { getErasure, listAudit } from '../storage/repos/privacy';
import { ADMIN, AUTHED, errors, json, jsonBody, newRouter } from './openapi';

const tags = ['admin', 'privacy'];

const getRetentionRoute = createRoute({
  ...ADMIN,
  tags,
  method: 'get',
  path: '/admin/privacy/retention',
  summary: 'How long message bodies and pictures are kept (days; null: forever)',
  responses: { 200: json(RetentionSchema, 'The retention period'), ...errors(...AUTHED, 404) },
});

const putRetentionRoute = createRoute({
  ...ADMIN,
  tags,
  method: 'put',
  path: '/admin/privacy/retention',
  summary: 'Set the retention period: 30 days to 7 years, or null for forever (audited when it changes)',
  request: { body: jsonBody(RetentionPutSchema) },
  responses: { 200: json(RetentionSchema, 'The retention period now'), ...errors(...AUTHED, 404) },
});

const runRetentionRoute = createRoute({
  ...ADMIN,
  tags,
  method: 'post',
  path: '/admin/privacy/retention/run',
  summary: 'Remove now what is past the period (the daily job does the same); safe to repeat',
  responses: { 200: json(RetentionRunSchema, 'What was removed'), ...errors(...AUTHED, 404) },
});

const eraseRoute = createRoute({
  ...ADMIN,
  tags,
  method: 'post',
  path: '/admin/privacy/erasures',
  summary:
    'Erase a customer by contact id, phone or BSUID; the ledger keeps a pseudonymised record. A retry returns the same receipt (200)',
  request: { body: jsonBody(ErasureRequestSchema) },
  responses: {
    201: json(ErasureReceiptSchema, 'Erased: the receipt'),
    200: json(ErasureReceiptSchema, 'Already erased: the receipt of that erasure'),
    ...errors(...AUTHED, 404),
  },
});

const getErasureRoute = createRoute({
  ...ADMIN,
  tags,
  method: 'get',
  path: '/admin/privacy/erasures/{id}',
  summary: 'The receipt of an erasure',
  request: { params: IdParamSchema },
  responses: { 200: json(ErasureReceiptSchema, 'The receipt'), ...errors(...AUTHED, 404) },
});

const exportRoute = createRoute({
  ...ADMIN,
  tags,
  method: 'get',
  path: '/admin/privacy/contacts/{id}/export',
  summary: 'Everything held about one customer (subject access), as JSON or a readable HTML page; audited',
  request: { params: IdParamSchema, query: ExportQuerySchema },
  responses: {
    200: {
      description: 'The export, as an attachment',
      content: {
        'application/json': { schema: CustomerExportSchema },
        'text/html': { schema: z.string() },
      },
    },
    ...errors(...AUTHED, 404),
  },
});

const lookupRoute = createRoute({
  ...ADMIN,
  tags,
  method: 'get',
  path: '/admin/privacy/contacts',
  summary: 'Find the customer with this phone or BSUID (null when Greenline holds none)',
  request: { query: PrivacyLookupQuerySchema },
  responses: { 200: json(PrivacyLookupSchema, 'The customer, or null'), ...errors(...AUTHED) },
});

const auditRoute = createRoute({
  ...ADMIN,
  tags,
  method: 'get',
  path: '/admin/privacy/audit',
  summary: 'Privacy actions and retention runs, newest first (who, when, what)',
  responses: { 200: json(PrivacyAuditSchema, 'The entries'), ...errors(...AUTHED) },
});

const actorOf = (auth: { org: { id: string }; user: { id: string } }) => ({
  orgId: auth.org.id,
  userId: auth.user.id,
});

const DOWNLOAD = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

export const adminPrivacyRoutes = newRouter()
  .openapi(getRetentionRoute, async (c) => c.json(await readRetention(c.var.db, c.var.auth.org.id), 200))
  .openapi(putRetentionRoute, async (c) => {
    const { retentionDays } = c.req.valid('json');
    const auth = c.var.auth;
    return c.json(await setRetention(c.var.db, auth.org.id, auth.user.id, retentionDays, c.var.now), 200);
  })
  .openapi(runRetentionRoute, async (c) => {
    const auth = c.var.auth;
    return c.json(await runRetention(c.env, c.var.db, auth.org.id, c.var.now, auth.user.id), 200);
  })
  .openapi(eraseRoute, async (c) => {
    const { receipt, created } = await eraseCustomer(
      c.env,
      c.var.db,
      actorOf(c.var.auth),
      c.req.valid('json'),
      c.var.now,
    );
    return created ? c.json(receipt, 201) : c.json(receipt, 200);
  })
  .openapi(getErasureRoute, async (c) => {
    const row = await getErasure(c.var.db, c.var.auth.org.id, c.req.valid('param').id);
    if (!row) throw notFound('Erasure');
    return c.json(ErasureReceiptSchema.parse(row.receipt), 200);
  })
  .openapi(exportRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { format } = c.req.valid('query');
    const data = await exportCustomer(c.env, c.var.db, actorOf(c.var.auth), id, c.var.now);
    const name = `customer-${id}.${format}`;
    const headers = { ...DOWNLOAD, 'content-disposition': `attachment; filename="${name}"` };
    if (format === 'json') return c.json(data, 200, headers);
    return c.body(customerExportHtml(data), 200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
  })
  .openapi(lookupRoute, async (c) =>
    c.json({ contact: await findCustomer(c.var.db, c.var.auth.org.id, c.req.valid('query')) }, 200),
  )
  .openapi(auditRoute, async (c) => {
    const rows = await listAudit(c.var.db, c.var.auth.org.id, 200);
    return c.json({ entries: rows.map(({ orgId: _o, ...e }) => e) }, 200);
  });
