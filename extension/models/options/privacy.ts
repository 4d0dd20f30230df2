// Customers' data for admins (issue 12): the retention period (30 days to 7 years, or forever), and
// for one customer found by phone, their data as a file (JSON or a readable page) or their erasure —
// which first asks for a confirmation that names the customer, and is cleared when another is found.
import { signal } from '@preact/signals';
import {
  type ErasureReceipt,
  type PrivacyContact,
  RETENTION_MAX_DAYS,
  RETENTION_MIN_DAYS,
  type Retention,
} from '../../../shared/api/privacy';
import type { CustomerExportFormat } from '../../api/admin-privacy';
import type { OptionsPorts } from './ports';
import { createTask } from './task';

export type RetentionChoice = { ok: true; days: number | null } | { ok: false; message: string };

/** The period as typed; "forever" wins over the days field. */
export function parseRetention(text: string, forever: boolean): RetentionChoice {
  if (forever) return { ok: true, days: null };
  const days = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || days < RETENTION_MIN_DAYS || days > RETENTION_MAX_DAYS) {
    return {
      ok: false,
      message: `Keep messages for a whole number of days from ${RETENTION_MIN_DAYS} to ${RETENTION_MAX_DAYS} (7 years), or forever.`,
    };
  }
  return { ok: true, days };
}

/** How a person reads the customer: their name, then their phone or WhatsApp username. */
export function customerLabel(c: PrivacyContact): string {
  const id = c.phone ?? c.username ?? c.bsuid;
  return id ? `${c.name} (${id})` : c.name;
}

export function describeReceipt(r: ErasureReceipt, label: string): string {
  const optOut = r.standingOptOut ? ' Their opt-out still stands if they write again.' : '';
  return `${label} was erased (receipt ${r.id}).${optOut}`;
}

const MIME: Record<CustomerExportFormat, string> = { json: 'application/json', html: 'text/html' };

export function createPrivacyModel(ports: OptionsPorts) {
  const retention = signal<Retention | null>(null);
  const customer = signal<PrivacyContact | null>(null);
  const confirming = signal(false);
  const receipt = signal<string | null>(null);
  const retentionTask = createTask();
  const customerTask = createTask();
  const { admin, files } = ports;

  return {
    retention,
    customer,
    confirming,
    receipt,
    retentionTask,
    customerTask,
    async load(): Promise<void> {
      retention.value = (await retentionTask.run(() => admin.retention())) ?? null;
    },
    reset(): void {
      retention.value = null;
      customer.value = null;
      confirming.value = false;
      receipt.value = null;
      retentionTask.reset();
      customerTask.reset();
    },
    async saveRetention(text: string, forever: boolean): Promise<boolean> {
      const choice = parseRetention(text, forever);
      if (!choice.ok) {
        retentionTask.fail(choice.message);
        return false;
      }
      const next = await retentionTask.run(() => admin.setRetention(choice.days), 'Retention saved.');
      if (next) retention.value = next;
      return next !== undefined;
    },
    async find(phone: string): Promise<void> {
      customer.value = null;
      confirming.value = false;
      receipt.value = null;
      const found = await customerTask.run(() => admin.findCustomer(phone));
      if (!found) return;
      customer.value = found.contact;
      if (!found.contact) customerTask.fail('Greenline holds no customer with this number.');
    },
    async exportData(format: CustomerExportFormat): Promise<void> {
      const c = customer.value;
      if (!c) return;
      const fileName = `greenline-customer-${c.id}.${format}`;
      await customerTask.run(async () => {
        files.download(fileName, await admin.customerExport(c.id, format), MIME[format]);
      }, `Exported ${fileName}.`);
    },
    askErase(): void {
      if (customer.value) confirming.value = true;
    },
    cancelErase(): void {
      confirming.value = false;
    },
    async confirmErase(): Promise<void> {
      const c = customer.value;
      if (!c || !confirming.value) return;
      const label = customerLabel(c);
      const done = await customerTask.run(() => admin.erase({ contactId: c.id }));
      confirming.value = false;
      if (!done) return;
      customer.value = null;
      receipt.value = describeReceipt(done, label);
    },
  };
}

export type PrivacyModel = ReturnType<typeof createPrivacyModel>;
