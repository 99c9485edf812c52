// A menu under its button (the user menu, "Thêm"): a click on the button opens or closes it and focuses its first
// item; Esc or a click elsewhere closes it. `destroy` removes the document listener.
export interface DisclosureMenu {
  close(): void;
  destroy(): void;
}

export function disclosureMenu(button: HTMLElement, menu: HTMLElement, wrap: HTMLElement): DisclosureMenu {
  const close = () => {
    menu.hidden = true;
    button.setAttribute('aria-expanded', 'false');
  };
  button.addEventListener('click', () => {
    menu.hidden = !menu.hidden;
    button.setAttribute('aria-expanded', String(!menu.hidden));
    if (!menu.hidden) menu.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  });
  wrap.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && !menu.hidden) {
      close();
      button.focus();
    }
  });
  const onDocClick = (ev: MouseEvent) => {
    if (!menu.hidden && !wrap.contains(ev.target as Node)) close();
  };
  document.addEventListener('click', onDocClick);
  return { close, destroy: () => document.removeEventListener('click', onDocClick) };
}
