// B1 and B2: the opt-in question, the state of an opt-in already sent (with the countdown until a new
// one may go), WhatsApp's refusal in plain words, and the SMS hand-off for a number not on WhatsApp.
import { useId } from 'preact/hooks';
import type { OptInAvailability } from '../../models/panel/status';
import { ConfirmDialog } from './ConfirmDialog';

export function OptInQuestion(props: {
  name: string;
  availability: OptInAvailability;
  sending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { name, availability, sending, onConfirm, onCancel } = props;
  const reasonId = useId();
  if (!availability.enabled) {
    return (
      <section class="card" aria-label="Opt-in">
        <p>{name} has not opted in to WhatsApp messages yet.</p>
        <button type="button" class="primary" disabled aria-describedby={reasonId}>
          Send opt-in
        </button>
        <p class="reason" id={reasonId}>
          {availability.reason}
        </p>
      </section>
    );
  }
  return (
    <ConfirmDialog
      title={`Send the opt-in message to ${name}?`}
      confirmLabel="Send opt-in"
      busy={sending}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>
        WhatsApp requires {name}’s consent before you can message them. They will be asked to reply Yes or No.
      </p>
    </ConfirmDialog>
  );
}

const BANNER: Record<string, (name: string) => string> = {
  none: (name) => `${name} has not opted in to WhatsApp messages yet.`,
  pending: (name) => `Opt-in sent. Waiting for ${name} to answer.`,
  not_on_whatsapp: (name) => `${name} isn't on WhatsApp.`,
};

/** For someone in the conversation without consent yet: where the opt-in stands and how to (re)send it. */
export function OptInBanner(props: {
  name: string;
  consent: string;
  availability: OptInAvailability;
  sending: boolean;
  onAsk: () => void;
}) {
  const { name, consent, availability, sending, onAsk } = props;
  const text = BANNER[consent];
  const reasonId = useId();
  if (!availability.offered || !text) return null;
  return (
    <section class="card" aria-label="Opt-in">
      <p>{text(name)}</p>
      <button
        type="button"
        class="secondary"
        disabled={!availability.enabled || sending}
        aria-describedby={availability.enabled ? undefined : reasonId}
        onClick={onAsk}
      >
        {consent === 'none' ? 'Ask for consent' : 'Send a new opt-in'}
      </button>
      {!availability.enabled && (
        <p class="reason" id={reasonId}>
          {availability.reason}
        </p>
      )}
    </section>
  );
}

/** B2a: the number is not on WhatsApp; Yes hands it to the SMS app, No returns. */
export function SmsQuestion({ name, onAnswer }: { name: string; onAnswer: (yes: boolean) => void }) {
  return (
    <ConfirmDialog
      title={`${name} isn't on WhatsApp. Send an SMS instead?`}
      confirmLabel="Yes"
      cancelLabel="No"
      onConfirm={() => onAnswer(true)}
      onCancel={() => onAnswer(false)}
    />
  );
}

/** After Yes: the link itself, in case no SMS app opened. */
export function SmsLink({ href, phone }: { href: string; phone: string }) {
  return (
    <p class="card">
      If no SMS app opened, <a href={href}>send an SMS to {phone}</a> from your phone or messaging app.
    </p>
  );
}
