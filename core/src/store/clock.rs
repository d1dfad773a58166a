//! The hybrid logical clock (HLC) that orders versions: wall-clock
//! milliseconds, and a counter for events within one millisecond or while
//! the wall clock lags behind a time already seen. It never goes back, and
//! after a merge it is past every version merged, so a later local edit
//! wins over what was merged.

use super::{meta_get, meta_set};
use rusqlite::Connection;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub(crate) struct Hlc {
    pub wall: i64,
    pub counter: u32,
}

impl Hlc {
    pub fn load(conn: &Connection) -> rusqlite::Result<Hlc> {
        let text = meta_get(conn, "hlc")?.unwrap_or_default();
        let mut it = text.split(':');
        let wall = it.next().and_then(|w| w.parse().ok()).unwrap_or(0);
        let counter = it.next().and_then(|c| c.parse().ok()).unwrap_or(0);
        Ok(Hlc { wall, counter })
    }

    /// Written in the transaction of the write that advanced it.
    pub fn save(&self, conn: &Connection) -> rusqlite::Result<()> {
        meta_set(conn, "hlc", &format!("{}:{}", self.wall, self.counter))
    }

    /// The next time for a local event at wall-clock `now`.
    pub fn tick(self, now: i64) -> Hlc {
        if now > self.wall {
            Hlc {
                wall: now,
                counter: 0,
            }
        } else if self.counter == u32::MAX {
            Hlc {
                wall: self.wall + 1,
                counter: 0,
            }
        } else {
            Hlc {
                wall: self.wall,
                counter: self.counter + 1,
            }
        }
    }

    /// The clock after seeing a remote time.
    pub fn observe(self, remote: Hlc) -> Hlc {
        self.max(remote)
    }
}

#[cfg(test)]
mod tests {
    use super::Hlc;

    #[test]
    fn the_clock_never_goes_back() {
        let h = Hlc::default().tick(100);
        assert_eq!(
            h,
            Hlc {
                wall: 100,
                counter: 0
            }
        );
        let h2 = h.tick(90); // the wall clock went back
        assert_eq!(
            h2,
            Hlc {
                wall: 100,
                counter: 1
            }
        );
        let h3 = h2
            .observe(Hlc {
                wall: 500,
                counter: 7,
            })
            .tick(120);
        assert_eq!(
            h3,
            Hlc {
                wall: 500,
                counter: 8
            }
        );
        assert!(h3.tick(501) > h3);
    }
}
