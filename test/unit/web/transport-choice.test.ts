// Which transport a tile starts on, the address bar's forced choice, and the off-screen suspender's timing.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSuspender } from '../../../web/src/player/on-screen.ts';
import { createTransportChoice, initialTransport, parseTransportPref } from '../../../web/src/player/transport-pref.ts';
import { createSettings } from '../../../web/src/settings.ts';

describe('transport choice', () => {
  it('parses only the three choices', () => {
    expect(parseTransportPref('ws')).toBe('ws');
    expect(parseTransportPref('hls')).toBe('hls');
    expect(parseTransportPref('auto')).toBe('auto');
    expect(parseTransportPref('WS')).toBeNull();
    expect(parseTransportPref('')).toBeNull();
    expect(parseTransportPref(null)).toBeNull();
  });

  it('starts on the push socket when MSE exists (auto or forced), on LL-HLS when asked or without MSE', () => {
    expect(initialTransport('auto', true)).toBe('ws');
    expect(initialTransport('ws', true)).toBe('ws');
    expect(initialTransport('hls', true)).toBe('hls');
    expect(initialTransport('auto', false)).toBe('hls');
    expect(initialTransport('ws', false)).toBe('hls');
  });

  it('an address-bar choice beats the setting until the address says auto', () => {
    let setting: 'auto' | 'ws' | 'hls' = 'hls';
    const players = createTransportChoice(() => setting);
    expect(players.preference()).toBe('hls');
    players.noteUrl('?page=2&transport=ws');
    expect(players.preference()).toBe('ws');
    players.noteUrl('?page=3'); // the wall rewrites its address: the choice stays for the tab
    setting = 'auto';
    expect(players.preference()).toBe('ws');
    players.noteUrl('?transport=nonsense');
    expect(players.preference()).toBe('auto');
    players.noteUrl('?transport=hls');
    players.noteUrl('?transport=auto');
    expect(players.preference()).toBe('auto');
  });

  it('the setting is remembered in storage, defaulting to auto', () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
    } as unknown as Storage;
    const settings = createSettings(storage);
    expect(settings.transport()).toBe('auto');
    settings.setTransport('hls');
    expect(createSettings(storage).transport()).toBe('hls');
    data.set('matthan.transport', 'carrier-pigeon');
    expect(settings.transport()).toBe('auto');
    expect(createSettings(null).transport()).toBe('auto');
  });
});

describe('off-screen suspender', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('suspends after the delay out of sight, resumes at once when seen, and ignores a short glance away', () => {
    const calls: string[] = [];
    const s = createSuspender({ delayMs: 3000, onSuspend: () => calls.push('suspend'), onResume: () => calls.push('resume') });
    s.set(true);
    s.set(false);
    vi.advanceTimersByTime(2000);
    s.set(true); // back before the delay: nothing happened
    vi.advanceTimersByTime(5000);
    expect(calls).toEqual([]);
    s.set(false);
    s.set(false); // repeated reports do not restart the delay
    vi.advanceTimersByTime(2999);
    expect(s.suspended()).toBe(false);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['suspend']);
    expect(s.suspended()).toBe(true);
    s.set(false);
    vi.advanceTimersByTime(10_000);
    expect(calls).toEqual(['suspend']);
    s.set(true);
    s.set(true);
    expect(calls).toEqual(['suspend', 'resume']);
  });

  it('destroy cancels a pending suspension', () => {
    const calls: string[] = [];
    const s = createSuspender({ delayMs: 3000, onSuspend: () => calls.push('suspend'), onResume: () => calls.push('resume') });
    s.set(false);
    s.destroy();
    vi.advanceTimersByTime(10_000);
    expect(calls).toEqual([]);
  });
});
