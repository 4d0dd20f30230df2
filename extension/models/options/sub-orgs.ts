// Sub-orgs (B21): teams inside the org. Users belong to one; a sub-org with users cannot be deleted
// (the API says so, and the page shows its words).
import { signal } from '@preact/signals';
import type { OptionsPorts } from './ports';
import { createTask } from './task';

export interface SubOrg {
  id: string;
  name: string;
  userCount: number;
}

export function subOrgName(subOrgs: readonly SubOrg[], id: string): string {
  return subOrgs.find((s) => s.id === id)?.name ?? 'Unknown sub-org';
}

export function createSubOrgsModel(ports: OptionsPorts) {
  const subOrgs = signal<SubOrg[]>([]);
  const task = createTask();
  const { admin } = ports;

  async function reload(): Promise<void> {
    const answer = await admin.subOrgs();
    subOrgs.value = answer.subOrgs;
  }

  return {
    subOrgs,
    task,
    load: () => task.run(reload),
    reset(): void {
      subOrgs.value = [];
      task.reset();
    },
    async create(name: string): Promise<boolean> {
      const made = await task.run(
        async () => {
          const created = await admin.createSubOrg(name.trim());
          await reload();
          return created;
        },
        (created) => `Sub-org ${created.name} created.`,
      );
      return made !== undefined;
    },
    async rename(id: string, name: string): Promise<boolean> {
      const renamed = await task.run(
        async () => {
          const next = await admin.renameSubOrg(id, name.trim());
          await reload();
          return next;
        },
        (next) => `Renamed to ${next.name}.`,
      );
      return renamed !== undefined;
    },
    async remove(subOrg: SubOrg): Promise<void> {
      await task.run(async () => {
        await admin.deleteSubOrg(subOrg.id);
        await reload();
      }, `Sub-org ${subOrg.name} deleted.`);
    },
    /** After users move, the counts change. */
    refresh: () => task.run(reload),
  };
}

export type SubOrgsModel = ReturnType<typeof createSubOrgsModel>;
