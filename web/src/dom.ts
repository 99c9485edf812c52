// A tiny element builder so views read as a tree instead of createElement chains.

type AttrValue = string | number | boolean | null | undefined;
export type Child = Node | string | null | undefined | false;

export interface Props {
  [name: string]: AttrValue | ((ev: Event) => void);
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (typeof value === 'function') {
      el.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
    } else if (value === true) {
      el.setAttribute(name, '');
    } else if (value !== false && value !== null && value !== undefined) {
      el.setAttribute(name, String(value));
    }
  }
  append(el, ...children);
  return el;
}

export function append(parent: Element, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.append(c);
  }
}

/** Inline SVG from a path list; icons are decorative (text always says the same thing). */
export function icon(name: IconName, className = 'icon'): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', className);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const d of ICONS[name]) {
    const path = document.createElementNS(ns, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}

export type IconName =
  | 'online'
  | 'connecting'
  | 'offline'
  | 'idle'
  | 'back'
  | 'prev'
  | 'next'
  | 'camera'
  | 'logout'
  | 'flag'
  | 'history'
  | 'download'
  | 'copy'
  | 'play'
  | 'search'
  | 'plus'
  | 'close'
  | 'record';

// Simple strokes drawn with currentColor (see .icon in base.css).
const ICONS: Record<IconName, string[]> = {
  online: ['M4 12.5l5 5L20 6.5'],
  connecting: ['M12 3a9 9 0 1 0 9 9', 'M12 3v4'],
  offline: ['M12 3L2 20h20L12 3z', 'M12 10v4', 'M12 17v.5'],
  idle: ['M9 6v12', 'M15 6v12'],
  back: ['M15 5l-7 7 7 7'],
  prev: ['M15 5l-7 7 7 7'],
  next: ['M9 5l7 7-7 7'],
  camera: ['M3 7h12v10H3z', 'M15 10l6-3v10l-6-3'],
  logout: ['M10 5H5v14h5', 'M14 8l4 4-4 4', 'M18 12H9'],
  flag: ['M5 21V4', 'M5 4h11l-2 4 2 4H5'],
  history: ['M3 12a9 9 0 1 0 3-6.7', 'M3 4v4h4', 'M12 7v5l3 2'],
  download: ['M12 4v11', 'M7 10l5 5 5-5', 'M5 20h14'],
  copy: ['M9 9h11v11H9z', 'M5 15H4V4h11v1'],
  play: ['M7 5l12 7-12 7z'],
  search: ['M10.5 17a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13z', 'M15.5 15.5L20 20'],
  plus: ['M12 5v14', 'M5 12h14'],
  close: ['M6 6l12 12', 'M18 6L6 18'],
  record: ['M12 17a5 5 0 1 0 0-10 5 5 0 0 0 0 10z'],
};
