// The camera's presets (điểm đặt trước) as buttons: one click turns the camera to it.
import type { PtzPresetDto } from '../../../../../server/contracts.ts';
import { h } from '../../../dom.ts';
import type { I18n } from '../../../i18n/i18n.ts';

export interface PtzPresetsOptions {
  i18n: I18n;
  load(): Promise<PtzPresetDto[]>;
  goto(preset: PtzPresetDto): Promise<void>;
  onError(err: unknown): void;
}

export interface PtzPresets {
  el: HTMLElement;
  destroy(): void;
}

export function createPtzPresets(o: PtzPresetsOptions): PtzPresets {
  const { i18n } = o;
  let alive = true;
  const headingId = 'ptz-presets-title'; // one pad on the page at a time
  const body = h('div', { class: 'ptz-presets-body' });
  const el = h(
    'section',
    { class: 'ptz-presets', 'aria-labelledby': headingId, 'data-testid': 'ptz-presets' },
    i18n.text(h('h3', { class: 'ptz-heading', id: headingId }), 'ptz.presets'),
    body,
  );

  const presetButton = (p: PtzPresetDto) => {
    const label = p.name || p.token;
    const btn = i18n.attr(
      h('button', { type: 'button', class: 'ptz-preset', 'data-preset': p.token, 'data-testid': 'ptz-preset' }, label),
      'title',
      'ptz.gotoPreset',
      { name: label },
    );
    btn.addEventListener('click', () => {
      if (btn.getAttribute('aria-busy') === 'true') return;
      btn.setAttribute('aria-busy', 'true');
      o.goto(p)
        .catch((err: unknown) => {
          if (alive) o.onError(err);
        })
        .finally(() => btn.removeAttribute('aria-busy'));
    });
    return h('li', {}, btn);
  };

  const load = () => {
    body.replaceChildren(i18n.text(h('p', { class: 'ptz-note' }), 'ptz.presetsLoading'));
    o.load().then(
      (presets) => {
        if (!alive) return;
        body.replaceChildren(
          presets.length
            ? h('ul', { class: 'ptz-preset-list' }, ...presets.map(presetButton))
            : i18n.text(h('p', { class: 'ptz-note' }), 'ptz.presetsEmpty'),
        );
      },
      (err: unknown) => {
        if (!alive) return;
        const retry = i18n.text(h('button', { type: 'button', class: 'btn btn-small btn-ghost', onclick: load }), 'ptz.retry');
        body.replaceChildren(i18n.text(h('p', { class: 'ptz-note' }), 'ptz.presetsFailed'), retry);
        o.onError(err);
      },
    );
  };
  load();

  return {
    el,
    destroy() {
      alive = false;
    },
  };
}
