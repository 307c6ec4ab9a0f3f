//! Data for a fresh installation: the demo marketplace (`bazaar seed --demo`)
//! and a large synthetic catalog for benchmarks (`bazaar seed --scale N`).

pub mod demo;
pub mod orders;
mod placeholder;
pub mod scale;

/// A small deterministic generator, so every seeded installation looks alike.
pub(crate) struct Dice(u64);

impl Dice {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next number in `0..bound`.
    pub(crate) fn below(&mut self, bound: u64) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % bound.max(1)
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}
