//! Shared helpers of the comparison benchmarks (the bench targets live beside this file).
pub mod gen_cases;
pub mod pingpong_cases;
