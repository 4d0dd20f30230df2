// Customers' data (issue 12), for admins: how long message bodies and pictures are kept, and for one
// customer found by phone, "Export data" (JSON or a readable page) and "Erase customer", which asks
// first in words that name the customer. Every name is rendered as text (S3).
import { useEffect, useRef } from 'preact/hooks';
import type { PrivacyModel } from '../../models/options/privacy';
import { customerLabel } from '../../models/options/privacy';
import { formValues, Section, TaskNotes } from './ui';

function RetentionForm(props: { privacy: PrivacyModel }) {
  const { privacy } = props;
  const current = privacy.retention.value;
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const field = formValues(event.currentTarget as HTMLFormElement);
    void privacy.saveRetention(field('days'), field('forever') === 'on');
  };
  return (
    <form
      class="form"
      onSubmit={onSubmit}
      aria-labelledby="retention-title"
      key={String(current?.retentionDays)}
    >
      <h3 id="retention-title">Retention</h3>
      <p class="note">
        Message texts and pictures older than this are removed every day; each message stays in its thread as
        “removed” with its state and time. Consent records are kept.
      </p>
      <div class="row">
        <label class="field">
          <span>Keep messages for (days)</span>
          <input
            name="days"
            type="number"
            min={current?.minDays ?? 30}
            max={current?.maxDays ?? 2555}
            step={1}
            defaultValue={String(current?.retentionDays ?? current?.defaultDays ?? 365)}
          />
        </label>
        <label class="choice">
          <input
            name="forever"
            type="checkbox"
            defaultChecked={current !== null && current.retentionDays === null}
          />
          Keep forever
        </label>
      </div>
      <button type="submit" class="button">
        Save retention
      </button>
      <TaskNotes task={privacy.retentionTask} busyText="Saving…" />
    </form>
  );
}

function CustomerActions(props: { privacy: PrivacyModel }) {
  const { privacy } = props;
  const customer = privacy.customer.value;
  const confirming = privacy.confirming.value;
  const cancel = useRef<HTMLButtonElement>(null);
  // A11y: the question takes the focus on its safe answer; the page never erases on a stray Enter.
  useEffect(() => {
    if (confirming) cancel.current?.focus();
  }, [confirming]);
  if (!customer) return null;
  const label = customerLabel(customer);
  return (
    <div class="card">
      <p>
        <strong>{label}</strong>
      </p>
      <div class="row">
        <button type="button" class="button" onClick={() => void privacy.exportData('json')}>
          Export data (JSON)
        </button>
        <button type="button" class="button" onClick={() => void privacy.exportData('html')}>
          Export data (readable page)
        </button>
        <button type="button" class="button button--danger" onClick={() => privacy.askErase()}>
          Erase customer
        </button>
      </div>
      {confirming && (
        <div role="alertdialog" aria-labelledby="erase-question" class="confirm">
          <p id="erase-question">
            Erase {label}? Their messages, pictures, CRM links and history are deleted for good; the consent
            ledger keeps their consent records under a code that does not name them.
          </p>
          <button type="button" class="button button--danger" onClick={() => void privacy.confirmErase()}>
            Erase {customer.name}
          </button>
          <button type="button" class="button" ref={cancel} onClick={() => privacy.cancelErase()}>
            Cancel
          </button>
        </div>
      )}
    </div>
  );
}

export function PrivacySection(props: { privacy: PrivacyModel }) {
  const { privacy } = props;
  const onFind = (event: Event) => {
    event.preventDefault();
    void privacy.find(formValues(event.currentTarget as HTMLFormElement)('phone'));
  };
  return (
    <Section id="privacy" title="Customers' data">
      <RetentionForm privacy={privacy} />
      <h3 id="customer-title">One customer</h3>
      <form class="form form--inline" onSubmit={onFind} aria-labelledby="customer-title">
        <label class="field">
          <span>Customer's phone</span>
          <input name="phone" type="tel" required autocomplete="off" />
        </label>
        <button type="submit" class="button">
          Find
        </button>
      </form>
      <CustomerActions privacy={privacy} />
      <p class="note note--done" role="status">
        {privacy.receipt.value ?? ''}
      </p>
      <TaskNotes task={privacy.customerTask} busyText="Working…" />
    </Section>
  );
}
