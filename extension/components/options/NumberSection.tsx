// The WhatsApp Business number: Meta's ids and the access token (write-only: never shown back; an
// empty field keeps the stored one), and a paused number's reason with a way to resume.
import type { NumberSettings } from '../../../shared/api/admin';
import { formatTime } from '../../models/options/format';
import type { NumberModel } from '../../models/options/number';
import { numberHealth } from '../../models/options/number-health';
import { formValues, Section, TaskNotes } from './ui';

export function NumberSection(props: { number: NumberModel }) {
  const { number: model } = props;
  const settings = model.settings.value;
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const field = formValues(form);
    const token = form.elements.namedItem('accessToken');
    void model
      .save({
        phoneNumberId: field('phoneNumberId'),
        displayPhoneNumber: field('displayPhoneNumber'),
        wabaId: field('wabaId'),
        accessToken: field('accessToken'),
      })
      .then((saved) => {
        // Write-only: once stored, the token leaves the page too.
        if (saved && token instanceof HTMLInputElement) token.value = '';
      });
  };
  return (
    <Section id="number" title="WhatsApp number">
      {settings === undefined && model.task.busy.value && <p>Loading…</p>}
      {settings?.paused && (
        <div class="card card--warning">
          <p>
            <strong>Sending is paused.</strong> {settings.pausedReason ?? 'Meta paused this number.'}
          </p>
          <button type="button" class="button button--primary" onClick={() => void model.resume()}>
            Resume sending
          </button>
        </div>
      )}
      {settings && <HealthCard settings={settings} />}
      {settings !== undefined && (
        <form class="form" onSubmit={onSubmit} key={settings?.updatedAt ?? 'new'}>
          <label class="field">
            <span>Phone number ID</span>
            <input name="phoneNumberId" required inputMode="numeric" defaultValue={settings?.phoneNumberId} />
          </label>
          <label class="field">
            <span>Display phone number</span>
            <input name="displayPhoneNumber" required defaultValue={settings?.displayPhoneNumber} />
          </label>
          <label class="field">
            <span>WhatsApp Business account ID</span>
            <input name="wabaId" required inputMode="numeric" defaultValue={settings?.wabaId} />
          </label>
          <label class="field">
            <span>Access token</span>
            <input
              name="accessToken"
              type="password"
              autocomplete="off"
              required={settings === null}
              aria-describedby="access-token-hint"
            />
          </label>
          <p id="access-token-hint" class="hint">
            {settings
              ? 'A token is stored. Leave this empty to keep it, or paste a new one to replace it.'
              : 'No token is stored yet: paste the permanent access token of your WhatsApp Business app.'}
          </p>
          <button type="submit" class="button button--primary">
            Save number settings
          </button>
        </form>
      )}
      <TaskNotes task={model.task} />
    </Section>
  );
}

/** What WhatsApp last reported about the number (limit tier, quality), shown only once it reported. */
function HealthCard({ settings }: { settings: NumberSettings }) {
  const { limit, quality } = numberHealth(settings);
  if (!limit && !quality) return null;
  return (
    <section
      class={`card${quality?.tone === 'warning' ? ' card--warning' : ''}`}
      aria-labelledby="number-health-title"
    >
      <h3 id="number-health-title">Number health</h3>
      <dl class="facts">
        {limit && (
          <>
            <dt>Messaging limit</dt>
            <dd>{limit}</dd>
          </>
        )}
        {quality && (
          <>
            <dt>Quality</dt>
            <dd>
              {quality.label}
              {quality.at !== null && ` (${formatTime(quality.at)})`}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
