// The sandbox's demo CRM pages served under the CRMs' real host names (app.hubspot.com, …) over HTTPS
// on loopback, with a throwaway self-signed certificate; Chromium reaches them through
// --host-resolver-rules, so the extension's real match patterns and adapters run unchanged.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_HOSTS } from '../../extension/crm/demo-url';
import { demoCrmPage } from '../../sandbox/crm';

export interface CrmHosts {
  port: number;
  /** Chromium flags that send every demo CRM host to this server. */
  chromiumArgs: string[];
  url(crm: keyof typeof DEMO_HOSTS, pathAndQuery: string): string;
  close(): Promise<void>;
}

function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(path.join(tmpdir(), 'greenline-cert-'));
  try {
    const names = Object.values(DEMO_HOSTS)
      .map((h) => `DNS:${h}`)
      .join(',');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
        '-subj',
        '/CN=greenline-demo-crm',
        '-addext',
        `subjectAltName=${names}`,
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function startCrmHosts(): Promise<CrmHosts> {
  const byHost = new Map(Object.entries(DEMO_HOSTS).map(([crm, host]) => [host, crm]));
  const server: Server = createServer(selfSignedCertificate(), (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const crm = byHost.get(host);
    const html = crm ? demoCrmPage(crm, req.url ?? '/') : null;
    if (!html) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not a demo page');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const rules = Object.values(DEMO_HOSTS).map((h) => `MAP ${h}:443 127.0.0.1:${port}`);
  return {
    port,
    chromiumArgs: [`--host-resolver-rules=${rules.join(', ')}`, '--ignore-certificate-errors'],
    url: (crm, pathAndQuery) => `https://${DEMO_HOSTS[crm]}${pathAndQuery}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
