// The camera (B10): a live view with "Capture photo" and Cancel; when the side panel has no camera
// permission, the reason and "Allow the camera" (opens a tab where the browser can ask once).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CameraPhase } from '../../models/panel/camera';
import { captureFrame } from './capture-frame';
import { ErrorAlert } from './Feedback';

export interface CameraCaptureProps {
  phase: CameraPhase;
  stream: MediaStream | null;
  message: string | null;
  onCapture: (blob: Blob) => void;
  onCancel: () => void;
  onGrant: () => void;
  onRetry: () => void;
  /** Injected for tests (happy-dom has no canvas). */
  capture?: (video: HTMLVideoElement) => Promise<Blob>;
}

export function CameraCapture(props: CameraCaptureProps) {
  const { phase, stream, message, onCancel, capture = captureFrame } = props;
  const videoRef = useRef<HTMLVideoElement>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    const video = videoRef.current;
    if (video && stream) video.srcObject = stream;
  }, [stream]);

  if (phase === 'closed') return null;
  const take = async () => {
    const video = videoRef.current;
    if (!video) return;
    try {
      props.onCapture(await capture(video));
    } catch (error) {
      setFailure(error instanceof Error ? error.message : 'The photo could not be taken.');
    }
  };
  return (
    <section class="camera" aria-label="Camera">
      {phase === 'starting' && <p role="status">Starting the camera…</p>}
      {phase === 'live' && <video ref={videoRef} autoPlay playsInline muted aria-label="Camera preview" />}
      {(phase === 'needs_permission' || phase === 'unavailable') && <ErrorAlert message={message} />}
      <ErrorAlert message={failure} />
      <div class="actions">
        {phase === 'live' && (
          <button type="button" class="primary" onClick={take}>
            Capture photo
          </button>
        )}
        {phase === 'needs_permission' && (
          <>
            <button type="button" class="primary" onClick={props.onGrant}>
              Allow the camera
            </button>
            <button type="button" class="secondary" onClick={props.onRetry}>
              Try again
            </button>
          </>
        )}
        <button type="button" class="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
