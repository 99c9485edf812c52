// Choices remembered in the browser (localStorage): language, wall grid size, live video transport.
// Created once in main.ts and passed to whoever needs it.

import { parseTransportPref, type TransportPref } from './player/transport-pref.ts';

export type Lang = 'vi' | 'en';
export type GridSize = 1 | 4 | 9 | 16 | 25 | 36;
export const GRID_SIZES: readonly GridSize[] = [1, 4, 9, 16, 25, 36];

export interface Settings {
  lang(): Lang;
  setLang(lang: Lang): void;
  gridSize(): GridSize;
  setGridSize(size: GridSize): void;
  /** live video: auto (push socket, LL-HLS where it cannot play), or one forced */
  transport(): TransportPref;
  setTransport(pref: TransportPref): void;
}

const LANG_KEY = 'matthan.lang';
const GRID_KEY = 'matthan.gridSize';
const TRANSPORT_KEY = 'matthan.transport';

export function createSettings(storage: Storage | null): Settings {
  const read = (key: string): string | null => {
    try {
      return storage?.getItem(key) ?? null;
    } catch {
      return null; // storage disabled (private mode, policy): fall back to defaults
    }
  };
  const write = (key: string, value: string): void => {
    try {
      storage?.setItem(key, value);
    } catch {
      // not remembered, still applied for this visit
    }
  };
  return {
    lang: () => (read(LANG_KEY) === 'en' ? 'en' : 'vi'),
    setLang: (lang) => write(LANG_KEY, lang),
    gridSize: () => {
      const n = Number(read(GRID_KEY));
      return (GRID_SIZES as readonly number[]).includes(n) ? (n as GridSize) : 4;
    },
    setGridSize: (size) => write(GRID_KEY, String(size)),
    transport: () => parseTransportPref(read(TRANSPORT_KEY)) ?? 'auto',
    setTransport: (pref) => write(TRANSPORT_KEY, pref),
  };
}
