// A "copy" button for hashes and URLs. navigator.clipboard needs a secure context (https or localhost); a hub
// reached over plain http on the LAN falls back to selecting the text and execCommand('copy').
import { h, icon } from '../dom.ts';
import type { I18n, MessageKey } from '../i18n/i18n.ts';

export function createCopyButton(i18n: I18n, text: () => string, label: MessageKey = 'copy.button'): HTMLButtonElement {
  const words = i18n.text(h('span', {}), label);
  const btn = h('button', { type: 'button', class: 'btn btn-small copy-btn', 'data-testid': 'copy' }, icon('copy'), words);
  let timer: ReturnType<typeof setTimeout> | null = null;
  btn.addEventListener('click', async () => {
    const ok = await copyText(text());
    i18n.text(words, ok ? 'copy.done' : 'copy.failed');
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => i18n.text(words, label), 2000);
  });
  return btn;
}

export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the old way
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}
