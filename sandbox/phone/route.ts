// `GET /phone/{phone}`: serves the phone page for a sandbox user (404 for unknown numbers).

import { Hono } from 'hono';
import { findUser } from '../state';
import type { World } from '../world';
import { phonePage } from './page';

export function phoneRoute(world: World): Hono {
  return new Hono().get('/phone/:phone', (c) => {
    const phone = c.req.param('phone');
    const user = findUser(world.state, phone);
    if (!user) return c.text(`No sandbox user ${phone}. Create one with POST /sandbox/users.`, 404);
    c.header(
      'content-security-policy',
      "default-src 'self'; img-src 'self' data: http: https:; style-src 'unsafe-inline'; script-src 'unsafe-inline'",
    );
    c.header('x-content-type-options', 'nosniff');
    return c.html(phonePage(user.phone));
  });
}
