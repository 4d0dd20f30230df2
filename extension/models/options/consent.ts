// The consent ledger (B5, B21): check that its hash chain is intact, and export a date range as a
// CSV (formulas already neutralised by the server, S3) or JSON file the admin can keep.
import { signal } from '@preact/signals';
import type { ConsentVerifyResult } from '../../../shared/api/consent';
import type { ConsentRange } from '../../api/admin';
import type { OptionsPorts } from './ports';
import { createTask } from './task';

export type ExportFormat = 'csv' | 'json';

/** `greenline-consent-<from>-<to>.<ext>`; an open end reads "start" or "now". */
export function exportFileName(range: ConsentRange, format: ExportFormat): string {
  return `greenline-consent-${range.from || 'start'}-${range.to || 'now'}.${format}`;
}

export function describeVerify(result: ConsentVerifyResult): string {
  if (result.ok) {
    const records = result.count === 1 ? '1 record' : `${result.count} records`;
    return `The ledger is intact: ${records}, every link checked.`;
  }
  return `The ledger has a problem at record ${result.seq}: ${result.message}`;
}

export function createConsentModel(ports: OptionsPorts) {
  const verdict = signal<{ ok: boolean; text: string } | null>(null);
  const verifyTask = createTask();
  const exportTask = createTask();
  const { admin, files } = ports;

  return {
    verdict,
    verifyTask,
    exportTask,
    reset(): void {
      verdict.value = null;
      verifyTask.reset();
      exportTask.reset();
    },
    async verify(): Promise<void> {
      verdict.value = null;
      const result = await verifyTask.run(() => admin.verifyConsent());
      if (result) verdict.value = { ok: result.ok, text: describeVerify(result) };
    },
    async exportRange(range: ConsentRange, format: ExportFormat): Promise<void> {
      const fileName = exportFileName(range, format);
      await exportTask.run(async () => {
        if (format === 'csv') {
          files.download(fileName, await admin.consentCsv(range), 'text/csv');
        } else {
          const records = await admin.consentRecords(range);
          files.download(fileName, JSON.stringify(records, null, 2), 'application/json');
        }
      }, `Exported ${fileName}.`);
    },
  };
}

export type ConsentModel = ReturnType<typeof createConsentModel>;
