// The PTZ pad over the focused camera: 8 arrows, a stop, zoom in/out (press and hold), a speed slider and the
// camera's presets. Arrow keys and +/− hold a move too while the focus view has the keyboard; letting go of
// every button and key, the pointer leaving a button or the window losing focus sends a stop.
import { ApiError } from '../../../api/http-client.ts';
import { errorMessage } from '../../../api/error-message.ts';
import type { PtzApi } from '../../../api/ptz-api.ts';
import { h } from '../../../dom.ts';
import type { I18n, MessageKey } from '../../../i18n/i18n.ts';
import type { Toasts } from '../../toasts.ts';
import { ARROW_GRID, DIRECTIONS, combine, directionOfKey, type PtzDirection } from './ptz-directions.ts';
import { createPtzMover } from './ptz-mover.ts';
import { createPtzPresets } from './ptz-presets.ts';

export interface PtzPadOptions {
  i18n: I18n;
  api: PtzApi;
  toasts: Toasts;
  cameraId: string;
  /** the focus view: keys count when focus is inside it (or nowhere), never in a dialog or a text field */
  keyScope: HTMLElement;
}

export interface PtzPad {
  el: HTMLElement;
  destroy(): void;
}

const PTZ_ERRORS = ['ptz-not-supported', 'onvif-no-ptz', 'ptz-preset-not-found', 'ptz-invalid'];
const DEFAULT_SPEED = 0.5;
const SVG_NS = 'http://www.w3.org/2000/svg';

export function ptzErrorText(i18n: I18n, err: unknown): string {
  if (err instanceof ApiError && PTZ_ERRORS.includes(err.code)) return i18n.t(`ptz.error.${err.code}` as MessageKey);
  return errorMessage(i18n, err);
}

export function createPtzPad(o: PtzPadOptions): PtzPad {
  const { i18n, api, cameraId } = o;
  /** what holds a direction right now: 'pointer', 'button-key' or 'key:<KeyboardEvent.code>' */
  const held = new Map<string, PtzDirection>();
  let speed = DEFAULT_SPEED;

  const onError = (err: unknown) =>
    o.toasts.show({ text: 'ptz.failed', params: { error: ptzErrorText(i18n, err) }, kind: 'error', durationMs: 6000 });
  const mover = createPtzMover({
    send: (cmd) => api.command(cameraId, cmd),
    onError,
    onMovingChange: (moving) => el.toggleAttribute('data-moving', moving),
  });

  const buttons = new Map<PtzDirection, HTMLButtonElement>();
  const update = () => {
    const dirs = new Set(held.values());
    for (const [dir, btn] of buttons) btn.toggleAttribute('data-held', dirs.has(dir));
    mover.hold(combine(held.values(), speed));
  };
  const press = (source: string, dir: PtzDirection) => {
    if (held.get(source) === dir) return;
    held.set(source, dir);
    update();
  };
  const letGo = (source: string) => {
    if (held.delete(source)) update();
  };
  const letGoAll = () => {
    if (!held.size) return;
    held.clear();
    update();
  };

  const dirButton = (dir: PtzDirection, content: Node) => {
    const spec = DIRECTIONS[dir];
    const btn = i18n.attr(
      i18n.attr(
        h('button', { type: 'button', class: `ptz-btn ptz-${dir}`, 'data-dir': dir, 'data-testid': `ptz-${dir}` }, content),
        'aria-label',
        spec.label,
      ),
      'title',
      spec.label,
    );
    btn.addEventListener('pointerdown', (ev) => {
      if (ev.button === 0) press('pointer', dir);
    });
    for (const type of ['pointerup', 'pointerleave', 'pointercancel'] as const) btn.addEventListener(type, () => letGo('pointer'));
    btn.addEventListener('contextmenu', (ev) => ev.preventDefault()); // a long press on a touch screen
    btn.addEventListener('keydown', (ev) => {
      if (ev.key !== 'Enter' && ev.key !== ' ') return;
      ev.preventDefault();
      if (!ev.repeat) press('button-key', dir);
    });
    btn.addEventListener('keyup', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') letGo('button-key');
    });
    btn.addEventListener('blur', () => letGo('button-key'));
    buttons.set(dir, btn);
    return btn;
  };

  const arrow = (angle: number) => {
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('class', 'icon ptz-arrow');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    for (const d of ['M5 12h13', 'M12 6l6 6-6 6']) {
      const path = document.createElementNS(SVG_NS, 'path');
      path.setAttribute('d', d);
      svg.append(path);
    }
    svg.style.transform = `rotate(${angle}deg)`;
    return svg;
  };
  const stopBtn = i18n.attr(
    i18n.attr(
      h('button', { type: 'button', class: 'ptz-btn ptz-stop', 'data-testid': 'ptz-stop' }, h('span', { class: 'ptz-stop-mark' })),
      'aria-label',
      'ptz.stop',
    ),
    'title',
    'ptz.stop',
  );
  stopBtn.addEventListener('click', () => {
    held.clear();
    update();
    mover.stop();
  });
  const arrows = i18n.attr(
    h(
      'div',
      { class: 'ptz-arrows', role: 'group' },
      ...ARROW_GRID.map((dir) => (dir ? dirButton(dir, arrow(DIRECTIONS[dir].angle ?? 0)) : stopBtn)),
    ),
    'aria-label',
    'ptz.title',
  );
  const zoom = h(
    'div',
    { class: 'ptz-zoom' },
    dirButton('zoom-out', h('span', { class: 'ptz-zoom-mark', 'aria-hidden': 'true' }, '−')),
    dirButton('zoom-in', h('span', { class: 'ptz-zoom-mark', 'aria-hidden': 'true' }, '+')),
  );

  const speedOut = h('output', { class: 'ptz-speed-value', for: 'ptz-speed' });
  const showSpeed = () => i18n.text(speedOut, 'ptz.speedValue', { n: Math.round(speed * 100) });
  const speedInput = h('input', {
    type: 'range', id: 'ptz-speed', min: 0.1, max: 1, step: 0.1, value: DEFAULT_SPEED, 'data-testid': 'ptz-speed',
  });
  speedInput.addEventListener('input', () => {
    speed = Number(speedInput.value) || DEFAULT_SPEED;
    showSpeed();
    if (held.size) update();
  });
  showSpeed();
  const speedRow = h(
    'div',
    { class: 'ptz-speed' },
    i18n.text(h('label', { for: 'ptz-speed' }), 'ptz.speed'),
    speedInput,
    speedOut,
  );

  const presets = createPtzPresets({
    i18n,
    load: () => api.presets(cameraId),
    goto: (p) => api.command(cameraId, { action: 'goto-preset', preset: p.token }),
    onError,
  });

  const body = h(
    'div',
    { class: 'ptz-body', id: 'ptz-body' },
    h('div', { class: 'ptz-controls' }, arrows, zoom),
    speedRow,
    presets.el,
    i18n.text(h('p', { class: 'ptz-hint' }), 'ptz.hint'),
  );
  const toggle = h('button', {
    type: 'button', class: 'ptz-toggle', 'aria-expanded': 'true', 'aria-controls': 'ptz-body', 'data-testid': 'ptz-toggle',
  });
  const showToggle = () => {
    const open = !body.hidden;
    toggle.setAttribute('aria-expanded', String(open));
    i18n.text(toggle, open ? 'ptz.hide' : 'ptz.show');
  };
  toggle.addEventListener('click', () => {
    body.hidden = !body.hidden;
    showToggle();
  });
  showToggle();

  const el = h(
    'section',
    { class: 'ptz-pad', 'aria-labelledby': 'ptz-title', 'data-testid': 'ptz-pad' },
    h('div', { class: 'ptz-head' }, i18n.text(h('h2', { class: 'ptz-title', id: 'ptz-title' }), 'ptz.title'), toggle),
    body,
  );

  // ── keyboard: arrows and +/− anywhere in the focus view ──
  const keyDirection = (ev: KeyboardEvent): PtzDirection | null => {
    if (ev.defaultPrevented || ev.ctrlKey || ev.metaKey || ev.altKey) return null;
    const dir = directionOfKey(ev.key);
    const t = ev.target;
    if (!dir || !(t instanceof Element)) return null;
    if (t !== document.body && t !== document.documentElement && !o.keyScope.contains(t)) return null;
    if (t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement || (t instanceof HTMLElement && t.isContentEditable)) return null;
    // the speed slider keeps its arrow keys; other inputs keep every key
    if (t instanceof HTMLInputElement && !(t.type === 'range' && DIRECTIONS[dir].angle === null)) return null;
    return dir;
  };
  const onKeyDown = (ev: KeyboardEvent) => {
    const dir = keyDirection(ev);
    if (!dir) return;
    ev.preventDefault(); // no page scroll
    press(`key:${ev.code || ev.key}`, dir);
  };
  const onKeyUp = (ev: KeyboardEvent) => letGo(`key:${ev.code || ev.key}`);
  const onHidden = () => {
    if (document.visibilityState === 'hidden') letGoAll();
  };
  document.addEventListener('keydown', onKeyDown);
  document.addEventListener('keyup', onKeyUp);
  window.addEventListener('blur', letGoAll);
  document.addEventListener('visibilitychange', onHidden);

  return {
    el,
    destroy() {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('keyup', onKeyUp);
      window.removeEventListener('blur', letGoAll);
      document.removeEventListener('visibilitychange', onHidden);
      held.clear();
      presets.destroy();
      mover.destroy();
    },
  };
}
