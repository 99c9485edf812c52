// /my/requests — "Yêu cầu trích xuất hình ảnh": what the police asked of my cameras, phone first (390 px). Each
// pending request says who asks (name, role), why, for which incident and which range (Vietnam time), and exactly
// what approving does — that range only goes to the police and is kept as evidence — with two big buttons.
// Answered ones below, with what became of the clip. Kept current by the socket's footage-request events.
import type { FootageRequestDto } from '../../../../server/contracts.ts';
import { errorMessage } from '../../api/error-message.ts';
import type { AppContext, Page } from '../../app-context.ts';
import { h } from '../../dom.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../time-format.ts';
import { clipLine, liveRequests, rangeText, statusChip } from '../requests/request-parts.ts';

export function createRequestsPage(ctx: AppContext): Page {
  const { i18n } = ctx;
  let list: FootageRequestDto[] = [];
  const pending = h('div', { class: 'req-cards', 'data-testid': 'req-pending' });
  const answered = h('div', { class: 'req-cards', 'data-testid': 'req-answered' });
  const status = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const say = (text: string) => {
    status.textContent = text;
    status.hidden = !text;
  };
  const el = h('section', { class: 'page resident-page requests-page', 'data-testid': 'requests-page' },
    h('div', { class: 'resident-inner' },
      i18n.text(h('h1', { class: 'resident-title' }), 'req.my.title'),
      i18n.text(h('p', { class: 'muted' }), 'req.my.intro'),
      status,
      i18n.text(h('h2', { class: 'req-section' }), 'req.my.pending'), pending,
      i18n.text(h('h2', { class: 'req-section' }), 'req.my.answered'), answered));

  const fact = (label: MessageKey, value: Node | string) =>
    h('div', { class: 'req-fact' }, i18n.text(h('dt', {}), label), h('dd', {}, value));

  const facts = (r: FootageRequestDto) => h('dl', { class: 'req-facts' },
    fact('req.my.who', `${r.requestedBy.displayName} · ${i18n.t(`role.${r.requestedBy.role}`)}`),
    fact('req.my.range', h('strong', { 'data-testid': 'req-range' }, rangeText(i18n, r))),
    fact('req.my.reason', h('span', { class: 'req-reason', 'data-testid': 'req-reason' }, r.reason)),
    fact('req.my.incident', r.incidentTitle ?? (r.status === 'pending' ? i18n.t('req.my.noIncident') : '—')));

  const answer = async (r: FootageRequestDto, decision: 'approve' | 'decline', note: string, buttons: HTMLButtonElement[]) => {
    buttons.forEach((b) => (b.disabled = true));
    say('');
    try {
      live.set(await ctx.footageRequestsApi.answer(r.id, decision, note.trim() || undefined));
      ctx.toasts.show({ text: decision === 'approve' ? 'req.my.approved' : 'req.my.declined' });
    } catch (err) {
      buttons.forEach((b) => (b.disabled = false));
      say(errorMessage(i18n, err));
    }
  };

  const pendingCard = (r: FootageRequestDto) => {
    const noteId = `req-note-${r.id}`;
    const note = h('textarea', { id: noteId, rows: 2, maxlength: '500', class: 'req-note', 'data-testid': 'req-note' });
    const approve = i18n.text(h('button', { type: 'button', class: 'btn btn-primary req-big', 'data-testid': 'req-approve' }), 'req.my.approve');
    const decline = i18n.text(h('button', { type: 'button', class: 'btn req-big req-decline', 'data-testid': 'req-decline' }), 'req.my.decline');
    approve.addEventListener('click', () => void answer(r, 'approve', note.value, [approve, decline]));
    decline.addEventListener('click', () => void answer(r, 'decline', note.value, [approve, decline]));
    return h('article', { class: 'req-card req-card-pending', 'data-request-id': r.id, 'data-testid': 'req-card' },
      h('div', { class: 'req-card-head' }, h('h3', {}, r.cameraName), statusChip(i18n, r)),
      r.cameraPlace ? h('p', { class: 'muted' }, r.cameraPlace) : null,
      facts(r),
      i18n.text(h('p', { class: 'req-consent', 'data-testid': 'req-consent' }), 'req.my.consent', {
        from: formatDateTime(r.from, i18n.locale()), to: formatDateTime(r.to, i18n.locale()), camera: r.cameraName,
      }),
      r.expiresAt ? i18n.text(h('p', { class: 'hint' }), 'req.my.expires', { at: formatDateTime(r.expiresAt, i18n.locale()) }) : null,
      h('div', { class: 'field' }, i18n.text(h('label', { for: noteId }), 'req.my.note'), note),
      h('div', { class: 'req-actions' }, approve, decline));
  };

  const answeredCard = (r: FootageRequestDto) =>
    h('article', { class: 'req-card', 'data-request-id': r.id, 'data-testid': 'req-card' },
      h('div', { class: 'req-card-head' }, h('h3', {}, r.cameraName), statusChip(i18n, r)),
      facts(r),
      r.answeredAt && r.answeredBy ? i18n.text(h('p', { class: 'hint' }), 'req.my.answeredAt', { at: formatDateTime(r.answeredAt, i18n.locale()) }) : null,
      r.answerNote ? h('p', { class: 'hint' }, `“${r.answerNote}”`) : null,
      clipLine(i18n, r));

  const render = () => {
    const open = list.filter((r) => r.status === 'pending');
    const done = list.filter((r) => r.status !== 'pending');
    pending.replaceChildren(...(open.length ? open.map(pendingCard) : [i18n.text(h('p', { class: 'muted' }), 'req.my.none')]));
    answered.replaceChildren(...(done.length ? done.map(answeredCard) : [i18n.text(h('p', { class: 'muted' }), 'req.my.noneAnswered')]));
  };

  const live = liveRequests(ctx, {
    show: (l) => {
      list = l;
      render();
    },
    failed: (err) => say(errorMessage(i18n, err)),
    arrived: () => ctx.toasts.show({ text: 'req.my.new' }),
    // a card being answered here keeps its note: a pending request that stays pending is not drawn again
    quiet: (old, next) => old?.status === 'pending' && next.status === 'pending',
  });
  return { el, destroy: () => live.destroy() };
}
