// What `npm start` prints once everything answers: where each part runs, the demo sign-ins, the
// phone page and the API description, a first curl, and how to stop. Also the prefixed log format.
import path from 'node:path';
import { DEMO_ORGS, DEMO_PASSWORD, DEMO_WHATSAPP_USERS } from '../../shared/demo';
import type { Logger } from './children';
import type { StackUrls } from './launch';

/** `[worker] line` on stdout (stderr for errors), so interleaved logs stay readable. */
export const consoleLogger: Logger = (who, line, isError = false) => {
  (isError ? process.stderr : process.stdout).write(`[${who}] ${line}\n`);
};

export function banner(urls: StackUrls, persistTo: string, root: string): string {
  const { workerUrl, sandboxUrl } = urls;
  const relative = path.relative(root, persistTo);
  const state =
    relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? persistTo : relative;
  const samuel = DEMO_WHATSAPP_USERS[0]?.phone ?? '+14155550101';
  const users = DEMO_ORGS.flatMap((org) =>
    org.users.map((u) => {
      const what = `${u.role}, ${org.name} ${u.subOrg}${u.whatsappEnabled ? '' : ', WhatsApp not enabled'}`;
      return `    ${u.email.padEnd(20)} ${u.name.padEnd(16)} ${what}`;
    }),
  );
  const customers = DEMO_WHATSAPP_USERS.map(
    (u) =>
      `    ${`${sandboxUrl}/phone/${u.phone}`.padEnd(48)} ${u.name}${u.onWhatsApp ? '' : ' (not on WhatsApp)'}`,
  );
  const rule = '─'.repeat(78);
  return [
    rule,
    'Greenline local stack is running',
    '',
    `  Worker (API)       ${workerUrl}   wrangler dev; state in ${state}`,
    `  API description    ${workerUrl}/api/v1/openapi.json`,
    `  WhatsApp sandbox   ${sandboxUrl}   Graph API, signed webhooks to the worker`,
    `  Samuel's phone     ${sandboxUrl}/phone/${samuel}`,
    '',
    `  Demo sign-ins (every password: ${DEMO_PASSWORD})`,
    ...users,
    '',
    '  Demo WhatsApp customers (phone pages)',
    ...customers,
    '',
    '  Browser extension (Chrome, unpacked)',
    `    ${path.join(root, '.output/extension/chrome-mv3')}`,
    '    Load it at chrome://extensions (Developer mode, Load unpacked), or run `npm run browser`',
    `    Demo CRM pages        ${sandboxUrl}/crm`,
    '',
    '  Try it:',
    `    curl -s -X POST ${workerUrl}/api/v1/auth/login -H 'content-type: application/json' \\`,
    `      -d '{"email":"alice@acme.test","password":"${DEMO_PASSWORD}"}'`,
    '',
    '  Stop with Ctrl-C. Start over with `npm start -- --fresh`.',
    rule,
  ].join('\n');
}
