"""Prints Keras 3's weights after 3 optimizer steps, pinned in OptimizerTests.swift.

Problem: w = [1.0, -2.0], loss = 0.5·w0² + 2·w1², so the gradient is [w0, 4·w1].
Run with Keras 3 installed (any backend): KERAS_BACKEND=torch python3 scripts/optimizer_reference.py
"""
import numpy as np
import keras

optimizers = {
    "sgd": lambda: keras.optimizers.SGD(learning_rate=0.1),
    "sgd_momentum": lambda: keras.optimizers.SGD(learning_rate=0.1, momentum=0.9),
    "sgd_nesterov": lambda: keras.optimizers.SGD(learning_rate=0.1, momentum=0.9, nesterov=True),
    "adam": lambda: keras.optimizers.Adam(learning_rate=0.1),
    "adam_amsgrad": lambda: keras.optimizers.Adam(learning_rate=0.1, amsgrad=True),
    "adamw": lambda: keras.optimizers.AdamW(learning_rate=0.1, weight_decay=0.1),
    "rmsprop": lambda: keras.optimizers.RMSprop(learning_rate=0.1),
    "rmsprop_centered_momentum": lambda: keras.optimizers.RMSprop(learning_rate=0.1, momentum=0.5, centered=True),
    "adagrad": lambda: keras.optimizers.Adagrad(learning_rate=0.1),
    "adadelta": lambda: keras.optimizers.Adadelta(learning_rate=1.0),
    "adamax": lambda: keras.optimizers.Adamax(learning_rate=0.1),
    "nadam": lambda: keras.optimizers.Nadam(learning_rate=0.1),
    "sgd_clipnorm": lambda: keras.optimizers.SGD(learning_rate=0.1, clipnorm=1.0),
    "sgd_clipvalue": lambda: keras.optimizers.SGD(learning_rate=0.1, clipvalue=0.5),
    "sgd_exponential_decay": lambda: keras.optimizers.SGD(
        learning_rate=keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=1, decay_rate=0.5)),
}

for name, make in optimizers.items():
    optimizer = make()
    variable = keras.Variable(np.array([1.0, -2.0], dtype="float32"))
    for _ in range(3):
        w = keras.ops.convert_to_numpy(variable)
        gradient = np.array([w[0], 4 * w[1]], dtype="float32")
        optimizer.apply_gradients([(keras.ops.convert_to_tensor(gradient), variable)])
    values = keras.ops.convert_to_numpy(variable)
    print(f'"{name}": [{values[0]:.7g}, {values[1]:.7g}],')

schedules = keras.optimizers.schedules
print("exponential(5):", float(schedules.ExponentialDecay(1.0, 10, 0.5)(5)))
print("piecewise:", [float(schedules.PiecewiseConstantDecay([10, 20], [1.0, 0.5, 0.1])(s)) for s in [0, 10, 11, 20, 21]])
print("inverse_time(2):", float(schedules.InverseTimeDecay(1.0, 1, 0.5)(2)))
cosine = schedules.CosineDecay(1.0, 100, alpha=0.1)
print("cosine:", [float(cosine(s)) for s in [0, 50, 200]])
warm = schedules.CosineDecay(0.0, 10, warmup_target=1.0, warmup_steps=4)
print("cosine warmup:", [float(warm(s)) for s in [2, 4, 9]])
