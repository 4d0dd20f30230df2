// WXT build of the Greenline extension (MV3; Chromium first, Firefox from the same code).
// The server the extension talks to is fixed at build time (GREENLINE_SERVER, default the local
// stack) so its origin can be a host permission; users may point the options page elsewhere, which
// asks for that origin at run time. See docs/extension.md.
import path from 'node:path';
import { defineConfig } from 'wxt';
import { CRM_MATCHES, DEMO_MATCHES } from './crm/matches';

const server = new URL(process.env.GREENLINE_SERVER ?? 'http://127.0.0.1:8787');
const serverPattern = `${server.protocol}//${server.hostname}/*`;
const loopback = server.hostname === '127.0.0.1' || server.hostname === 'localhost';

export default defineConfig({
  srcDir: '.',
  // Tests and `npm run browser` build elsewhere so they never race `npm start`'s watch build.
  outDir: process.env.GREENLINE_EXTENSION_OUT
    ? path.resolve(process.env.GREENLINE_EXTENSION_OUT)
    : '../.output/extension',
  imports: false,
  vite: () => ({
    define: { __GREENLINE_SERVER__: JSON.stringify(server.origin) },
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: { target: 'chrome120' },
  }),
  manifest: ({ browser }) => ({
    version: '0.2.0',
    name: 'Greenline — WhatsApp for your CRM',
    short_name: 'Greenline',
    description:
      "Message your CRM contacts on WhatsApp through your company's official WhatsApp Business number.",
    permissions: [
      'storage',
      'notifications',
      'alarms',
      'scripting',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    host_permissions: [...CRM_MATCHES, serverPattern, ...(loopback ? DEMO_MATCHES : [])],
    optional_host_permissions: ['<all_urls>'],
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    },
    action: { default_title: 'Greenline' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'greenline@greenline.example',
              strict_min_version: '140.0',
              // What a user's CRM page data becomes: contact names and numbers, and messages, sent to
              // their company's own Greenline server.
              data_collection_permissions: {
                required: ['personallyIdentifyingInfo', 'personalCommunications', 'websiteContent'],
              },
            },
          },
        }
      : { side_panel: { default_path: 'sidepanel.html' } }),
  }),
  hooks: {
    // The sandbox's demo pages are for development builds against a loopback server only.
    'build:manifestGenerated': (_wxt, manifest) => {
      // WXT lists a run-time content script's matches as host permissions; the generic adapter's
      // `<all_urls>` must stay optional, asked for from the options page (issue 8, item 6).
      manifest.host_permissions = (manifest.host_permissions ?? []).filter((m: string) => m !== '<all_urls>');
      if (loopback) return;
      for (const script of manifest.content_scripts ?? []) {
        script.matches = (script.matches ?? []).filter((m: string) => !DEMO_MATCHES.includes(m));
      }
    },
  },
});
