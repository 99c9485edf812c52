#!/usr/bin/python3
"""A stamped RTSP camera for the benchmarks.

One GStreamer RTSP server, one encoder. Every frame carries its capture time (wall clock, ms) as two rows of
16x16 black/white blocks at the top of the picture: row A holds the 40 low bits of the time in ms (MSB first),
row B holds their complement, so a reader can reject a damaged stamp. Layout: bench/lib/stamp-code.ts.

Every mount (/stamp, /cam0 .. /cam<N-1>) is backed by the same shared media (one appsrc, one x264enc), so N
sessions cost the box one encoder. A client inside this process keeps that media playing from start-up, like a
real camera whose encoder never stops: a viewer arriving later lands in the middle of a GOP.

Prints `READY <port>` on stdout once the server listens; stops on SIGTERM/SIGINT or when stdin closes.
Run with /usr/bin/python3 (python3-gi, gir1.2-gst-rtsp-server-1.0, gstreamer1.0-plugins-ugly for x264enc).
"""
import argparse
import signal
import sys
import threading
import time

import gi

gi.require_version('Gst', '1.0')
gi.require_version('GstVideo', '1.0')
gi.require_version('GstRtspServer', '1.0')
from gi.repository import GLib, Gst, GstRtspServer, GstVideo  # noqa: E402

BLOCK = 16
BITS = 40
WHITE = 235
BLACK = 16


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument('--port', type=int, default=0, help='0 = any free port')
    p.add_argument('--mounts', type=int, default=0, help='extra mounts /cam0../cam<N-1> on the same media')
    p.add_argument('--width', type=int, default=640)
    p.add_argument('--height', type=int, default=360)
    p.add_argument('--fps', type=int, default=25)
    p.add_argument('--gop', type=int, default=25, help='key-int-max, in frames')
    p.add_argument('--bitrate', type=int, default=1000, help='x264enc bitrate, kbit/s')
    p.add_argument('--no-keepalive', action='store_true', help='do not keep the media playing without clients')
    return p.parse_args()


def background_frames(info, count):
    """Moving colour bars rendered once by videotestsrc, cycled by the feeder (keeps the source cheap)."""
    caps = info.to_caps().to_string()
    pipe = Gst.parse_launch(
        f'videotestsrc pattern=smpte horizontal-speed=4 num-buffers={count} ! {caps} ! appsink name=sink sync=false')
    sink = pipe.get_by_name('sink')
    pipe.set_state(Gst.State.PLAYING)
    frames = []
    while len(frames) < count:
        sample = sink.emit('pull-sample')
        if sample is None:
            break
        buf = sample.get_buffer()
        ok, mi = buf.map(Gst.MapFlags.READ)
        frames.append(bytes(mi.data))
        buf.unmap(mi)
    pipe.set_state(Gst.State.NULL)
    if not frames:
        raise RuntimeError('videotestsrc produced no frame')
    return frames


class Stamper:
    """Writes the stamp band into a copy of a background frame."""

    def __init__(self, info):
        if info.width < BITS * BLOCK:
            raise ValueError(f'width must be at least {BITS * BLOCK}')
        self.y_off, self.y_stride = info.offset[0], info.stride[0]
        self.chroma = [(info.offset[i], info.stride[i]) for i in (1, 2)]
        self.white_row = bytes([WHITE]) * BLOCK
        self.black_row = bytes([BLACK]) * BLOCK
        self.grey = bytes([128]) * (BITS * BLOCK // 2)

    def stamp(self, frame, ms):
        value = ms % (1 << BITS)
        for row in (0, 1):
            for i in range(BITS):
                bit = (value >> (BITS - 1 - i)) & 1
                if row == 1:
                    bit ^= 1
                line = self.white_row if bit else self.black_row
                x = i * BLOCK
                for y in range(row * BLOCK, (row + 1) * BLOCK):
                    o = self.y_off + y * self.y_stride + x
                    frame[o:o + BLOCK] = line
        for off, stride in self.chroma:  # neutral chroma under the band: pure grey levels
            for y in range(BLOCK):  # 2 rows of blocks = 32 luma lines = 16 chroma lines
                o = off + y * stride
                frame[o:o + len(self.grey)] = self.grey


class Feeder(threading.Thread):
    """Pushes one stamped frame per tick of the wall clock into the media's appsrc."""

    def __init__(self, appsrc, backgrounds, stamper, fps):
        super().__init__(daemon=True)
        self.appsrc, self.backgrounds, self.stamper, self.fps = appsrc, backgrounds, stamper, fps
        self.stopped = threading.Event()

    def run(self):
        period = 1.0 / self.fps
        start = time.time()
        n = 0
        while not self.stopped.is_set():
            delay = start + n * period - time.time()
            if delay > 0:
                time.sleep(delay)
            elif delay < -1.0:  # fell far behind (machine stalled): resynchronise instead of bursting
                start, n = time.time(), 0
            frame = bytearray(self.backgrounds[n % len(self.backgrounds)])
            self.stamper.stamp(frame, int(time.time() * 1000))
            ret = self.appsrc.emit('push-buffer', Gst.Buffer.new_wrapped(bytes(frame)))
            if ret == Gst.FlowReturn.FLUSHING or ret == Gst.FlowReturn.EOS:
                return
            n += 1


class StampFactory(GstRtspServer.RTSPMediaFactory):
    """One media for every mount and every URL: all sessions share one encoder."""

    def do_gen_key(self, url):
        return 'stamp'


def main():
    args = parse_args()
    Gst.init(None)
    info = GstVideo.VideoInfo()
    info.set_format(GstVideo.VideoFormat.I420, args.width, args.height)
    info.fps_n, info.fps_d = args.fps, 1
    backgrounds = background_frames(info, 2 * args.fps)
    stamper = Stamper(info)
    caps = info.to_caps().to_string()

    factory = StampFactory()
    factory.set_launch(
        f'( appsrc name=src is-live=true do-timestamp=true format=time caps="{caps}" '
        f'! queue max-size-buffers=2 leaky=downstream '
        f'! x264enc tune=zerolatency speed-preset=ultrafast key-int-max={args.gop} bitrate={args.bitrate} '
        f'! rtph264pay name=pay0 pt=96 config-interval=1 )')
    factory.set_shared(True)
    feeders = []

    def on_configure(_factory, media):
        feeder = Feeder(media.get_element().get_by_name('src'), backgrounds, stamper, args.fps)
        feeders.append(feeder)
        media.connect('unprepared', lambda _m: feeder.stopped.set())
        feeder.start()

    factory.connect('media-configure', on_configure)

    server = GstRtspServer.RTSPServer()
    server.set_address('127.0.0.1')
    server.set_service(str(args.port))
    mounts = server.get_mount_points()
    mounts.add_factory('/stamp', factory)
    for i in range(args.mounts):
        mounts.add_factory(f'/cam{i}', factory)
    server.attach(None)
    port = server.get_bound_port()

    loop = GLib.MainLoop()
    keeper = None
    if not args.no_keepalive:
        keeper = Gst.parse_launch(
            f'rtspsrc location=rtsp://127.0.0.1:{port}/stamp protocols=tcp latency=0 ! fakesink sync=false')

        def start_keeper():
            keeper.set_state(Gst.State.PLAYING)
            return False
        GLib.idle_add(start_keeper)

    def stop(*_):
        loop.quit()
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, stop)
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGINT, stop)

    def on_stdin(*_):  # the parent went away (or closed our stdin): stop
        if sys.stdin.buffer.read1(4096):
            return True
        loop.quit()
        return False
    GLib.io_add_watch(GLib.IOChannel.unix_new(sys.stdin.fileno()), GLib.PRIORITY_DEFAULT,
                      GLib.IOCondition.HUP | GLib.IOCondition.IN | GLib.IOCondition.ERR, on_stdin)
    print(f'READY {port}', flush=True)
    loop.run()
    if keeper is not None:
        keeper.set_state(Gst.State.NULL)
    for feeder in feeders:
        feeder.stopped.set()


if __name__ == '__main__':
    main()
