#!/usr/bin/env python3
"""Reads TensorBoard event files with TensorBoard's own reader and prints what it found as JSON.

Usage: read_tensorboard_events.py LOGDIR

For each run directory under LOGDIR holding event files (e.g. train, validation), prints
{"file_version": 2.0 (parsed from "brain.Event:2"), "scalars": {tag: [[step, value], ...]},
 "histograms": {tag: [[step, min, max, num, sum, bucket_limits, buckets], ...]},
 "images": {tag: [[step, width, height, pixel_rows], ...]}}
where pixel_rows are the decoded 8-bit samples of each PNG row, so that a test can check what
the Swift writer encoded. Used by the CortexNN TensorBoard tests.
"""
import json
import os
import struct
import sys
import zlib

from tensorboard.backend.event_processing import event_accumulator


def decode_png(data):
    """Rows of samples of a non-interlaced 8-bit PNG (any colour type without a palette)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    offset, idat, header = 8, b"", None
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset:offset + 4])
        kind = data[offset + 4:offset + 8]
        body = data[offset + 8:offset + 8 + length]
        if zlib.crc32(kind + body) != struct.unpack(">I", data[offset + 8 + length:offset + 12 + length])[0]:
            raise ValueError(f"bad CRC in {kind!r} chunk")
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    width, height, depth, color_type = header[:4]
    assert depth == 8
    channels = {0: 1, 4: 2, 2: 3, 6: 4}[color_type]
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], [0] * stride
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], list(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            up_left = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else up_left)) & 0xFF
        rows.append(line)
        previous = line
    return rows


def read_run(path):
    accumulator = event_accumulator.EventAccumulator(
        path,
        size_guidance={
            event_accumulator.SCALARS: 0,
            event_accumulator.HISTOGRAMS: 0,
            event_accumulator.IMAGES: 0,
            event_accumulator.TENSORS: 0,
        },
    )
    accumulator.Reload()
    tags = accumulator.Tags()
    return {
        "file_version": accumulator.file_version,
        "scalars": {tag: [[e.step, e.value] for e in accumulator.Scalars(tag)] for tag in tags["scalars"]},
        "histograms": {
            tag: [[e.step, h.min, h.max, h.num, h.sum, list(h.bucket_limit), list(h.bucket)]
                  for e in accumulator.Histograms(tag) for h in [e.histogram_value]]
            for tag in tags["histograms"]
        },
        "images": {
            tag: [[e.step, e.width, e.height, decode_png(e.encoded_image_string)] for e in accumulator.Images(tag)]
            for tag in tags["images"]
        },
    }


def main():
    logdir = sys.argv[1]
    runs = {}
    for root, _, files in os.walk(logdir):
        if any("tfevents" in name for name in files):
            runs[os.path.relpath(root, logdir)] = read_run(root)
    json.dump(runs, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main()
