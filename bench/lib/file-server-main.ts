// The peer design's web server, in its own process so that its CPU and memory are counted with the peer:
// serves one directory (ffmpeg's HLS output) on 127.0.0.1. Prints `READY <port>`; stops on SIGTERM or stdin EOF.
// usage: node --import tsx bench/lib/file-server-main.ts <dir>
import { startStaticServer } from './static-server.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: file-server-main.ts <dir>');
const server = await startStaticServer({ dirs: { '/': dir } });
console.log(`READY ${new URL(server.origin).port}`);
const stop = (): void => void server.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.stdin.on('end', stop).resume();
