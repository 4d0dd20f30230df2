// Reference §2.1: the verification handshake.
import { describe, expect, it } from 'vitest';
import { verifyHandshake } from '../../worker/whatsapp';

const TOKEN = 'sandbox-verify-token';

describe('§2.1 verification handshake', () => {
  it('returns the raw challenge for mode subscribe and the right token (URLSearchParams)', () => {
    const query = new URLSearchParams({
      'hub.mode': 'subscribe',
      'hub.challenge': '1158201444',
      'hub.verify_token': TOKEN,
    });
    expect(verifyHandshake(query, TOKEN)).toEqual({ ok: true, challenge: '1158201444' });
  });

  it('accepts a plain record (e.g. Hono c.req.query())', () => {
    const query = { 'hub.mode': 'subscribe', 'hub.challenge': 'abc', 'hub.verify_token': TOKEN };
    expect(verifyHandshake(query, TOKEN)).toEqual({ ok: true, challenge: 'abc' });
  });

  it.each([
    [
      'wrong token',
      { 'hub.mode': 'subscribe', 'hub.challenge': '1', 'hub.verify_token': 'nope' },
      403,
      'wrong_token',
    ],
    [
      'token prefix',
      { 'hub.mode': 'subscribe', 'hub.challenge': '1', 'hub.verify_token': TOKEN.slice(0, -1) },
      403,
      'wrong_token',
    ],
    [
      'wrong mode',
      { 'hub.mode': 'unsubscribe', 'hub.challenge': '1', 'hub.verify_token': TOKEN },
      400,
      'wrong_mode',
    ],
    ['no challenge', { 'hub.mode': 'subscribe', 'hub.verify_token': TOKEN }, 400, 'missing_parameters'],
    [
      'empty challenge',
      { 'hub.mode': 'subscribe', 'hub.challenge': '', 'hub.verify_token': TOKEN },
      400,
      'missing_parameters',
    ],
    ['no token', { 'hub.mode': 'subscribe', 'hub.challenge': '1' }, 400, 'missing_parameters'],
  ] as const)('refuses: %s', (_name, query, status, reason) => {
    expect(verifyHandshake(query, TOKEN)).toEqual({ ok: false, status, reason });
  });

  it('S1: an unconfigured (empty) verify token refuses everything', () => {
    const query = { 'hub.mode': 'subscribe', 'hub.challenge': '1', 'hub.verify_token': '' };
    expect(verifyHandshake(query, '')).toMatchObject({ ok: false, reason: 'wrong_token' });
  });
});
