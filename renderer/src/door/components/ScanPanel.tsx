// The two ways a code comes in: the camera (a QR in the frame) and a text field that a
// keyboard-wedge scanner types into, ending with Enter. The field keeps the focus so the
// next wedge scan lands in it whatever is on screen.
import { useEffect, useRef, useState } from 'react';
import { startCameraScan, type CameraScan, type Decoder } from '../lib/camera-scanner';
import { useDoor, useDoorActions, useDoorMessages } from '../store/context';

type Camera = { state: 'off' } | { state: 'starting' } | { state: 'on'; decoder: Decoder } | { state: 'unavailable' };

export function ScanPanel() {
  const m = useDoorMessages();
  const code = useDoor((s) => s.code);
  const busy = useDoor((s) => s.busy);
  const hasVerdict = useDoor((s) => s.verdict !== null);
  const { typeCode, submit } = useDoorActions();
  const field = useRef<HTMLInputElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const scan = useRef<CameraScan | null>(null);
  const [camera, setCamera] = useState<Camera>({ state: 'off' });

  useEffect(() => {
    if (!hasVerdict) field.current?.focus();
  }, [hasVerdict]);
  useEffect(() => () => scan.current?.stop(), []);

  async function toggleCamera() {
    if (scan.current) {
      scan.current.stop();
      scan.current = null;
      setCamera({ state: 'off' });
      return;
    }
    if (!video.current || !navigator.mediaDevices?.getUserMedia) return setCamera({ state: 'unavailable' });
    setCamera({ state: 'starting' });
    try {
      scan.current = await startCameraScan(video.current, (text) => void submit(text, 'camera'));
      setCamera({ state: 'on', decoder: scan.current.decoder });
    } catch {
      setCamera({ state: 'unavailable' });
    }
    field.current?.focus();
  }

  const on = camera.state === 'on' || camera.state === 'starting';
  return (
    <section className="door-scan" data-camera={camera.state} data-decoder={camera.state === 'on' ? camera.decoder : undefined}>
      <div className={`door-viewfinder${on ? ' is-on' : ''}`}>
        <video ref={video} className="door-video" muted playsInline aria-hidden="true" />
        {camera.state === 'on' && <span className="door-aim">{m.scan.cameraAim}</span>}
        {camera.state === 'unavailable' && <p className="door-muted door-camera-note">{m.scan.cameraUnavailable}</p>}
      </div>
      <button type="button" className="button button-secondary" onClick={() => void toggleCamera()}>
        {on ? m.scan.cameraStop : m.scan.cameraStart}
      </button>
      <form
        className="door-wedge"
        onSubmit={(event) => {
          event.preventDefault();
          void submit(code, 'wedge');
        }}
      >
        <label className="door-label" htmlFor="door-code">
          {m.scan.codeLabel}
        </label>
        <div className="door-wedge-row">
          <input
            id="door-code"
            ref={field}
            className="door-input door-input-code"
            autoFocus
            autoComplete="off"
            autoCapitalize="characters"
            autoCorrect="off"
            spellCheck={false}
            enterKeyHint="go"
            aria-describedby="door-code-hint"
            value={code}
            onChange={(event) => typeCode(event.target.value)}
          />
          <button type="submit" className="button button-primary" disabled={busy}>
            {m.scan.submit}
          </button>
        </div>
        <p id="door-code-hint" className="door-muted">
          {m.scan.codeHint}
        </p>
      </form>
    </section>
  );
}
