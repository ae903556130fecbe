"""Native reference for `npm run bench`: the same models trained with PyTorch on this CPU.

Prints one JSON object. Same shapes as the browser bench: MLP 784-128-64-10 (Adam, batch 128,
4000 rows), the Model screen's CNN preset on 28x28x1 images (conv16-pool-conv32-pool-dense64,
dropout 0.25, 'same' padding, Adam 0.002, batch 64, 800 rows) and the Playground-size net
2-8-8-2 (tanh, SGD, batch 10, 500 points).
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

images = torch.rand(800, 1, 28, 28)
digits = torch.randint(0, 10, (800,))
cnn = nn.Sequential(
    nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(32 * 7 * 7, 64), nn.ReLU(), nn.Dropout(0.25), nn.Linear(64, 10),
)
result["cnn"] = measure(cnn, torch.optim.Adam(cnn.parameters(), 2e-3), images, digits, 64, 5)

xs = torch.rand(500, 2) * 12 - 6
ys = (xs.norm(dim=1) < 2.5).long()
small = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 8), nn.Tanh(), nn.Linear(8, 2))
result["smallnet"] = measure(small, torch.optim.SGD(small.parameters(), 0.03), xs, ys, 10, 30)
print(json.dumps(result))
