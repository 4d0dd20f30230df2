// Organisation settings: WhatsApp for everyone and the sender-name prefix (retention is under
// Customers' data, where each change is audited).
import type { OrgModel } from '../../models/options/org';
import { Section, TaskNotes } from './ui';

export function OrgSection(props: { org: OrgModel }) {
  const { org: model } = props;
  const org = model.org.value;
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
        </>
      )}
      {!org && model.task.busy.value && <p>Loading…</p>}
      <TaskNotes task={model.task} />
    </Section>
  );
}
