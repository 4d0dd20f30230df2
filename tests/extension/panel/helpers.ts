// A loaded conversation model over fakes, for the tests of the models built on it.
import { createConversationModel } from '../../../extension/models/panel/conversation';
import { createLiveHub } from '../../../extension/models/panel/live-hub';
import type { ConversationState } from '../../../extension/models/panel/status';
import type { Thread } from '../../../extension/models/panel/thread';
import { contact, fakeApi, fakeClock, fakeMessaging, ME, state, thread } from './fixtures';

export const TARGET = { contactId: contact.id, conversationId: null, threadId: null };

export async function loadedConversation(s: ConversationState = state(), t: Thread = thread()) {
  const api = fakeApi();
  const messaging = fakeMessaging();
  const clock = fakeClock();
  const live = createLiveHub();
  api.contact.mockResolvedValue(contact);
  api.whatsapp.mockResolvedValue(s);
  api.thread.mockResolvedValue(t);
  const conversation = createConversationModel({ api, messaging, clock, live, myId: () => ME.userId });
  await conversation.load(TARGET);
  return { api, messaging, clock, live, conversation };
}
