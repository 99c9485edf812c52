// Off-screen tiles cost nothing: a tile scrolled out of view (IntersectionObserver) or in a hidden tab
// (document.visibilityState) is suspended after a few seconds, and resumed as soon as it is seen again.
// createSuspender is the timing alone (pure, testable); watchOnScreen wires it to the DOM.

export interface Suspender {
  /** whether the tile can be seen now */
  set(visible: boolean): void;
  suspended(): boolean;
  destroy(): void;
}

export interface SuspenderOptions {
  delayMs: number;
  onSuspend(): void;
  onResume(): void;
}

export function createSuspender(opts: SuspenderOptions): Suspender {
  let suspended = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return {
    set(visible) {
      if (visible) {
        cancel();
        if (suspended) {
          suspended = false;
          opts.onResume();
        }
      } else if (!suspended && !timer) {
        timer = setTimeout(() => {
          timer = null;
          suspended = true;
          opts.onSuspend();
        }, opts.delayMs);
      }
    },
    suspended: () => suspended,
    destroy: cancel,
  };
}

export interface OnScreenOptions {
  doc: Document;
  /** hidden this long → suspend */
  delayMs?: number;
  onSuspend(): void;
  onResume(): void;
}

export const SUSPEND_AFTER_MS = 3000;

export function watchOnScreen(el: Element, opts: OnScreenOptions): Suspender {
  const { doc } = opts;
  const suspender = createSuspender({ delayMs: opts.delayMs ?? SUSPEND_AFTER_MS, onSuspend: opts.onSuspend, onResume: opts.onResume });
  let intersecting = true; // until the observer's first report
  const update = () => suspender.set(intersecting && doc.visibilityState !== 'hidden');
  const observer =
    typeof IntersectionObserver === 'function'
      ? new IntersectionObserver((entries) => {
          const last = entries[entries.length - 1];
          if (!last) return;
          intersecting = last.isIntersecting;
          update();
        })
      : null;
  observer?.observe(el);
  doc.addEventListener('visibilitychange', update);
  update();
  return {
    set: suspender.set,
    suspended: suspender.suspended,
    destroy() {
      observer?.disconnect();
      doc.removeEventListener('visibilitychange', update);
      suspender.destroy();
    },
  };
}
