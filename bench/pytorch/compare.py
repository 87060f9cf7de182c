"""The same gradients as the C# suite, in PyTorch autograd (float64, one thread) and hand-written numpy.

Shapes match bench/GradientDescent.Bench (8-16-1 tanh network over 256 samples, a line over 4096 samples, the
seed's 61 steps); the data are drawn here with a fixed seed. Each figure is the median of 7 runs of timeit,
in microseconds per gradient (per training for the seed).
"""
import timeit

import numpy as np
import torch

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)
rng = np.random.default_rng(42)


def median_us(fn, number):
    runs = timeit.repeat(fn, number=number, repeat=7)
    return sorted(runs)[len(runs) // 2] / number * 1e6


# The 8-16-1 tanh network, mean squared error over 256 samples.
X = rng.standard_normal((256, 8))
Y = np.sin(X @ np.array([1, -0.5] * 4)) + 0.1 * rng.standard_normal(256)
W1 = 0.3 * rng.standard_normal((16, 8)); b1 = 0.3 * rng.standard_normal(16)
W2 = 0.3 * rng.standard_normal(16); b2 = 0.3 * rng.standard_normal()

tX, tY = torch.tensor(X), torch.tensor(Y)
tW1, tb1 = torch.tensor(W1, requires_grad=True), torch.tensor(b1, requires_grad=True)
tW2, tb2 = torch.tensor(W2, requires_grad=True), torch.tensor(b2, requires_grad=True)
params = [tW1, tb1, tW2, tb2]


def network_torch():
    for p in params:
        p.grad = None
    h = torch.tanh(tX @ tW1.T + tb1)
    loss = ((h @ tW2 + tb2 - tY) ** 2).mean()
    loss.backward()
    return loss.item()


def network_numpy():
    h = np.tanh(X @ W1.T + b1)
    e = h @ W2 + b2 - Y
    n = len(Y)
    de = 2 * e / n
    dW2 = h.T @ de
    db2 = de.sum()
    dz = np.outer(de, W2) * (1 - h * h)
    dW1 = dz.T @ X
    db1 = dz.sum(axis=0)
    return (e * e).mean(), dW1, db1, dW2, db2


# A line, mean squared error over 4096 samples.
xs = rng.standard_normal(4096); ys = 2.5 * xs + 1 + 0.1 * rng.standard_normal(4096)
txs, tys = torch.tensor(xs), torch.tensor(ys)
tw, tb = torch.tensor(0.3, requires_grad=True), torch.tensor(-0.2, requires_grad=True)


def mse_torch():
    tw.grad = None; tb.grad = None
    loss = ((tw * txs + tb - tys) ** 2).mean()
    loss.backward()
    return loss.item()


# The seed article's training: 61 steps of gradient descent on ½(y − w·x)², x = 1, y = 100, lr 0.2, w from 0.1.
def seed_torch():
    w = torch.tensor(0.1, requires_grad=True)
    for _ in range(61):
        loss = 0.5 * (100 - w * 1) ** 2
        loss.backward()
        with torch.no_grad():
            w -= 0.2 * w.grad
        w.grad = None
    return w.item()


assert abs(seed_torch() - 100) < 1e-3
print(f"torch {torch.__version__}, numpy {np.__version__}, float64, 1 thread")
print("| case | PyTorch autograd µs | numpy hand-written µs |")
print("|---|---:|---:|")
print(f"| 8-16-1 tanh network, 256 samples | {median_us(network_torch, 200):.1f} | {median_us(network_numpy, 200):.1f} |")
print(f"| MSE over 4096 samples | {median_us(mse_torch, 500):.1f} | - |")
print(f"| seed training, 61 steps | {median_us(seed_torch, 20):.1f} | - |")
