// Reads QR codes from the device's camera: the browser's own BarcodeDetector where it exists
// and knows QR (Android Chrome, Safari on recent iOS/macOS), else jsQR, a small pure-JS
// decoder, on frames drawn into a canvas (desktop Chromium on Linux and Windows, Firefox).
import jsQR from 'jsqr';

export type Decoder = 'barcode-detector' | 'jsqr';

export interface CameraScan {
  decoder: Decoder;
  stop(): void;
}

/** How often a frame is looked at: fast enough to feel instant, light on a phone's battery. */
const FRAME_INTERVAL_MS = 150;
/** jsQR works on a frame scaled down to this width: plenty for a QR filling part of the view. */
const JSQR_WIDTH = 480;

interface DetectorLike {
  detect(source: CanvasImageSource): Promise<Array<{ rawValue: string }>>;
}
interface DetectorClass {
  new (options: { formats: string[] }): DetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

async function nativeDetector(): Promise<DetectorLike | null> {
  const Detector = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    return (await Detector.getSupportedFormats()).includes('qr_code') ? new Detector({ formats: ['qr_code'] }) : null;
  } catch {
    return null;
  }
}

function jsqrReader(): (video: HTMLVideoElement) => string | null {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return (video) => {
    if (!context || video.videoWidth === 0) return null;
    canvas.width = Math.min(JSQR_WIDTH, video.videoWidth);
    canvas.height = Math.round((video.videoHeight * canvas.width) / video.videoWidth);
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
  };
}

/** Starts the back camera into `video` and calls `onText` with every QR text it sees. Throws when there is no camera or no permission. */
export async function startCameraScan(video: HTMLVideoElement, onText: (text: string) => void): Promise<CameraScan> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  video.srcObject = stream;
  video.muted = true;
  video.playsInline = true;
  await video.play().catch(() => undefined);

  const detector = await nativeDetector();
  const readJsqr = detector ? null : jsqrReader();
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const look = async () => {
    if (stopped) return;
    try {
      const text = detector ? ((await detector.detect(video))[0]?.rawValue ?? null) : readJsqr!(video);
      if (text && !stopped) onText(text);
    } catch {
      /* a frame that cannot be read is skipped */
    }
    if (!stopped) timer = setTimeout(() => void look(), FRAME_INTERVAL_MS);
  };
  void look();

  return {
    decoder: detector ? 'barcode-detector' : 'jsqr',
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      for (const track of stream.getTracks()) track.stop();
      video.srcObject = null;
    },
  };
}
