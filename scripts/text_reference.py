"""Prints what Keras' legacy text Tokenizer, pad_sequences, to_categorical and normalize return,
pinned in TextPreprocessingTests.swift and ArrayUtilitiesTests.swift.

Run with Keras 3 installed (any backend): KERAS_BACKEND=torch python3 scripts/text_reference.py
"""
import json

import numpy as np
from keras.src.legacy.preprocessing.text import Tokenizer, text_to_word_sequence
from keras.utils import normalize, pad_sequences, to_categorical

TEXTS = [
    "The cat sat on the mat.",
    "The dog ate my homework!",
    "Cat and dog: friends? Maybe...",
    "Éclair, café\tand crème brûlée\nfor the cat",
]
NEW = ["the unknown cat ate the éclair", "", "dog dog dog"]


def show(name, value):
    print(f"{name}: {json.dumps(value, ensure_ascii=False)}")


def matrix(tokenizer, texts, mode):
    return [[round(float(v), 6) for v in row] for row in tokenizer.texts_to_matrix(texts, mode=mode)]


show("words", text_to_word_sequence(TEXTS[2]))
plain = Tokenizer()
plain.fit_on_texts(TEXTS)
show("plain word_index", plain.word_index)
show("plain word_counts", list(plain.word_counts.items()))
show("plain word_docs", dict(sorted(plain.word_docs.items())))
show("plain sequences", plain.texts_to_sequences(NEW))
show("plain texts", plain.sequences_to_texts([[1, 2, 99, 3], [0, 14]]))
for mode in ["binary", "count", "freq", "tfidf"]:
    show(f"plain {mode}", matrix(plain, NEW[:1] + NEW[2:], mode))

limited = Tokenizer(num_words=5, oov_token="<OOV>")
limited.fit_on_texts(TEXTS)
show("limited word_index", limited.word_index)
show("limited sequences", limited.texts_to_sequences(NEW))
show("limited texts", limited.sequences_to_texts([[2, 3, 4, 5, 6, 99]]))
show("limited count", matrix(limited, NEW, "count"))
show("limited tfidf", matrix(limited, NEW, "tfidf"))

cut = Tokenizer(num_words=4)
cut.fit_on_texts(TEXTS)
show("cut sequences", cut.texts_to_sequences(NEW))
show("cut texts", cut.sequences_to_texts([[1, 2, 3, 4, 5]]))

chars = Tokenizer(char_level=True, lower=False)
chars.fit_on_texts(["abca", "Bb!"])
show("chars word_index", chars.word_index)
show("chars sequences", chars.texts_to_sequences(["cab", "B?"]))

custom = Tokenizer(filters="", split=",", lower=False)
custom.fit_on_texts(["a,b,,c", "b,B c"])
show("custom word_index", custom.word_index)
show("custom sequences", custom.texts_to_sequences(["c,a,B c,d"]))

sequences = [[1], [2, 3], [4, 5, 6], []]
show("pad default", pad_sequences(sequences).tolist())
show("pad post maxlen 2", pad_sequences(sequences, maxlen=2, padding="post").tolist())
show("pad truncating post", pad_sequences(sequences, maxlen=2, truncating="post", value=-1).tolist())
show("pad int value", pad_sequences(sequences, maxlen=4, value=-1.7).tolist())
show("pad float", pad_sequences([[1.5, 2.25], [3.75]], dtype="float32", value=0.5).tolist())
show("pad int of floats", pad_sequences([[1.5, -2.75], [3.75]]).tolist())

show("to_categorical", to_categorical(np.array([0, 2, 1, 2]), num_classes=4).tolist())
show("to_categorical inferred", to_categorical(np.array([[1], [0], [3]])).tolist())
show("to_categorical shape", list(to_categorical(np.array([[0, 1, 2], [2, 1, 0]])).shape))

x = np.array([[3.0, -4.0, 0.0], [0.0, 0.0, 0.0], [1.0, 2.0, -2.0]])
show("normalize l2", normalize(x).round(6).tolist())
show("normalize l1", normalize(x, order=1).round(6).tolist())
show("normalize inf", normalize(x, order=np.inf).round(6).tolist())
show("normalize axis 1 order 3", normalize(x, axis=1, order=3).round(6).tolist())
x3 = np.arange(24, dtype=np.float64).reshape(2, 3, 4) - 7
show("normalize 3d axis -2", normalize(x3, axis=-2).round(6).tolist())
