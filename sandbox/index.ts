// Public entry of the sandbox: `createSandbox` for in-process use (the Hono app and its world) and
// `startSandbox` to serve it on a port, as `npm run sandbox` and the tests do.

import { serve } from '@hono/node-server';
import { createSandbox, type Sandbox } from './app';
import type { SandboxOptions } from './config';

export { createSandbox, type Sandbox } from './app';
export type { SandboxOptions } from './config';
export type { Faults } from './faults';
export type { WebhookRetrySettings } from './webhooks/delivery';
export type { World } from './world';

export interface RunningSandbox {
  /** Base URL, e.g. `http://127.0.0.1:8788` (the Graph API is `${url}/v24.0/...`). */
  url: string;
  sandbox: Sandbox;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const sandbox = createSandbox(options);
  const { host, port } = sandbox.config;
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: sandbox.app.fetch, hostname: host, port }, () => resolve(s));
    s.once('error', (err) => {
      sandbox.close();
      reject(err);
    });
  });
  const address = server.address();
  const url = `http://${host}:${typeof address === 'object' && address ? address.port : port}`;
  sandbox.world.baseUrl = url;
  sandbox.world.log(`sandbox listening on ${url}`);
  return {
    url,
    sandbox,
    close: () =>
      new Promise<void>((resolve, reject) => {
        sandbox.close();
        server.close((err) => (err ? reject(err) : resolve()));
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
