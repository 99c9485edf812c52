// The officer's dialog reads and writes its datetime-local fields in Vietnam time, whatever the browser's zone.
import { describe, expect, it } from 'vitest';
import { fromVnInput, toVnInput } from '../../../web/src/views/requests/request-parts.ts';

describe('datetime-local fields in Vietnam time', () => {
  it('shows an instant as the wall clock in Hà Nội (UTC+7), to the minute', () => {
    expect(toVnInput(Date.parse('2026-11-25T17:30:45Z'))).toBe('2026-11-26T00:30');
  });

  it('reads the field back as the same instant, with or without seconds', () => {
    expect(new Date(fromVnInput('2026-11-26T00:30')).toISOString()).toBe('2026-11-25T17:30:00.000Z');
    expect(new Date(fromVnInput('2026-11-26T00:30:15')).toISOString()).toBe('2026-11-25T17:30:15.000Z');
    const t = Date.parse('2026-03-01T08:05:00Z');
    expect(fromVnInput(toVnInput(t))).toBe(t);
  });

  it('an empty or malformed field is not a time', () => {
    for (const v of ['', '2026-11-26', '26/11/2026 00:30', '2026-11-26T24']) expect(fromVnInput(v)).toBeNaN();
  });
});
