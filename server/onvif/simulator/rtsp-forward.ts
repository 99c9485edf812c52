// A TCP forwarder so a simulated camera can serve RTSP on its own address: connections to
// <sim address>:<port> are piped to a real RTSP server elsewhere (e.g. one GStreamer server on 127.0.0.1
// behind many simulated cameras). RTSP over TCP (interleaved) passes through unchanged.
import net from 'node:net';

export interface RtspForward {
  port: number;
  close(): Promise<void>;
}

export async function startRtspForward(address: string, port: number, to: { host: string; port: number }): Promise<RtspForward> {
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  const server = net.createServer((client) => {
    track(client);
    const upstream = net.connect(to.port, to.host);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    close() {
      const closed = new Promise<void>((r) => server.close(() => r()));
      for (const s of sockets) s.destroy();
      return closed;
    },
  };
}
