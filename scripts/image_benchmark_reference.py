"""The workloads of `cortex-bench images` in Keras and scipy, for the ratios in docs/images.md.

Run: `KERAS_BACKEND=torch python scripts/image_benchmark_reference.py` (scipy, Pillow, Keras 3).
Keras' ImageDataGenerator resamples each channel of each image with scipy.ndimage on one thread;
the numbers are medians of 5 timed runs after one untimed run.
"""
import io
import os
import time

os.environ.setdefault("KERAS_BACKEND", "torch")

import numpy as np
import scipy.ndimage as ndimage
from PIL import Image
from keras.src.legacy.preprocessing.image import ImageDataGenerator


def median_seconds(body, repetitions=5):
    body()
    times = []
    for _ in range(repetitions):
        start = time.perf_counter()
        body()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


rng = np.random.default_rng(1)
large = rng.uniform(0, 255, (64, 224, 224, 3)).astype("float32")


def affine(order, mode):
    for i, image in enumerate(large):
        theta = i * 0.01
        c, s = np.cos(theta), np.sin(theta)
        matrix = np.array([[c, s], [-s, c]])  # (row, column) order of Cortex's rotation map
        centre = np.array([111.5, 111.5])
        offset = centre - matrix @ centre
        for channel in range(3):
            ndimage.affine_transform(image[..., channel], matrix, offset=offset, order=order, mode=mode)


cifar = rng.uniform(0, 255, (1024, 32, 32, 3)).astype("float32")
labels = np.arange(1024) % 10
generator = ImageDataGenerator(rotation_range=15, width_shift_range=0.1, height_shift_range=0.1,
                               zoom_range=0.1, horizontal_flip=True, rescale=1 / 255)
flow = generator.flow(cifar, labels, batch_size=64, seed=1)


def epoch():
    for index in range(len(flow)):
        flow[index]


x = np.arange(256 * 256 * 3).reshape(256, 256, 3)
photo = ((x // 3 % 256 + x // 768 + (x % 3) * 40) % 256).astype("uint8")
encoded = {}
for name, fmt, options in [("PNG", "PNG", {}), ("JPEG", "JPEG", {"quality": 90})]:
    buffer = io.BytesIO()
    Image.fromarray(photo).save(buffer, format=fmt, **options)
    encoded[name] = buffer.getvalue()


def decode(data):
    for _ in range(20):
        np.asarray(Image.open(io.BytesIO(data)).convert("RGB"), dtype="float32")


rows = [
    ("affine 64 x 224x224x3, bilinear, reflect (scipy)", 64, lambda: affine(1, "reflect")),
    ("affine 64 x 224x224x3, nearest (scipy)", 64, lambda: affine(0, "nearest")),
    ("flow epoch 1024 x 32x32x3 (Keras ImageDataGenerator)", 1024, epoch),
    ("decode PNG 256x256 RGB (Pillow)", 20, lambda: decode(encoded["PNG"])),
    ("decode JPEG 256x256 RGB (Pillow)", 20, lambda: decode(encoded["JPEG"])),
]
for name, images, body in rows:
    seconds = median_seconds(body)
    per_call = seconds / 20 if "decode" in name else seconds
    print(f"{name}: {per_call * 1e3:.2f} ms, {images / seconds:.0f} images/s")
