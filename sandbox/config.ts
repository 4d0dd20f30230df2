// Options of `createSandbox` / `startSandbox` and their defaults from the environment (validated with
// zod): SANDBOX_PORT, SANDBOX_HOST, SANDBOX_WEBHOOK_URL, SANDBOX_APP_SECRET, SANDBOX_WORKER_CLOCK_URL,
// SANDBOX_STATE_FILE, SANDBOX_SEED.

import { z } from 'zod';
import { DEMO_APP_SECRET } from '../shared/demo';
import type { Faults } from './faults';
import type { WebhookRetrySettings } from './webhooks/delivery';

export interface SandboxOptions {
  /** Default SANDBOX_PORT or 8788; 0 picks a free port. */
  port?: number;
  /** Default SANDBOX_HOST or 127.0.0.1. */
  host?: string;
  /** Where webhooks go. Default SANDBOX_WEBHOOK_URL or the local worker; `null` disables delivery. */
  webhookUrl?: string | null;
  /** Signs webhooks. Default SANDBOX_APP_SECRET or `sandbox-app-secret`. */
  appSecret?: string;
  /** Where `POST /sandbox/clock` forwards `{advanceMs}`. Default SANDBOX_WORKER_CLOCK_URL; unset = not forwarded. */
  workerClockUrl?: string | null;
  /** JSON file the state is loaded from and saved to. Default SANDBOX_STATE_FILE; unset = memory only. */
  stateFile?: string | null;
  /** Base clock (ms since epoch); the sandbox clock is this plus every advance. Default Date.now. */
  now?: () => number;
  webhookRetry?: Partial<WebhookRetrySettings>;
  /** Seed of the randomness behind faults and ids. Default SANDBOX_SEED or a fixed 1. */
  seed?: number;
  /** Initial fault settings (same fields as `POST /sandbox/faults`). */
  faults?: Partial<Faults>;
  /** Receives one readable line per event (no message bodies); default silent. */
  log?: (line: string) => void;
}

const EnvSchema = z.object({
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  SANDBOX_HOST: z.string().min(1).optional(),
  SANDBOX_WEBHOOK_URL: z.string().optional(),
  SANDBOX_APP_SECRET: z.string().min(1).optional(),
  SANDBOX_WORKER_CLOCK_URL: z.url().optional(),
  SANDBOX_STATE_FILE: z.string().min(1).optional(),
  SANDBOX_SEED: z.coerce.number().int().optional(),
});

export interface ResolvedConfig {
  port: number;
  host: string;
  webhookUrl: string | null;
  appSecret: string;
  workerClockUrl: string | null;
  stateFile: string | null;
  seed: number;
}

export const DEFAULT_WEBHOOK_URL = 'http://127.0.0.1:8787/webhooks/whatsapp';

export function resolveConfig(options: SandboxOptions, env: NodeJS.ProcessEnv = process.env): ResolvedConfig {
  const parsed = EnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) throw new Error(`Invalid sandbox environment: ${parsed.error.message}`);
  const e = parsed.data;
  const envWebhook = e.SANDBOX_WEBHOOK_URL;
  const webhookFromEnv =
    envWebhook === undefined
      ? DEFAULT_WEBHOOK_URL
      : /^(off|none|disabled)$/i.test(envWebhook)
        ? null
        : envWebhook;
  const webhookUrl = options.webhookUrl === undefined ? webhookFromEnv : options.webhookUrl;
  if (webhookUrl !== null && !z.url().safeParse(webhookUrl).success)
    throw new Error(`Invalid webhook URL: ${webhookUrl}`);
  return {
    port: options.port ?? e.SANDBOX_PORT ?? 8788,
    host: options.host ?? e.SANDBOX_HOST ?? '127.0.0.1',
    webhookUrl,
    appSecret: options.appSecret ?? e.SANDBOX_APP_SECRET ?? DEMO_APP_SECRET,
    workerClockUrl:
      options.workerClockUrl === undefined ? (e.SANDBOX_WORKER_CLOCK_URL ?? null) : options.workerClockUrl,
    stateFile: options.stateFile === undefined ? (e.SANDBOX_STATE_FILE ?? null) : options.stateFile,
    seed: options.seed ?? e.SANDBOX_SEED ?? 1,
  };
}
