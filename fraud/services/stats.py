"""The statistics of the account rules: is one count (orders out of clicks, refunds out of
orders) or one mean (of log order amounts) far from its peers'? Floats throughout: these are
statistics, never money. docs/fraud.md ("Peer outliers") states the method.

Rates: the peers' per-unit rates are fitted with a beta distribution by the method of moments,
after taking out the part of their spread that is only binomial noise of small samples; the
unit's count is then tested in the upper tail of the beta-binomial (the count a unit drawn from
the peers would show over as many trials). Peers that spread no more than noise, or too few
peers, fall back to a binomial test against the peers' pooled rate."""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from scipy import stats


@dataclass(frozen=True)
class RatePeers:
    """The peers' rates: a fitted beta (alpha, beta) or, when there is none, the pooled rate
    (successes over trials of every peer)."""

    count: int
    pooled_rate: float
    alpha: float | None = None
    beta: float | None = None

    @property
    def mean(self) -> float:
        if self.alpha is not None and self.beta is not None:
            return self.alpha / (self.alpha + self.beta)
        return self.pooled_rate

    def evidence(self) -> dict:
        if self.alpha is None:
            return {"peers": self.count, "method": "binomial", "pooled_rate": self.pooled_rate}
        return {
            "peers": self.count,
            "method": "beta_binomial",
            "alpha": round(self.alpha, 6),
            "beta": round(self.beta or 0.0, 6),
            "mean_rate": round(self.mean, 6),
        }


@dataclass(frozen=True)
class RateSums:
    """What the fit needs of a group of (successes, trials) samples, as sums, so that one
    unit's peers (its group without it) cost a subtraction, not a pass over the group."""

    samples: int = 0
    successes: int = 0
    trials: int = 0
    # Over the samples of at least the minimum trials only: their count, sum of rates, sum of
    # squared rates and sum of 1/trials.
    fitted: int = 0
    rates: float = 0.0
    squares: float = 0.0
    inverse_trials: float = 0.0

    @classmethod
    def of(cls, successes: int, trials: int, *, min_trials: int) -> "RateSums":
        if trials < max(min_trials, 1):
            return cls(samples=1, successes=successes, trials=trials)
        rate = min(successes, trials) / trials
        return cls(1, successes, trials, 1, rate, rate * rate, 1 / trials)

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__dataclass_fields__)

    def __add__(self, other: "RateSums") -> "RateSums":
        return RateSums(*(a + b for a, b in zip(self._values(), other._values(), strict=True)))

    def __sub__(self, other: "RateSums") -> "RateSums":
        return RateSums(*(a - b for a, b in zip(self._values(), other._values(), strict=True)))


def rate_peers(
    samples: Sequence[tuple[int, int]], *, min_peers: int, min_trials: int
) -> RatePeers | None:
    """Fit the peers' (successes, trials) samples (rate_fit over their sums)."""
    sums = RateSums()
    for successes, trials in samples:
        sums += RateSums.of(successes, trials, min_trials=min_trials)
    return rate_fit(sums, min_peers=min_peers)


def rate_fit(sums: RateSums, *, min_peers: int) -> RatePeers | None:
    """Fit the peers summed in `sums`. Only samples of at least the minimum trials enter the
    fit; with fewer than `min_peers` of them (or a spread no wider than binomial noise) the
    answer is the pooled rate of every sample. None when the peers have no trials."""
    if sums.trials <= 0:
        return None
    pooled = min(sums.successes / sums.trials, 1.0)
    if sums.fitted < max(min_peers, 2):
        return RatePeers(count=sums.samples, pooled_rate=pooled)
    mean = sums.rates / sums.fitted
    variance = max(sums.squares - sums.fitted * mean * mean, 0.0) / (sums.fitted - 1)
    # The spread a sample of n trials shows around the mean from noise alone: m(1-m)/n.
    noise = mean * (1 - mean) * sums.inverse_trials / sums.fitted
    between = variance - noise
    if not 0 < mean < 1 or between <= 0 or between >= mean * (1 - mean):
        return RatePeers(count=sums.samples, pooled_rate=pooled)
    size = mean * (1 - mean) / between - 1
    return RatePeers(
        count=sums.samples, pooled_rate=pooled, alpha=mean * size, beta=(1 - mean) * size
    )


def rate_upper_p(successes: int, trials: int, peers: RatePeers) -> float:
    """The chance that a unit like the peers shows at least `successes` out of `trials`."""
    if successes <= 0:
        return 1.0
    if successes > trials:
        return 0.0  # more orders than clicks: no rate of any peer explains it
    if peers.alpha is not None and peers.beta is not None:
        return float(stats.betabinom.sf(successes - 1, trials, peers.alpha, peers.beta))
    if peers.pooled_rate <= 0:
        return 0.0
    return float(stats.binom.sf(successes - 1, trials, peers.pooled_rate))


@dataclass(frozen=True)
class LogSums:
    """Sums over log order amounts: of one unit (`units` 1) or of a group of units, so that a
    unit's peers cost a subtraction. `count`, `total`, `squares` are over the amounts; the
    rest over the units of at least the minimum count: how many, the sum and the sum of
    squares of their means, their within-unit sum of squares, degrees of freedom and 1/n."""

    count: int = 0
    total: float = 0.0
    squares: float = 0.0
    units: int = 0
    means: float = 0.0
    mean_squares: float = 0.0
    within: float = 0.0
    freedom: int = 0
    inverse_counts: float = 0.0

    @property
    def mean(self) -> float:
        return self.total / self.count

    @classmethod
    def of(cls, count: int, total: float, squares: float, *, min_count: int) -> "LogSums":
        if count < max(min_count, 2):
            return cls(count, total, squares)
        mean = total / count
        within = max(squares - total * mean, 0.0)
        return cls(count, total, squares, 1, mean, mean * mean, within, count - 1, 1 / count)

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__dataclass_fields__)

    def __add__(self, other: "LogSums") -> "LogSums":
        return LogSums(*(a + b for a, b in zip(self._values(), other._values(), strict=True)))

    def __sub__(self, other: "LogSums") -> "LogSums":
        return LogSums(*(a - b for a, b in zip(self._values(), other._values(), strict=True)))


@dataclass(frozen=True)
class MeanPeers:
    count: int
    mean: float  # the mean of the peers' unit means
    between: float  # the variance of the units' true means (beyond sampling noise)
    within: float  # the variance of one log amount inside a unit

    def evidence(self) -> dict:
        return {
            "peers": self.count,
            "mean_log_amount": round(self.mean, 6),
            "between_sd": round(math.sqrt(self.between), 6),
            "within_sd": round(math.sqrt(self.within), 6),
        }


def mean_fit(sums: LogSums, *, min_peers: int) -> MeanPeers | None:
    """The peers' log amounts: the spread inside a unit (pooled) and between units (the spread
    of the unit means less what sampling noise explains, at least 0). None with fewer than
    `min_peers` peers of at least the minimum count."""
    if sums.units < max(min_peers, 2) or sums.freedom <= 0:
        return None
    within = max(sums.within / sums.freedom, 0.0)
    center = sums.means / sums.units
    spread = max(sums.mean_squares - sums.units * center * center, 0.0) / (sums.units - 1)
    noise = within * sums.inverse_counts / sums.units
    return MeanPeers(count=sums.units, mean=center, between=max(spread - noise, 0.0), within=within)


def mean_two_sided_p(sample: LogSums, peers: MeanPeers) -> tuple[float, float]:
    """(z, p): how many standard errors the unit's mean log amount lies from the peers' mean,
    the error being the spread of true unit means plus the unit's own sampling noise; p is the
    two-sided normal tail."""
    error = math.sqrt(peers.between + peers.within / sample.count)
    if error <= 0:
        return 0.0, 1.0
    z = (sample.mean - peers.mean) / error
    return z, float(2 * stats.norm.sf(abs(z)))
