"""Native reference for `npm run bench`: the same models trained with PyTorch on this CPU.

Prints one JSON object. Same shapes as the browser bench: MLP 784-128-64-10 (Adam, batch 128,
4000 rows) and the Playground-size net 2-8-8-2 (tanh, SGD, batch 10, 500 points).
"""
import json
import sys
import time

import torch
from torch import nn

torch.manual_seed(1)


def measure(model, optimizer, x, y, batch, epochs):
    loss_fn = nn.CrossEntropyLoss()
    n = x.shape[0]
    times = []
    for _ in range(epochs):
        start = time.perf_counter()
        perm = torch.randperm(n)
        for i in range(0, n, batch):
            idx = perm[i : i + batch]
            optimizer.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            optimizer.step()
        times.append(time.perf_counter() - start)
    steady = times[1:] or times
    seconds = sum(steady) / len(steady)
    return {"samplesPerSecond": n / seconds, "epochsPerSecond": 1 / seconds}


threads = int(sys.argv[1]) if len(sys.argv) > 1 else torch.get_num_threads()
torch.set_num_threads(threads)

x = torch.rand(4000, 784) * 255 / 255
y = torch.randint(0, 10, (4000,))
mlp = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))
result = {"torch": torch.__version__, "threads": threads}
result["mlp"] = measure(mlp, torch.optim.Adam(mlp.parameters(), 1e-3), x, y, 128, 6)

xs = torch.rand(500, 2) * 12 - 6
ys = (xs.norm(dim=1) < 2.5).long()
small = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 8), nn.Tanh(), nn.Linear(8, 2))
result["smallnet"] = measure(small, torch.optim.SGD(small.parameters(), 0.03), xs, ys, 10, 30)
print(json.dumps(result))
