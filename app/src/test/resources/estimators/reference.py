"""NumPy reference values for TransferabilityTest, written from the papers' formulas (not from the Java code).

Run: python3 reference.py   (NumPy only). Prints the values the Java test expects.
"""
import numpy as np

n, d, classes, z = 40, 6, 3, 4
y = np.array([i % classes for i in range(n)])
f = np.array([[np.sin(0.37 * i + 1.1 * j) + (1.0 if j == y[i] else 0.0) + 0.1 * np.cos(0.5 * i * j)
               for j in range(d)] for i in range(n)])
logits = np.array([[np.cos(0.3 * i + k) + (1.5 if k == y[i] else 0.0) for k in range(z)] for i in range(n)])
theta = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)


def logme(f, y):
    # You et al., ICML 2021, Algorithm 1: evidence maximisation per one-hot column, averaged.
    n, d = f.shape
    s, v = np.linalg.eigh(f.T @ f)
    s = np.clip(s, 0, None)
    out = []
    for c in range(classes):
        t = (y == c).astype(float)
        tmp = v.T @ (f.T @ t)
        alpha, beta, eps = 1.0, 1.0, 1e-5
        lam = alpha / beta
        for _ in range(11):
            gamma = (s / (s + lam)).sum()
            m = v @ (tmp * beta / (alpha + beta * s))
            alpha_de = (m * m).sum()
            alpha = gamma / (alpha_de + eps)
            beta_de = ((t - f @ m) ** 2).sum()
            beta = (n - gamma) / (beta_de + eps)
            new_lam = alpha / beta
            if abs(new_lam - lam) / lam < 0.01:
                break
            lam = new_lam
        evidence = (d / 2 * np.log(alpha) + n / 2 * np.log(beta) - 0.5 * np.log(alpha + beta * s).sum()
                    - beta / 2 * (beta_de + eps) - alpha / 2 * (alpha_de + eps) - n / 2 * np.log(2 * np.pi))
        out.append(evidence / n)
    return float(np.mean(out))


def hscore(f, y):
    # Bao et al., ICIP 2019: tr(cov(f)^+ cov(E[f|y])).
    g = np.zeros_like(f)
    for c in range(classes):
        g[y == c] = f[y == c].mean(axis=0)
    return float(np.trace(np.linalg.pinv(np.cov(f, rowvar=False), rcond=1e-10) @ np.cov(g, rowvar=False)))


def leep(theta, y):
    # Nguyen et al., ICML 2020: mean log of sum_z P(y|z) theta_z(x).
    joint = np.zeros((classes, theta.shape[1]))
    for i in range(len(y)):
        joint[y[i]] += theta[i] / len(y)
    p_y_given_z = joint / joint.sum(axis=0, keepdims=True)
    return float(np.mean(np.log((p_y_given_z[y] * theta).sum(axis=1))))


print(f"logme={logme(f, y)!r}")
print(f"hscore={hscore(f, y)!r}")
print(f"leep={leep(theta, y)!r}")
