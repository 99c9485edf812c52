// The RFC 6381 `codecs` value MSE needs (`avc1.64001f`, `hvc1.1.6.L93.B0`) from an init segment's sample entry.
// The box reader only names the sample entry (`avc1`); the profile and level are in its avcC / hvcC box.

/** Falls back to the bare sample entry type (or '') when the configuration box cannot be read. */
export function codecString(init: Buffer, sampleEntry: string | null): string {
  const entry = sampleEntry ?? '';
  if (entry === 'avc1' || entry === 'avc3') return avcCodec(init, entry) ?? entry;
  if (entry === 'hvc1' || entry === 'hev1') return hevcCodec(init, entry) ?? entry;
  return entry;
}

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

function configBox(init: Buffer, type: string, minBytes: number): number | null {
  const at = init.indexOf(type, 0, 'latin1');
  if (at < 4 || at + 4 + minBytes > init.length) return null;
  const size = init.readUInt32BE(at - 4);
  if (size < 8 + minBytes) return null;
  return at + 4; // first byte of the box's payload
}

function avcCodec(init: Buffer, entry: string): string | null {
  const p = configBox(init, 'avcC', 4);
  if (p === null) return null;
  return `${entry}.${hex2(init[p + 1]!)}${hex2(init[p + 2]!)}${hex2(init[p + 3]!)}`;
}

function hevcCodec(init: Buffer, entry: string): string | null {
  const p = configBox(init, 'hvcC', 13);
  if (p === null) return null;
  const b = init[p + 1]!;
  const space = ['', 'A', 'B', 'C'][b >> 6]!;
  const tier = b & 0x20 ? 'H' : 'L';
  const profile = b & 0x1f;
  // compatibility flags are written bit-reversed, in hex without leading zeros
  const compat = init.readUInt32BE(p + 2);
  let reversed = 0;
  for (let i = 0; i < 32; i++) if (compat & (1 << i)) reversed |= 1 << (31 - i);
  const constraints = [...init.subarray(p + 6, p + 12)];
  while (constraints.length > 0 && constraints[constraints.length - 1] === 0) constraints.pop();
  const level = init[p + 12]!;
  return [entry, `${space}${profile}`, (reversed >>> 0).toString(16).toUpperCase(), `${tier}${level}`,
    ...constraints.map((c) => c.toString(16).toUpperCase())].join('.');
}
