// A recording proxy between the worker and the sandbox's Graph API: every send (POST
// /{version}/{phone-number-id}/messages) is forwarded as it came and noted with the time it arrived,
// the text it carried and WhatsApp's answer (accepted, or the error code), so P3 can measure the send
// rate as WhatsApp sees it and find a message sent twice. The proxy runs on its own thread
// (send-recorder-thread.ts), so a send's arrival is stamped when it arrives, not when the bench's
// busy main thread gets to it.
import { Worker } from 'node:worker_threads';
import type { RecordedSend, RecorderMessage } from './send-recorder-thread';

/** A send as P3 reads it: the thread's record, its arrival on the main thread's clock. */
export type SendRecord = Omit<RecordedSend, 'atEpoch'> & {
  /** performance.now() of the bench's main thread at which the request arrived. */
  at: number;
};

export interface SendRecorder {
  url: string;
  sends: SendRecord[];
  close(): Promise<void>;
}

export async function startSendRecorder(target: string): Promise<SendRecorder> {
  const sends: SendRecord[] = [];
  const thread = new Worker(new URL('./send-recorder-thread.ts', import.meta.url), {
    workerData: { target },
  });
  let closed: (() => void) | null = null;
  const port = await new Promise<number>((resolve, reject) => {
    thread.once('error', reject);
    thread.on('message', (message: RecorderMessage) => {
      if (message.type === 'listening') resolve(message.port);
      else if (message.type === 'closed') closed?.();
      else {
        const { atEpoch, ...rest } = message.send;
        sends.push({ at: atEpoch - performance.timeOrigin, ...rest });
      }
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    sends,
    async close() {
      await new Promise<void>((resolve) => {
        closed = resolve;
        thread.postMessage('close');
      });
      await thread.terminate();
    },
  };
}
