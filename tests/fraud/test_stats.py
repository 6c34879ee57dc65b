"""The statistics of the peer rules (fraud.services.stats; docs/fraud.md, "Peer outliers")."""

import math

import numpy as np
import pytest
from scipy import stats as scipy_stats

from fraud.services import stats


def _spread_peers(count=400, trials=2000, alpha=20.0, beta=480.0, seed=7):
    generator = np.random.default_rng(seed)
    rates = generator.beta(alpha, beta, size=count)
    return [(int(generator.binomial(trials, rate)), trials) for rate in rates]


def test_the_peers_beta_is_fitted_by_moments_net_of_binomial_noise():
    peers = stats.rate_peers(_spread_peers(), min_peers=5, min_trials=100)

    assert peers.alpha is not None
    assert peers.mean == pytest.approx(20 / 500, abs=0.002)
    # alpha + beta = 500 in the population; noise-corrected moments land near it.
    assert peers.alpha + peers.beta == pytest.approx(500, rel=0.3)
    assert peers.evidence()["method"] == "beta_binomial"


def test_without_the_noise_correction_the_fit_would_be_far_wider():
    # Each peer over 50 trials only: the raw spread of their rates is mostly noise.
    peers = stats.rate_peers(
        _spread_peers(count=2000, trials=50, seed=3), min_peers=5, min_trials=50
    )
    raw = [k / n for k, n in _spread_peers(count=2000, trials=50, seed=3)]
    mean = sum(raw) / len(raw)
    raw_size = mean * (1 - mean) / np.var(raw, ddof=1) - 1

    assert peers.alpha is not None
    assert peers.alpha + peers.beta > 4 * raw_size


def test_peers_that_spread_no_more_than_noise_fall_back_to_the_pooled_binomial():
    peers = stats.rate_peers([(40, 1000)] * 10, min_peers=5, min_trials=200)

    assert (peers.alpha, peers.beta, peers.pooled_rate) == (None, None, 0.04)
    assert peers.evidence() == {"peers": 10, "method": "binomial", "pooled_rate": 0.04}
    assert stats.rate_upper_p(60, 1000, peers) == pytest.approx(
        scipy_stats.binomtest(60, 1000, 0.04, alternative="greater").pvalue
    )


def test_too_few_peers_of_the_minimum_sample_fall_back_to_the_pooled_rate_of_all():
    samples = [(5, 100), (50, 1000), (90, 1000), (3, 10)]

    peers = stats.rate_peers(samples, min_peers=3, min_trials=200)

    # Two peers reach 200 trials: too few to fit; every peer's trials pool.
    assert peers.alpha is None
    assert peers.pooled_rate == pytest.approx(148 / 2110)
    assert stats.rate_peers([], min_peers=3, min_trials=200) is None


def test_the_upper_tail_is_the_beta_binomials_and_more_successes_than_trials_is_zero():
    peers = stats.RatePeers(count=10, pooled_rate=0.04, alpha=12.0, beta=288.0)

    assert stats.rate_upper_p(90, 1000, peers) == pytest.approx(
        scipy_stats.betabinom.sf(89, 1000, 12.0, 288.0)
    )
    assert stats.rate_upper_p(0, 1000, peers) == 1.0
    assert stats.rate_upper_p(1001, 1000, peers) == 0.0


def test_spread_peers_judge_a_high_rate_more_leniently_than_the_pooled_binomial():
    samples = _spread_peers(count=50, trials=1000, alpha=8.0, beta=192.0, seed=11)
    fitted = stats.rate_peers(samples, min_peers=5, min_trials=200)
    pooled = stats.RatePeers(count=50, pooled_rate=fitted.pooled_rate)

    # An honest deal group at three times the mean over 3000 clicks.
    lenient = stats.rate_upper_p(360, 3000, fitted)
    strict = stats.rate_upper_p(360, 3000, pooled)

    assert strict < 1e-50
    assert lenient > 1e6 * strict


def test_a_units_peers_by_subtraction_equal_the_fit_without_it():
    samples = _spread_peers(count=30, trials=800, seed=5)
    group = stats.RateSums()
    for k, n in samples:
        group += stats.RateSums.of(k, n, min_trials=200)

    left_out = group - stats.RateSums.of(*samples[0], min_trials=200)
    direct = stats.rate_peers(samples[1:], min_peers=5, min_trials=200)

    fitted = stats.rate_fit(left_out, min_peers=5)
    assert fitted.count == direct.count == 29
    assert (fitted.pooled_rate, fitted.alpha, fitted.beta) == pytest.approx(
        (direct.pooled_rate, direct.alpha, direct.beta)
    )


def _logs(amounts):
    logs = [math.log(a) for a in amounts]
    return stats.LogSums.of(len(logs), sum(logs), sum(x * x for x in logs), min_count=2)


def test_order_value_is_a_z_test_on_log_amounts_against_the_peers_units():
    generator = np.random.default_rng(1)
    group = stats.LogSums()
    for center in generator.normal(math.log(100), 0.1, size=20):
        group += _logs(np.exp(generator.normal(center, 0.5, size=60)))
    peers = stats.mean_fit(group, min_peers=5)

    typical = _logs(np.exp(generator.normal(math.log(100), 0.5, size=60)))
    expensive = _logs(np.exp(generator.normal(math.log(1000), 0.5, size=60)))

    assert peers.mean == pytest.approx(math.log(100), abs=0.1)
    assert peers.within == pytest.approx(0.25, rel=0.2)
    assert stats.mean_two_sided_p(typical, peers)[1] > 0.01
    z, p = stats.mean_two_sided_p(expensive, peers)
    assert z > 10
    assert p < 1e-20


def test_too_few_peers_for_order_value_is_no_test():
    group = _logs([100, 120, 90]) + _logs([80, 110]) + _logs([100])

    assert stats.mean_fit(group, min_peers=3) is None
    assert stats.mean_fit(group, min_peers=2) is not None
