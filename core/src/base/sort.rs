//! One stable sort for the short lists of the cold paths (units of an
//! organisation, findings, targets' milestones, reports, refused rows).
//!
//! `slice::sort_by` is instantiated anew for every element type and
//! comparison: each call site links its own copy of the standard library's
//! sort, about 5 KB of WebAssembly. These functions sort a list of indices
//! with one shared, non-generic instantiation and then move the elements
//! into that order, so a call site adds only the small moving step. The
//! hot paths (reading and counting rows) keep the standard sorts.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Sorts `v` by `cmp`, stably (equal elements keep their order), as
/// `slice::sort_by` does.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let order = sorted_order(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    permute(v, order);
}

/// Sorts `v` by the key `key` gives, stably, as `slice::sort_by_key` does.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in ascending order, stably, as `slice::sort` does.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// A B-tree set of `items`, inserted one by one: `collect` into a B-tree
/// sorts the items first, with a sort of its own per element type in the
/// browser build.
pub fn set_of<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    set.extend(items);
    set
}

/// A B-tree map of `pairs`, inserted one by one (a later key replaces an
/// earlier one, as `collect` does), for the reason of [`set_of`].
pub fn map_of<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    map.extend(pairs);
    map
}

/// The indices `0..n` in the order `cmp` gives (stable): the one
/// instantiation of the standard sort.
#[inline(never)]
fn sorted_order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Puts the element at `order[i]` at `i`, following each cycle of the
/// permutation with swaps (no copy of the elements).
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut at = start;
        // A visited position points to itself.
        while order[at] != start && order[at] != at {
            let from = order[at];
            v.swap(at, from);
            order[at] = at;
            at = from;
        }
        order[at] = at;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn stable_on_ties() {
        let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (0, 'e')];
        sort_by_key(&mut v, |p| p.0);
        assert_eq!(v, [(0, 'e'), (1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')]);
    }

    #[test]
    fn sets_and_maps_as_collect_makes_them() {
        let items = [3, 1, 3, 2];
        assert_eq!(set_of(items), items.into_iter().collect::<BTreeSet<_>>());
        let pairs = [("b", 1), ("a", 2), ("b", 3)];
        assert_eq!(map_of(pairs), pairs.into_iter().collect::<BTreeMap<_, _>>());
        assert_eq!(map_of(pairs)["b"], 3);
    }

    #[test]
    fn empty_and_one() {
        let mut v: Vec<String> = Vec::new();
        sort(&mut v);
        assert!(v.is_empty());
        let mut v = vec!["x".to_string()];
        sort(&mut v);
        assert_eq!(v, ["x"]);
    }

    proptest! {
        #[test]
        fn as_the_standard_stable_sort(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut ours = v.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = v.clone();
            std.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, std);
        }
    }
}
