"""Reference outputs of Keras 3 attention layers for Tests/CortexNNTests/AttentionLayerTests.swift.

Inputs and weights follow one deterministic pattern, `scale * sin(0.37 * i + offset)` over the
flattened index `i`, which the Swift test rebuilds. Run with the torch backend:

    KERAS_BACKEND=torch /tmp/skl/bin/python scripts/attention_reference.py
"""
import os

os.environ.setdefault("KERAS_BACKEND", "torch")

import keras
import numpy as np


def pattern(shape, offset, scale=1.0):
    count = int(np.prod(shape))
    return (scale * np.sin(0.37 * np.arange(count) + offset)).astype("float32").reshape(shape)


def show(name, tensor):
    array = keras.ops.convert_to_numpy(tensor)
    values = array.astype("float64").ravel()
    print(f"{name} {list(array.shape)}")
    print("[" + ", ".join(f"{v:.8g}" for v in values) + "]")


query = pattern((2, 3, 4), 0.1)
value = pattern((2, 5, 4), 0.7)
key = pattern((2, 5, 4), 1.3)
query_mask = np.array([[1, 1, 0], [1, 1, 1]], dtype=bool)
value_mask = np.array([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]], dtype=bool)

# Luong attention, scaled dot scores, query and value masks, causal.
attention = keras.layers.Attention(use_scale=True)
attention.build([query.shape, value.shape, key.shape])
attention.scale.assign(0.8)
output, scores = attention([query, value, key], mask=[query_mask, value_mask],
                           use_causal_mask=True, return_attention_scores=True)
show("attention_dot_output", output)
show("attention_dot_scores", scores)

# Luong attention, concat scores, no masks.
concat = keras.layers.Attention(use_scale=True, score_mode="concat")
concat.build([query.shape, value.shape, key.shape])
concat.scale.assign(0.9)
concat.concat_score_weight.assign(1.3)
show("attention_concat_output", concat([query, value, key]))

# Bahdanau attention with a value mask.
additive = keras.layers.AdditiveAttention()
additive.build([query.shape, value.shape])
additive.scale.assign(pattern((4,), 0.2, 0.5))
show("additive_output", additive([query, value], mask=[None, value_mask]))

# Multi-head attention: 2 heads, key_dim 3, value_dim 2, a key of another width, an explicit
# attention mask combined with the causal mask.
mha_query = pattern((2, 4, 5), 0.3)
mha_value = pattern((2, 6, 5), 0.9)
mha_key = pattern((2, 6, 3), 1.7)
attention_mask = (np.arange(2 * 4 * 6).reshape(2, 4, 6) % 5 != 3)
mha = keras.layers.MultiHeadAttention(num_heads=2, key_dim=3, value_dim=2)
mha.build(mha_query.shape, mha_value.shape, mha_key.shape)
for index, variable in enumerate(mha.weights):
    print(f"# {variable.path} {tuple(variable.shape)}")
    variable.assign(pattern(tuple(variable.shape), 0.1 * index, 0.6))
output, scores = mha(mha_query, mha_value, mha_key, attention_mask=attention_mask, use_causal_mask=True,
                     return_attention_scores=True)
show("mha_output", output)
show("mha_scores", scores)

# Multi-head attention without biases, projected to 7 features, self-attention.
projected = keras.layers.MultiHeadAttention(num_heads=3, key_dim=2, use_bias=False, output_shape=(7,))
projected.build(mha_query.shape, mha_query.shape)
for index, variable in enumerate(projected.weights):
    print(f"# {variable.path} {tuple(variable.shape)}")
    variable.assign(pattern(tuple(variable.shape), 0.2 * index, 0.6))
show("mha_projected_output", projected(mha_query, mha_query))

# keras_hub's TransformerEncoder (post-norm), written with Keras core layers: 2 heads of 2
# features over 4 features, feed-forward 6, layer norm epsilon 1e-5, a padding mask on keys.
tokens = pattern((2, 3, 4), 0.4)
padding = np.array([[1, 1, 0], [1, 1, 1]], dtype=bool)
block_attention = keras.layers.MultiHeadAttention(num_heads=2, key_dim=2)
block_attention.build(tokens.shape, tokens.shape)
norm1 = keras.layers.LayerNormalization(epsilon=1e-5)
norm1.build(tokens.shape)
dense1 = keras.layers.Dense(6, activation="relu")
dense1.build(tokens.shape)
dense2 = keras.layers.Dense(4)
dense2.build((2, 3, 6))
norm2 = keras.layers.LayerNormalization(epsilon=1e-5)
norm2.build(tokens.shape)
block_weights = block_attention.weights + norm1.weights + dense1.weights + dense2.weights + norm2.weights
for index, variable in enumerate(block_weights):
    print(f"# {variable.path} {tuple(variable.shape)}")
    variable.assign(pattern(tuple(variable.shape), 0.3 * index, 0.5))
x = block_attention(tokens, tokens, attention_mask=padding[:, None, :], return_attention_scores=True)[0]
x = norm1(keras.ops.add(x, tokens))
x = norm2(keras.ops.add(dense2(dense1(x)), x))
show("encoder_output", x)
