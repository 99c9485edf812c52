// /my/cameras/new — register my camera: how it connects (RTMP push, an RTSP address, a recorder's channels), its
// name, where it looks, and what I share (three separate choices, none ticked). The hub creates it as "chờ
// duyệt"; for RTMP push the page then shows the address and key to put in the camera (rtmp-setup.ts).
import type { CameraDto } from '../../../../server/contracts.ts';
import type { AppContext, Page } from '../../app-context.ts';
import { errorMessage } from '../../api/error-message.ts';
import type { MyCamerasApi } from '../../api/my-cameras-api.ts';
import { h, icon } from '../../dom.ts';
import { createField } from '../cameras/add/form-field.ts';
import { createConsentChoices } from './consent-choices.ts';
import { createSourceSection, WAYS, type SourceSection, type Way } from './register-sources.ts';
import { residentPage } from './resident-parts.ts';
import { createRtmpSetup, type RtmpSetup } from './rtmp-setup.ts';

export function createRegisterPage(ctx: AppContext, api: MyCamerasApi): Page {
  const { i18n } = ctx;
  let way: Way = 'rtmp-push';
  let source: SourceSection | null = null;
  let setup: RtmpSetup | null = null;

  const wayButtons = WAYS.map((w) => {
    const input = h('input', { type: 'radio', name: 'reg-way', id: `reg-way-${w}`, value: w, class: 'way-radio' });
    input.checked = w === way;
    input.addEventListener('change', () => input.checked && chooseWay(w));
    return h('div', { class: 'way-row' }, input,
      h('label', { for: `reg-way-${w}`, class: 'way-label' },
        i18n.text(h('span', { class: 'way-name' }), `my.way.${w}`),
        i18n.text(h('span', { class: 'way-why' }), `my.way.${w}.why`)));
  });
  const sourceSlot = h('div', {});
  const chooseWay = (w: Way) => {
    way = w;
    source?.destroy();
    source = createSourceSection(i18n, ctx.camerasApi, w);
    sourceSlot.replaceChildren(source.el);
  };
  chooseWay(way);

  const name = createField(i18n, { id: 'reg-name', label: 'form.name', hint: 'my.nameHint', maxlength: 100 });
  i18n.attr(name.input, 'placeholder', 'my.namePlaceholder');
  const place = createField(i18n, { id: 'reg-place', label: 'my.place', hint: 'my.placeHint', maxlength: 120 });
  i18n.attr(place.input, 'placeholder', 'my.placePlaceholder');
  const consents = createConsentChoices(i18n, 'reg-share');
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'reg-error' });
  const submit = i18n.text(h('button', { type: 'submit', class: 'btn btn-primary btn-big btn-block', 'data-testid': 'reg-submit' }), 'my.submit');

  const step = (n: number, title: 'my.step.how' | 'my.step.about' | 'my.step.share', ...body: (Node | null)[]) =>
    h('fieldset', { class: 'reg-step' }, h('legend', {}, h('span', { class: 'step-no' }, String(n)), i18n.text(h('span', {}), title)), ...body);

  const form = h('form', { class: 'reg-form', novalidate: true, 'data-testid': 'reg-form' },
    step(1, 'my.step.how', h('div', { class: 'ways', role: 'radiogroup' }, ...wayButtons), sourceSlot),
    step(2, 'my.step.about', name.el, place.el),
    step(3, 'my.step.share', consents.el),
    i18n.text(h('p', { class: 'hint' }), 'my.approvalNext'),
    error,
    submit);
  const body = h('div', { class: 'reg-body' }, form);
  const back = h('a', { href: '/my', class: 'btn btn-ghost back-link', 'data-link': true }, icon('back'), i18n.text(h('span', {}), 'my.backToList'));
  const el = residentPage(i18n, 'register-page', 'my.new.title', back, body);

  const check = (): boolean => {
    name.setError(name.value() || way === 'nvr' ? null : 'form.nameRequired');
    place.setError(place.value() ? null : 'my.placeRequired');
    const bad = name.input.getAttribute('aria-invalid') === 'true' ? name : !place.value() ? place : null;
    bad?.input.focus();
    return bad === null;
  };

  let busy = false;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (busy) return;
    const src = source?.read();
    if (!src || !check()) return;
    busy = true;
    submit.disabled = true;
    error.textContent = '';
    try {
      const cameras = await api.register({ ...(name.value() ? { name: name.value() } : {}), place: place.value(), shares: consents.value(), source: src });
      for (const c of cameras) ctx.store.put(c);
      showDone(cameras);
    } catch (err) {
      error.textContent = errorMessage(i18n, err);
    } finally {
      busy = false;
      submit.disabled = false;
    }
  });

  const showDone = (cameras: CameraDto[]) => {
    source?.destroy();
    const first = cameras[0];
    const open = first
      ? i18n.text(h('a', { href: `/my/cameras/${encodeURIComponent(first.id)}`, class: 'btn btn-primary btn-big btn-block', 'data-link': true, 'data-testid': 'reg-open' }), 'my.open')
      : null;
    setup = first?.source.kind === 'rtmp-push' ? createRtmpSetup(i18n, ctx.store, first) : null;
    body.replaceChildren(h('div', { class: 'reg-done', 'data-testid': 'reg-done' },
      i18n.text(h('h2', { class: 'reg-done-title' }), 'my.done.title', { n: cameras.length }),
      h('ul', { class: 'reg-done-list' }, ...cameras.map((c) => h('li', { 'data-camera-id': c.id }, c.name))),
      setup ? i18n.text(h('p', { class: 'reg-note' }), 'my.rtmp.now') : null,
      setup?.el ?? null,
      h('div', { class: 'pending-box' }, i18n.text(h('h3', {}), 'my.approval.pending'), i18n.text(h('p', {}), 'my.pendingExplain')),
      open,
      i18n.text(h('a', { href: '/my', class: 'btn btn-big btn-block', 'data-link': true }), 'my.backToList')));
    window.scrollTo(0, 0);
  };

  return {
    el,
    destroy() {
      source?.destroy();
      setup?.destroy();
    },
  };
}
