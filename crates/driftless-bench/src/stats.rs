//! Medians and spreads of repeated measurements.

use std::time::Duration;

/// A summary of repeated measurements of one thing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    /// How many runs.
    pub runs: usize,
    /// The median, in seconds.
    pub median: f64,
    /// The fastest run, in seconds.
    pub min: f64,
    /// The slowest run, in seconds.
    pub max: f64,
}

impl Summary {
    /// The summary of some durations; `None` without any.
    pub fn of(samples: &[Duration]) -> Option<Summary> {
        if samples.is_empty() {
            return None;
        }
        let mut seconds: Vec<f64> = samples.iter().map(Duration::as_secs_f64).collect();
        seconds.sort_by(f64::total_cmp);
        let n = seconds.len();
        let median = if n % 2 == 1 {
            seconds[n / 2]
        } else {
            (seconds[n / 2 - 1] + seconds[n / 2]) / 2.0
        };
        Some(Summary {
            runs: n,
            median,
            min: seconds[0],
            max: seconds[n - 1],
        })
    }

    /// The spread as a share of the median: (max − min) / median.
    pub fn spread(&self) -> f64 {
        if self.median > 0.0 {
            (self.max - self.min) / self.median
        } else {
            0.0
        }
    }

    /// `12.3 ms (11.9–13.0)`, in a unit that suits the median.
    pub fn display(&self) -> String {
        format!(
            "{} ({}–{})",
            seconds(self.median),
            seconds(self.min),
            seconds(self.max)
        )
    }
}

/// A duration in seconds, written in ms below one second.
pub fn seconds(s: f64) -> String {
    if s < 0.01 {
        format!("{:.2} ms", s * 1000.0)
    } else if s < 1.0 {
        format!("{:.1} ms", s * 1000.0)
    } else {
        format!("{s:.2} s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        let ms = |v: &[u64]| {
            v.iter()
                .map(|&m| Duration::from_millis(m))
                .collect::<Vec<_>>()
        };
        let odd = Summary::of(&ms(&[30, 10, 20])).unwrap();
        assert!((odd.median - 0.020).abs() < 1e-9);
        assert!((odd.min - 0.010).abs() < 1e-9 && (odd.max - 0.030).abs() < 1e-9);
        let even = Summary::of(&ms(&[10, 20, 30, 40])).unwrap();
        assert!((even.median - 0.025).abs() < 1e-9);
        assert!(Summary::of(&[]).is_none());
    }

    #[test]
    fn display_picks_a_unit() {
        assert_eq!(seconds(0.0042), "4.20 ms");
        assert_eq!(seconds(0.25), "250.0 ms");
        assert_eq!(seconds(2.5), "2.50 s");
    }
}
