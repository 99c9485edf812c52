// "Kiểm tra kết nối": sends what the tab would save to POST /api/cameras/preview (nothing is stored) and shows,
// in place, the picture, what the device says it is, or why it failed. Saving never waits for a test.
import type { CameraPreview, CamerasApi, NewCameraInput } from '../../../api/cameras-api.ts';
import { errorMessage } from '../../../api/error-message.ts';
import { h } from '../../../dom.ts';
import type { I18n, MessageKey, Params } from '../../../i18n/i18n.ts';

export interface TestRequest {
  body: NewCameraInput;
  /** said above the picture, e.g. which recorder channel it comes from */
  note?: { key: MessageKey; params?: Params };
}

export interface ConnectionTest {
  /** goes next to the tab's submit button */
  button: HTMLButtonElement;
  /** the result, shown above the actions */
  el: HTMLElement;
  /** false while the form cannot describe a camera (e.g. no channel ticked) */
  setAvailable(ok: boolean): void;
}

/** `read` validates the form (marking and focusing a bad field) and answers null when it cannot be sent. */
export function createConnectionTest(i18n: I18n, api: CamerasApi, read: () => TestRequest | null): ConnectionTest {
  const button = i18n.text(h('button', { type: 'button', class: 'btn', 'data-testid': 'test-connection' }), 'add.test');
  const el = h('div', { class: 'conn-test', 'aria-live': 'polite', 'data-testid': 'conn-test', hidden: true });
  let running = false;
  let available = true;
  const renderButton = () => {
    button.disabled = running || !available;
    i18n.text(button, running ? 'add.testing' : 'add.test');
  };

  const line = (cls: string, key: MessageKey, params?: Params) => i18n.text(h('p', { class: cls }), key, params);

  const show = (p: CameraPreview, note: TestRequest['note']) => {
    const learnt = Boolean(p.manufacturer || p.model || p.main);
    const facts = h(
      'p',
      { class: 'conn-facts', 'data-testid': 'conn-facts' },
      p.manufacturer || p.model ? h('span', {}, [p.manufacturer, p.model].filter(Boolean).join(' ')) : null,
      p.main ? i18n.text(h('span', {}), 'add.testMain', { w: p.main.width, h: p.main.height }) : null,
      p.sub ? i18n.text(h('span', {}), 'add.testSub', { w: p.sub.width, h: p.sub.height }) : null,
      p.ptz ? i18n.text(h('span', {}), 'add.testPtz') : null,
    );
    const parts: (HTMLElement | null)[] = [];
    if (p.snapshot || learnt) parts.push(line('conn-state ok', 'add.testOk'));
    if (facts.childElementCount > 0) parts.push(facts);
    if (note) parts.push(line('conn-note muted', note.key, note.params));
    if (p.snapshot) {
      const img = i18n.attr(h('img', { class: 'snapshot-img', 'data-testid': 'conn-snapshot' }), 'alt', 'add.testAlt');
      img.src = p.snapshot;
      parts.push(h('div', { class: 'snapshot-frame' }, img));
    } else {
      // a picture alone failing does not stop saving: the stream may need a moment, or only the snapshot URI is off
      parts.push(
        h(
          'div',
          { class: 'conn-warning', role: 'alert', 'data-testid': 'conn-warning' },
          line('conn-state warn', 'add.testNoPicture'),
          p.snapshotError ? h('p', { class: 'conn-detail' }, p.snapshotError) : null,
          line('conn-detail muted', 'add.testCanSave'),
        ),
      );
    }
    el.replaceChildren(...parts.filter((x): x is HTMLElement => x !== null));
  };

  const fail = (err: unknown) => {
    el.replaceChildren(h('p', { class: 'form-error conn-error', role: 'alert', 'data-testid': 'conn-error' }, errorMessage(i18n, err)));
  };

  button.addEventListener('click', async () => {
    if (running) return;
    const req = read();
    if (!req) return;
    running = true;
    renderButton();
    el.hidden = false;
    el.setAttribute('aria-busy', 'true');
    el.classList.add('conn-running'); // the previous result stays, dimmed, until this one replaces it
    try {
      show(await api.preview(req.body), req.note);
    } catch (err) {
      fail(err);
    } finally {
      running = false;
      el.removeAttribute('aria-busy');
      el.classList.remove('conn-running');
      renderButton();
    }
  });

  return {
    button,
    el,
    setAvailable(ok) {
      available = ok;
      renderButton();
    },
  };
}
