"""The products of one 128-wide dense layer of the Fig. 5 model in plain PyTorch, for `npm run bench -- --cases products --peer`.

The same work as bench/products.ts's two calls: x [1024, 128] (batch 64 × τ 16 tokens), W [128, 128], b [128]
  forward   y = relu(x·W + b)                                    (torch.addmm, then relu)
  backward  dz = dy·step(y), dW = xᵀ·dz, db = Σ_rows dz, dX = dz·Wᵀ
Each is timed over repeated calls after a warm-up; one JSON line per call:
  {"name": "forward", "ms_median": …, "ms_min": …, "gflops": …, "threads": …, "torch": "…"}
Run: python3 bench/peer/torch_products.py --threads 1
"""
import argparse
import json
import statistics
import time

import torch


def time_call(f, reps, rounds):
    for _ in range(reps):
        f()
    per_call = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _ in range(reps):
            f()
        per_call.append((time.perf_counter() - t0) * 1000 / reps)
    return statistics.median(per_call), min(per_call)


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n', 1)[0])
    p.add_argument('--threads', type=int, default=1)
    p.add_argument('--rows', type=int, default=1024)
    p.add_argument('--width', type=int, default=128)
    p.add_argument('--reps', type=int, default=50)
    p.add_argument('--rounds', type=int, default=15)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    g = torch.Generator().manual_seed(0)
    x = torch.rand(args.rows, args.width, generator=g) - 0.5
    w = torch.rand(args.width, args.width, generator=g) - 0.5
    b = torch.rand(args.width, generator=g) - 0.5
    dy = torch.rand(args.rows, args.width, generator=g) - 0.5
    y = torch.relu(torch.addmm(b, x, w))
    flops = 2 * args.rows * args.width * args.width

    def backward():
        dz = dy * (y > 0)
        return x.t() @ dz, dz.sum(0), dz @ w.t()

    calls = [
        ('forward', lambda: torch.relu(torch.addmm(b, x, w)), flops),
        ('backward', backward, 2 * flops),
    ]
    for name, f, call_flops in calls:
        med, least = time_call(f, args.reps, args.rounds)
        print(json.dumps({'name': name, 'ms_median': med, 'ms_min': least, 'gflops': call_flops / (least * 1e6),
                          'threads': torch.get_num_threads(), 'torch': torch.__version__}))


if __name__ == '__main__':
    main()
