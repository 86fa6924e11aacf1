//! A before/after pair, the shape of every comparison.

/// Two values of the same kind: the state before a change and the state after it.
///
/// The differ's input is a `Pair<&Schema>`; the pair also carries matched objects
/// (`Pair<&Table>`, `Pair<&Column>`) through the differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Pair<T> {
    /// The state before.
    pub previous: T,
    /// The state after.
    pub next: T,
}

impl<T> Pair<T> {
    /// A pair from its two halves.
    pub fn new(previous: T, next: T) -> Self {
        Pair { previous, next }
    }

    /// Borrows both halves.
    pub fn as_ref(&self) -> Pair<&T> {
        Pair {
            previous: &self.previous,
            next: &self.next,
        }
    }

    /// Applies `f` to both halves.
    pub fn map<U>(self, mut f: impl FnMut(T) -> U) -> Pair<U> {
        Pair {
            previous: f(self.previous),
            next: f(self.next),
        }
    }

    /// Pairs the halves of two pairs.
    pub fn zip<U>(self, other: Pair<U>) -> Pair<(T, U)> {
        Pair {
            previous: (self.previous, other.previous),
            next: (self.next, other.next),
        }
    }
}

impl<T: PartialEq> Pair<T> {
    /// Whether the two halves differ.
    pub fn changed(&self) -> bool {
        self.previous != self.next
    }
}

impl<T> Pair<Option<T>> {
    /// Both halves when both are present.
    pub fn transpose(self) -> Option<Pair<T>> {
        match (self.previous, self.next) {
            (Some(previous), Some(next)) => Some(Pair { previous, next }),
            _ => None,
        }
    }
}
