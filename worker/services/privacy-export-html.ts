// The subject-access export as a page a person can read (issue 12): the same content as the JSON,
// every value escaped (S3: a customer's text is text, never markup), pictures inline as data URLs of
// their checked type only.
import type { CustomerExport } from '../../shared/api/privacy';

const escapeHtml = (value: unknown): string =>
  String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

const time = (ms: unknown): string => (typeof ms === 'number' ? new Date(ms).toISOString() : '');

const SAFE_IMAGE = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

function table(rows: Array<[string, unknown]>): string {
  const body = rows.map(
    ([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`,
  );
  return `<table>${body.join('')}</table>`;
}

function messageText(item: Record<string, unknown>): string {
  if (item.removed) return '(removed under the retention period)';
  const content = item.content as
    | { text?: string; caption?: string | null; renderedText?: string }
    | undefined;
  return String(
    item.sentText ?? item.text ?? content?.text ?? content?.caption ?? content?.renderedText ?? '',
  );
}

function conversation(c: CustomerExport['conversations'][number]): string {
  const items = [
    ...c.outbound.map((m) => ({ at: m.createdAt, who: 'Business', text: messageText(m), state: m.state })),
    ...c.inbound.map((m) => ({ at: m.at, who: 'Customer', text: messageText(m), state: '' })),
  ].sort((a, b) => Number(a.at) - Number(b.at));
  const rows = items.map(
    (i) =>
      `<tr><td>${escapeHtml(time(i.at))}</td><td>${escapeHtml(i.who)}</td><td>${escapeHtml(i.text)}</td><td>${escapeHtml(i.state)}</td></tr>`,
  );
  return `<section><h3>Conversation ${escapeHtml(c.id)}</h3><p>Consent: ${escapeHtml((c.consent as { type?: string } | null)?.type ?? 'none')}</p>
<table><thead><tr><th>When (UTC)</th><th>From</th><th>Message</th><th>State</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

export function customerExportHtml(data: CustomerExport): string {
  const c = data.contact;
  const consent = data.consentRecords.map(
    (r) =>
      `<tr><td>${r.seq}</td><td>${escapeHtml(time(r.occurredAt))}</td><td>${escapeHtml(r.kind)}</td><td>${escapeHtml(r.consentAfter)}</td><td>${escapeHtml(r.renderedText ?? r.customerReply?.text ?? '')}</td></tr>`,
  );
  const pictures = data.media.map((m) =>
    m.base64 && SAFE_IMAGE.has(m.mimeType)
      ? `<figure><img alt="Picture ${escapeHtml(m.id)}" src="data:${m.mimeType};base64,${m.base64}" width="240"><figcaption>${escapeHtml(time(m.createdAt))}</figcaption></figure>`
      : `<p>Picture ${escapeHtml(m.id)} (${escapeHtml(m.mimeType)})</p>`,
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Data held about ${escapeHtml(c.name)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;color:#111}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top}</style></head><body>
<h1>Data ${escapeHtml(data.org.name)} holds about ${escapeHtml(c.name)}</h1>
<p>Exported ${escapeHtml(time(data.exportedAt))} (UTC).</p>
<h2>Contact</h2>${table([
    ['Name', c.name],
    ['Phone', c.phone],
    ['WhatsApp user id (BSUID)', c.bsuid],
    ['Username', c.username],
    ['WhatsApp ids', data.waIds.join(', ')],
    ['CRM records', data.crmLinks.map((l) => `${l.system} ${l.recordId} ${l.url}`).join('; ')],
    ['Created', time(c.createdAt)],
  ])}
<h2>Conversations</h2>${data.conversations.map(conversation).join('')}
<h2>Pictures</h2>${pictures.join('') || '<p>None.</p>'}
<h2>Consent history</h2><table><thead><tr><th>#</th><th>When (UTC)</th><th>Event</th><th>Consent after</th><th>Text</th></tr></thead><tbody>${consent.join('')}</tbody></table>
</body></html>`;
}
