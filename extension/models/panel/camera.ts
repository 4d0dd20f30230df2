// Taking a photo (B10): open the camera, capture a frame, retake or cancel. Chrome's side panel cannot
// show the camera permission prompt, so without permission the panel offers to grant it once from a
// tab (`?camera=grant`), after which the side panel may use the camera.
import { signal } from '@preact/signals';
import type { CameraPort } from './ports';
import type { PicturesModel } from './pictures';

export type CameraPhase = 'closed' | 'starting' | 'live' | 'needs_permission' | 'unavailable';

export interface CameraDeps {
  camera: CameraPort;
  pictures: PicturesModel;
  /** A tab can show the permission prompt itself; a side panel cannot. */
  canPrompt: boolean;
  /** How long a side panel waits for a prompt it cannot show before offering the grant tab. */
  promptTimeoutMs?: number;
}

export const NEEDS_PERMISSION =
  'Greenline needs permission to use the camera. The side panel cannot ask for it: allow it once in a tab, then take the photo here.';
export const BLOCKED =
  'The camera is blocked for Greenline. Allow it in the browser’s settings for this extension, then try again.';

function problemOf(error: unknown): { phase: CameraPhase; message: string } {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return { phase: 'needs_permission', message: NEEDS_PERMISSION };
  if (name === 'NotFoundError' || name === 'OverconstrainedError')
    return { phase: 'unavailable', message: 'No camera was found on this computer.' };
  if (name === 'NotReadableError')
    return { phase: 'unavailable', message: 'The camera is in use by another application.' };
  return { phase: 'unavailable', message: 'The camera could not be started.' };
}

const stopAll = (stream: MediaStream) => {
  for (const track of stream.getTracks()) track.stop();
};

/** The stream, or "not allowed" after `ms`; a stream that comes later is stopped at once. */
function withTimeout(promise: Promise<MediaStream>, ms: number): Promise<MediaStream> {
  return new Promise((resolve, reject) => {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      reject(new DOMException('No answer to the camera prompt', 'NotAllowedError'));
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        if (late) stopAll(value);
        else resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

export function createCameraModel({ camera, pictures, canPrompt, promptTimeoutMs = 3000 }: CameraDeps) {
  const phase = signal<CameraPhase>('closed');
  const stream = signal<MediaStream | null>(null);
  const message = signal<string | null>(null);
  let generation = 0;

  function stop(): void {
    generation++;
    if (stream.value) stopAll(stream.value);
    stream.value = null;
  }

  async function open(): Promise<void> {
    stop();
    const gen = generation;
    phase.value = 'starting';
    message.value = null;
    const permission = await camera.permission();
    if (gen !== generation) return;
    if (!canPrompt && permission === 'denied') {
      phase.value = 'needs_permission';
      message.value = BLOCKED;
      return;
    }
    try {
      // A side panel cannot show the prompt: it is tried anyway (a browser may already allow it),
      // and a prompt that never shows counts as not allowed.
      const s =
        canPrompt || permission === 'granted'
          ? await camera.open()
          : await withTimeout(camera.open(), promptTimeoutMs);
      if (gen !== generation) {
        stopAll(s);
        return;
      }
      stream.value = s;
      phase.value = 'live';
    } catch (error) {
      if (gen !== generation) return;
      const problem = problemOf(error);
      phase.value = problem.phase;
      message.value = permission === 'denied' ? BLOCKED : problem.message;
    }
  }

  return {
    phase,
    stream,
    message,
    open,
    /** A frame was captured: the camera closes and the picture waits for Send / Retake / Cancel. */
    async capture(blob: Blob): Promise<void> {
      stop();
      phase.value = 'closed';
      await pictures.useCapture(blob);
    },
    retake(): Promise<void> {
      pictures.cancel();
      return open();
    },
    cancel(): void {
      stop();
      phase.value = 'closed';
      message.value = null;
    },
    grant: () => camera.openGrantPage(),
  };
}

export type CameraModel = ReturnType<typeof createCameraModel>;
