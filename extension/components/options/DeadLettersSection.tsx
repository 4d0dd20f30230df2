// Dead letters: webhook parts the server set aside, with why, and what Meta sent (as text).
import type { DeadLettersModel } from '../../models/options/dead-letters';
import { payloadText } from '../../models/options/dead-letters';
import { formatTime, isoTime } from '../../models/options/format';
import { Section, TaskNotes } from './ui';

export function DeadLettersSection(props: { deadLetters: DeadLettersModel }) {
  const { deadLetters: model } = props;
  const list = model.deadLetters.value;
  return (
    <Section id="dead-letters" title="Dead letters">
      <button type="button" class="button" onClick={() => void model.load()}>
        Refresh dead letters
      </button>
      <TaskNotes task={model.task} busyText="Loading…" />
      {list?.length === 0 && <p class="hint">No dead letters: every webhook part was applied.</p>}
      {list && list.length > 0 && (
        <ul class="list">
          {list.map((d) => (
            <li key={d.id} class="list__item list__item--stack">
              <p>
                Received <time dateTime={isoTime(d.receivedAt)}>{formatTime(d.receivedAt)}</time>
              </p>
              <p>Reason: {d.reason}</p>
              <pre class="payload">{payloadText(d.payload)}</pre>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
