"""Prints the train/test indices scikit-learn picks, pinned in TrainTestSplitTests.swift.

Run with a Python that has scikit-learn: python3 scripts/split_reference.py
"""
import numpy as np
from sklearn.datasets import load_digits, load_iris
from sklearn.model_selection import train_test_split

print("RandomState(42).permutation(10):", np.random.RandomState(42).permutation(10).tolist())
print("RandomState(7).permutation(1797)[:8]:", np.random.RandomState(7).permutation(1797)[:8].tolist())
iris_y = load_iris(return_X_y=True)[1]
train, test = train_test_split(np.arange(150), test_size=0.2, random_state=42)
print("iris plain:", train[:8].tolist(), test[:8].tolist())
train, test = train_test_split(np.arange(150), test_size=0.2, random_state=42, stratify=iris_y)
print("iris stratified:", train[:8].tolist(), test[:8].tolist())
digits_y = load_digits(return_X_y=True)[1]
train, test = train_test_split(np.arange(len(digits_y)), test_size=0.25, random_state=7, stratify=digits_y)
print("digits stratified:", len(train), len(test), train[:6].tolist(), test[:6].tolist())
