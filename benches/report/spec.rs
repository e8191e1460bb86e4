//! What the report measures and how the chapter lays it out: every table of
//! `docs/benchmarks.md`, each row naming the measurement it shows.
//!
//! A measurement key is `BIN:CASE` for an instruction count (`gen:anext/plain/inline` runs
//! `target/release/gen anext/plain/inline N` under callgrind; `nightly:` is the
//! `benches/nightly` binary) and `crit:GROUP/ID` for a criterion estimate
//! (`target/criterion/GROUP/ID`).

/// One table of the chapter, and one chart (`docs/benchmarks/ID.svg`).
pub struct Table {
    /// The marker name in `docs/benchmarks.md` and the chart's file name.
    pub id: &'static str,
    /// The chart's title.
    pub title: &'static str,
    pub layout: Layout,
}

pub enum Layout {
    /// Implementations (rows) × scenarios (columns), for the generators. A row's cells are
    /// its key template with `{}` replaced by each column's key part.
    Matrix {
        columns: &'static [(&'static str, &'static str)],
        rows: &'static [MatrixRow],
    },
    /// One scenario per group: anext's figure, then each peer's with the ratio.
    Pairs { groups: &'static [Pair] },
}

pub struct MatrixRow {
    pub label: &'static str,
    pub key: &'static str,
    /// The label of the anext row this peer is compared with; `None` for anext's own rows.
    pub versus: Option<&'static str>,
}

pub struct Pair {
    pub scenario: &'static str,
    pub anext: &'static str,
    pub peers: &'static [(&'static str, &'static str)],
}

impl Table {
    /// Every measurement key the table shows.
    pub fn keys(&self) -> Vec<String> {
        match &self.layout {
            Layout::Matrix { columns, rows } => rows
                .iter()
                .flat_map(|row| columns.iter().map(|(_, part)| row.key.replace("{}", part)))
                .collect(),
            Layout::Pairs { groups } => groups
                .iter()
                .flat_map(|g| std::iter::once(g.anext).chain(g.peers.iter().map(|p| p.1)))
                .map(str::to_owned)
                .collect(),
        }
    }
}

const BODIES: &[(&str, &str)] = &[
    ("plain yield", "plain"),
    ("await ready, yield", "ready"),
    ("await yield-once, yield", "yield_once"),
];

const GEN_SUM: &str = "anext `gen!`";
const UNFOLD: &str = "anext `unfold`";

/// The generator rows for one drain (`{}` is the body; `$suffix` is `/inline` or nothing).
macro_rules! generator_rows {
    ($suffix:literal) => {
        &[
            MatrixRow {
                label: GEN_SUM,
                key: concat!("gen:anext_macro/{}", $suffix),
                versus: None,
            },
            MatrixRow {
                label: "anext `Gen::new` (closure)",
                key: concat!("gen:anext/{}", $suffix),
                versus: None,
            },
            MatrixRow {
                label: UNFOLD,
                key: concat!("gen:anext_unfold/{}", $suffix),
                versus: None,
            },
            MatrixRow {
                label: "nightly `async gen`",
                key: concat!("nightly:async_gen/{}", $suffix),
                versus: Some(GEN_SUM),
            },
            MatrixRow {
                label: "async-stream",
                key: concat!("gen:async_stream/{}", $suffix),
                versus: Some(GEN_SUM),
            },
            MatrixRow {
                label: "genawaiter (stack)",
                key: concat!("gen:genawaiter/{}", $suffix),
                versus: Some(GEN_SUM),
            },
            MatrixRow {
                label: "futures `unfold`",
                key: concat!("gen:unfold/{}", $suffix),
                versus: Some(UNFOLD),
            },
            MatrixRow {
                label: "hand-written `poll_next`",
                key: concat!("gen:hand/{}", $suffix),
                versus: Some(GEN_SUM),
            },
        ]
    };
}

/// Criterion keys of the generator bench (`gen/DRAIN/BODY/IMPLEMENTATION`); no nightly row.
macro_rules! generator_rows_ns {
    ($drain:literal) => {
        &[
            MatrixRow {
                label: GEN_SUM,
                key: concat!("crit:gen/", $drain, "/{}/anext_macro"),
                versus: None,
            },
            MatrixRow {
                label: UNFOLD,
                key: concat!("crit:gen/", $drain, "/{}/anext_unfold"),
                versus: None,
            },
            MatrixRow {
                label: "async-stream",
                key: concat!("crit:gen/", $drain, "/{}/async_stream"),
                versus: Some(GEN_SUM),
            },
            MatrixRow {
                label: "genawaiter (stack)",
                key: concat!("crit:gen/", $drain, "/{}/genawaiter"),
                versus: Some(GEN_SUM),
            },
            MatrixRow {
                label: "futures `unfold`",
                key: concat!("crit:gen/", $drain, "/{}/unfold"),
                versus: Some(UNFOLD),
            },
            MatrixRow {
                label: "hand-written `poll_next`",
                key: concat!("crit:gen/", $drain, "/{}/hand"),
                versus: Some(GEN_SUM),
            },
        ]
    };
}

/// Every table, in chapter order.
pub const TABLES: &[Table] = &[
    Table {
        id: "generators-inline",
        title: "Generators, inlined drain: instructions per item",
        layout: Layout::Matrix {
            columns: BODIES,
            rows: generator_rows!("/inline"),
        },
    },
    Table {
        id: "generators-dyn",
        title: "Generators through dyn AsyncIterator: instructions per item",
        layout: Layout::Matrix {
            columns: BODIES,
            rows: generator_rows!(""),
        },
    },
    Table {
        id: "adapters",
        title: "Adapters and channels: instructions per item",
        layout: Layout::Pairs {
            groups: &[
                Pair {
                    scenario: "map + filter + take, per source item",
                    anext: "adapters:anext_chain",
                    peers: &[("futures", "adapters:futures_chain")],
                },
                Pair {
                    scenario: "buffered(8), ready futures",
                    anext: "adapters:anext_buffered",
                    peers: &[("futures", "adapters:futures_buffered")],
                },
                Pair {
                    scenario: "channel(1) send + receive",
                    anext: "adapters:anext_channel",
                    peers: &[("futures mpsc", "adapters:futures_channel")],
                },
            ],
        },
    },
    Table {
        id: "executor",
        title: "Executor: instructions per operation",
        layout: Layout::Pairs {
            groups: &[
                Pair {
                    scenario: "block_on, ready future",
                    anext: "executor:block_on_ready",
                    peers: &[
                        ("pollster", "executor:pollster_block_on_ready"),
                        ("futures-executor", "executor:futures_block_on_ready"),
                    ],
                },
                Pair {
                    scenario: "block_on, per self-wake",
                    anext: "executor:self_wake",
                    peers: &[
                        ("pollster", "executor:pollster_self_wake"),
                        ("futures-executor", "executor:futures_self_wake"),
                    ],
                },
                Pair {
                    scenario: "spawn + run + join, per task",
                    anext: "executor:spawn_join",
                    peers: &[
                        ("futures LocalPool", "executor:localpool_spawn_join"),
                        ("async-executor", "executor:async_executor_spawn_join"),
                        ("tokio LocalSet", "executor:tokio_localset_spawn_join"),
                    ],
                },
                Pair {
                    scenario: "10,000 self-waking tasks, per task",
                    anext: "executor:tasks_10000",
                    peers: &[("futures LocalPool", "executor:localpool_tasks_10000")],
                },
                Pair {
                    scenario: "ping-pong, per round trip",
                    anext: "pingpong:anext",
                    peers: &[
                        (
                            "tokio LocalSet + futures mpsc",
                            "pingpong:tokio_futures_mpsc",
                        ),
                        ("tokio LocalSet + tokio mpsc", "pingpong:tokio_tokio_mpsc"),
                    ],
                },
                Pair {
                    scenario: "ping-pong channels alone, per round trip",
                    anext: "pingpong:anext_channel_alone",
                    peers: &[("futures mpsc", "pingpong:futures_mpsc_alone")],
                },
                Pair {
                    scenario: "10,000 timers, µs deadlines, per timer",
                    anext: "executor:timers_10000",
                    peers: &[("tokio", "executor:tokio_timers_10000")],
                },
                Pair {
                    scenario: "10,000 timers, whole-ms deadlines, per timer",
                    anext: "executor:timers_ms_10000",
                    peers: &[("tokio", "executor:tokio_timers_ms_10000")],
                },
            ],
        },
    },
    Table {
        id: "wall-generators-inline",
        title: "Generators, inlined drain: ns per item (criterion, noisy)",
        layout: Layout::Matrix {
            columns: BODIES,
            rows: generator_rows_ns!("inline"),
        },
    },
    Table {
        id: "wall-generators-dyn",
        title: "Generators through dyn: ns per item (criterion, noisy)",
        layout: Layout::Matrix {
            columns: BODIES,
            rows: generator_rows_ns!("dyn"),
        },
    },
    Table {
        id: "wall-executor",
        title: "Adapters and executor: ns per operation (criterion, noisy)",
        layout: Layout::Pairs {
            groups: &[
                Pair {
                    scenario: "map + filter + take, per source item",
                    anext: "crit:map_filter_take/anext",
                    peers: &[("futures", "crit:map_filter_take/futures")],
                },
                Pair {
                    scenario: "buffered(8), per item",
                    anext: "crit:buffered/anext",
                    peers: &[("futures", "crit:buffered/futures")],
                },
                Pair {
                    scenario: "channel(1) send + receive",
                    anext: "crit:channel_round_trip/anext",
                    peers: &[("futures mpsc", "crit:channel_round_trip/futures")],
                },
                Pair {
                    scenario: "block_on, ready future",
                    anext: "crit:block_on_ready/anext",
                    peers: &[
                        ("pollster", "crit:block_on_ready/pollster"),
                        ("futures-executor", "crit:block_on_ready/futures-executor"),
                    ],
                },
                Pair {
                    scenario: "block_on, per self-wake",
                    anext: "crit:block_on_self_wake_1000/anext",
                    peers: &[
                        ("pollster", "crit:block_on_self_wake_1000/pollster"),
                        (
                            "futures-executor",
                            "crit:block_on_self_wake_1000/futures-executor",
                        ),
                    ],
                },
                Pair {
                    scenario: "spawn + run + join, per task",
                    anext: "crit:spawn_run_join/anext",
                    peers: &[
                        ("futures LocalPool", "crit:spawn_run_join/futures LocalPool"),
                        ("async-executor", "crit:spawn_run_join/async-executor"),
                        ("tokio LocalSet", "crit:spawn_run_join/tokio LocalSet"),
                    ],
                },
                Pair {
                    scenario: "10,000 self-waking tasks, per task",
                    anext: "crit:tasks_10000/anext",
                    peers: &[("futures LocalPool", "crit:tasks_10000/futures LocalPool")],
                },
                Pair {
                    scenario: "ping-pong, per round trip",
                    anext: "crit:pingpong/anext",
                    peers: &[
                        (
                            "tokio LocalSet + futures mpsc",
                            "crit:pingpong/tokio_futures_mpsc",
                        ),
                        (
                            "tokio LocalSet + tokio mpsc",
                            "crit:pingpong/tokio_tokio_mpsc",
                        ),
                    ],
                },
                Pair {
                    scenario: "10,000 timers, µs deadlines, per timer",
                    anext: "crit:timers_10000/anext",
                    peers: &[("tokio", "crit:timers_10000/tokio")],
                },
                Pair {
                    scenario: "10,000 timers, whole-ms deadlines, per timer",
                    anext: "crit:timers_10000_whole_ms/anext",
                    peers: &[("tokio", "crit:timers_10000_whole_ms/tokio")],
                },
            ],
        },
    },
];
