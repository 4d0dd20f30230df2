// Renders extension/assets/icon.svg into the PNG sizes the manifest needs (extension/public/icon/),
// with Debian's Chromium. Run by hand after changing the SVG: `npx tsx scripts/extension/render-icons.ts`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '../..');
const svg = readFileSync(path.join(root, 'extension/assets/icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const size of [16, 32, 48, 128]) {
  await page.setViewportSize({ width: size, height: size });
  const sized = svg.replace(/width="\d+" height="\d+"/, `width="${size}" height="${size}"`);
  await page.setContent(`<style>html,body{margin:0;background:transparent}</style>${sized}`);
  await page.screenshot({ path: path.join(root, `extension/public/icon/${size}.png`), omitBackground: true });
}
await browser.close();
