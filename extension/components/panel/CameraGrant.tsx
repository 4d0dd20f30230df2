// The one-time camera permission page (`?camera=grant`): a tab, unlike the side panel, can show the
// browser's prompt. Once granted, the side panel may use the camera.
export type GrantState = 'idle' | 'asking' | 'granted' | 'denied';

export function CameraGrant({ state, onAllow }: { state: GrantState; onAllow: () => void }) {
  return (
    <main class="panel grant">
      <h1>Allow Greenline to use the camera</h1>
      <p>
        Chrome cannot ask for the camera inside the side panel. Allow it once here, then take photos from the
        panel.
      </p>
      {state !== 'granted' && (
        <button type="button" class="primary" disabled={state === 'asking'} onClick={onAllow}>
          Allow the camera
        </button>
      )}
      {state === 'granted' && (
        <p role="status">
          The camera is allowed. You can close this tab and choose “Take a photo” in the panel.
        </p>
      )}
      {state === 'denied' && (
        <p role="alert">
          The camera was not allowed. Allow it in the browser’s settings for this extension (the camera icon
          in the address bar), then try again.
        </p>
      )}
    </main>
  );
}
