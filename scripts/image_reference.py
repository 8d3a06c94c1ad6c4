"""Reference values for Cortex's image resampling tests (Tests/CortexTests/ImageResamplingTests.swift
and Tests/CortexNNTests/PreprocessingLayerTests.swift).

Run with scipy and Keras 3 installed: `KERAS_BACKEND=torch python scripts/image_reference.py`.
Cortex's `AffineTransform(a0, a1, a2, b0, b1, b2)` maps output (x = column, y = row) to source
coordinates; scipy's `affine_transform` takes the same map in (row, column) order.
"""
import os

os.environ.setdefault("KERAS_BACKEND", "torch")

import numpy as np
import scipy.ndimage as ndimage
import keras

image = np.arange(25, dtype=np.float64).reshape(5, 5)
# Rotation by 30 degrees about the centre, then a shift that pushes the source window past the
# edges: every fill mode shows up along the border.
theta = np.deg2rad(30.0)
a0, a1 = np.cos(theta), -np.sin(theta)
b0, b1 = np.sin(theta), np.cos(theta)
cx = cy = 2.0
a2 = cx - a0 * cx - a1 * cy + 1.3
b2 = cy - b0 * cx - b1 * cy - 2.2
print(f"// transform: a0={a0!r}, a1={a1!r}, a2={a2!r}, b0={b0!r}, b1={b1!r}, b2={b2!r}")


def fmt(values):
    return "[" + ", ".join(f"{v:.6f}" for v in np.asarray(values).ravel()) + "]"


for mode in ["nearest", "reflect", "wrap", "constant", "grid-wrap", "grid-constant"]:
    for order in [0, 1]:
        out = ndimage.affine_transform(image, np.array([[b1, b0], [a1, a0]]), offset=[b2, a2],
                                       order=order, mode=mode, cval=-7.0)
        print(f'"{mode} {order}": {fmt(out)},')

# Keras 3 affine_transform (what RandomRotation and friends call) with its own fill modes.
batch = image.reshape(1, 5, 5, 1).astype("float32")
transform = np.array([[a0, a1, a2, b0, b1, b2, 0, 0]], dtype="float32")
for mode in ["nearest", "reflect", "wrap", "constant"]:
    out = keras.ops.image.affine_transform(batch, transform, interpolation="bilinear",
                                           fill_mode=mode, fill_value=-7.0)
    print(f'"keras3 {mode}": {fmt(keras.ops.convert_to_numpy(out))},')

# Keras 3 Resizing.
wide = np.arange(30, dtype="float32").reshape(1, 5, 6, 1)
for interpolation in ["bilinear", "nearest"]:
    out = keras.layers.Resizing(3, 4, interpolation=interpolation)(wide)
    print(f'"resize {interpolation}": {fmt(keras.ops.convert_to_numpy(out))},')
out = keras.layers.Resizing(2, 2, crop_to_aspect_ratio=True)(wide)
print(f'"resize crop": {fmt(keras.ops.convert_to_numpy(out))},')

# Keras' legacy ImageDataGenerator.apply_transform on the 5 x 5 image (square, so Keras' centring
# and axis conventions agree with Cortex's): rotation, shift, shear, zoom and a flip together.
from keras.src.legacy.preprocessing.image import ImageDataGenerator

params = {"theta": 20.0, "tx": 0.7, "ty": -1.2, "shear": 10.0, "zx": 0.9, "zy": 1.2, "flip_horizontal": True}
for mode in ["nearest", "reflect", "wrap", "constant"]:
    generator = ImageDataGenerator(fill_mode=mode, cval=-3.0)
    out = generator.apply_transform(image.reshape(5, 5, 1).astype("float32"), params)
    print(f'"legacy {mode}": {fmt(out)},')

# Keras 3 random layers with a one-point factor range, so that their draw is known.
layers = {
    "rotation reflect": keras.layers.RandomRotation((30 / 360, 30 / 360), fill_mode="reflect"),
    "rotation constant": keras.layers.RandomRotation((30 / 360, 30 / 360), fill_mode="constant", fill_value=-7.0),
    "zoom wrap": keras.layers.RandomZoom((0.3, 0.3), (-0.2, -0.2), fill_mode="wrap"),
    "translation nearest": keras.layers.RandomTranslation((0.2, 0.2), (-0.4, -0.4), fill_mode="nearest"),
    "contrast": keras.layers.RandomContrast((-0.5, 0.5), value_range=(0, 20)),
}
for name, layer in layers.items():
    out = layer(batch, training=True)
    print(f'"{name}": {fmt(keras.ops.convert_to_numpy(out))},')
