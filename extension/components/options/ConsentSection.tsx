// The consent ledger: verify its chain, and export a date range as CSV or JSON.
import type { ConsentModel, ExportFormat } from '../../models/options/consent';
import { formValues, Section, TaskNotes } from './ui';

export function ConsentSection(props: { consent: ConsentModel }) {
  const { consent } = props;
  const verdict = consent.verdict.value;
  const onExport = (event: Event) => {
    event.preventDefault();
    const field = formValues(event.currentTarget as HTMLFormElement);
    const format: ExportFormat = field('format') === 'json' ? 'json' : 'csv';
    const range = {
      ...(field('from') ? { from: field('from') } : {}),
      ...(field('to') ? { to: field('to') } : {}),
    };
    void consent.exportRange(range, format);
  };
  return (
    <Section id="consent" title="Consent ledger">
      <button type="button" class="button" onClick={() => void consent.verify()}>
        Verify the ledger
      </button>
      <p class={verdict && !verdict.ok ? 'warning' : 'note'} role="status">
        {verdict?.text ?? ''}
      </p>
      <TaskNotes task={consent.verifyTask} busyText="Checking every record…" />
      <form class="form" onSubmit={onExport} aria-labelledby="export-title">
        <h3 id="export-title">Export</h3>
        <div class="row">
          <label class="field">
            <span>From</span>
            <input name="from" type="date" />
          </label>
          <label class="field">
            <span>To</span>
            <input name="to" type="date" />
          </label>
        </div>
        <fieldset class="choices">
          <legend>Format</legend>
          <label class="choice">
            <input type="radio" name="format" value="csv" defaultChecked />
            CSV
          </label>
          <label class="choice">
            <input type="radio" name="format" value="json" />
            JSON
          </label>
        </fieldset>
        <button type="submit" class="button button--primary">
          Export
        </button>
      </form>
      <TaskNotes task={consent.exportTask} busyText="Exporting…" />
    </Section>
  );
}
