// The opt-in flow (B1, B2): the question, sending it, and each outcome as it happens: not on
// WhatsApp (offer an SMS, `sms:` hand-off), refused by WhatsApp for another reason (its plain reason),
// accepted / rejected / unanswered (shown by the state and the thread as frames arrive).
import { computed, signal } from '@preact/signals';
import type { ConversationModel } from './conversation';
import { messageOf } from './conversation';
import type { PanelApi, SmsHandOff } from './ports';

export interface OptInDeps {
  api: Pick<PanelApi, 'requestOptIn'>;
  conversation: ConversationModel;
  smsHandOff: SmsHandOff;
}

export function smsHref(phone: string): string {
  return `sms:${phone.replace(/[^+\d]/g, '')}`;
}

export function createOptInModel({ api, conversation, smsHandOff }: OptInDeps) {
  /** The question is open (asked on opening a contact without consent, or from an action). */
  const asking = signal(false);
  /** The user answered Cancel to the question shown on opening this contact. */
  const declined = signal(false);
  const sending = signal(false);
  /** WhatsApp refused the opt-in (other than "not on WhatsApp"): the plain reason (B2). */
  const refusal = signal<string | null>(null);
  const smsAnswered = signal(false);
  const smsOffered = signal<string | null>(null);

  const questionOpen = computed(
    () => asking.value || (conversation.mode.value === 'opt_in' && !declined.value && !sending.value),
  );
  const smsQuestion = computed(
    () => conversation.current.value?.consent === 'not_on_whatsapp' && !smsAnswered.value,
  );

  function reset(): void {
    asking.value = false;
    declined.value = false;
    sending.value = false;
    refusal.value = null;
    smsAnswered.value = false;
    smsOffered.value = null;
  }

  async function confirm(): Promise<void> {
    const t = conversation.target.value;
    if (!t || sending.value) return;
    sending.value = true;
    asking.value = false;
    refusal.value = null;
    conversation.actionError.value = null;
    try {
      const res = await api.requestOptIn(t.contactId);
      conversation.applyState(res.conversation);
      if (!conversation.thread.value) await conversation.loadThread();
      conversation.putItem(res.message);
      const { failure } = res.message;
      if (res.message.state === 'failed' && failure && res.conversation.consent !== 'not_on_whatsapp') {
        refusal.value = `WhatsApp did not deliver the opt-in: ${failure.reason} ${failure.nextStep}`;
      }
    } catch (error) {
      conversation.actionError.value = messageOf(error);
    } finally {
      sending.value = false;
    }
  }

  return {
    asking,
    declined,
    sending,
    refusal,
    questionOpen,
    smsQuestion,
    /** The `sms:` link offered after Yes, in case the system did not open an SMS app. */
    smsOffered,
    reset,
    ask() {
      refusal.value = null;
      asking.value = true;
    },
    cancel() {
      asking.value = false;
      declined.value = true;
    },
    confirm,
    /** B2a: Yes hands the number to the SMS app; No returns to the panel. */
    answerSms(yes: boolean) {
      smsAnswered.value = true;
      const phone = conversation.contact.value?.phone;
      if (yes && phone) {
        const href = smsHref(phone);
        smsOffered.value = href;
        smsHandOff(href);
      }
    },
  };
}

export type OptInModel = ReturnType<typeof createOptInModel>;
