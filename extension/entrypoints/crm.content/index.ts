// The green action on CRM contact pages: picks the adapter for this page and keeps one action per
// record (content/run.ts). Matches whole CRM origins; adapters check the path on every pass.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { CRM_ADAPTERS } from '../../crm/registry';
import { CRM_MATCHES, DEMO_MATCHES } from '../../crm/matches';
import { runActions } from '../../content/run';

export default defineContentScript({
  matches: [...CRM_MATCHES, ...DEMO_MATCHES],
  runAt: 'document_idle',
  main: (ctx) => runActions(ctx, CRM_ADAPTERS),
});
