// /notice/:cameraId — the A4 notice a household puts up by its camera: "KHU VỰC CÓ CAMERA GIÁM SÁT AN NINH TRẬT
// TỰ", the camera's name and place, what its owner shares (in words), the police post and how to reach it, and the
// law that protects the people filmed. Vietnamese for passers-by, English in small type under it. Printed from
// the browser (resident.css: its own A4 page, nothing of the app). Staff print it for any camera they see.
import type { CameraDto, CommuneDto, Consent } from '../../../../server/contracts.ts';
import { CONSENTS } from '../../../../server/access/permissions.ts';
import type { AppContext, Page } from '../../app-context.ts';
import { errorMessage } from '../../api/error-message.ts';
import type { MyCamerasApi } from '../../api/my-cameras-api.ts';
import { h, icon } from '../../dom.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import { messagesEn } from '../../i18n/messages-en.ts';
import { messagesVi } from '../../i18n/messages-vi.ts';
import { loadFailed } from '../wall/wall-page.ts';

const NOTICE_SHARE: Record<Consent, MessageKey> = {
  'police-live': 'notice.share.police-live',
  'police-on-request': 'notice.share.police-on-request',
  group: 'notice.share.group',
};

/** The same line in both languages: Vietnamese as it is posted, English under it. */
function both(tag: 'h1' | 'p' | 'li' | 'div', cls: string, key: MessageKey, params: Record<string, string> = {}): HTMLElement {
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (w, n: string) => params[n] ?? w);
  return h(tag, { class: cls }, h('span', { class: 'vi', lang: 'vi' }, fill(messagesVi[key])), h('span', { class: 'en', lang: 'en' }, fill(messagesEn[key])));
}

export function createNoticePage(ctx: AppContext, api: MyCamerasApi, cameraId: string): Page {
  const { i18n, store } = ctx;
  let commune: CommuneDto | null = null;
  let communeError: unknown = null;
  const sheet = h('article', { class: 'notice-sheet', 'data-testid': 'notice-sheet' });
  const print = i18n.text(h('button', { type: 'button', class: 'btn btn-primary btn-big', 'data-testid': 'notice-print' }), 'notice.print');
  print.addEventListener('click', () => window.print());
  const back = h('button', { type: 'button', class: 'btn btn-ghost btn-big' }, icon('back'), i18n.text(h('span', {}), 'notice.back'));
  back.addEventListener('click', () => ctx.back(ctx.user.role === 'resident' ? `/my/cameras/${encodeURIComponent(cameraId)}` : '/'));
  const el = h('section', { class: 'page notice-page', 'data-testid': 'notice-page' },
    h('div', { class: 'notice-tools no-print' }, back, print, i18n.text(h('p', { class: 'hint' }), 'notice.hint')),
    sheet);

  const render = () => {
    if (!store.loaded()) {
      sheet.replaceChildren(store.loadError() ? loadFailed(ctx) : i18n.text(h('p', { class: 'loading' }), 'wall.loading'));
      return;
    }
    const camera = store.get(cameraId);
    if (!camera) {
      sheet.replaceChildren(i18n.text(h('p', { class: 'empty-state' }), 'my.notFound'));
      return;
    }
    sheet.replaceChildren(...noticeBody(camera, commune));
    if (communeError) sheet.append(h('p', { class: 'form-error no-print' }, errorMessage(i18n, communeError)));
  };

  api.commune().then(
    (c) => {
      commune = c;
      render();
    },
    (err: unknown) => {
      communeError = err;
      render();
    },
  );
  const unsubscribe = store.subscribe(render);
  render();
  return { el, destroy: unsubscribe };
}

function noticeBody(camera: CameraDto, commune: CommuneDto | null): HTMLElement[] {
  const shared = CONSENTS.filter((c) => camera.shares.includes(c));
  const post = commune?.policePost ?? '';
  return [
    h('div', { class: 'notice-mark', 'aria-hidden': 'true' }, icon('camera', 'icon notice-icon')),
    both('h1', 'notice-heading', 'notice.heading'),
    h('div', { class: 'notice-camera' },
      h('p', { class: 'notice-name', 'data-testid': 'notice-name' }, camera.name),
      camera.place ? h('p', { class: 'notice-place', 'data-testid': 'notice-place' }, camera.place) : null),
    both('p', 'notice-lead', shared.length ? 'notice.sharedLead' : 'notice.notShared'),
    shared.length ? h('ul', { class: 'notice-shares', 'data-testid': 'notice-shares' }, ...shared.map((c) => both('li', '', NOTICE_SHARE[c], { post }))) : null,
    both('p', 'notice-law', 'notice.law'),
    h('div', { class: 'notice-contact', 'data-testid': 'notice-contact' },
      both('p', 'notice-contact-lead', 'notice.contactLead'),
      h('p', { class: 'notice-post' }, post),
      commune?.contact ? h('p', { class: 'notice-phone' }, commune.contact) : null),
  ].filter((x): x is HTMLElement => x !== null);
}
