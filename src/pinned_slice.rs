//! Structural pinning for the elements of a pinned slice: the combinators that poll many
//! futures or iterators at once (`join_all`, `race`, `select_all`, `flatten_unordered`) keep
//! them in one `Pin<Box<[T]>>` and reach each element through these two functions.

use core::pin::Pin;

/// Pins each element of a pinned slice.
pub(crate) fn each_pinned<T>(slice: Pin<&mut [T]>) -> impl Iterator<Item = Pin<&mut T>> {
    // SAFETY: the elements of a pinned slice are pinned too (structural pinning): this module
    // only ever hands them out as `Pin<&mut T>`, and a boxed slice never moves or reallocates
    // its elements, so nothing moves a pinned element.
    unsafe { slice.get_unchecked_mut() }
        .iter_mut()
        // SAFETY: as above, each element stays where it is.
        .map(|element| unsafe { Pin::new_unchecked(element) })
}

/// Pins element `index` of a pinned slice.
///
/// # Panics
///
/// Panics if `index` is out of bounds.
pub(crate) fn pinned_at<T>(slice: Pin<&mut [T]>, index: usize) -> Pin<&mut T> {
    // SAFETY: structural pinning, as argued in `each_pinned`; the element is not moved.
    unsafe { slice.map_unchecked_mut(|slice| &mut slice[index]) }
}
