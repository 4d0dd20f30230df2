// Organisation settings: WhatsApp for everyone, the sender-name prefix and message retention.
import type { OrgModel } from '../../models/options/org';
import { formValues, Section, TaskNotes } from './ui';

export function OrgSection(props: { org: OrgModel }) {
  const { org: model } = props;
  const org = model.org.value;
  const onRetention = (event: Event) => {
    event.preventDefault();
    void model.setRetentionDays(formValues(event.currentTarget as HTMLFormElement)('retention'));
  };
  return (
    <Section id="organisation" title="Organisation">
      {org && (
        <>
          <p>
            <strong>{org.name}</strong>
          </p>
          <label class="choice">
            <input
              type="checkbox"
              checked={org.whatsappEnabled}
              onChange={(e) => void model.setWhatsappEnabled(e.currentTarget.checked)}
            />
            WhatsApp enabled for the organisation
          </label>
          <label class="choice">
            <input
              type="checkbox"
              checked={org.settings.singleParticipantPrefix}
              onChange={(e) => void model.setSingleParticipantPrefix(e.currentTarget.checked)}
            />
            Prefix the sender's name also when one person is in the conversation
          </label>
          <form class="form form--inline" onSubmit={onRetention} key={org.settings.retentionDays}>
            <label class="field">
              <span>Keep messages for (days)</span>
              <input
                name="retention"
                type="number"
                min={1}
                max={3650}
                step={1}
                required
                defaultValue={String(org.settings.retentionDays)}
              />
            </label>
            <button type="submit" class="button">
              Save retention
            </button>
          </form>
        </>
      )}
      {!org && model.task.busy.value && <p>Loading…</p>}
      <TaskNotes task={model.task} />
    </Section>
  );
}
