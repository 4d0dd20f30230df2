// The generic adapter (tel: links and phone-like text on any page). Registered at run time by the
// background only after the user grants the optional `<all_urls>` permission from the options page.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { genericAdapter } from '../../crm/generic';
import { runActions } from '../../content/run';

export default defineContentScript({
  matches: ['<all_urls>'],
  registration: 'runtime',
  runAt: 'document_idle',
  main: (ctx) => runActions(ctx, [genericAdapter]),
});
