//! A fast, non-cryptographic hasher for the hash maps on hot paths.

/// A fast hash for short keys: lookups in the fixed schema tables, field values of
/// identity constraints, folder paths of the configuration lookup. A collision costs a
/// comparison, never a wrong answer. rustc's FxHash step (rotate, xor, multiply) over
/// 8-byte words rather than FNV's multiply per byte, and murmur3's final mix so that the
/// low bits that pick a bucket depend on every byte.
#[derive(Default)]
pub struct Fx(u64);

impl Fx {
    pub fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl std::hash::Hasher for Fx {
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }

    fn write(&mut self, bytes: &[u8]) {
        self.add(bytes.len() as u64);
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            self.add(u64::from_le_bytes(w.try_into().expect("8 bytes")));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            self.add(rest.iter().rev().fold(0, |w, &b| w << 8 | u64::from(b)));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u16(&mut self, i: u16) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

/// Builds [`Fx`] hashers for `HashMap`s and `HashSet`s.
pub type FxBuild = std::hash::BuildHasherDefault<Fx>;
