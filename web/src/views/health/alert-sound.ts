// A short two-tone beep made with WebAudio (no audio file), muted by a toggle remembered in localStorage.
// Browsers start audio only after a user gesture: the first click or key on the page unlocks it; until then
// play() says 'blocked' and the caller shows why there was no sound.
const MUTE_KEY = 'matthan.alertSoundMuted';

export type BeepResult = 'played' | 'muted' | 'blocked';

export interface AlertSound {
  play(): BeepResult;
  muted(): boolean;
  setMuted(muted: boolean): void;
  /** listeners to the change of the mute toggle (another view changed it) */
  onChange(listener: (muted: boolean) => void): () => void;
  destroy(): void;
}

export function createAlertSound(win: Window): AlertSound {
  let ctx: AudioContext | null = null;
  const listeners = new Set<(muted: boolean) => void>();
  const read = () => {
    try {
      return win.localStorage.getItem(MUTE_KEY) === '1';
    } catch {
      return false;
    }
  };
  let muted = read();

  const unlock = () => {
    const w = win as unknown as { AudioContext?: typeof AudioContext; webkitAudioContext?: typeof AudioContext };
    const Ctor = w.AudioContext ?? w.webkitAudioContext;
    if (!Ctor) return;
    const c = (ctx ??= new Ctor());
    if (c.state === 'running') stopListening();
    else void c.resume().then(stopListening, () => undefined);
  };
  const events = ['pointerdown', 'keydown'] as const;
  const stopListening = () => events.forEach((e) => win.document.removeEventListener(e, unlock, true));
  events.forEach((e) => win.document.addEventListener(e, unlock, true));

  const beep = (c: AudioContext) => {
    const t = c.currentTime;
    for (const [i, freq] of [880, 660].entries()) {
      const osc = c.createOscillator();
      const gain = c.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      const start = t + i * 0.18;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.25, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.16);
      osc.connect(gain).connect(c.destination);
      osc.start(start);
      osc.stop(start + 0.17);
    }
  };

  return {
    play() {
      if (muted) return 'muted';
      if (!ctx || ctx.state !== 'running') return 'blocked';
      beep(ctx);
      return 'played';
    },
    muted: () => muted,
    setMuted(next) {
      muted = next;
      try {
        win.localStorage.setItem(MUTE_KEY, next ? '1' : '0');
      } catch {
        // private mode: the toggle lasts for this tab only
      }
      for (const l of [...listeners]) l(next);
    },
    onChange(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    destroy() {
      stopListening();
      listeners.clear();
      void ctx?.close().catch(() => undefined);
      ctx = null;
    },
  };
}
