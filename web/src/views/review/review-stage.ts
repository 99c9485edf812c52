// The review player: the video, the wall-clock time of the frame on screen, what is happening (loading,
// nothing recorded, an error) and the flag button for the frame on screen.
import { h, icon } from '../../dom.ts';
import type { I18n, MessageKey } from '../../i18n/i18n.ts';
import type { VodState } from '../../player/vod-player.ts';
import { formatClockDate, formatClockTime } from '../../time-format.ts';

export interface ReviewStage {
  el: HTMLElement;
  video: HTMLVideoElement;
  flagButton: HTMLButtonElement;
  setState(state: VodState): void;
  setTime(at: Date | null): void;
  /** no footage this day (and whether the camera does not record at all) */
  setEmpty(empty: boolean, recordingOff: boolean): void;
  say(key: MessageKey): void;
  sayText(text: string): void;
  destroy(): void;
}

export function createReviewStage(i18n: I18n, opts: { canFlag: boolean; onFlag(anchor: HTMLElement): void }): ReviewStage {
  let time: Date | null = null;
  const video = h('video', { class: 'review-video', playsinline: true, muted: true, 'data-testid': 'review-video' });
  video.muted = true; // the attribute alone is only the default: recorded sound stays off until the user turns it on
  const message = h('p', { class: 'review-message', role: 'status', hidden: true, 'data-testid': 'review-message' });
  const clockTime = h('span', { class: 'review-clock-time', 'data-testid': 'review-time' }, '--:--:--');
  const clockDate = h('span', { class: 'review-clock-date muted' });
  const flagButton = h(
    'button',
    { type: 'button', class: 'btn btn-danger', 'aria-haspopup': 'dialog', 'data-testid': 'review-flag', hidden: !opts.canFlag },
    icon('flag'),
    i18n.text(h('span', {}), 'review.flag'),
  );
  i18n.attr(flagButton, 'title', 'review.flagTitle');
  flagButton.disabled = true;
  flagButton.addEventListener('click', () => opts.onFlag(flagButton));

  const el = h(
    'div',
    { class: 'review-stage' },
    h('div', { class: 'review-screen' }, video, message),
    h(
      'div',
      { class: 'review-info' },
      h('div', { class: 'review-clock' }, i18n.text(h('span', { class: 'review-clock-label' }), 'review.frameTime'), clockTime, clockDate),
      h('div', { class: 'toolbar-spacer' }),
      flagButton,
    ),
  );

  const renderTime = () => {
    clockTime.textContent = time ? formatClockTime(time, i18n.locale()) : '--:--:--';
    clockDate.textContent = time ? formatClockDate(time, i18n.locale()) : '';
    if (time) clockTime.dataset.iso = time.toISOString();
    else delete clockTime.dataset.iso;
    flagButton.disabled = !time;
  };
  const say = (key: MessageKey | null, text?: string) => {
    message.hidden = !key && !text;
    if (key) i18n.text(message, key);
    else {
      message.removeAttribute('data-i18n');
      message.textContent = text ?? '';
    }
  };

  const offLang = i18n.onChange(renderTime);
  return {
    el,
    video,
    flagButton,
    setState(s) {
      el.dataset.state = s;
      video.controls = s !== 'idle'; // no empty controls before anything was chosen
      if (s === 'loading') say('review.loading');
      else if (s === 'error') say('review.playFailed');
      else if (s === 'ended') say('review.ended');
      else say(null);
    },
    setTime(at) {
      time = at;
      renderTime();
    },
    setEmpty(empty, recordingOff) {
      if (empty) say(recordingOff ? 'review.recordingOff' : 'review.emptyDay');
      else if (!time) say('review.pick');
    },
    say: (key) => say(key),
    sayText: (text) => say(null, text),
    destroy: offLang,
  };
}
