// Renders the whole options page on fake ports, the way the extension starts it.
import { cleanup, render } from '@testing-library/preact';
import { afterEach } from 'vitest';
import type { SessionStatus } from '../../../extension/messaging/protocol';
import { OptionsApp } from '../../../extension/components/options/OptionsApp';
import { createOptionsPage } from '../../../extension/models/options/options-page';
import { fakePorts, type Routes } from './support';

afterEach(cleanup);

export async function renderPage(routes: Routes, start?: SessionStatus) {
  const fake = fakePorts(routes, start);
  const page = createOptionsPage(fake.ports);
  const view = render(<OptionsApp page={page} locale="en" />);
  await page.start();
  return { ...fake, page, view };
}
