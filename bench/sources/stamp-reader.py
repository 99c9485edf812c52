#!/usr/bin/python3
"""The GStreamer floor: pulls an RTSP stream, decodes it with no jitter buffer and writes, for each frame, the wall
clock time it came out of the decoder (float64 ms, little endian) followed by the stamp band (width x height grey
bytes) on stdout. bench/lib/floor.ts decodes the stamp with the same code as the browser reader.

usage: stamp-reader.py <rtsp-url> <band-width> <band-height>
"""
import struct
import sys
import time

import gi

gi.require_version('Gst', '1.0')
from gi.repository import Gst  # noqa: E402


def main():
    url, bw, bh = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    Gst.init(None)
    pipe = Gst.parse_launch(
        f'rtspsrc location={url} protocols=tcp latency=0 ! rtph264depay ! h264parse ! openh264dec '
        f'! videoconvert ! video/x-raw,format=GRAY8 ! appsink name=sink sync=false max-buffers=4')
    sink = pipe.get_by_name('sink')
    pipe.set_state(Gst.State.PLAYING)
    out = sys.stdout.buffer
    try:
        while True:
            sample = sink.emit('pull-sample')
            if sample is None:
                break
            now = time.time() * 1000
            width = sample.get_caps().get_structure(0).get_value('width')
            stride = (width + 3) // 4 * 4  # GStreamer's GRAY8 rows are 4-byte aligned
            buf = sample.get_buffer()
            ok, mi = buf.map(Gst.MapFlags.READ)
            data = mi.data
            band = b''.join(data[y * stride:y * stride + bw] for y in range(bh))
            buf.unmap(mi)
            out.write(struct.pack('<d', now) + band)
            out.flush()
    except (BrokenPipeError, KeyboardInterrupt):
        pass
    finally:
        pipe.set_state(Gst.State.NULL)


if __name__ == '__main__':
    main()
