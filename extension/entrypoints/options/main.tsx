// The options page: server, sign in / out and, for admins, the org's settings (B21).
import { render } from 'preact';

render(
  <main>
    <h1>Greenline options</h1>
  </main>,
  document.getElementById('app') as HTMLElement,
);
