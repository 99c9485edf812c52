import { describe, expect, it } from 'vitest';
import { buildClipArgs, buildConcatList } from '../../../server/media/clip-args.ts';

describe('clip argv builders', () => {
  it('writes one file line per piece', () => {
    expect(buildConcatList(['/data/evidence/1/cam-1.mp4.piece0.mp4', '/data/evidence/1/cam-1.mp4.piece1.mp4'])).toBe(
      "file '/data/evidence/1/cam-1.mp4.piece0.mp4'\nfile '/data/evidence/1/cam-1.mp4.piece1.mp4'\n");
  });

  it.each([
    ["/rec/a'b.mp4"], ['/rec/a\nfile /etc/passwd'], ['relative/path.mp4'], ['/rec/a b.mp4'],
  ])('refuses the unsafe path %j', (file) => {
    expect(() => buildConcatList([file])).toThrow(/unsafe/);
  });

  it('refuses an empty clip', () => {
    expect(() => buildConcatList([])).toThrow();
  });

  it('copies streams into a faststart MP4, reading only files', () => {
    const a = buildClipArgs({ listFile: '/tmp/x/list.txt', output: '/data/evidence/1/cam-1.mp4' });
    expect(a.inputOptions).toEqual(expect.arrayContaining(['-f', 'concat', '-protocol_whitelist', 'file']));
    expect(a.outputOptions.join(' ')).toBe('-map 0:v:0 -c copy -movflags +faststart -f mp4 -y');
    expect(a.output).toBe('/data/evidence/1/cam-1.mp4');
    expect(() => buildClipArgs({ listFile: 'list.txt', output: '/o.mp4' })).toThrow();
  });
});
