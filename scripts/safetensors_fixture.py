"""Writes the safetensors fixture CortexDataTests reads: one tensor of each dtype Cortex converts
to Float, written by the reference implementation (safetensors.numpy.save_file).

Run from the repository root: python scripts/safetensors_fixture.py
"""
import numpy as np
from safetensors.numpy import save_file

tensors = {
    "f32": np.array([[1.5, -2.25, 3.0], [0.1, 1e-8, -7.5]], dtype=np.float32),
    "f16": np.array([0.5, -65504.0, 6.1035156e-05], dtype=np.float16),
    "f64": np.array([1.0 / 3.0, -1e300], dtype=np.float64),
    "i64": np.array([[-3, 4], [5, 9007199254740993]], dtype=np.int64),
    "i32": np.array(-17, dtype=np.int32),
    "u8": np.array([0, 1, 254, 255], dtype=np.uint8),
    "flags": np.array([True, False], dtype=np.bool_),
    "empty": np.zeros((2, 0), dtype=np.float32),
}
path = "Tests/CortexDataTests/Fixtures/numpy_written.safetensors"
save_file(tensors, path, metadata={"source": "safetensors.numpy"})
for name, value in tensors.items():
    print(name, value.dtype, value.shape, value.astype(np.float32).ravel().tolist())
