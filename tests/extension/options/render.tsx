// Renders the whole options page on fake ports, the way the extension starts it.
import { cleanup, render } from '@testing-library/preact';
import { afterEach } from 'vitest';
import { OptionsApp } from '../../../extension/components/options/OptionsApp';
import type { SessionStatus } from '../../../extension/messaging/protocol';
import { createOptionsPage } from '../../../extension/models/options/options-page';
import { fakePorts, type Routes } from './support';

afterEach(cleanup);

type Fake = ReturnType<typeof fakePorts>;

/** Renders and starts the page; `setup` runs on the fakes first. */
export function startPage(routes: Routes, start?: SessionStatus, setup?: (fake: Fake) => void) {
  const fake = fakePorts(routes, start);
  setup?.(fake);
  const page = createOptionsPage(fake.ports);
  const view = render(<OptionsApp page={page} locale="en" />);
  return { ...fake, page, view, started: page.start() };
}

export async function renderPage(routes: Routes, start?: SessionStatus) {
  const rendered = startPage(routes, start);
  await rendered.started;
  return rendered;
}
