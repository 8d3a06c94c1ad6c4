"""The model of `cortex transformer` in PyTorch, for a speed reference on the same machine.

Two post-norm encoder blocks (4 heads of 16, feed-forward 256, layer norm epsilon 1e-5) over a
64-wide token embedding plus a learned position embedding, a softmax over 16 tokens per position;
Adam 1e-3, batch 64, one epoch of 20,000 random sequences of 10 tokens, target the input reversed.
Prints the milliseconds per training step and the held-out token accuracy.

    /tmp/skl/bin/python scripts/transformer_reversal_torch.py [threads]
"""
import sys
import time

import torch
from torch import nn

torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
torch.manual_seed(42)
LENGTH, VOCABULARY, FEATURES, BATCH = 10, 16, 64, 64


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.attention = nn.MultiheadAttention(FEATURES, 4, batch_first=True)
        self.norm1 = nn.LayerNorm(FEATURES, eps=1e-5)
        self.intermediate = nn.Linear(FEATURES, 4 * FEATURES)
        self.output = nn.Linear(4 * FEATURES, FEATURES)
        self.norm2 = nn.LayerNorm(FEATURES, eps=1e-5)

    def forward(self, x):
        x = self.norm1(x + self.attention(x, x, x, need_weights=False)[0])
        return self.norm2(x + self.output(torch.relu(self.intermediate(x))))


class Reverser(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(VOCABULARY, FEATURES)
        self.positions = nn.Parameter(torch.empty(LENGTH, FEATURES).uniform_(-0.3, 0.3))
        self.blocks = nn.Sequential(Block(), Block())
        self.classifier = nn.Linear(FEATURES, VOCABULARY)

    def forward(self, tokens):
        return self.classifier(self.blocks(self.embedding(tokens) + self.positions))


def sequences(count):
    x = torch.randint(0, VOCABULARY, (count, LENGTH))
    return x, x.flip(1)


train_x, train_y = sequences(20_000)
test_x, test_y = sequences(2_000)
model = Reverser()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_function = nn.CrossEntropyLoss()
order = torch.randperm(len(train_x))
start = time.perf_counter()
steps = 0
for first in range(0, len(train_x), BATCH):
    batch = order[first:first + BATCH]
    optimizer.zero_grad()
    loss = loss_function(model(train_x[batch]).reshape(-1, VOCABULARY), train_y[batch].reshape(-1))
    loss.backward()
    optimizer.step()
    steps += 1
seconds = time.perf_counter() - start
with torch.no_grad():
    accuracy = (model(test_x).argmax(-1) == test_y).float().mean().item()
print(f"torch {torch.__version__}, {torch.get_num_threads()} thread(s): {steps} steps in {seconds:.1f} s "
      f"({1000 * seconds / steps:.1f} ms/step), held-out token accuracy {100 * accuracy:.2f}%")
