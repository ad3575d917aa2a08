"""A second opinion on the Table 2 ordering gap, in plain PyTorch (docs/reproduction.md, "Why re-ordering
costs this Transformer"). The paper's eq. 5 model with a learned position embedding added to f̂'s output
(Rankscope's table2 recipe) is trained on the fading memory y(t) = Σ_{s≤t} e^(−decay·(t−s)) x'(s),
x'(s) = x(π(s)) (re-ordered) or (θ∗x)(s) (mixed), and the evaluation MSE is printed per output position
and as a JSON line. The diagnostic switches change the model on purpose and are not Rankscope options:
  --sep    keys and values read their own position embedding (queries keep theirs)
  --qkpos  queries and keys see the position embedding only (the logits cannot depend on x)
Training switches (session 4, "Reviving dead keys"): --elr K multiplies E's learning rate (Rankscope's
pelr), --qklr K that of W_Q and W_K, --ortho starts E orthonormal, --wd D is AdamW's decoupled weight
decay on W_Q, W_K and E (--wdall: on every weight), --noise σ adds N(0, σ²) to the logits while
training, --cap c soft-caps the logits to c·tanh(S/c). The table2 preset's recipe is
  python3 docs/probes/memory_order.py --order swap --elr 30 --batch 16 --steps 12000 --warmup 500

Set-up as bench/peer/torch_ref.py (PyTorch for the CPU; install line in its docstring). Examples:
  python3 docs/probes/memory_order.py --order swap --seed 1
  python3 docs/probes/memory_order.py --order none --seed 1 --qkpos
"""
import argparse, json, math, time
import torch


def permutation(kind, tau, k):
    """π as an index list: x'(s) = x(π[s])."""
    if kind == 'swap':  # the first k positions swapped with the last k
        return list(range(tau - k, tau)) + list(range(k, tau - k)) + list(range(k))
    if kind == 'rot1':
        return [(s + 1) % tau for s in range(tau)]
    if kind == 'rev':
        return list(range(tau))[::-1]
    return list(range(tau))


def memory_kernel(tau, decay):  # K[t, s] = e^(−decay (t − s)) for s ≤ t, else 0
    t = torch.arange(tau).float()
    d = t[:, None] - t[None, :]
    return torch.where(d >= 0, torch.exp(-decay * d), torch.zeros_like(d))


def mlp(i, w, o, depth=3):
    layers, d = [], i
    for _ in range(depth - 1):
        layers += [torch.nn.Linear(d, w), torch.nn.ReLU()]
        d = w
    layers.append(torch.nn.Linear(d, o))
    return torch.nn.Sequential(*layers)


class OneLayer(torch.nn.Module):
    def __init__(self, tau, n, mh, mv, mff, pe, pe_scale, logit_scale, sep, qkpos):
        super().__init__()
        self.f = mlp(1, mff, n)
        self.F = mlp(mv, mff, 1)
        self.q = torch.nn.Linear(n, mh, bias=False)
        self.k = torch.nn.Linear(n, mh, bias=False)
        self.v = torch.nn.Linear(n, mv, bias=False)
        b = pe_scale / math.sqrt(n)
        if pe == 'sin':
            t = torch.arange(tau).float()[:, None]
            i = torch.arange(n)[None, :]
            freq = 10000.0 ** (-(2 * (i // 2)).float() / n)
            self.register_buffer('E', torch.where(i % 2 == 0, torch.sin(t * freq), torch.cos(t * freq)))
        else:
            self.E = torch.nn.Parameter(torch.empty(tau, n).uniform_(-b, b))  # [τ, n]
        self.Ek = torch.nn.Parameter(torch.empty(tau, n).uniform_(-b, b)) if sep else None
        self.c, self.qkpos = logit_scale, qkpos
        self.noise, self.cap = 0.0, 0.0

    def forward(self, x):  # x [B, τ]
        f = self.f(x[..., None])  # [B, τ, n]
        ek = self.E if self.Ek is None else self.Ek
        h = f + self.E
        hk = h if self.Ek is None else f + self.Ek
        q_in, k_in = (self.E, ek) if self.qkpos else (h, hk)
        s = self.c * self.q(q_in) @ self.k(k_in).transpose(-1, -2)  # [B, τ, τ] (or [τ, τ]) logits
        if self.cap > 0: s = self.cap * torch.tanh(s / self.cap)
        if self.training and self.noise > 0: s = s + self.noise * torch.randn_like(s)
        return self.F(torch.softmax(s, -1) @ self.v(hk))[..., 0]  # [B, τ]


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--order', default='none', choices=['none', 'swap', 'rot1', 'rev'])
    p.add_argument('--swapk', type=int, default=10); p.add_argument('--mix', action='store_true')
    p.add_argument('--tau', type=int, default=32); p.add_argument('--decay', type=float, default=1.0)
    p.add_argument('--n', type=int, default=32); p.add_argument('--mh', type=int, default=16)
    p.add_argument('--mv', type=int, default=32); p.add_argument('--mff', type=int, default=128)
    p.add_argument('--pe', default='learned', choices=['learned', 'sin']); p.add_argument('--pe-scale', type=float, default=1.0)
    p.add_argument('--scale', type=float, default=1.0, help='logit scale (1/sqrt(m_h) = 0.25 at m_h 16)')
    p.add_argument('--sep', action='store_true'); p.add_argument('--qkpos', action='store_true')
    p.add_argument('--steps', type=int, default=3000); p.add_argument('--batch', type=int, default=64)
    p.add_argument('--lr', type=float, default=3e-3); p.add_argument('--warmup', type=int, default=0)
    p.add_argument('--evaln', type=int, default=512); p.add_argument('--seed', type=int, default=0)
    p.add_argument('--anneal', type=int, default=0, help='raise the logit scale linearly from 0.1× over this many steps')
    p.add_argument('--threads', type=int, default=1)
    p.add_argument('--wd', type=float, default=0.0, help='AdamW decoupled weight decay on W_Q, W_K and E')
    p.add_argument('--wdall', action='store_true', help='… and on every other weight too')
    p.add_argument('--noise', type=float, default=0.0, help='gaussian noise on logits while training')
    p.add_argument('--ortho', action='store_true', help='start E orthonormal (scaled by --pe-scale)')
    p.add_argument('--cap', type=float, default=0.0, help='soft-cap the logits to c·tanh(S/c) (0 = off)')
    p.add_argument('--elr', type=float, default=1.0, help='lr multiplier for E')
    p.add_argument('--qklr', type=float, default=1.0, help='lr multiplier for W_Q, W_K')
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    perm = torch.tensor(permutation(a.order, a.tau, a.swapk))
    K = memory_kernel(a.tau, a.decay)
    theta = None
    if a.mix:  # causal length-5 filter, U[−1, 1], Σ|θ| = 1
        theta = torch.rand(5, generator=torch.Generator().manual_seed(a.seed + 7)) * 2 - 1
        theta = theta / theta.abs().sum()

    def target(x):
        xp = x[:, perm]
        if theta is not None:
            xp = sum(theta[j] * torch.nn.functional.pad(x, (j, 0))[:, :a.tau] for j in range(len(theta)))
        return xp @ K.T

    g = torch.Generator().manual_seed(a.seed + 1)
    xe = torch.rand(a.evaln, a.tau, generator=g)
    ye = target(xe)
    m = OneLayer(a.tau, a.n, a.mh, a.mv, a.mff, a.pe, a.pe_scale, a.scale, a.sep, a.qkpos)
    m.noise, m.cap = a.noise, a.cap
    if a.ortho and a.pe == 'learned':
        with torch.no_grad():
            qm, _ = torch.linalg.qr(torch.randn(max(a.tau, a.n), max(a.tau, a.n)))
            m.E.copy_(qm[:a.tau, :a.n] * a.pe_scale)
    attn = [m.q.weight, m.k.weight] + ([m.E] if a.pe == 'learned' else [])
    ids = {id(t) for t in attn}
    rest = [t for t in m.parameters() if id(t) not in ids]
    groups = [{'params': [m.q.weight, m.k.weight], 'weight_decay': a.wd, 'mult': a.qklr},
              {'params': [m.E] if a.pe == 'learned' else [], 'weight_decay': a.wd, 'mult': a.elr},
              {'params': rest, 'weight_decay': a.wd if a.wdall else 0.0, 'mult': 1.0}]
    opt = torch.optim.AdamW([g_ for g_ in groups if g_['params']], lr=a.lr, eps=1e-7)
    t0, hist = time.perf_counter(), []
    for i in range(a.steps):
        warm = 1.0 if a.warmup == 0 else min(1.0, (i + 1) / a.warmup)
        cosine = 0.5 * (1 + math.cos(math.pi * i / a.steps))  # as Rankscope's schedule
        if a.anneal:
            m.c = a.scale * min(1.0, 0.1 + 0.9 * i / a.anneal)
        for group in opt.param_groups:
            group['lr'] = a.lr * warm * cosine * group['mult']
        x = torch.rand(a.batch, a.tau, generator=g)
        loss = ((m(x) - target(x)) ** 2).mean()
        opt.zero_grad(); loss.backward(); opt.step()
        if (i + 1) % 1000 == 0 or i + 1 == a.steps:
            m.eval()
            with torch.no_grad():
                hist.append(((m(xe) - ye) ** 2).mean().item())
            m.train()
    m.eval()
    with torch.no_grad():
        by_t = ((m(xe) - ye) ** 2).mean(0)
    print('MSE by position:', ' '.join('%.1e' % v for v in by_t.tolist()))
    print(json.dumps({**vars(a), 'mse': hist[-1], 'hist': [float('%.3g' % h) for h in hist], 'seconds': round(time.perf_counter() - t0, 1)}))


if __name__ == '__main__':
    main()
