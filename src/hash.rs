//! Hash sets and maps for what files hold (ids, dates, rule codes). std's SipHash showed in a
//! validation of 65,000 files. foldhash is seeded per process (hashbrown's default), so a
//! file cannot be written to collide without knowing the seed; the sets are of one file's
//! keys, bounded by its 1 MB.

pub type Set<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;
pub type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
