//! Instruction counts of the executor and its peers: `benches/icount.sh executor CASE...`.
//!
//! Each case runs its operation N times (`executor CASE N`); see `executor_cases.rs` for the
//! workloads. The timer and task cases with a `_1000000` suffix run whole rounds of a million,
//! so give them `ICOUNT_N1=1000000 ICOUNT_N2=2000000`.

#[path = "../executor_cases.rs"]
mod cases;

fn main() {
    let mut args = std::env::args().skip(1);
    let case = args.next().expect("usage: executor CASE N");
    let n: u64 = args
        .next()
        .and_then(|n| n.parse().ok())
        .expect("usage: executor CASE N");
    match case.as_str() {
        "block_on_ready" => cases::anext_block_on_ready(n),
        "pollster_block_on_ready" => cases::pollster_block_on_ready(n),
        "futures_block_on_ready" => cases::futures_block_on_ready(n),
        "self_wake" => cases::anext_self_wake(n),
        "pollster_self_wake" => cases::pollster_self_wake(n),
        "futures_self_wake" => cases::futures_self_wake(n),
        "spawn_join" => cases::anext_spawn_join(n),
        "localpool_spawn_join" => cases::localpool_spawn_join(n),
        "async_executor_spawn_join" => cases::async_executor_spawn_join(n),
        "tokio_localset_spawn_join" => cases::tokio_localset_spawn_join(n),
        other => {
            let (name, k) = other
                .rsplit_once('_')
                .and_then(|(name, k)| Some((name, k.parse::<u64>().ok()?)))
                .unwrap_or_else(|| panic!("unknown case {other:?}"));
            match name {
                "timers" => cases::anext_timers(n, k),
                "tokio_timers" => cases::tokio_timers(n, k),
                "timers_ms" => cases::anext_timers_ms(n, k),
                "tokio_timers_ms" => cases::tokio_timers_ms(n, k),
                "tasks" => cases::anext_tasks(n, k),
                "localpool_tasks" => cases::localpool_tasks(n, k),
                _ => panic!("unknown case {other:?}"),
            }
        }
    }
}
