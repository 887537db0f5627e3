// A short tone per outcome, so staff hear the answer without looking: a bright rising pair
// for ✓, a low buzz for ✗. WebAudio needs no sound files (and no CSP media source).

type Tone = { frequency: number; startS: number; lengthS: number; wave: OscillatorType };

const TONES: Record<'ok' | 'refused', Tone[]> = {
  ok: [
    { frequency: 880, startS: 0, lengthS: 0.09, wave: 'sine' },
    { frequency: 1320, startS: 0.1, lengthS: 0.14, wave: 'sine' },
  ],
  refused: [{ frequency: 196, startS: 0, lengthS: 0.45, wave: 'square' }],
};

let context: AudioContext | null = null;

export function beep(kind: keyof typeof TONES): void {
  try {
    context ??= new AudioContext();
    // Browsers start a context suspended until the page has had a tap or key press.
    void context.resume();
    const now = context.currentTime;
    for (const tone of TONES[kind]) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = tone.wave;
      oscillator.frequency.value = tone.frequency;
      gain.gain.setValueAtTime(0.25, now + tone.startS);
      gain.gain.exponentialRampToValueAtTime(0.001, now + tone.startS + tone.lengthS);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(now + tone.startS);
      oscillator.stop(now + tone.startS + tone.lengthS);
    }
  } catch {
    /* no audio on this device: the colour and the words still say it */
  }
}
