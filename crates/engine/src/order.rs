//! One stable sort for the whole program.
//!
//! The standard library's sort is generic over the element type and the comparison, so every
//! call site with its own closure compiles a complete copy of it (about 3–12 KB of wasm each,
//! before optimisation). These functions sort a list of positions instead, through a single
//! comparison behind `dyn`, so the app carries one copy; each element type adds only the small
//! [`sort_by`] that moves its elements into place. Still stable and `O(n log n)`; a list already
//! in order (the learner's log, normally) costs one pass and moves nothing.

use std::cmp::Ordering;

/// The positions `0..len` in the order `cmp` puts them, equal ones keeping their order.
#[inline(never)]
pub fn sorted_positions(len: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..len).collect();
    positions.sort_by(|&a, &b| cmp(a, b));
    positions
}

/// Sorts `items` by `cmp`, stably (what `slice::sort_by` does).
pub fn sort_by<T>(items: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if items.is_sorted_by(|a, b| cmp(a, b) != Ordering::Greater) {
        return;
    }
    let order = sorted_positions(items.len(), &mut |a, b| cmp(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|at| slots[at].take()));
}

/// Sorts `items` by the key `key` gives each, stably (what `slice::sort_by_key` does).
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Adds `value` to a sorted list of distinct values, unless it is there already (a small set
/// kept in order, without sorting).
pub fn insert_unique<T: Ord>(sorted: &mut Vec<T>, value: T) {
    if let Err(at) = sorted.binary_search(&value) {
        sorted.insert(at, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The same order as the standard library's stable sort, ties included.
        #[test]
        fn agrees_with_the_standard_stable_sort(pairs in proptest::collection::vec((0u8..6, any::<u32>()), 0..200)) {
            let mut ours = pairs.clone();
            sort_by_key(&mut ours, |p| p.0);
            let mut std_sorted = pairs;
            std_sorted.sort_by_key(|p| p.0);
            prop_assert_eq!(ours, std_sorted);
        }
    }

    #[test]
    fn insert_unique_keeps_a_sorted_set() {
        let mut set = Vec::new();
        for x in [5, 1, 5, 3, 1, 9] {
            insert_unique(&mut set, x);
        }
        assert_eq!(set, [1, 3, 5, 9]);
    }

    #[test]
    fn sorts_by_a_comparison_that_is_not_a_key() {
        let mut xs = vec![2.5_f64, -1.0, 0.0, 9.0, -3.5];
        sort_by(&mut xs, f64::total_cmp);
        assert_eq!(xs, [-3.5, -1.0, 0.0, 2.5, 9.0]);
    }
}
