//! One parallel loop for the commands that read many small files (`validate`, `report`):
//! reading and parsing them is the whole cost, and the machine's cores share it.
//! (`validate` renders its diagnostics with it too.)

use std::sync::atomic::{AtomicUsize, Ordering};

/// `f` over `items` on every core, results in item order. Work is handed out in batches of
/// `batch` from a shared counter, so a slow item does not hold up a whole share. An item is
/// `None` only when the worker that took it panicked (the panic hook has said so already).
pub fn on_all_cores<T: Sync, R: Send>(
    items: &[T],
    batch: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<Option<R>> {
    let batch = batch.max(1);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().div_ceil(batch));
    if threads <= 1 {
        return items.iter().map(|i| Some(f(i))).collect();
    }
    let next = AtomicUsize::new(0);
    let mut slots: Vec<Option<R>> = (0..items.len()).map(|_| None).collect();
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let start = next.fetch_add(batch, Ordering::Relaxed);
                        if start >= items.len() {
                            break;
                        }
                        let end = (start + batch).min(items.len());
                        for (i, item) in items[start..end].iter().enumerate() {
                            done.push((start + i, f(item)));
                        }
                    }
                    done
                })
            })
            .collect();
        for w in workers {
            for (i, r) in w.join().unwrap_or_default() {
                slots[i] = Some(r);
            }
        }
    });
    slots
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_item_order_whatever_the_batch() {
        let items: Vec<usize> = (0..1000).collect();
        for batch in [0, 1, 7, 32, 5000] {
            let out = on_all_cores(&items, batch, |i| i * 2);
            let want: Vec<Option<usize>> = items.iter().map(|i| Some(i * 2)).collect();
            assert_eq!(out, want, "batch {batch}");
        }
        assert!(on_all_cores(&[] as &[u8], 4, |_| 0).is_empty());
    }
}
