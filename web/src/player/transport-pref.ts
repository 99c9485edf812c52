// The live video transport a user (or the address bar) can choose, and which one a new player starts on.
// Pure, and apart from the players, so that settings.ts and tests do not pull them in.

export type TransportPref = 'auto' | 'ws' | 'hls';
export type Transport = 'ws' | 'hls';
export const TRANSPORT_PREFS: readonly TransportPref[] = ['auto', 'ws', 'hls'];

export function parseTransportPref(value: string | null | undefined): TransportPref | null {
  return (TRANSPORT_PREFS as readonly string[]).includes(value ?? '') ? (value as TransportPref) : null;
}

/** The transport a new player starts on. */
export function initialTransport(pref: TransportPref, hasMse: boolean): Transport {
  if (pref === 'hls') return 'hls';
  return hasMse ? 'ws' : 'hls';
}

export interface TransportChoice {
  /** read `?transport=` from an address the app routed to; `auto` clears a forced choice */
  noteUrl(search: string): void;
  /** the choice in force: the address bar's for this tab, else the setting */
  preference(): TransportPref;
}

export function createTransportChoice(setting: () => TransportPref): TransportChoice {
  let forced: TransportPref | null = null;
  return {
    noteUrl(search) {
      const q = new URLSearchParams(search);
      if (!q.has('transport')) return;
      const pref = parseTransportPref(q.get('transport'));
      forced = pref === 'auto' ? null : pref;
    },
    preference: () => forced ?? setting(),
  };
}
