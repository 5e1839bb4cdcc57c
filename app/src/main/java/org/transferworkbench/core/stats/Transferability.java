package org.transferworkbench.core.stats;

import java.util.Arrays;

/**
 * Transferability estimators: how well a source net's features (or outputs) suit a target task, computed in seconds
 * from one forward pass over the target's training images, before any transfer run is trained.
 *
 * <ul>
 * <li>{@link #logMe}: LogME (You, Liu, Wang and Long, ICML 2021), the log marginal evidence per example of a
 * Bayesian linear model from the features to each one-hot label column, with its prior and noise precisions
 * chosen by evidence maximisation (their Algorithm 1), averaged over classes. Higher is better.</li>
 * <li>{@link #hScore}: H-score (Bao, Li, Huang, Zhang and Wang, ICIP 2019), tr(cov(f)^+ cov(E[f|y])): how much of the
 * features' variance separates the classes. Higher is better.</li>
 * <li>{@link #leep}: LEEP (Nguyen, Hassner, Seeger and Archambeau, ICML 2020), the mean log-likelihood of the target
 * labels under the "expected empirical predictor" built from the source net's softmax over its own classes. For the
 * whole source net, not per layer. Higher (closer to 0) is better.</li>
 * </ul>
 * Features are one row per example; the caller pools convolutional maps to one value per channel first.
 */
public final class Transferability {

    private Transferability() {
    }

    /** LogME of features {@code f} (n x d) for labels {@code y} in 0..classes-1. */
    public static double logMe(double[][] f, int[] y, int classes) {
        int n = f.length;
        int d = f[0].length;
        double[][] ftf = new double[d][d];
        for (double[] row : f) {
            for (int i = 0; i < d; i++) {
                double ri = row[i];
                for (int j = i; j < d; j++) {
                    ftf[i][j] += ri * row[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                ftf[i][j] = ftf[j][i];
            }
        }
        SymmetricEigen eig = SymmetricEigen.of(ftf);
        double[] s = eig.values().clone();
        for (int i = 0; i < d; i++) {
            s[i] = Math.max(s[i], 0); // F^T F is positive semi-definite; rounding can dip below zero
        }
        double total = 0;
        for (int c = 0; c < classes; c++) {
            double[] target = new double[n];
            for (int i = 0; i < n; i++) {
                target[i] = y[i] == c ? 1 : 0;
            }
            total += evidence(f, target, eig.vectors(), s);
        }
        return total / classes;
    }

    /** Evidence maximisation for one label column, as LogME's Algorithm 1; returns the evidence per example. */
    private static double evidence(double[][] f, double[] target, double[][] v, double[] s) {
        int n = f.length;
        int d = s.length;
        double[] fty = new double[d];
        for (int i = 0; i < n; i++) {
            if (target[i] != 0) {
                for (int j = 0; j < d; j++) {
                    fty[j] += f[i][j] * target[i];
                }
            }
        }
        // tmp = V^T F^T y
        double[] tmp = new double[d];
        for (int k = 0; k < d; k++) {
            double sum = 0;
            for (int j = 0; j < d; j++) {
                sum += v[j][k] * fty[j];
            }
            tmp[k] = sum;
        }
        final double epsilon = 1e-5;
        double alpha = 1;
        double beta = 1;
        double lambda = alpha / beta;
        double alphaDe = 0;
        double betaDe = 0;
        double[] m = new double[d];
        for (int iteration = 0; iteration < 11; iteration++) {
            double gamma = 0;
            for (int k = 0; k < d; k++) {
                gamma += s[k] / (s[k] + lambda);
            }
            Arrays.fill(m, 0);
            for (int k = 0; k < d; k++) {
                double w = tmp[k] * beta / (alpha + beta * s[k]);
                for (int j = 0; j < d; j++) {
                    m[j] += v[j][k] * w;
                }
            }
            alphaDe = 0;
            for (double mj : m) {
                alphaDe += mj * mj;
            }
            alpha = gamma / (alphaDe + epsilon);
            betaDe = 0;
            for (int i = 0; i < n; i++) {
                double pred = 0;
                for (int j = 0; j < d; j++) {
                    pred += f[i][j] * m[j];
                }
                double r = target[i] - pred;
                betaDe += r * r;
            }
            beta = (n - gamma) / (betaDe + epsilon);
            double newLambda = alpha / beta;
            if (Math.abs(newLambda - lambda) / lambda < 0.01) {
                break;
            }
            lambda = newLambda;
        }
        double logDet = 0;
        for (double sk : s) {
            logDet += Math.log(alpha + beta * sk);
        }
        double evidence = d / 2.0 * Math.log(alpha) + n / 2.0 * Math.log(beta) - 0.5 * logDet
                - beta / 2.0 * (betaDe + epsilon) - alpha / 2.0 * (alphaDe + epsilon) - n / 2.0 * Math.log(2 * Math.PI);
        return evidence / n;
    }

    /** H-score of features {@code f} (n x d) for labels {@code y}; the pseudo-inverse drops eigenvalues below 1e-10. */
    public static double hScore(double[][] f, int[] y, int classes) {
        int n = f.length;
        int d = f[0].length;
        double[] mean = new double[d];
        for (double[] row : f) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        double[][] classMean = new double[classes][d];
        int[] count = new int[classes];
        for (int i = 0; i < n; i++) {
            count[y[i]]++;
            for (int j = 0; j < d; j++) {
                classMean[y[i]][j] += f[i][j];
            }
        }
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < d; j++) {
                classMean[c][j] = count[c] == 0 ? 0 : classMean[c][j] / count[c];
            }
        }
        double[][] covF = new double[d][d];
        double[][] covG = new double[d][d];
        for (int i = 0; i < n; i++) {
            double[] g = classMean[y[i]];
            for (int a = 0; a < d; a++) {
                double fa = f[i][a] - mean[a];
                double ga = g[a] - mean[a];
                for (int b = a; b < d; b++) {
                    covF[a][b] += fa * (f[i][b] - mean[b]);
                    covG[a][b] += ga * (g[b] - mean[b]);
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                covF[a][b] /= n - 1;
                covG[a][b] /= n - 1;
                covF[b][a] = covF[a][b];
                covG[b][a] = covG[a][b];
            }
        }
        // tr(pinv(covF) covG) = sum_k (v_k^T covG v_k) / lambda_k over the eigenpairs of covF with lambda_k > 0.
        SymmetricEigen eig = SymmetricEigen.of(covF);
        double largest = Arrays.stream(eig.values()).max().orElse(0);
        double score = 0;
        for (int k = 0; k < d; k++) {
            double lambda = eig.values()[k];
            if (lambda <= 1e-10 * Math.max(largest, 1e-300)) {
                continue;
            }
            double quad = 0;
            for (int a = 0; a < d; a++) {
                double va = eig.vectors()[a][k];
                double row = 0;
                for (int b = 0; b < d; b++) {
                    row += covG[a][b] * eig.vectors()[b][k];
                }
                quad += va * row;
            }
            score += quad / lambda;
        }
        return score;
    }

    /** LEEP of source softmax outputs {@code theta} (n x source classes, rows sum to 1) for target labels. */
    public static double leep(double[][] theta, int[] y, int classes) {
        int n = theta.length;
        int z = theta[0].length;
        double[][] joint = new double[classes][z];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < z; k++) {
                joint[y[i]][k] += theta[i][k] / n;
            }
        }
        double[] marginal = new double[z];
        for (int c = 0; c < classes; c++) {
            for (int k = 0; k < z; k++) {
                marginal[k] += joint[c][k];
            }
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double p = 0;
            for (int k = 0; k < z; k++) {
                if (marginal[k] > 0) {
                    p += joint[y[i]][k] / marginal[k] * theta[i][k];
                }
            }
            sum += Math.log(p);
        }
        return sum / n;
    }

    /** Kendall's tau-b between two scores of the same items (ties counted as in tau-b); NaN with fewer than 2. */
    public static double kendallTau(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("different lengths");
        }
        long concordant = 0;
        long discordant = 0;
        long tiesA = 0;
        long tiesB = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = i + 1; j < a.length; j++) {
                double da = Math.signum(a[i] - a[j]);
                double db = Math.signum(b[i] - b[j]);
                if (da == 0 && db == 0) {
                    continue;
                }
                if (da == 0) {
                    tiesA++;
                } else if (db == 0) {
                    tiesB++;
                } else if (da == db) {
                    concordant++;
                } else {
                    discordant++;
                }
            }
        }
        double denominator = Math.sqrt((double) (concordant + discordant + tiesA)
                * (concordant + discordant + tiesB));
        return denominator == 0 ? Double.NaN : (concordant - discordant) / denominator;
    }
}
