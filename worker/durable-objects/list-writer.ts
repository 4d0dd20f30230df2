// The org's writer of the history and Unassigned lists (B11, B22; P1). Conversation objects hand it
// their list rows after a step; patches that arrive while a batch runs go together in the next one,
// a few statements and one commit for many conversations instead of a batch each
// (docs/conversations-design.md). It keeps nothing: a patch not yet committed when it stops is
// refused to its conversation, whose owed flag and alarm write it again.
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env';
import { openDb } from '../storage/db';
import { GroupCommit } from '../storage/group-commit';
import { runBatch } from '../storage/repos/batch';
import { type ListPatch, listQueries } from '../storage/repos/history';

export class ListWriter extends DurableObject<Env> {
  private readonly db = openDb(this.env);
  private readonly group = new GroupCommit<ListPatch>((patches) =>
    runBatch(this.db, listQueries(this.db, patches)),
  );

  /** Resolves once the patch is committed. */
  write(patch: ListPatch): Promise<void> {
    return this.group.submit(patch);
  }
}

/** The list writer of an org. */
export function listWriter(env: Env, orgId: string): DurableObjectStub<ListWriter> {
  return env.LIST_WRITER.get(env.LIST_WRITER.idFromName(orgId));
}
