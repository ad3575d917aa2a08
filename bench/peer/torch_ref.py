"""PyTorch reference for `npm run bench -- --peer`: the Fig. 5 model of docs/model.md in plain PyTorch.

What it trains (docs/model.md §2, §4.1, §7), with the app's defaults:
  target  y(t) = Σ_s softmax_s(β·ρ(x(t), x(s))) x(s),  ρ(u, v) = Σ_{k≤r} k^(−α) φ_k(u) φ_k(v),
          φ_k(x) = √2 sin(2πkx), x(s) ~ U[0, 1], τ = 16, r = K = 32 modes (full rank)
  model   one layer, one head, no residual, no norm, no mask, no position encoding:
          h = f̂(x), S = (h W_Q)(h W_K)ᵀ, ŷ = F̂(softmax(S) h W_V); f̂ and F̂ per-token MLPs of 3 linear
          layers, width 128, ReLU; n = 32, m_v = 32; W_Q, W_K, W_V without bias
  train   Adam (ε 1e−7, as the app), batch 64 fresh sequences a step, constant lr 1e−3 (--cosine
          for the app's default schedule)
It times the training steps (target generation, forward, backward, Adam) after a short warm-up and
prints one JSON line per head size:
  {"mh": 4, "ms_per_step": …, "ms_median": …, "steps": …, "threads": …, "eval_mse": …,
   "rel_err": …, "var_y": …, "torch": "…"}
bench/peer.ts reads ms_per_step (mean wall time of the timed steps) and eval_mse.

Install (CPU build; on the project's build machine the offline wheel is found through pip's
configured find-links):
    pip install --no-deps 'torch==2.13.0+cpu'
elsewhere:
    pip install torch --index-url https://download.pytorch.org/whl/cpu
Run, as the bench does:
    python3 bench/peer/torch_ref.py --mh 4 --steps 200 --threads 1
A rate sweep (the error per head size, not only the speed):
    python3 bench/peer/torch_ref.py --mh 1 2 4 8 16 --steps 3000 --lr 3e-3 --cosine
"""
import argparse
import json
import math
import statistics
import time

import torch


def coupling_sigmas(alpha, rank):
    """σ_k = k^(−α), k = 1..r (docs/model.md §4.1, power family)."""
    return torch.arange(1, rank + 1, dtype=torch.float32).pow(-alpha)


def coupling_target(x, sigmas, beta):
    """y [B, τ] for inputs x [B, τ]: attention with the exact coupling β·ρ as its logits."""
    k = torch.arange(1, sigmas.numel() + 1, dtype=x.dtype)
    phi = math.sqrt(2.0) * torch.sin(2 * math.pi * x.unsqueeze(-1) * k)  # [B, τ, K]
    logits = beta * (phi * sigmas) @ phi.transpose(1, 2)  # [B, τ, τ]
    return (torch.softmax(logits, dim=-1) @ x.unsqueeze(-1)).squeeze(-1)  # [B, τ]


def per_token_mlp(d_in, width, d_out, depth):
    """`depth` linear layers d_in → width → … → d_out, ReLU between them, none after the last."""
    dims = [d_in] + [width] * (depth - 1) + [d_out]
    layers = []
    for i in range(depth):
        layers.append(torch.nn.Linear(dims[i], dims[i + 1]))
        if i < depth - 1:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


class OneLayerTransformer(torch.nn.Module):
    """Paper eq. 5 as docs/model.md §2 describes it (PyTorch's default init is the app's U(±1/√fan_in))."""

    def __init__(self, m_h, n=32, m_v=32, m_ff=128, depth=3, scale_logits=False):
        super().__init__()
        self.f = per_token_mlp(1, m_ff, n, depth)
        self.w_q = torch.nn.Linear(n, m_h, bias=False)
        self.w_k = torch.nn.Linear(n, m_h, bias=False)
        self.w_v = torch.nn.Linear(n, m_v, bias=False)
        self.g = per_token_mlp(m_v, m_ff, 1, depth)
        self.c = 1 / math.sqrt(m_h) if scale_logits else 1.0

    def forward(self, x):  # x [B, τ]
        h = self.f(x.unsqueeze(-1))  # [B, τ, n]
        s = self.c * (self.w_q(h) @ self.w_k(h).transpose(1, 2))  # logits [B, τ, τ]
        o = torch.softmax(s, dim=-1) @ self.w_v(h)  # [B, τ, m_v]
        return self.g(o).squeeze(-1)  # [B, τ]


def train_one(args, m_h, sigmas, data, x_eval, y_eval):
    torch.manual_seed(args.seed * 1000 + m_h)  # weights
    model = OneLayerTransformer(m_h, scale_logits=args.scale)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.999), eps=1e-7)
    total = args.warmup + args.steps
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, total) if args.cosine else None

    def step():
        x = torch.rand(args.batch, args.tau, generator=data)
        loss = torch.mean((model(x) - coupling_target(x, sigmas, args.beta)) ** 2)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if sched is not None:
            sched.step()

    for _ in range(args.warmup):
        step()
    times = []
    for _ in range(args.steps):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1000)
    with torch.no_grad():
        mse = torch.mean((model(x_eval) - y_eval) ** 2).item()
    var_y = torch.var(y_eval, unbiased=False).item()
    return {
        'mh': m_h,
        'ms_per_step': sum(times) / len(times),
        'ms_median': statistics.median(times),
        'steps': args.steps,
        'threads': torch.get_num_threads(),
        'eval_mse': mse,
        'rel_err': mse / var_y if var_y > 0 else float('nan'),
        'var_y': var_y,
        'torch': torch.__version__,
    }


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n', 1)[0])
    p.add_argument('--mh', type=int, nargs='+', default=[4], help='head sizes, one model each (default 4)')
    p.add_argument('--steps', type=int, default=200, help='timed training steps per model (default 200)')
    p.add_argument('--warmup', type=int, default=5, help='untimed steps first (default 5)')
    p.add_argument('--threads', type=int, default=1, help='torch.set_num_threads (default 1)')
    p.add_argument('--batch', type=int, default=64)
    p.add_argument('--tau', type=int, default=16)
    p.add_argument('--alpha', type=float, default=1.0, help='σ_k = k^(−α) (default 1)')
    p.add_argument('--beta', type=float, default=1.0, help='coupling strength β (default 1)')
    p.add_argument('--rank', type=int, default=32, help='modes of ρ: K = 32 is the app\'s full rank')
    p.add_argument('--lr', type=float, default=1e-3)
    p.add_argument('--cosine', action='store_true', help='cosine decay to 0 over warm-up + steps')
    p.add_argument('--scale', action='store_true', help='multiply the logits by 1/√m_h')
    p.add_argument('--evaln', type=int, default=1024, help='evaluation sequences (default 1024)')
    p.add_argument('--seed', type=int, default=0)
    args = p.parse_args()
    if args.steps < 1 or args.threads < 1 or min(args.mh) < 1:
        p.error('--steps, --threads and every --mh must be at least 1')

    torch.set_num_threads(args.threads)
    sigmas = coupling_sigmas(args.alpha, args.rank)
    data = torch.Generator().manual_seed(args.seed + 1)  # batches and the evaluation set
    x_eval = torch.rand(args.evaln, args.tau, generator=data)
    y_eval = coupling_target(x_eval, sigmas, args.beta)
    for m_h in args.mh:
        print(json.dumps(train_one(args, m_h, sigmas, data, x_eval, y_eval)), flush=True)


if __name__ == '__main__':
    main()
