// The model runs' view of the local stack: the demo users signed in (signed in again when a clock jump
// or a restart ends a session), their user ids, and small typed helpers over the worker's API and the
// sandbox's control API. Kept apart from the scenario logic so the checks read only plain data.
import type { Reply, RequestOptions, Stack } from '../stack';
import type { UserName } from './scenario';

export const ACME_NUMBER = '100000000000001';

const EMAILS: Record<UserName, string> = {
  alice: 'alice@acme.test',
  bob: 'bob@acme.test',
  shawn: 'admin@acme.test',
  carol: 'carol@acme.test',
};

export type Json = Record<string, unknown>;

export const asJson = (reply: Reply): Json =>
  typeof reply.body === 'object' && reply.body !== null ? (reply.body as Json) : {};

export class ModelClient {
  private readonly tokens = new Map<UserName | 'erin', string>();
  private readonly ids = new Map<UserName, string>();

  constructor(readonly stack: Stack) {}

  private async token(user: UserName | 'erin', fresh = false): Promise<string> {
    const known = this.tokens.get(user);
    if (known && !fresh) return known;
    const email = user === 'erin' ? 'erin@globex.test' : EMAILS[user];
    // wrangler dev answers 503 while it reloads edited sources; a sign-in is retried, not fatal.
    const token = await this.stack
      .login(email)
      .catch(() => new Promise((r) => setTimeout(r, 2_000)).then(() => this.stack.login(email)));
    this.tokens.set(user, token);
    return token;
  }

  /** The worker's API as `user`; a 401 (session ended by a clock jump) signs in again once. */
  async api(user: UserName | 'erin', path: string, options: RequestOptions = {}): Promise<Reply> {
    const first = await this.stack.api(path, { ...options, token: await this.token(user) });
    if (first.status !== 401) return first;
    return this.stack.api(path, { ...options, token: await this.token(user, true) });
  }

  async userId(user: UserName): Promise<string> {
    const known = this.ids.get(user);
    if (known) return known;
    const me = asJson(await this.api(user, '/api/v1/me'));
    const id = (me.user as Json | undefined)?.id;
    if (typeof id !== 'string') throw new Error(`no id for ${user}: ${JSON.stringify(me)}`);
    this.ids.set(user, id);
    return id;
  }

  sandbox(path: string, options?: RequestOptions): Promise<Reply> {
    return this.stack.sandbox(path, options);
  }

  async inbox(phone: string): Promise<Json> {
    const reply = await this.sandbox(`/sandbox/users/${encodeURIComponent(phone)}/messages`);
    if (reply.status !== 200) throw new Error(`inbox of ${phone}: ${reply.status}`);
    return asJson(reply);
  }
}
