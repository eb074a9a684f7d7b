// The new-message sound: a short soft tone made with Web Audio (no file to download). Browsers allow it once the
// visitor has interacted with the chat; when they do not, it stays silent.
let context: AudioContext | null = null;

/** Plays the chime; never throws. */
export function chime(): void {
  try {
    context ??= new AudioContext();
    const t = context.currentTime;
    const tone = context.createOscillator();
    const gain = context.createGain();
    tone.frequency.setValueAtTime(880, t);
    tone.frequency.setValueAtTime(1320, t + 0.12);
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.15, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.35);
    tone.connect(gain).connect(context.destination);
    tone.start(t);
    tone.stop(t + 0.36);
  } catch {
    // No audio here (blocked, or no Web Audio): the title counter and the badge still say it.
  }
}
