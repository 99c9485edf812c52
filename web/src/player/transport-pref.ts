// The live video transport a user (or the address bar) can choose. Kept apart from the players so that
// settings.ts does not pull them in.

export type TransportPref = 'auto' | 'ws' | 'hls';
export const TRANSPORT_PREFS: readonly TransportPref[] = ['auto', 'ws', 'hls'];

export function parseTransportPref(value: string | null | undefined): TransportPref | null {
  return (TRANSPORT_PREFS as readonly string[]).includes(value ?? '') ? (value as TransportPref) : null;
}
